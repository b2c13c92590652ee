/**
 * How the CMS sends email (Payload's nodemailer adapter, so Payload's own mail uses it too):
 *
 * - SMTP_HOST set: pooled SMTP connections, TLS required (implicit TLS on port 465 or
 *   SMTP_SECURE=true, else STARTTLS with `requireTLS`: a server that does not offer it is refused).
 *   SMTP_ALLOW_PLAIN=true lifts that for the embedded demo only (a local mail catcher).
 * - No SMTP_HOST, embedded default (`npm start`): the outbox, one .eml file per message under
 *   data/outbox/ (mode 600), so the whole flow works offline.
 * - Otherwise: no email transport. Requests for email intakes wait in the queue (and are dropped
 *   after the maximum age) until SMTP is configured; the server says so at start.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { nodemailerAdapter } from '@payloadcms/email-nodemailer'
import nodemailer, { type SentMessageInfo, type Transport, type Transporter } from 'nodemailer'
import type { EmailAdapter } from 'payload'

import { dataDir } from '../lib/paths'

export type MailKind = 'smtp' | 'outbox' | 'none'

export interface MailSetup {
  kind: MailKind
  /** For Payload's `email` option (undefined: Payload's console adapter, which logs no content). */
  adapter?: Promise<EmailAdapter>
  /** One line for the start-up log. */
  describe: string
  outboxDir?: string
  close: () => void
}

type Env = Record<string, string | undefined>

/** The zero-setup default (lib/env.ts isEmbeddedDefault), judged from `env`. */
const isEmbedded = (env: Env) => !env.DATABASE_URI?.trim()

function parseFrom(value: string): { name: string; address: string } {
  const match = /^\s*(?:"?([^"<]*?)"?\s*<([^<>\s]+@[^<>\s]+)>|([^<>\s]+@[^<>\s]+))\s*$/.exec(value)
  if (!match) throw new Error(`SMTP_FROM must be an address or "Name <address>", not "${value}"`)
  return { name: (match[1] ?? '').trim() || 'Clinic network', address: (match[2] ?? match[3])! }
}

/**
 * A nodemailer transport that writes each message to `dir` as an .eml file readable by its owner
 * only. Written here because nodemailer's stream transport hands the message back instead of
 * keeping it, and the demo must keep it where a person can open it.
 */
function outboxTransport(dir: string): Transport<SentMessageInfo & { path: string }> {
  return {
    name: 'clinic-outbox',
    version: '1',
    send(mail, callback) {
      mail.message.build((buildError, raw) => {
        if (buildError) return callback(buildError, undefined as never)
        const stamp = new Date().toISOString().replace(/[:.]/g, '-')
        const file = path.join(dir, `${stamp}-${randomBytes(4).toString('hex')}.eml`)
        try {
          fs.mkdirSync(dir, { recursive: true, mode: 0o700 })
          fs.writeFileSync(file, raw, { mode: 0o600, flag: 'wx' })
          fs.chmodSync(file, 0o600)
          callback(null, {
            envelope: mail.message.getEnvelope(),
            messageId: mail.message.messageId(),
            accepted: [],
            rejected: [],
            pending: [],
            response: 'written to the outbox',
            path: file,
          })
        } catch (error) {
          callback(error as Error, undefined as never)
        }
      })
    },
  }
}

function smtpTransport(env: Env): Transporter {
  const host = env.SMTP_HOST!.trim()
  const port = Number(env.SMTP_PORT?.trim() || 587)
  if (!Number.isInteger(port) || port < 1 || port > 65_535)
    throw new Error(`SMTP_PORT must be a port number, not "${env.SMTP_PORT}"`)
  const secure = env.SMTP_SECURE?.trim() ? env.SMTP_SECURE.trim() === 'true' : port === 465
  const allowPlain = env.SMTP_ALLOW_PLAIN?.trim() === 'true'
  if (allowPlain && !isEmbedded(env))
    throw new Error(
      'SMTP_ALLOW_PLAIN=true is accepted by the embedded demo only (no DATABASE_URI): consultation requests travel over TLS.',
    )
  const caFile = env.SMTP_TLS_CA?.trim()
  const poolSize = Number(env.SMTP_POOL_SIZE?.trim() || 20)
  if (!Number.isInteger(poolSize) || poolSize < 1 || poolSize > 100)
    throw new Error(
      `SMTP_POOL_SIZE must be a whole number from 1 to 100, not "${env.SMTP_POOL_SIZE}"`,
    )
  return nodemailer.createTransport({
    host,
    port,
    secure,
    requireTLS: !secure && !allowPlain,
    ...(env.SMTP_USER?.trim()
      ? { auth: { user: env.SMTP_USER.trim(), pass: env.SMTP_PASSWORD ?? '' } }
      : {}),
    // Messages keep flowing while earlier ones wait for the server: one connection per delivery
    // in flight, each reused for many messages.
    pool: true,
    maxConnections: poolSize,
    maxMessages: 500,
    tls: {
      minVersion: 'TLSv1.2',
      ...(caFile ? { ca: fs.readFileSync(caFile) } : {}),
    },
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    // A message is built from the request's text only: never from files or URLs.
    disableFileAccess: true,
    disableUrlAccess: true,
  })
}

/** A new mail setup from `env` (mailSetup() keeps the process's one). */
export function createMailSetup(env: Env): MailSetup {
  const serverHost = (() => {
    try {
      return new URL(env.SERVER_URL ?? '').hostname || 'localhost'
    } catch {
      return 'localhost'
    }
  })()
  const from = parseFrom(env.SMTP_FROM?.trim() || `Consultation requests <no-reply@${serverHost}>`)
  const adapterFor = (transport: Transporter) =>
    nodemailerAdapter({
      transport,
      defaultFromAddress: from.address,
      defaultFromName: from.name,
      // No connection at start: the server must come up even while the mail server is down.
      skipVerify: true,
    })

  if (env.SMTP_HOST?.trim()) {
    const transport = smtpTransport(env)
    const { host, port, secure } = transport.options as {
      host: string
      port: number
      secure: boolean
    }
    return {
      kind: 'smtp',
      adapter: adapterFor(transport),
      describe: `email over SMTP ${host}:${port} (${secure ? 'TLS' : env.SMTP_ALLOW_PLAIN === 'true' ? 'STARTTLS if offered' : 'STARTTLS required'})`,
      close: () => transport.close(),
    }
  }
  if (isEmbedded(env)) {
    const outboxDir = path.join(
      env.DATA_DIR?.trim() ? path.resolve(env.DATA_DIR) : dataDir,
      'outbox',
    )
    const transport = nodemailer.createTransport(outboxTransport(outboxDir))
    return {
      kind: 'outbox',
      adapter: adapterFor(transport),
      describe: `email is written to ${outboxDir} (one .eml file per message; set SMTP_HOST to send it)`,
      outboxDir,
      close: () => transport.close(),
    }
  }
  return {
    kind: 'none',
    describe:
      'email is NOT set up (SMTP_HOST): requests for email intakes wait in the queue until it is',
    close: () => undefined,
  }
}

let setup: MailSetup | undefined
/** One mail setup per process: the config and the delivery job share its transport. */
export function mailSetup(env: Env = process.env): MailSetup {
  setup ??= createMailSetup(env)
  return setup
}

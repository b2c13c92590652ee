/**
 * A real SMTP server for the tests (the `smtp-server` package): STARTTLS with a certificate made by
 * openssl for `localhost` (the CMS trusts it through SMTP_TLS_CA), or plain SMTP without STARTTLS,
 * optionally slow (a delay before each message is accepted), stoppable and restartable on the same
 * port. Records every accepted message with its headers and decoded text.
 */
import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { SMTPServer } from 'smtp-server'

export interface ReceivedMail {
  from: string
  to: string[]
  /** Lower-case header names; folded lines joined. */
  headers: Record<string, string>
  text: string
  raw: string
  /** Whether the client had upgraded the connection to TLS. */
  secure: boolean
}

/** A self-signed certificate for localhost; returns the PEM file paths. */
export function localhostCertificate(dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-tls-'))) {
  const key = path.join(dir, 'key.pem')
  const cert = path.join(dir, 'cert.pem')
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=DNS:localhost',
      '-keyout',
      key,
      '-out',
      cert,
    ],
    { stdio: 'pipe' },
  )
  return { key, cert, dir }
}

function decodeQuotedPrintable(text: string): string {
  const bytes = text
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/gi, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)))
  return Buffer.from(bytes, 'latin1').toString('utf8')
}

/** Enough of RFC 5322 for the single-part text messages the CMS sends. */
export function parseMail(raw: string): { headers: Record<string, string>; text: string } {
  const split = raw.indexOf('\r\n\r\n')
  const head = raw.slice(0, split).replace(/\r\n[ \t]+/g, ' ')
  const body = raw.slice(split + 4)
  const headers: Record<string, string> = {}
  for (const line of head.split('\r\n')) {
    const colon = line.indexOf(':')
    if (colon > 0) headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim()
  }
  const encoding = (headers['content-transfer-encoding'] ?? '7bit').toLowerCase()
  const text =
    encoding === 'quoted-printable'
      ? decodeQuotedPrintable(body)
      : encoding === 'base64'
        ? Buffer.from(body, 'base64').toString('utf8')
        : body
  return { headers, text: text.replace(/\r\n/g, '\n') }
}

export interface TestSmtp {
  port: number
  messages: ReceivedMail[]
  /** Connections that sent MAIL FROM (a plain server must see none from a CMS that requires TLS). */
  mailCommands: () => number
  stop: () => Promise<void>
  start: () => Promise<void>
}

export async function startSmtp(
  options: { tls?: { key: string; cert: string }; delayMs?: number; port?: number } = {},
): Promise<TestSmtp> {
  const messages: ReceivedMail[] = []
  let mailFroms = 0
  let server: SMTPServer | undefined
  let port = options.port ?? 0

  const create = () =>
    new SMTPServer({
      authOptional: true,
      // A plain server neither offers nor accepts STARTTLS.
      disabledCommands: options.tls ? ['AUTH'] : ['AUTH', 'STARTTLS'],
      logger: false,
      ...(options.tls
        ? { key: fs.readFileSync(options.tls.key), cert: fs.readFileSync(options.tls.cert) }
        : { hideSTARTTLS: true }),
      onMailFrom(_address, _session, callback) {
        mailFroms++
        callback()
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = []
        stream.on('data', (chunk: Buffer) => chunks.push(chunk))
        stream.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8')
          const accept = () => {
            messages.push({
              from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
              to: session.envelope.rcptTo.map((rcpt) => rcpt.address),
              raw,
              secure: session.secure,
              ...parseMail(raw),
            })
            callback()
          }
          if (options.delayMs) setTimeout(accept, options.delayMs)
          else accept()
        })
      },
    })

  const start = async () => {
    server = create()
    await new Promise<void>((resolve, reject) => {
      server!.once('error', reject)
      server!.listen(port, '127.0.0.1', () => resolve())
    })
    port = (server.server.address() as AddressInfo).port
  }
  await start()
  return {
    get port() {
      return port
    },
    messages,
    mailCommands: () => mailFroms,
    start,
    stop: () =>
      new Promise<void>((resolve) => {
        if (!server) return resolve()
        const closing = server
        server = undefined
        closing.close(() => resolve())
      }),
  }
}

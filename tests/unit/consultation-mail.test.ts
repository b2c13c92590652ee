/**
 * How the CMS sends consultation emails (cms/src/consultation/mail.ts), against real SMTP servers:
 * TLS is required outside the embedded demo (a server without STARTTLS gets no message at all),
 * the demo may be allowed a plain local catcher, and without SMTP the demo writes an outbox.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { smtpFailure } from '../../cms/src/consultation/channels/errors.ts'
import { createMailSetup, type MailSetup } from '../../cms/src/consultation/mail.ts'
import { localhostCertificate, startSmtp, type TestSmtp } from '../support/smtp.ts'

const send = async (setup: MailSetup, text = 'hello') => {
  const adapter = (await setup.adapter!)({ payload: {} as Payload })
  return adapter.sendEmail({ to: 'intake@clinic.example', subject: 'Consultation request', text })
}

describe('consultation email transport', () => {
  let plain: TestSmtp
  let secure: TestSmtp
  let ca: string
  const setups: MailSetup[] = []
  const setup = (env: Record<string, string>) => {
    const made = createMailSetup(env)
    setups.push(made)
    return made
  }

  beforeAll(async () => {
    const tls = localhostCertificate()
    ca = tls.cert
    plain = await startSmtp()
    secure = await startSmtp({ tls })
  })
  afterAll(async () => {
    for (const made of setups) made.close()
    await plain?.stop()
    await secure?.stop()
  })

  it('sends over STARTTLS to a server that offers it, verifying its certificate', async () => {
    const made = setup({
      DATABASE_URI: 'file:/tmp/x.db',
      SMTP_HOST: 'localhost',
      SMTP_PORT: String(secure.port),
      SMTP_TLS_CA: ca,
    })
    expect(made.kind).toBe('smtp')
    await send(made, 'over tls')
    expect(secure.messages.at(-1)).toMatchObject({
      secure: true,
      text: expect.stringContaining('over tls'),
    })
  })

  it('refuses a server that offers no TLS: nothing is sent in clear', async () => {
    const made = setup({
      DATABASE_URI: 'file:/tmp/x.db',
      SMTP_HOST: 'localhost',
      SMTP_PORT: String(plain.port),
    })
    const error = await send(made).then(
      () => undefined,
      (e: unknown) => e,
    )
    expect(error).toBeDefined()
    expect(smtpFailure(error).message).toMatch(/does not offer TLS/)
    expect(plain.mailCommands()).toBe(0)
    expect(plain.messages).toEqual([])
  })

  it('refuses a certificate it cannot verify', async () => {
    const made = setup({
      DATABASE_URI: 'file:/tmp/x.db',
      SMTP_HOST: 'localhost',
      SMTP_PORT: String(secure.port),
    })
    await expect(send(made)).rejects.toBeDefined()
  })

  it('accepts SMTP_ALLOW_PLAIN for the embedded demo only', async () => {
    expect(() =>
      createMailSetup({
        DATABASE_URI: 'file:/tmp/x.db',
        SMTP_HOST: 'localhost',
        SMTP_PORT: String(plain.port),
        SMTP_ALLOW_PLAIN: 'true',
      }),
    ).toThrow(/embedded demo only/)
    const made = setup({
      SMTP_HOST: 'localhost',
      SMTP_PORT: String(plain.port),
      SMTP_ALLOW_PLAIN: 'true',
    })
    await send(made, 'to the local catcher')
    expect(plain.messages.at(-1)!.text).toContain('to the local catcher')
  })

  it('writes the embedded demo\u2019s mail to its outbox, one file per message, readable by its owner only', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-outbox-'))
    const made = setup({ DATA_DIR: dataDir })
    expect(made.kind).toBe('outbox')
    const outbox = made.outboxDir!
    const info = (await send(made, 'into the outbox')) as { path: string }
    expect(path.dirname(info.path)).toBe(outbox)
    expect(fs.readFileSync(info.path, 'utf8')).toContain('into the outbox')
    expect(fs.statSync(info.path).mode & 0o777).toBe(0o600)
    expect(fs.readdirSync(outbox).filter((file) => file.endsWith('.eml'))).toHaveLength(1)
  })

  it('has no transport outside the demo without SMTP_HOST (requests wait instead of being logged)', () => {
    expect(createMailSetup({ DATABASE_URI: 'file:/tmp/x.db' }).kind).toBe('none')
  })
})

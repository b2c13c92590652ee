/**
 * Consultation requests end to end on the real server: a visitor's form (served at
 * `<clinic>.localhost` like the local clinic sites) posted to the CMS, delivered through the jobs
 * queue to a real SMTP server (STARTTLS, the CMS trusting a test certificate) and a real HTTP
 * receiver, under faults (mail server down, webhook 500s, a restart with requests pending, a
 * request past its maximum age) and hostile input. Throughout: the database files never hold a
 * readable request, and no answer or log line repeats what was typed.
 */
import { createHmac, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { CONSULTATION_THANKS_PATH, FIELD, LIMITS } from '../../shared/src/consultation.ts'
import { type CmsHandle, dropDatabase, localApi, startCms } from '../support/cms.ts'
import {
  clinicRequest,
  foundInDatabase,
  openForm,
  siteOrigin,
  submitForm,
  tokenIn,
  validFields,
  writeFormPage,
  type Fields,
} from '../support/consultation.ts'
import { startReceiver } from '../support/receiver.ts'
import { localhostCertificate, startSmtp, type TestSmtp } from '../support/smtp.ts'
import { sleep, waitFor } from '../support/wait.ts'

const CLINICS = ['albuquerque', 'temecula', 'waxahachie'] as const
const MIN_FILL_MS = 1000
const IP_LIMIT = 15
const CLINIC_CAP = 12
const ADMIN = { email: 'consult-tests.admin@clinic-test.example', password: 'consult-admin-pass-1' }
const sqlite = !process.env.TEST_MONGODB_URI

const marker = (what: string) => `${what}${randomBytes(5).toString('hex')}`
let nextAddress = 1
/** A client address of its own per visitor (TRUST_PROXY=loopback): the per-address limit is its own test. */
const visitor = () => ({
  'x-forwarded-for': `10.13.${Math.floor(nextAddress / 250)}.${nextAddress++ % 250}`,
})

describe('consultation requests (real server, SMTP with STARTTLS, webhook receiver)', () => {
  let cms: CmsHandle
  let payload: Payload
  let smtp: TestSmtp
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  let sitesDir: string
  let env: Record<string, string>
  const logs: string[] = []
  /** Everything a test typed that must never be found in a log, an answer or the database. */
  const typed: string[] = []
  const clinicId: Record<string, string | number> = {}

  async function restart(extra: Record<string, string> = {}) {
    await cms.stop()
    logs.push(cms.logs())
    cms = await startCms({
      dataDir: cms.dataDir,
      databaseUri: cms.databaseUri,
      env: { ...env, ...extra },
    })
  }

  /** Opens the form, waits the minimum fill time, posts it. */
  async function send(clinic: string, fields: Fields, headers: Record<string, string> = {}) {
    const token = await openForm(cms.url, clinic)
    await sleep(MIN_FILL_MS + 50)
    return submitForm(
      cms.url,
      clinic,
      { ...fields, [FIELD.token]: token },
      { ...visitor(), ...headers },
    )
  }

  const records = async (where: Record<string, unknown> = {}) =>
    (
      await payload.find({
        collection: 'consultation-deliveries',
        where: where as never,
        pagination: false,
        depth: 0,
        sort: 'createdAt',
        overrideAccess: true,
      })
    ).docs
  const jobs = async () =>
    (
      await payload.find({
        collection: 'payload-jobs',
        where: { queue: { equals: 'consultation' } },
        pagination: false,
        depth: 0,
        overrideAccess: true,
      })
    ).docs
  const stored = async () => ({ records: (await records()).length, jobs: (await jobs()).length })

  beforeAll(async () => {
    const tls = localhostCertificate()
    smtp = await startSmtp({ tls })
    receiver = await startReceiver()
    sitesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-consult-sites-'))
    for (const slug of CLINICS) writeFormPage(sitesDir, slug)
    env = {
      SITES_DIR: sitesDir,
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SMTP_HOST: 'localhost',
      SMTP_PORT: String(smtp.port),
      SMTP_TLS_CA: tls.cert,
      SMTP_FROM: 'Clearwater requests <no-reply@clinic-test.example>',
      TRUST_PROXY: 'loopback',
      CONSULTATION_MIN_FILL_SECONDS: String(MIN_FILL_MS / 1000),
      CONSULTATION_IP_LIMIT: String(IP_LIMIT),
      CONSULTATION_CLINIC_HOURLY_CAP: String(CLINIC_CAP),
      CONSULTATION_RETRY_BASE_SECONDS: '0.2',
      CONSULTATION_RETRY_MAX_MINUTES: '0.02',
      CONSULTATION_POLL_MS: '200',
    }
    cms = await startCms({ seed: true, env })
    payload = await localApi(cms)
    for (const slug of CLINICS) {
      const { docs } = await payload.find({
        collection: 'clinics',
        where: { slug: { equals: slug } },
        overrideAccess: true,
      })
      clinicId[slug] = docs[0]!.id
    }
    // Temecula takes requests through its practice system's webhook only.
    const { docs: intakes } = await payload.find({
      collection: 'consultation-intakes',
      where: { clinic: { equals: clinicId.temecula } },
      overrideAccess: true,
    })
    await payload.update({
      collection: 'consultation-intakes',
      id: intakes[0]!.id,
      data: { email: null, webhookUrl: receiver.url },
      overrideAccess: true,
    })
  })

  afterAll(async () => {
    if (cms) {
      logs.push(cms.logs())
      await cms.stop()
    }
    if (payload) {
      await dropDatabase(payload)
      await payload.destroy()
    }
    await smtp?.stop()
    await receiver?.close()
  })

  it("serves each clinic's form page with a fresh signed token and the sites' security headers", async () => {
    const page = await clinicRequest(cms.url, 'albuquerque')
    expect(page.status).toBe(200)
    expect(tokenIn(page.body)).toMatch(/^\d{13}\.[A-Za-z0-9_-]{43}$/)
    expect(page.headers['content-security-policy']).toContain(
      `form-action ${siteOrigin(cms.url, 'albuquerque')}/consultation/`,
    )
    expect(page.headers['content-security-policy']).toContain("script-src 'self';")
    expect(page.headers['cache-control']).toBe('private, no-cache')
    // Another clinic's host: its own page, its own token.
    const other = await clinicRequest(cms.url, 'temecula')
    expect(tokenIn(other.body)).not.toBe(tokenIn(page.body))
    // A host that is no clinic's is not answered as a form.
    expect((await clinicRequest(cms.url, 'nowhere')).status).toBe(404)
  })

  it('keeps only ciphertext while the mail server is down, delivers over STARTTLS once it is back, then keeps nothing', async () => {
    const m = {
      name: `Casey ${marker('nm')}`,
      email: `${marker('em')}@example.com`,
      phone: `+1 313 ${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}`,
      message: `Mornings suit me ${marker('msg')} best`,
    }
    typed.push(m.name, m.email, m.phone, m.message)
    await smtp.stop()

    const answer = await send(
      'albuquerque',
      validFields('albuquerque', {
        [FIELD.name]: m.name,
        [FIELD.email]: m.email,
        [FIELD.phone]: m.phone,
        [FIELD.message]: m.message,
      }),
    )
    expect(answer.status).toBe(303)
    expect(answer.headers.location).toBe(CONSULTATION_THANKS_PATH)

    const [record] = await records({ clinic: { equals: clinicId.albuquerque } })
    expect(record).toMatchObject({ channel: 'email' })
    const [job] = await jobs()
    expect(String((job!.input as { sealed: string }).sealed)).toMatch(/^v1\.[A-Za-z0-9_-]+$/)
    expect(JSON.stringify(job)).not.toContain(m.name.split(' ')[1])

    // Attempts fail and are retried; the record says why, and nothing of the request.
    const failing = await waitFor(
      'two failed attempts',
      async () => {
        const [now] = await records({ id: { equals: record!.id } })
        return now!.status === 'retrying' && (now!.attempts ?? 0) >= 2 && now
      },
      30_000,
    )
    expect(failing.lastError).toMatch(
      /^email: (cannot connect to|the connection to) the mail server/,
    )
    if (sqlite) expect(foundInDatabase(cms.databaseUri, typed)).toEqual([])

    await smtp.start()
    const mail = await waitFor(
      'the email',
      async () => smtp.messages.find((message) => message.text.includes(m.message)),
      30_000,
    )
    expect(mail.secure).toBe(true)
    expect(mail.to).toEqual(['requests@albuquerque.clearwater-infusion.example'])
    expect(mail.headers.subject).toBe('Consultation request for Clearwater Infusion Albuquerque')
    expect(mail.headers['reply-to']).toContain(m.email)
    expect(mail.headers['x-consultation-id']).toBe(record!.request)
    expect(mail.headers['message-id']).toContain(record!.request)
    for (const value of [m.name, m.phone, m.email, m.message, 'Phone call', 'Morning'])
      expect(mail.text).toContain(value)
    expect(mail.text).toContain(`${siteOrigin(cms.url, 'albuquerque')}/privacy/`)

    const delivered = await waitFor('the delivered record', async () => {
      const [now] = await records({ id: { equals: record!.id } })
      return now!.status === 'delivered' && now
    })
    expect(delivered.lastError ?? null).toBeNull()
    expect(delivered.deliveredAt).toBeTruthy()
    await waitFor('the job to be deleted', async () => (await jobs()).length === 0)
    if (sqlite) expect(foundInDatabase(cms.databaseUri, typed)).toEqual([])
  })

  it('delivers to a signed webhook, retrying while the receiver answers 500', async () => {
    let calls = 0
    receiver.answerWith(() => (++calls <= 2 ? 500 : 204))
    const name = `Robin ${marker('wh')}`
    typed.push(name)
    const answer = await send('temecula', validFields('temecula', { [FIELD.name]: name }))
    expect(answer.status).toBe(303)

    const [record] = await records({ clinic: { equals: clinicId.temecula } })
    expect(record!.channel).toBe('webhook')
    const done = await waitFor(
      'delivery to the webhook',
      async () => {
        const [now] = await records({ id: { equals: record!.id } })
        return now!.status === 'delivered' && now
      },
      30_000,
    )
    expect(done.attempts).toBe(3)
    expect(receiver.requests).toHaveLength(3)

    const [intake] = (
      await payload.find({
        collection: 'consultation-intakes',
        where: { clinic: { equals: clinicId.temecula } },
        overrideAccess: true,
      })
    ).docs
    for (const request of receiver.requests) {
      expect(request.method).toBe('POST')
      expect(request.headers['content-type']).toBe('application/json')
      expect(request.headers['x-consultation-id']).toBe(record!.request)
      const timestamp = String(request.headers['x-consultation-timestamp'])
      expect(Math.abs(Number(timestamp) - Date.now() / 1000)).toBeLessThan(60)
      const expected = createHmac('sha256', intake!.webhookSecret!)
        .update(`${timestamp}.${request.body}`)
        .digest('hex')
      expect(request.headers['x-consultation-signature']).toBe(`sha256=${expected}`)
    }
    const body = JSON.parse(receiver.requests[2]!.body)
    expect(body).toMatchObject({
      type: 'consultation.request',
      id: record!.request,
      clinic: { slug: 'temecula', name: 'Clearwater Infusion Temecula' },
      contact: {
        name,
        phone: '(505) 555-0188',
        email: 'jordan@example.com',
        preferredMethod: 'phone',
        preferredTime: 'morning',
      },
      message: 'Is there parking near the clinic?',
      consent: { agreed: true, notice: `${siteOrigin(cms.url, 'temecula')}/privacy/` },
    })
  })

  it('sends a request to the location the visitor chose, from any clinic site of the network', async () => {
    const before = smtp.messages.length
    const answer = await send('albuquerque', validFields('waxahachie'))
    expect(answer.status).toBe(303)
    const mail = await waitFor('the email', async () => smtp.messages[before])
    expect(mail.to).toEqual(['requests@waxahachie.clearwater-infusion.example'])
    expect((await records({ clinic: { equals: clinicId.waxahachie } })).length).toBe(1)
  })

  describe('hostile input is refused with a page that repeats nothing, and nothing is stored', () => {
    const long = marker('long')
    const cases: {
      name: string
      fields: (token: string) => Fields | string
      status: number
      says: RegExp
      headers?: Record<string, string>
      contentType?: string
    }[] = [
      {
        name: 'an oversized message',
        fields: () =>
          validFields('albuquerque', { [FIELD.message]: `${long} ${'x'.repeat(LIMITS.message)}` }),
        status: 400,
        says: /Shorten your message to 500 characters/,
      },
      {
        name: 'a body over the size limit',
        fields: () =>
          validFields('albuquerque', { [FIELD.message]: `${long} ${'x'.repeat(20_000)}` }),
        status: 413,
        says: /longer than the form allows/,
      },
      {
        name: 'CR/LF in the name (header injection)',
        fields: () =>
          validFields('albuquerque', { [FIELD.name]: `Ann ${long}\r\nBcc: victim@example.com` }),
        status: 400,
        says: /Enter your name on one line/,
      },
      {
        name: 'CR/LF in the email address',
        fields: () =>
          validFields('albuquerque', {
            [FIELD.email]: `${long}@example.com\r\nBcc: victim@example.com`,
          }),
        status: 400,
        says: /Enter your email address on one line/,
      },
      {
        name: 'HTML in the message',
        fields: () =>
          validFields('albuquerque', { [FIELD.message]: `<script>alert("${long}")</script>` }),
        status: 400,
        says: /Remove the HTML markup/,
      },
      {
        name: 'a web link in the message',
        fields: () =>
          validFields('albuquerque', { [FIELD.message]: `cheap pills at https://${long}.example` }),
        status: 400,
        says: /Remove web links/,
      },
      {
        name: 'a missing clinic location',
        fields: () =>
          validFields('albuquerque', { [FIELD.location]: undefined, [FIELD.name]: long }),
        status: 400,
        says: /Choose one of our clinic locations/,
      },
      {
        name: 'a clinic that is not in the network',
        fields: () => validFields(`elsewhere-${long}`),
        status: 400,
        says: /Choose one of our clinic locations/,
      },
      {
        name: 'a field sent twice',
        fields: () => validFields('albuquerque', { [FIELD.name]: ['Ann', long] }),
        status: 400,
        says: /sent more than once/,
      },
      {
        name: 'neither a phone number nor an email address',
        fields: () =>
          validFields('albuquerque', { [FIELD.phone]: '', [FIELD.email]: '', [FIELD.name]: long }),
        status: 400,
        says: /Enter a phone number or an email address/,
      },
      {
        name: 'no consent',
        fields: () =>
          validFields('albuquerque', { [FIELD.consent]: undefined, [FIELD.name]: long }),
        status: 400,
        says: /Tick the box/,
      },
      {
        name: 'a form posted from another origin',
        fields: () => validFields('albuquerque', { [FIELD.name]: long }),
        headers: { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        status: 403,
        says: /only from the form on this page/,
      },
      {
        name: "a form posted from another clinic's site",
        fields: () => validFields('albuquerque', { [FIELD.name]: long }),
        headers: { origin: 'http://temecula.localhost', 'sec-fetch-site': 'same-site' },
        status: 403,
        says: /only from the form on this page/,
      },
      {
        name: 'a form posted with neither Origin nor Referer',
        fields: () => validFields('albuquerque', { [FIELD.name]: long }),
        headers: { origin: '', 'sec-fetch-site': '' },
        status: 403,
        says: /only from the form on this page/,
      },
      {
        name: 'JSON instead of a form',
        fields: () => JSON.stringify({ name: long }),
        contentType: 'application/json',
        status: 415,
        says: /use the form on this page/,
      },
      {
        name: 'a forged form token',
        fields: () => ({
          ...validFields('albuquerque', { [FIELD.name]: long }),
          [FIELD.token]: `${Date.now() - 60_000}.${'A'.repeat(43)}`,
        }),
        status: 400,
        says: /could not be checked/,
      },
      {
        name: "another clinic's form token",
        fields: () => validFields('albuquerque', { [FIELD.name]: long }),
        status: 400,
        says: /could not be checked/,
      },
    ]

    let albuquerqueToken = ''
    let temeculaToken = ''
    beforeAll(async () => {
      albuquerqueToken = await openForm(cms.url, 'albuquerque')
      temeculaToken = await openForm(cms.url, 'temecula')
      await sleep(MIN_FILL_MS + 50)
      typed.push(long)
    })

    it.each(cases)(
      '$name: $status',
      async ({ name, fields, status, says, headers, contentType }) => {
        const before = await stored()
        const given = fields(albuquerqueToken)
        const token = name.startsWith("another clinic's") ? temeculaToken : albuquerqueToken
        const body =
          typeof given === 'string'
            ? given
            : new URLSearchParams(
                Object.entries({ [FIELD.token]: token, ...given }).flatMap(([key, value]) =>
                  value === undefined
                    ? []
                    : (Array.isArray(value) ? value : [value]).map((v) => [key, v]),
                ),
              ).toString()
        // A header named with an empty value is left out (a request without Origin).
        const sent: Record<string, string> = {
          'content-type': contentType ?? 'application/x-www-form-urlencoded',
          origin: siteOrigin(cms.url, 'albuquerque'),
          'sec-fetch-site': 'same-origin',
          ...visitor(),
          ...headers,
        }
        for (const [key, value] of Object.entries(sent)) if (value === '') delete sent[key]
        const answer = await clinicRequest(cms.url, 'albuquerque', {
          method: 'POST',
          headers: sent,
          body,
        })
        expect(answer.status, answer.body.slice(0, 300)).toBe(status)
        expect(answer.body).toMatch(says)
        expect(answer.body).toContain('Your request was not sent')
        expect(answer.body).not.toContain(long)
        expect(answer.headers['cache-control']).toBe('no-store')
        expect(await stored()).toEqual(before)
      },
    )

    it('refuses a form sent sooner than the minimum fill time', async () => {
      const before = await stored()
      const token = await openForm(cms.url, 'albuquerque')
      const answer = await submitForm(
        cms.url,
        'albuquerque',
        { ...validFields('albuquerque'), [FIELD.token]: token },
        visitor(),
      )
      expect(answer.status).toBe(400)
      expect(answer.body).toMatch(/a moment too quickly/)
      // The refusal carries a fresh token: the visitor can send the form from it.
      expect(tokenIn(answer.body)).not.toBe(token)
      expect(await stored()).toEqual(before)
    })

    it('answers a filled-in honeypot as if accepted, and sends nothing', async () => {
      const before = await stored()
      const answer = await send(
        'albuquerque',
        validFields('albuquerque', { [FIELD.honeypot]: 'http://spam.example' }),
      )
      expect(answer.status).toBe(303)
      expect(answer.headers.location).toBe(CONSULTATION_THANKS_PATH)
      expect(await stored()).toEqual(before)
    })

    it('answers other methods with 405', async () => {
      const answer = await clinicRequest(cms.url, 'albuquerque', { method: 'PUT', body: 'x' })
      expect(answer.status).toBe(405)
    })
  })

  it('refuses a flood from one address past the per-address limit, and past the clinic hourly cap', async () => {
    const flooder = { 'x-forwarded-for': '10.99.0.1' }
    const token = await openForm(cms.url, 'albuquerque')
    await sleep(MIN_FILL_MS + 50)
    const before = await stored()
    const statuses: number[] = []
    for (let i = 0; i <= IP_LIMIT; i++) {
      const answer = await submitForm(
        cms.url,
        'albuquerque',
        { ...validFields('albuquerque', { [FIELD.consent]: undefined }), [FIELD.token]: token },
        flooder,
      )
      statuses.push(answer.status)
    }
    expect(statuses.slice(0, IP_LIMIT)).toEqual(Array(IP_LIMIT).fill(400))
    expect(statuses[IP_LIMIT]).toBe(429)
    expect(await stored()).toEqual(before)

    // Accepted requests per clinic per hour, counted by this server since it started (Albuquerque
    // has some already, from the tests above).
    const already = (await records({ clinic: { equals: clinicId.albuquerque } })).length
    const accepted: number[] = []
    for (let i = already; i < CLINIC_CAP + 2; i++) {
      const answer = await submitForm(
        cms.url,
        'albuquerque',
        { ...validFields('albuquerque'), [FIELD.token]: token },
        visitor(),
      )
      accepted.push(answer.status)
    }
    expect(accepted.filter((status) => status === 303).length).toBe(CLINIC_CAP - already)
    expect(accepted.slice(-2)).toEqual([429, 429])
    expect((await records({ clinic: { equals: clinicId.albuquerque } })).length).toBe(CLINIC_CAP)
  })

  it('delivers the requests that were pending when the server restarted, each exactly once', async () => {
    await smtp.stop()
    const ids: string[] = []
    for (let i = 0; i < 5; i++) {
      const answer = await send(
        'waxahachie',
        validFields('waxahachie', { [FIELD.message]: `Restart request ${i}` }),
      )
      expect(answer.status).toBe(303)
    }
    const waiting = await records({
      and: [{ clinic: { equals: clinicId.waxahachie } }, { status: { not_equals: 'delivered' } }],
    })
    for (const record of waiting) ids.push(record.request)
    expect(ids).toHaveLength(5)
    await restart()
    await smtp.start()
    await waitFor(
      'the five emails',
      async () =>
        ids.every((id) =>
          smtp.messages.some((message) => message.headers['x-consultation-id'] === id),
        ),
      60_000,
    )
    await sleep(2000)
    for (const id of ids)
      expect(
        smtp.messages.filter((message) => message.headers['x-consultation-id'] === id),
      ).toHaveLength(1)
    expect((await records({ request: { in: ids } })).map((record) => record.status)).toEqual(
      Array(5).fill('delivered'),
    )
  })

  it('shows delivery counts, never content, to staff in the admin and refuses the records to anonymous readers', async () => {
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    const { token } = (await login.json()) as { token: string }
    const dashboard = await fetch(`${cms.url}/admin`, {
      headers: { cookie: `payload-token=${token}` },
    })
    const html = await dashboard.text()
    expect(html).toContain('Consultation requests (last 7 days)')
    expect(html).toMatch(/data-consultation-clinic="temecula"[^]*?data-count="delivered"[^>]*>1</)
    expect(html).toContain('data-intake="webhook"')
    const list = await fetch(`${cms.url}/api/consultation-deliveries?limit=100`, {
      headers: { authorization: `JWT ${token}` },
    })
    expect(list.status).toBe(200)
    const text = await list.text()
    for (const value of typed) expect(text).not.toContain(value)
    expect((await fetch(`${cms.url}/api/consultation-deliveries`)).status).toBe(403)
    expect((await fetch(`${cms.url}/api/consultation-intakes`)).status).toBe(403)
    // Clinics are public; their intakes never show in them.
    const clinics = await (await fetch(`${cms.url}/api/clinics?depth=2&limit=10`)).text()
    expect(clinics).not.toContain('requests@')
    expect(clinics).not.toContain(receiver.url)
  })

  it('drops a request older than the maximum age with an alert line, and removes it', async () => {
    await smtp.stop()
    await restart({ CONSULTATION_MAX_AGE_HOURS: String(4 / 3600) })
    const name = `Sam ${marker('old')}`
    typed.push(name)
    const answer = await send('waxahachie', validFields('waxahachie', { [FIELD.name]: name }))
    expect(answer.status).toBe(303)
    const [record] = await records({ status: { equals: 'queued' } }).then(async (queued) =>
      queued.length ? queued : records({ status: { equals: 'retrying' } }),
    )
    const dropped = await waitFor(
      'the dropped record',
      async () => {
        const [now] = await records({ id: { equals: record!.id } })
        return now!.status === 'dropped' && now
      },
      30_000,
    )
    expect(dropped.lastError).toBe('not delivered within 4 s')
    await waitFor('the job to be deleted', async () => (await jobs()).length === 0)
    expect(cms.logs()).toMatch(
      new RegExp(
        `\\[consultation\\] ALERT: the consultation request ${record!.request} for clinic "waxahachie" was DROPPED`,
      ),
    )
    await smtp.start()
  })

  it('never wrote anything the visitors typed into a log line or the database', async () => {
    const all = [...logs, cms.logs()].join('\n')
    expect(typed.length).toBeGreaterThan(5)
    for (const value of typed) expect(all).not.toContain(value)
    if (sqlite) expect(foundInDatabase(cms.databaseUri, typed)).toEqual([])
  })
})

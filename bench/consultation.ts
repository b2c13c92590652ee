/**
 * `npm run bench:consultation`: consultation requests under load, delivered to a slow mail server.
 *
 *  1. Builds the CMS if its inputs changed; starts it in production mode on a fresh SQLite database
 *     with the demo network (3 clinics, each with an email intake) and SMTP pointed at a real SMTP
 *     server in this process (STARTTLS with a throwaway certificate, BENCH_SMTP_DELAY_MS = 200 ms
 *     before it accepts each message). The form pages are small stand-ins (tests/support); the
 *     endpoint under test is the CMS's.
 *  2. For BENCH_SECONDS (60) starts BENCH_RATE (50) visitors a second, spread over the three clinics:
 *     each opens the form (GET, for its token), fills it in for the default minimum fill time (3 s)
 *     and posts it (POST); open loop: a slow answer does not slow the arrivals.
 *  3. Waits (up to BENCH_DRAIN_SECONDS, 120) until every accepted request arrived at the SMTP server,
 *     then prints: accepted, delivered, lost (must be 0), duplicated (must be 0), p50/p99 from the
 *     POST to the message's acceptance by the mail server, and the POST's p50/p99 answer time
 *     (target p99 <= 100 ms). The per-address and per-clinic limits are raised through the env
 *     (one bench process stands for thousands of visitors); every other setting is the default.
 *
 * Env: BENCH_RATE, BENCH_SECONDS, BENCH_SMTP_DELAY_MS, BENCH_DRAIN_SECONDS, BENCH_KEEP=1.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { FIELD } from '../shared/src/consultation.ts'
import {
  clinicRequest,
  formBody,
  tokenIn,
  validFields,
  writeFormPage,
} from '../tests/support/consultation.ts'
import { localhostCertificate, startSmtp, type TestSmtp } from '../tests/support/smtp.ts'
import { envFlag as flag, envNumber as num, loadavg, sleep } from './lib/env.ts'
import { runBench } from './lib/run.ts'
import { buildCms, cpuTicksOf, type ServerHandle, startWithBuild } from './lib/server.ts'

const RATE = Math.max(1, num('BENCH_RATE', 50))
const SECONDS = Math.max(1, num('BENCH_SECONDS', 60))
const SMTP_DELAY_MS = num('BENCH_SMTP_DELAY_MS', 200)
const DRAIN_SECONDS = num('BENCH_DRAIN_SECONDS', 120)
const KEEP = flag('BENCH_KEEP', false)
const MIN_FILL_MS = 3_000
const CLINICS = ['albuquerque', 'temecula', 'waxahachie']

const log = (line: string) => console.log(line)
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-consult-'))
let server: ServerHandle | undefined
let smtp: TestSmtp | undefined

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}
const ms = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : 'n/a')

interface Visit {
  id: string
  clinic: string
  /** When the POST was sent (performance.now()). */
  postedAt?: number
  answerMs?: number
  status?: number
}

async function main(): Promise<number> {
  await buildCms(log)
  fs.mkdirSync(path.join(work, 'tls'), { recursive: true })
  const tls = localhostCertificate(path.join(work, 'tls'))
  const arrivals = new Map<string, number[]>()
  smtp = await startSmtp({ tls, delayMs: SMTP_DELAY_MS })
  const sitesDir = path.join(work, 'sites')
  for (const clinic of CLINICS) writeFormPage(sitesDir, clinic)

  log(
    `[bench] starting the CMS (SMTP server on port ${smtp.port}, ${SMTP_DELAY_MS} ms per message)...`,
  )
  server = await startWithBuild(
    {
      env: {
        DATA_DIR: path.join(work, 'data'),
        DATABASE_URI: `file:${path.join(work, 'data', 'bench.db')}`,
        PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        SEED_DEMO: 'true',
        SITES_DIR: sitesDir,
        SITES_PUBLISH: 'off',
        SMTP_HOST: 'localhost',
        SMTP_PORT: String(smtp.port),
        SMTP_TLS_CA: tls.cert,
        // One process stands for every visitor: the abuse limits would refuse it, not the load.
        CONSULTATION_IP_LIMIT: '1000000',
        CONSULTATION_CLINIC_HOURLY_CAP: '1000000',
        AUDIT_LOG: 'off',
      },
    },
    log,
  )
  const cmsUrl = server.url
  log(`[bench] CMS at ${cmsUrl}; load average ${loadavg()}`)

  // Mail server arrivals by the visit id carried in the message.
  const seen = () => {
    for (const message of smtp!.messages.splice(0)) {
      const id = /bench-visit-([0-9a-f]+)/.exec(message.text)?.[1]
      if (!id) continue
      const list = arrivals.get(id) ?? []
      list.push(performance.now())
      arrivals.set(id, list)
    }
  }
  const collector = setInterval(seen, 20)

  const visits: Visit[] = []
  const pending: Promise<void>[] = []
  const cpuBefore = cpuTicksOf(server.pid)
  const started = performance.now()
  const total = RATE * SECONDS
  log(
    `[bench] ${total} visitors over ${SECONDS} s (${RATE}/s), each posting ${MIN_FILL_MS / 1000} s after opening the form...`,
  )
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE
    const wait = due - performance.now()
    if (wait > 0) await sleep(wait)
    const visit: Visit = {
      id: randomBytes(6).toString('hex'),
      clinic: CLINICS[i % CLINICS.length]!,
    }
    visits.push(visit)
    pending.push(
      (async () => {
        const page = await clinicRequest(cmsUrl, visit.clinic)
        const token = tokenIn(page.body)
        // A visitor starts filling in the form once it has loaded.
        await sleep(MIN_FILL_MS + 50)
        const fields = validFields(visit.clinic, {
          [FIELD.message]: `Please call me back. bench-visit-${visit.id}`,
          [FIELD.token]: token,
        })
        visit.postedAt = performance.now()
        const answer = await clinicRequest(cmsUrl, visit.clinic, {
          method: 'POST',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: `http://${visit.clinic}.localhost:${new URL(cmsUrl).port}`,
            'sec-fetch-site': 'same-origin',
          },
          body: formBody(fields),
        })
        visit.answerMs = performance.now() - visit.postedAt
        visit.status = answer.status
      })().catch((error: Error) => {
        visit.status = -1
        log(`[bench] visitor ${visit.id}: ${error.message}`)
      }),
    )
    if (i % (RATE * 10) === 0 && i > 0)
      log(`[bench]   ${i} visitors started; ${arrivals.size} delivered so far; load ${loadavg()}`)
  }
  await Promise.all(pending)
  const submitSeconds = (performance.now() - started) / 1000
  const accepted = visits.filter((visit) => visit.status === 303)
  log(
    `[bench] all posted in ${submitSeconds.toFixed(1)} s; waiting for delivery (up to ${DRAIN_SECONDS} s)...`,
  )
  const drainDeadline = performance.now() + DRAIN_SECONDS * 1000
  while (performance.now() < drainDeadline && accepted.some((visit) => !arrivals.has(visit.id))) {
    await sleep(250)
    seen()
  }
  // Late duplicates would show up now.
  await sleep(3_000)
  seen()
  clearInterval(collector)
  const cpuSeconds = (cpuTicksOf(server.pid) - cpuBefore) / 100

  const delivered = accepted.filter((visit) => arrivals.has(visit.id))
  const duplicated = [...arrivals.values()].filter((list) => list.length > 1).length
  const unknown = [...arrivals.keys()].filter((id) => !visits.some((visit) => visit.id === id))
  const toDelivered = delivered.map((visit) => arrivals.get(visit.id)![0]! - visit.postedAt!)
  const answers = visits.flatMap((visit) => (visit.answerMs === undefined ? [] : [visit.answerMs]))
  const refused = visits.filter((visit) => visit.status !== 303)
  const lost = accepted.length - delivered.length

  log('')
  log(
    `[bench] consultation requests: ${RATE}/s for ${SECONDS} s to ${CLINICS.length} clinics, SMTP ${SMTP_DELAY_MS} ms per message`,
  )
  log(`[bench]   posted                 ${visits.length}`)
  log(
    `[bench]   accepted (303)         ${accepted.length}${refused.length ? ` (not accepted: ${refused.length}, statuses ${[...new Set(refused.map((v) => v.status))].join(', ')})` : ''}`,
  )
  log(`[bench]   delivered              ${delivered.length}`)
  log(`[bench]   lost                   ${lost}   (target 0)`)
  log(
    `[bench]   duplicated             ${duplicated}   (target 0)${unknown.length ? `; ${unknown.length} unknown` : ''}`,
  )
  log(
    `[bench]   submit -> delivered    p50 ${ms(percentile(toDelivered, 50))}, p99 ${ms(percentile(toDelivered, 99))}, max ${ms(Math.max(...toDelivered))}`,
  )
  log(
    `[bench]   POST answer time       p50 ${ms(percentile(answers, 50))}, p99 ${ms(percentile(answers, 99))} (target p99 <= 100 ms)`,
  )
  log(
    `[bench]   CMS CPU                ${cpuSeconds.toFixed(1)} s over the run; load average now ${loadavg()}`,
  )
  const ok = lost === 0 && duplicated === 0 && refused.length === 0
  log(`[bench] ${ok ? 'no request lost or sent twice' : 'REQUESTS LOST, REFUSED OR SENT TWICE'}`)
  return ok ? 0 : 1
}

await runBench(
  main,
  async () => {
    await server?.stop().catch(() => undefined)
    await smtp?.stop().catch(() => undefined)
    if (KEEP) log(`[bench] kept ${work}`)
    else fs.rmSync(work, { recursive: true, force: true })
  },
  log,
)

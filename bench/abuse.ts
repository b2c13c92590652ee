/**
 * `npm run bench:abuse`: what hostile anonymous requests do to everyone else.
 *
 *  1. Builds the CMS if needed; in a temp data dir, migrates and seeds the demo network plus
 *     BENCH_ARTICLES published ~1,500-word articles (bench/lib/seeded-articles.ts).
 *  2. Starts the production server and measures, with no hostile traffic, the latency of
 *     `/healthz` and of a published article lookup by slug (rotating slugs, past the API
 *     micro-cache), one connection each, for BENCH_DURATION seconds.
 *  3. For each hostile request of issue 10, loops it on BENCH_HOSTILE_CONNECTIONS connections for
 *     BENCH_DURATION seconds while measuring the same two probes.
 *  4. Prints the probes' p99 beside the quiet run's and the targets (/healthz <= 100 ms, lookup
 *     <= 150 ms), and what the server answered the hostile requests. Exits 0 whether or not the
 *     targets are met; non-zero only when the run failed (server crash, setup failure).
 *
 * The hostile loops run in a child process of their own, so that building and sending them never
 * delays the probes' own measurements.
 *
 * Env: BENCH_DURATION (20), BENCH_HOSTILE_CONNECTIONS (4), BENCH_ARTICLES (500),
 * BENCH_ONLY (comma-separated hostile names), BENCH_KEEP=1 (keep the temp data dir).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { envNumber, loadavg } from './lib/env.ts'
import { runBench } from './lib/run.ts'
import { seedArticles } from './lib/seeded-articles.ts'
import { buildCms, type ServerHandle, startWithBuild } from './lib/server.ts'

const DURATION = envNumber('BENCH_DURATION', 20)
const HOSTILE_CONNECTIONS = envNumber('BENCH_HOSTILE_CONNECTIONS', 4)
const ARTICLES = envNumber('BENCH_ARTICLES', 500)
const ONLY = (process.env.BENCH_ONLY ?? '').split(',').filter(Boolean)
const KEEP = process.env.BENCH_KEEP === '1'
const TARGET = { healthzP99: 100, lookupP99: 150 }

const log = (line: string) => console.log(line)

interface Hostile {
  name: string
  what: string
  send: (url: string) => Promise<number>
}

/** One request with fetch; resolves with the status (0 for a network error). */
async function fetchStatus(url: string, init?: RequestInit): Promise<number> {
  try {
    const res = await fetch(url, { ...init, signal: AbortSignal.timeout(60_000) })
    await res.arrayBuffer()
    return res.status
  } catch {
    return 0
  }
}

/** A body of `bytes` sent chunked (no Content-Length); resolves with the status once answered. */
function chunkedStatus(url: string, headers: Record<string, string>, bytes: number) {
  return new Promise<number>((resolve) => {
    const req = http.request(url, {
      method: 'POST',
      headers: { ...headers, 'transfer-encoding': 'chunked' },
    })
    const chunk = Buffer.alloc(64 * 1024, 'a')
    let sent = 0
    let answered = false
    req.on('response', (res) => {
      answered = true
      res.resume()
      res.on('end', () => {
        resolve(res.statusCode ?? 0)
        req.destroy()
      })
    })
    req.on('error', () => {
      if (!answered) resolve(0)
    })
    const pump = () => {
      while (!answered && sent < bytes) {
        sent += chunk.length
        if (!req.write(chunk)) return void req.once('drain', pump)
      }
      if (!answered) req.end()
    }
    req.write('where[title][like]=')
    pump()
  })
}

const gql = (url: string, query: string) =>
  fetchStatus(`${url}/api/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query }),
  })

function hostiles(firstArticleId: number): Hostile[] {
  const override = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-payload-http-method-override': 'GET',
  }
  let deep = '{ title: { like: "a" } }'
  for (let i = 0; i < 2000; i++) deep = `{ AND: [${deep}] }`
  const words = Array.from({ length: 1100 }, (_, i) => `w${i}`).join('+')
  const nested =
    '{ Providers { docs { clinics { careTeam { docs { clinics { careTeam { docs { clinics { name } } } } } } } } } }'
  const aliases = (n: number) =>
    `{ ${Array.from({ length: n }, (_, i) => `a${i}: Article(id: ${firstArticleId}) { title }`).join(' ')} }`
  const all: Hostile[] = [
    {
      name: 'like-2mb',
      what: 'where[title][like] with a 2 MB term (method override, chunked form body)',
      send: (url) => chunkedStatus(`${url}/api/articles`, override, 2 * 1024 * 1024),
    },
    {
      name: 'body-14mb',
      what: '14 MB form body, chunked, with the method-override header',
      send: (url) => chunkedStatus(`${url}/api/articles`, override, 14 * 1024 * 1024),
    },
    {
      name: 'where-2000-deep',
      what: 'GraphQL where tree 2,000 levels deep',
      send: (url) => gql(url, `{ Articles(where: ${deep}) { totalDocs } }`),
    },
    {
      name: 'like-1100-words',
      what: 'where[title][like] of 1,100 words',
      send: (url) => fetchStatus(`${url}/api/articles?where[title][like]=${words}`),
    },
    {
      name: 'graphql-nested',
      what: 'GraphQL nested 6 levels through list relationships',
      send: (url) => gql(url, nested),
    },
    {
      name: 'aliases-300',
      what: '300 aliases of one Article(id:) lookup',
      send: (url) => gql(url, aliases(300)),
    },
    {
      name: 'aliases-500',
      what: '500 aliases of one Article(id:) lookup',
      send: (url) => gql(url, aliases(500)),
    },
  ]
  return all.filter((hostile) => ONLY.length === 0 || ONLY.includes(hostile.name))
}

const percentile = (values: number[], p: number) => {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!
}

/** Requests `next()` one after another until `until`; latencies in ms and failures. */
async function probe(until: number, next: () => Promise<number>) {
  const latencies: number[] = []
  let failures = 0
  while (performance.now() < until) {
    const started = performance.now()
    const status = await next()
    latencies.push(performance.now() - started)
    if (status !== 200) failures++
  }
  return {
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    count: latencies.length,
    failures,
  }
}

/** Child process: loops one hostile request, then prints how the server answered, as JSON. */
async function hostileLoop(name: string, url: string, firstArticleId: number, seconds: number) {
  const hostile = hostiles(firstArticleId).find((candidate) => candidate.name === name)!
  const until = performance.now() + seconds * 1000
  const statuses: Record<number, number> = {}
  const worker = async () => {
    while (performance.now() < until) {
      const status = await hostile.send(url)
      statuses[status] = (statuses[status] ?? 0) + 1
    }
  }
  await Promise.all(Array.from({ length: HOSTILE_CONNECTIONS }, worker))
  console.log(JSON.stringify(statuses))
}

/** Runs the hostile loop in a child process for `seconds`; resolves with the server's answers. */
function hostileProcess(hostile: Hostile, url: string, firstArticleId: number) {
  return new Promise<Record<string, number>>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [
        import.meta.filename,
        '--hostile',
        hostile.name,
        url,
        String(firstArticleId),
        String(DURATION),
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.on('close', (code) => {
      try {
        resolve(JSON.parse(output.trim().split('\n').pop()!) as Record<string, number>)
      } catch {
        reject(new Error(`the hostile loop ${hostile.name} failed (exit ${code}): ${output}`))
      }
    })
  })
}

/** Both probes for DURATION seconds, with the hostile loop running or not. */
async function measure(url: string, slugs: string[], hostile?: Hostile, firstArticleId = 0) {
  const until = performance.now() + DURATION * 1000
  let slug = 0
  const lookup = () =>
    fetchStatus(
      `${url}/api/articles?where[slug][equals]=${slugs[slug++ % slugs.length]}&limit=1&depth=1`,
      { headers: { 'cache-control': 'no-cache' } },
    )
  const [healthz, article, statuses] = await Promise.all([
    probe(until, () => fetchStatus(`${url}/healthz`)),
    probe(until, lookup),
    hostile ? hostileProcess(hostile, url, firstArticleId) : Promise.resolve(undefined),
  ])
  return { healthz, article, statuses }
}

let server: ServerHandle | undefined
let dataDir: string | undefined

async function main(): Promise<number> {
  log(
    `[bench] Node ${process.version}, ${os.cpus().length} cores; load average ${loadavg()}; ${DURATION} s per run, ${HOSTILE_CONNECTIONS} hostile connections`,
  )
  await buildCms(log)
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-abuse-'))
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URI: `file:${path.join(dataDir, 'bench.db')}`,
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    ADMIN_EMAIL: 'bench.admin@clearwater-infusion.example',
    ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
    SITES_PUBLISH: 'off',
    BUILD_SITES_ON_START: 'false',
  }
  log('[bench] migrating and seeding the demo network...')
  server = await startWithBuild({ env: { ...env, SEED_DEMO: 'true' } }, log)
  await server.stop()
  const seeded = await seedArticles(env, ARTICLES, log)
  log(`[bench] seeded ${seeded.created} articles (avg ${seeded.avgWords} words)`)
  server = await startWithBuild({ env: { ...env, SEED_DEMO: 'false' } }, log)
  const { url } = server

  const page = (await (
    await fetch(`${url}/api/articles?limit=100&depth=0&select[slug]=true`)
  ).json()) as { docs: { id: number; slug: string }[] }
  const slugs = page.docs.map((doc) => doc.slug)
  log(`[bench] ${slugs.length} published slugs to look up; warming up...`)
  for (const slug of slugs) await fetchStatus(`${url}/api/articles?where[slug][equals]=${slug}`)

  const rows: string[][] = []
  const fmt = (ms: number) => `${ms.toFixed(0)} ms`
  const verdict = (ms: number, target: number) => `${fmt(ms)} ${ms <= target ? 'met' : 'NOT met'}`
  log(`[bench] quiet: no hostile traffic (load average ${loadavg()})...`)
  const quiet = await measure(url, slugs)
  rows.push([
    'none (quiet)',
    '-',
    verdict(quiet.healthz.p99, TARGET.healthzP99),
    verdict(quiet.article.p99, TARGET.lookupP99),
  ])
  for (const hostile of hostiles(page.docs[0]!.id)) {
    log(`[bench] ${hostile.name}: ${hostile.what} (load average ${loadavg()})...`)
    const run = await measure(url, slugs, hostile, page.docs[0]!.id)
    const answered = Object.entries(run.statuses ?? {})
      .map(([status, count]) => `${count} x ${status === '0' ? 'network error' : status}`)
      .join(', ')
    rows.push([
      hostile.name,
      answered,
      verdict(run.healthz.p99, TARGET.healthzP99),
      verdict(run.article.p99, TARGET.lookupP99),
    ])
    if (run.healthz.failures + run.article.failures > 0)
      log(
        `[bench]   probe failures: healthz ${run.healthz.failures}, lookup ${run.article.failures}`,
      )
    if (server.hasExited()) throw new Error(`the server exited during ${hostile.name}`)
  }

  log('')
  log(
    `[bench] p99 latency of the probes while each hostile request loops on ${HOSTILE_CONNECTIONS} connections for ${DURATION} s`,
  )
  log(
    `[bench] targets: /healthz p99 <= ${TARGET.healthzP99} ms, article lookup p99 <= ${TARGET.lookupP99} ms`,
  )
  const header = ['hostile request', 'server answered', '/healthz p99', 'lookup p99']
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)))
  for (const row of [header, ...rows])
    log(`  ${row.map((cell, i) => cell.padEnd(widths[i]!)).join(' | ')}`)
  log(`[bench] load average at the end: ${loadavg()}`)
  return 0
}

async function cleanup() {
  if (server && !server.hasExited()) await server.stop()
  if (dataDir && !KEEP) fs.rmSync(dataDir, { recursive: true, force: true })
  else if (dataDir) log(`[bench] kept ${dataDir}`)
}

if (process.argv[2] === '--hostile') {
  const [name, url, firstArticleId, seconds] = process.argv.slice(3)
  await hostileLoop(name!, url!, Number(firstArticleId), Number(seconds))
} else {
  await runBench(main, cleanup, log)
}

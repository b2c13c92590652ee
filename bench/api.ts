/**
 * `npm run bench:api`: REST API benchmark of the production CMS server on SQLite.
 *
 *  1. Builds the admin and the server bundle if their inputs changed (scripts/lib/admin-build.ts).
 *  2. In a temp data dir: starts the server once with SEED_DEMO=true (migrations + demo network),
 *     stops it, then adds BENCH_ARTICLES published ~1,500-word articles through the Local API
 *     (bench/lib/seed-articles.ts, run with tsx from cms/).
 *  3. Starts the server BENCH_STARTS times: spawn -> `[cms] listening on` -> first 200 from /readyz.
 *  4. Warms up, idles 5 s, reads the server's idle RSS, then loads each endpoint with autocannon
 *     (BENCH_CONNECTIONS connections for BENCH_DURATION s), sampling RSS and CPU use.
 *  5. Prints a summary against the targets. Exits 0 whether or not targets are met; non-zero
 *     only when the run itself failed (server crash, > 1% errors, setup failure).
 *
 * Env: BENCH_DURATION (20), BENCH_WARMUP (3), BENCH_CONNECTIONS (10), BENCH_ARTICLES (500),
 * BENCH_STARTS (3), BENCH_LOADS ("list,slug,list-fresh,slug-fresh"; -fresh bypass the API micro-cache), BENCH_SERVER=tsx (start src/server.ts through tsx
 * instead of the production bundle dist/server.js), BENCH_PROFILE=1 (CPU-profile the measured server
 * with --cpu-prof and print where the time goes; figures from that run are slower), BENCH_KEEP=1
 * (keep the temp data dir).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { type LoadResult, type RawRequest, runLoad } from './lib/autocannon.ts'
import { printProfile, summariseProfile } from './lib/profile.ts'
import {
  cpuTicksOf,
  descendantsOf,
  memoryOf,
  sampleMemory,
  serverCommand,
  type ServerHandle,
  type StartTimings,
  startWithBuild,
  buildCms,
} from './lib/server.ts'
import { envNumber, sleep } from './lib/env.ts'
import { seedArticles } from './lib/seeded-articles.ts'
import { runBench } from './lib/run.ts'

const num = (name: string, fallback: number) => envNumber(name, fallback, { fraction: true })

const DURATION = num('BENCH_DURATION', 20)
const WARMUP = num('BENCH_WARMUP', 3)
const CONNECTIONS = num('BENCH_CONNECTIONS', 10)
const ARTICLES = num('BENCH_ARTICLES', 500)
const STARTS = Math.max(1, num('BENCH_STARTS', 3))
const IDLE_SECONDS = 5
const PROFILE = process.env.BENCH_PROFILE === '1' || process.env.BENCH_PROFILE === 'true'
const KEEP = process.env.BENCH_KEEP === '1' || process.env.BENCH_KEEP === 'true'
const LOADS = (process.env.BENCH_LOADS ?? 'list,slug,list-fresh,slug-fresh')
  .split(',')
  .map((s) => s.trim())
  .filter(Boolean)
const MAX_ERROR_RATIO = 0.01

const TARGET = { rps: 1_000, p99Ms: 50, startMs: 3_000, idleRssMb: 400 }

const log = (line: string) => console.log(line)
const mb = (bytes: number) => bytes / 1024 / 1024
const fmtMb = (bytes: number) => `${mb(bytes).toFixed(0)} MB`
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

// ---------------------------------------------------------------------------------------------
// CPU accounting from /proc: how much of the machine the server, this process (the load
// generator) and everything else used during a load. Two cores are shared by all three.

const CLOCK_TICKS = 100

function machineBusyJiffies(): number {
  const cpu = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number)
  // user nice system idle iowait irq softirq steal
  return cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + (cpu[7] ?? 0)
}

function cpuMeter(serverPid: number) {
  const start = {
    server: cpuTicksOf(serverPid),
    self: cpuTicksOf('self'),
    busy: machineBusyJiffies(),
    at: performance.now(),
  }
  return () => {
    const seconds = (performance.now() - start.at) / 1000
    const pct = (jiffies: number) => (jiffies / CLOCK_TICKS / seconds) * 100
    const server = cpuTicksOf(serverPid) - start.server
    const self = cpuTicksOf('self') - start.self
    const busy = machineBusyJiffies() - start.busy
    return {
      server: pct(server),
      loadGenerator: pct(self),
      others: pct(Math.max(0, busy - server - self)),
      serverMs: (server / CLOCK_TICKS) * 1000,
    }
  }
}

// ---------------------------------------------------------------------------------------------

let server: ServerHandle | undefined
let dataDir: string | undefined

async function cleanup() {
  if (server && !server.hasExited()) {
    log('[bench] stopping the server (SIGTERM)...')
    await server.stop()
  }
  if (dataDir && !KEEP) fs.rmSync(dataDir, { recursive: true, force: true })
  else if (dataDir) log(`[bench] kept ${dataDir}`)
}

interface Load {
  name: string
  label: string
  request: {
    path?: string
    headers?: Record<string, string>
    setupRequest?: (req: RawRequest) => RawRequest
  }
}

interface LoadFigures {
  load: Load
  result: LoadResult
  rps: number
  p50: number
  p99: number
  failures: number
  failureRatio: number
  bytesPerResponse: number
  peakRss: number
  peakTreeRss: number
  hwm: number
  cpu: { server: number; loadGenerator: number; others: number; serverMs: number }
  /** Server CPU time (all its threads) per completed request. */
  serverCpuMsPerRequest: number
  /** Monotonic-clock window of the load, for the CPU profile. */
  window: { fromUs: number; toUs: number }
}

async function measureLoad(
  url: string,
  load: Load,
  seconds: number,
  pid: number,
): Promise<LoadFigures> {
  const sampler = sampleMemory(pid, 250)
  const cpu = cpuMeter(pid)
  const fromUs = Number(process.hrtime.bigint() / 1000n)
  const result = await runLoad({
    url,
    title: load.name,
    connections: CONNECTIONS,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'GET', ...load.request }],
  })
  const toUs = Number(process.hrtime.bigint() / 1000n)
  const cpuUse = cpu()
  const memory = sampler.stop()
  const failures = result.errors + result.non2xx
  const attempts = result.requests.total + result.errors
  return {
    load,
    result,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failures,
    failureRatio: attempts > 0 ? failures / attempts : 1,
    bytesPerResponse:
      result.requests.total > 0 ? result.throughput.total / result.requests.total : 0,
    peakRss: memory.peakSelf,
    peakTreeRss: memory.peakTree,
    hwm: memoryOf(pid)?.hwm ?? 0,
    cpu: cpuUse,
    serverCpuMsPerRequest: result.requests.total > 0 ? cpuUse.serverMs / result.requests.total : 0,
    window: { fromUs, toUs },
  }
}

async function main(): Promise<number> {
  log(
    `[bench] Node ${process.version}, ${os.cpus().length} cores, ${fmtMb(os.totalmem())} RAM; load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  )
  log(
    `[bench] settings: ${ARTICLES} extra articles, ${STARTS} timed starts, ${CONNECTIONS} connections, ${WARMUP} s warm-up, ${DURATION} s per load, loads: ${LOADS.join(', ')}${PROFILE ? ', CPU PROFILE ON' : ''}`,
  )
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  await buildCms(log)

  log(`[bench] server command: node ${serverCommand().join(' ')} (cwd cms/, NODE_ENV=production)`)

  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-'))
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URI: `file:${path.join(dataDir, 'bench.db')}`,
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    // A deployment with its own DATABASE_URI names its admin; the demo seed then creates it first.
    ADMIN_EMAIL: 'bench.admin@clearwater-infusion.example',
    ADMIN_PASSWORD: randomBytes(18).toString('base64url'),
  }
  log(`[bench] data dir ${dataDir}`)

  // --- 2. database: migrate + demo network, then the bulk articles --------------------------
  log('[bench] first start: migrations and the demo network (SEED_DEMO=true)...')
  server = await startWithBuild(
    {
      env: { ...env, SEED_DEMO: 'true' },
      onLine: (line) => {
        if (/\[seed\]|migrat/i.test(line)) log(`[bench]   ${line.trim()}`)
      },
    },
    log,
  )
  log(
    `[bench] migrated and seeded; server ready in ${Math.round(server.timings.readyMs)} ms (not counted)`,
  )
  await server.stop()
  server = undefined

  log(`[bench] seeding ${ARTICLES} published articles through the Local API...`)
  const seeded = await seedArticles(env, ARTICLES, log)
  log(
    `[bench] seeded ${seeded.created} articles in ${(seeded.ms / 1000).toFixed(1)} s (avg ${seeded.avgWords} words, ${(seeded.avgBodyJsonBytes / 1024).toFixed(1)} KB Lexical JSON per body)`,
  )

  // --- 3. start-to-ready --------------------------------------------------------------------
  const starts: StartTimings[] = []
  const profileDir = path.join(dataDir, 'cpu-profile')
  for (let i = 1; i <= STARTS; i++) {
    const last = i === STARTS
    const nodeArgs = last && PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []
    server = await startWithBuild({ env: { ...env, SEED_DEMO: 'false' }, nodeArgs }, log)
    starts.push(server.timings)
    log(
      `[bench] start ${i}/${STARTS}: listening after ${Math.round(server.timings.listeningMs)} ms, /readyz 200 after ${Math.round(server.timings.readyMs)} ms (server's own "ready in": ${server.timings.selfReportedMs ?? '?'} ms; ${(server.timings.cpuMs / 1000).toFixed(1)} s CPU used)${last && PROFILE ? ' [profiled]' : ''}`,
    )
    if (!last) {
      await server.stop()
      server = undefined
    }
  }
  const running = server!
  const { url, pid } = running
  const helpers = descendantsOf(pid)
  if (helpers.length > 0)
    log(
      `[bench] note: the server has ${helpers.length} child process(es): ${helpers.join(', ')}; their RSS is reported separately`,
    )

  // --- sanity check of both endpoints and real slugs ----------------------------------------
  // Every slug in one list: signed in, since anonymous requests are paginated (API_MAX_LIMIT_ANONYMOUS).
  const login = await fetch(`${url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: env.ADMIN_EMAIL, password: env.ADMIN_PASSWORD }),
  })
  const { token } = (await login.json()) as { token?: string }
  if (!token) throw new Error(`bench admin login failed (HTTP ${login.status})`)
  const slugsRes = await fetch(
    `${url}/api/articles?limit=5000&depth=0&select[slug]=true&pagination=false`,
    { headers: { authorization: `JWT ${token}` } },
  )
  if (slugsRes.status !== 200)
    throw new Error(
      `GET /api/articles (slugs) answered ${slugsRes.status}: ${(await slugsRes.text()).slice(0, 500)}`,
    )
  const slugs = ((await slugsRes.json()) as { docs: { slug: string }[] }).docs
    .map((d) => d.slug)
    .filter(Boolean)
  if (slugs.length < ARTICLES)
    throw new Error(
      `expected at least ${ARTICLES} published articles, the API lists ${slugs.length}`,
    )
  // Visit articles in a scattered but fixed order.
  const order = slugs
    .map((slug, i) => ({ slug, key: (i * 2654435761) % 4294967296 }))
    .sort((a, b) => a.key - b.key)
    .map((s) => s.slug)
  const listPath = '/api/articles?limit=10&depth=1'
  const slugPath = (slug: string) =>
    `/api/articles?where%5Bslug%5D%5Bequals%5D=${encodeURIComponent(slug)}&limit=1&depth=1`

  const check = async (p: string, expectDocs: number) => {
    const res = await fetch(`${url}${p}`)
    const text = await res.text()
    if (res.status !== 200)
      throw new Error(`GET ${p} answered ${res.status}: ${text.slice(0, 500)}`)
    const body = JSON.parse(text) as { docs: { author?: unknown }[]; totalDocs: number }
    if (body.docs.length !== expectDocs)
      throw new Error(`GET ${p} returned ${body.docs.length} docs, expected ${expectDocs}`)
    const populated = typeof body.docs[0]?.author === 'object' && body.docs[0]?.author !== null
    return { bytes: Buffer.byteLength(text), populated, totalDocs: body.totalDocs }
  }
  const listCheck = await check(listPath, 10)
  const slugCheck = await check(slugPath(order[0]!), 1)
  log(
    `[bench] ${slugs.length} published articles; list response ${(listCheck.bytes / 1024).toFixed(0)} KB, by-slug response ${(slugCheck.bytes / 1024).toFixed(0)} KB; depth 1 populates author: ${listCheck.populated ? 'yes' : 'NO'}`,
  )

  let cursor = 0
  const allLoads: Load[] = [
    { name: 'list', label: 'GET /api/articles?limit=10&depth=1', request: { path: listPath } },
    {
      name: 'slug',
      label: `GET /api/articles?where[slug][equals]=<${order.length} slugs>&limit=1&depth=1`,
      request: {
        setupRequest: (req) => ({ ...req, path: slugPath(order[cursor++ % order.length]!) }),
      },
    },
  ]
  // The same loads past the server's 2-second micro-cache of anonymous reads (what a site build
  // sees: it sends Cache-Control: no-cache), so both figures are on record.
  const fresh = { 'cache-control': 'no-cache' }
  allLoads.push(
    {
      name: 'list-fresh',
      label: 'GET /api/articles?limit=10&depth=1 (Cache-Control: no-cache)',
      request: { path: listPath, headers: fresh },
    },
    {
      name: 'slug-fresh',
      label: `GET by slug (<${order.length} slugs>, Cache-Control: no-cache)`,
      request: {
        headers: fresh,
        setupRequest: (req) => ({ ...req, path: slugPath(order[cursor++ % order.length]!) }),
      },
    },
  )
  const loads = allLoads.filter((l) => LOADS.includes(l.name))
  if (loads.length === 0)
    throw new Error(
      `BENCH_LOADS names no known load (list, slug, list-fresh, slug-fresh): "${LOADS.join(',')}"`,
    )

  // --- 4. warm-up, idle RSS, loads -----------------------------------------------------------
  if (WARMUP > 0) {
    for (const load of loads) {
      log(`[bench] warm-up ${WARMUP} s: ${load.label}`)
      const warm = await runLoad({
        url,
        connections: CONNECTIONS,
        duration: WARMUP,
        timeout: 10,
        requests: [{ method: 'GET', ...load.request }],
      })
      log(`[bench]   ${warm.requests.average.toFixed(0)} req/s during warm-up`)
    }
  }
  log(`[bench] idling ${IDLE_SECONDS} s...`)
  await sleep(IDLE_SECONDS * 1000)
  const idle = memoryOf(pid)
  if (!idle) throw new Error(`the server (pid ${pid}) is gone:\n${running.logs().slice(-4000)}`)
  const idleTree = idle.rss + helpers.reduce((sum, p) => sum + (memoryOf(p)?.rss ?? 0), 0)
  log(
    `[bench] idle RSS ${fmtMb(idle.rss)}${helpers.length ? ` (with child processes ${fmtMb(idleTree)})` : ''}; peak so far (VmHWM) ${fmtMb(idle.hwm)}`,
  )

  const figures: LoadFigures[] = []
  for (const load of loads) {
    log(`[bench] load ${DURATION} s, ${CONNECTIONS} connections: ${load.label}`)
    log(`[bench]   load average before: ${os.loadavg()[0]!.toFixed(2)}`)
    const f = await measureLoad(url, load, DURATION, pid)
    if (running.hasExited())
      throw new Error(`the server exited during the load:\n${running.logs().slice(-4000)}`)
    figures.push(f)
    log(
      `[bench]   ${f.rps.toFixed(0)} req/s mean (${f.result.requests.total} requests in ${f.result.duration} s), latency p50 ${f.p50} ms, p99 ${f.p99} ms, max ${f.result.latency.max} ms`,
    )
    log(
      `[bench]   errors ${f.result.errors} (timeouts ${f.result.timeouts}), non-2xx ${f.result.non2xx}; ${(f.bytesPerResponse / 1024).toFixed(1)} KB per response, ${mb(f.result.throughput.average).toFixed(1)} MB/s`,
    )
    log(
      `[bench]   server peak RSS ${fmtMb(f.peakRss)} (sampled every 250 ms), VmHWM ${fmtMb(f.hwm)}; CPU: server ${f.cpu.server.toFixed(0)}%, load generator ${f.cpu.loadGenerator.toFixed(0)}%, other processes ${f.cpu.others.toFixed(0)}% (of ${os.cpus().length * 100}%); server CPU ${f.serverCpuMsPerRequest.toFixed(2)} ms per request`,
    )
    if (f.cpu.others > 20)
      log(
        `[bench]   WARNING: other processes used ${f.cpu.others.toFixed(0)}% CPU during this load; figures are pessimistic`,
      )
  }

  // --- 5. summary ---------------------------------------------------------------------------
  const startMedian = median(starts.map((s) => s.readyMs))
  type Row = [string, string, string, boolean | null]
  const rows: Row[] = []
  for (const f of figures) {
    rows.push([
      `${f.load.name}: throughput`,
      `>= ${TARGET.rps} req/s`,
      `${f.rps.toFixed(0)} req/s`,
      f.rps >= TARGET.rps,
    ])
    rows.push([
      `${f.load.name}: p99 latency`,
      `<= ${TARGET.p99Ms} ms`,
      `${f.p99} ms (p50 ${f.p50} ms)`,
      f.p99 <= TARGET.p99Ms,
    ])
    rows.push([
      `${f.load.name}: errors + non-2xx`,
      `<= ${MAX_ERROR_RATIO * 100}% (run validity)`,
      `${f.failures} (${(f.failureRatio * 100).toFixed(2)}%)`,
      f.failureRatio <= MAX_ERROR_RATIO,
    ])
    rows.push([`${f.load.name}: server peak RSS`, '(info)', fmtMb(f.peakRss), null])
    rows.push([
      `${f.load.name}: server CPU per request`,
      '(info)',
      `${f.serverCpuMsPerRequest.toFixed(2)} ms`,
      null,
    ])
  }
  rows.push([
    `start-to-ready (median of ${starts.length})`,
    `<= ${TARGET.startMs / 1000} s`,
    `${(startMedian / 1000).toFixed(2)} s [${starts.map((s) => (s.readyMs / 1000).toFixed(2)).join(', ')}]`,
    startMedian <= TARGET.startMs,
  ])
  rows.push([
    'server CPU used to start (median)',
    '(info)',
    `${(median(starts.map((s) => s.cpuMs)) / 1000).toFixed(1)} s`,
    null,
  ])
  rows.push([
    `idle RSS (${IDLE_SECONDS} s after warm-up)`,
    `<= ${TARGET.idleRssMb} MB`,
    fmtMb(idle.rss),
    mb(idle.rss) <= TARGET.idleRssMb,
  ])

  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => String(r[i]).length), ['metric', 'target', 'measured'][i]!.length),
  )
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 7)).join(' | ')} |`
  log('')
  log(
    `API benchmark summary (SQLite, ${slugs.length} published articles, ${CONNECTIONS} connections, ${DURATION} s per load${PROFILE ? ', CPU-PROFILED RUN' : ''})`,
  )
  log(line(['metric', 'target', 'measured', 'status ']))
  log(line(widths.map((w) => '-'.repeat(w)).concat(['-------'])))
  for (const [metric, target, measured, ok] of rows)
    log(line([metric, target, measured, ok === null ? '' : ok ? 'met' : 'NOT met']))
  log('')
  for (const f of figures) {
    // Requests run on one JavaScript thread, so CPU per request bounds a single process's rate.
    log(
      `[bench] ${f.load.name}: ${f.serverCpuMsPerRequest.toFixed(1)} ms of server CPU per request, so one server process tops out near ${Math.round(1000 / Math.max(0.01, f.serverCpuMsPerRequest))} req/s on an otherwise idle core.`,
    )
  }
  const busy = figures.filter((f) => f.cpu.others > 20)
  if (busy.length > 0) {
    log(
      `[bench] NOTE: other processes used ${busy.map((f) => `${f.cpu.others.toFixed(0)}% (${f.load.name})`).join(', ')} of the ${os.cpus().length * 100}% CPU during the loads: throughput and latency are pessimistic; CPU per request is the steadier figure.`,
    )
  }
  log('')

  const failed = figures.filter((f) => f.failureRatio > MAX_ERROR_RATIO)
  for (const f of failed) {
    log(
      `[bench] RUN FAILED: ${f.load.name} had ${(f.failureRatio * 100).toFixed(2)}% errors/non-2xx; status codes ${JSON.stringify(f.result.statusCodeStats)}`,
    )
  }
  if (failed.length > 0) log(`[bench] server log tail:\n${running.logs().slice(-3000)}`)

  // --- 6. stop; profile -----------------------------------------------------------------------
  log('[bench] stopping the server (SIGTERM)...')
  const code = await running.stop()
  server = undefined
  if (code !== 0) log(`[bench] note: the server exited with ${code} on SIGTERM`)
  if (PROFILE) {
    const files = fs.existsSync(profileDir)
      ? fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile'))
      : []
    if (files.length === 0) log('[bench] no CPU profile was written')
    for (const file of files) {
      for (const f of figures) {
        log(`[profile] ---- ${f.load.label} (${DURATION} s load only) ----`)
        printProfile(summariseProfile(path.join(profileDir, file), 25, f.window), log)
      }
    }
  }
  return failed.length > 0 ? 1 : 0
}

await runBench(main, cleanup, log)

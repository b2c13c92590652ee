/**
 * `npm run bench:sites`: full static build of every clinic site from the real REST API.
 *
 *  1. Builds the CMS (admin + server bundle) if its inputs changed (scripts/lib/admin-build.ts).
 *  2. Seeds a synthetic network on a fresh SQLite database in a temp dir through the Local API
 *     (bench/lib/seed-network.ts, run with tsx from cms/): BENCH_CLINICS clinics and enough
 *     articles (~1,500 words each) for at least BENCH_PAGES pages across all clinic sites, plus
 *     FAQs, conditions, providers, reviewers and a few hero images. The seeded database and media
 *     are cached in BENCH_CACHE_DIR keyed by the generator's parameters and sources; a cache hit
 *     copies them into the temp dir (the cached copy is never served from).
 *  3. Starts the production CMS (`node dist/server.js`, SEED_DEMO=false) on that database and runs
 *     site/scripts/build-sites.ts (CMS_URL, SITES_DIR in the temp dir) as `npm run build:sites`
 *     would, but with a cwd of its own under site/ (Astro puts its prerender chunks under <cwd>/.astro/ when
 *     outDir is outside the cwd: concurrent builds from site/ would overwrite each other's). Measures wall time, pages (HTML files in the clinic trees), pages/s, and memory: the
 *     sum of VmRSS over the build's process tree sampled every 250 ms (peak of the sum), and the
 *     build process's own VmHWM.
 *  4. Runs the floor (bench/lib/floor.ts: same page count and total HTML bytes with template
 *     literals + fs.writeFile) and prints build pages/s ÷ floor pages/s.
 *  5. Page weight: gzip of an article page's HTML + the CSS it links (median and max over one
 *     clinic's article pages), JavaScript bytes each page type references.
 *  6. Summary table against the targets. Exits 0 when the run completed, targets met or not;
 *     non-zero when the build (or the benchmark's own setup) failed.
 *
 * Env: BENCH_PAGES (10000), BENCH_CLINICS (50), BENCH_IMAGES (12), BENCH_CACHE=0 (always seed
 * afresh), BENCH_CACHE_DIR (/tmp/clinic-bench-cache), BENCH_KEEP=1 (keep the temp dir with the
 * database and the built sites), BENCH_CMS_PORT (39171: a fixed loopback port keeps the image
 * URLs, and so Astro's image cache keys, the same between runs; 0 = any free port),
 * BENCH_FLOOR=0 (skip the floor), BENCH_BUILD_ARGS (extra Node flags for the build process, e.g.
 * "--cpu-prof --cpu-prof-dir=/tmp/prof"). The build inherits the environment, so PAGEFIND_LANES
 * (site/scripts/build-sites.ts: clinics indexed at once) can be set for A/B runs.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import zlib from 'node:zlib'

import {
  cpuTicksOf,
  descendantsOf,
  memoryOf,
  repoRoot,
  serverCommand,
  type ServerHandle,
  startWithBuild,
  buildCms,
} from './lib/server.ts'
import { runBench } from './lib/run.ts'
import { envFlag as flag, envNumber as num, loadavg, portIfFree } from './lib/env.ts'
import { describeLanguages, pagesPerLanguage } from './lib/languages.ts'
import { seededDatabase } from './lib/seeded.ts'

const PAGES = num('BENCH_PAGES', 10_000)
const CLINICS = num('BENCH_CLINICS', 50)
const IMAGES = num('BENCH_IMAGES', 12)
const USE_CACHE = flag('BENCH_CACHE', true)
const CACHE_DIR = path.resolve(
  process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'clinic-bench-cache'),
)
const KEEP = flag('BENCH_KEEP', false)
const FLOOR = flag('BENCH_FLOOR', true)
const CMS_PORT = num('BENCH_CMS_PORT', 39171)
const BUILD_ARGS = (process.env.BENCH_BUILD_ARGS ?? '').split(/\s+/).filter(Boolean)

const TARGET = {
  floorRatio: 0.5,
  peakRssBytes: 2.5 * 1024 ** 3,
  articleGzipBytes: 25 * 1024,
  jsBytes: 0,
}
const SAMPLE_MS = 250

const siteDir = path.join(repoRoot, 'site')
const log = (line: string) => console.log(line)
const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
const median = (values: number[]) => {
  const s = [...values].sort((a, b) => a - b)
  const mid = Math.floor(s.length / 2)
  return s.length === 0 ? 0 : s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2
}

// ---------------------------------------------------------------------------------------------
// /proc sampling of a process tree: memory, CPU, machine load.

const CLOCK_TICKS = 100

/** utime + stime + cutime + cstime (the process and its reaped children), clock ticks. */
function treeTicksOf(pid: number): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(rest[11]) + Number(rest[12]) + Number(rest[13]) + Number(rest[14])
  } catch {
    return 0
  }
}

function machineJiffies(): { busy: number; total: number } {
  const cpu = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number)
  const busy = cpu[0]! + cpu[1]! + cpu[2]! + cpu[5]! + cpu[6]! + (cpu[7] ?? 0)
  return { busy, total: busy + cpu[3]! + cpu[4]! }
}

interface TreeSample {
  peakTreeRss: number
  peakTreeAt: number
  /** Largest VmHWM of the root process seen (its own peak RSS). */
  rootHwm: number
  /** Largest RSS of any descendant (e.g. Pagefind's binary) seen. */
  peakChildRss: number
  samples: number
  /** CPU seconds used by the tree (itself + reaped children + live descendants), last reading. */
  cpuSeconds: number
  load1: number[]
}

/** Samples the RSS of pid and all its descendants every intervalMs (peak of the sum). */
function sampleTree(pid: number, intervalMs = SAMPLE_MS) {
  const started = performance.now()
  const result: TreeSample = {
    peakTreeRss: 0,
    peakTreeAt: 0,
    rootHwm: 0,
    peakChildRss: 0,
    samples: 0,
    cpuSeconds: 0,
    load1: [],
  }
  let lastLoadAt = 0
  const take = () => {
    const root = memoryOf(pid)
    if (!root) return
    const children = descendantsOf(pid)
    let tree = root.rss
    let childTicks = 0
    for (const child of children) {
      const rss = memoryOf(child)?.rss ?? 0
      tree += rss
      result.peakChildRss = Math.max(result.peakChildRss, rss)
      childTicks += cpuTicksOf(child)
    }
    if (tree > result.peakTreeRss) {
      result.peakTreeRss = tree
      result.peakTreeAt = (performance.now() - started) / 1000
    }
    result.rootHwm = Math.max(result.rootHwm, root.hwm)
    result.cpuSeconds = Math.max(result.cpuSeconds, (treeTicksOf(pid) + childTicks) / CLOCK_TICKS)
    result.samples++
    if (performance.now() - lastLoadAt >= 5_000) {
      lastLoadAt = performance.now()
      result.load1.push(Number(fs.readFileSync('/proc/loadavg', 'utf8').split(' ')[0]))
    }
  }
  take()
  const timer = setInterval(take, intervalMs)
  return {
    stop: () => {
      clearInterval(timer)
      return result
    },
  }
}

// ---------------------------------------------------------------------------------------------

interface ChildRun {
  code: number | null
  signal: NodeJS.Signals | null
  wallMs: number
  output: string
  tree: TreeSample
  cpu: { machineBusyPct: number; machineSeconds: number }
}

/** Runs a Node script as a child, streams its lines through onLine, samples its process tree. */
function runNode(
  args: string[],
  options: {
    cwd: string
    env: Record<string, string>
    onLine?: (line: string, atMs: number) => void
  },
): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const machineStart = machineJiffies()
    const t0 = performance.now()
    const child = spawn(process.execPath, args, {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    if (!child.pid) {
      reject(new Error(`could not start node ${args.join(' ')}`))
      return
    }
    const sampler = sampleTree(child.pid)
    let output = ''
    const reader = (stream: NodeJS.ReadableStream) => {
      let partial = ''
      stream.on('data', (chunk: Buffer) => {
        const text = chunk.toString()
        output += text
        if (output.length > 4_000_000) output = output.slice(-2_000_000)
        partial += text
        const lines = partial.split('\n')
        partial = lines.pop() ?? ''
        for (const line of lines) options.onLine?.(line, performance.now() - t0)
      })
    }
    reader(child.stdout)
    reader(child.stderr)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      const wallMs = performance.now() - t0
      const tree = sampler.stop()
      const machineEnd = machineJiffies()
      resolve({
        code,
        signal,
        wallMs,
        output,
        tree,
        cpu: {
          machineBusyPct:
            ((machineEnd.busy - machineStart.busy) /
              Math.max(1, machineEnd.total - machineStart.total)) *
            100,
          machineSeconds: (machineEnd.busy - machineStart.busy) / CLOCK_TICKS,
        },
      })
    })
  })
}

// ---------------------------------------------------------------------------------------------
// Setup: CMS build, seeded database (cached), server.

let server: ServerHandle | undefined
let workDir: string | undefined
let buildCwd: string | undefined

async function cleanup() {
  if (server && !server.hasExited()) {
    log('[bench] stopping the CMS (SIGTERM)...')
    await server.stop()
  }
  server = undefined
  if (buildCwd) fs.rmSync(buildCwd, { recursive: true, force: true })
  if (workDir && !KEEP) fs.rmSync(workDir, { recursive: true, force: true })
  else if (workDir) log(`[bench] kept ${workDir}`)
}

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(full)
    else yield full
  }
}

// ---------------------------------------------------------------------------------------------
// Output analysis.

interface PageStats {
  pages: number
  htmlBytes: number
  perClinic: Map<string, number>
}

function countPages(sitesDir: string): PageStats {
  const perClinic = new Map<string, number>()
  let pages = 0
  let htmlBytes = 0
  for (const entry of fs.readdirSync(sitesDir, { withFileTypes: true })) {
    // Live sites are symlinks to their current release (SITES_DIR/.releases/<clinic>/<id>).
    if (entry.name.startsWith('.') || !fs.statSync(path.join(sitesDir, entry.name)).isDirectory())
      continue
    let count = 0
    for (const file of filesUnder(path.join(sitesDir, entry.name))) {
      if (!file.endsWith('.html')) continue
      count++
      htmlBytes += fs.statSync(file).size
    }
    perClinic.set(entry.name, count)
    pages += count
  }
  return { pages, htmlBytes, perClinic }
}

const gzipSize = (data: Buffer | string) => zlib.gzipSync(data, { level: 6 }).length

/** Local files a page references with <link rel=stylesheet> / <script src> / inline script. */
function pageAssets(tree: string, html: string) {
  const css: string[] = []
  const js: string[] = []
  for (const match of html.matchAll(/<link\b[^>]*>/g)) {
    const tag = match[0]
    if (!/rel="?stylesheet"?/.test(tag)) continue
    const href = /href="([^"]+)"/.exec(tag)?.[1]
    if (href?.startsWith('/')) css.push(path.join(tree, href))
  }
  let inlineJs = 0
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)) {
    const attrs = match[1] ?? ''
    if (/type="?application\/(ld\+)?json"?/.test(attrs)) continue
    const src = /src="([^"]+)"/.exec(attrs)?.[1]
    if (src?.startsWith('/')) js.push(path.join(tree, src))
    else if (!src) inlineJs += Buffer.byteLength(match[2] ?? '')
  }
  return { css, js, inlineJs }
}

/** JS files and the modules they import statically (relative or root-relative), recursively. */
function jsClosure(tree: string, entries: string[]): { files: string[]; missing: string[] } {
  const seen = new Set<string>()
  const missing: string[] = []
  const queue = [...entries]
  while (queue.length > 0) {
    const file = queue.shift()!
    if (seen.has(file)) continue
    if (!fs.existsSync(file)) {
      missing.push(path.relative(tree, file))
      continue
    }
    seen.add(file)
    const code = fs.readFileSync(file, 'utf8')
    for (const match of code.matchAll(
      /(?:import|export)\s*(?:[^'"]*?from\s*)?["']([^"']+\.m?js)["']/g,
    )) {
      const spec = match[1]!
      if (spec.startsWith('/')) queue.push(path.join(tree, spec))
      else if (spec.startsWith('.')) queue.push(path.resolve(path.dirname(file), spec))
    }
  }
  return { files: [...seen], missing }
}

interface Weight {
  type: string
  file: string
  htmlBytes: number
  htmlGzip: number
  cssBytes: number
  cssGzip: number
  jsBytes: number
  jsGzip: number
  jsFiles: number
  missingJs: string[]
}

function pageWeight(tree: string, type: string, file: string): Weight {
  const html = fs.readFileSync(file)
  const assets = pageAssets(tree, html.toString('utf8'))
  const cssFiles = [...new Set(assets.css)].filter((f) => fs.existsSync(f))
  const css = cssFiles.map((f) => fs.readFileSync(f))
  const closure = jsClosure(tree, [...new Set(assets.js)])
  const js = closure.files.map((f) => fs.readFileSync(f))
  return {
    type,
    file: path.relative(tree, file),
    htmlBytes: html.length,
    htmlGzip: gzipSize(html),
    cssBytes: css.reduce((s, b) => s + b.length, 0),
    cssGzip: css.reduce((s, b) => s + gzipSize(b), 0),
    jsBytes: js.reduce((s, b) => s + b.length, 0) + assets.inlineJs,
    jsGzip: js.reduce((s, b) => s + gzipSize(b), 0),
    jsFiles: closure.files.length + (assets.inlineJs > 0 ? 1 : 0),
    missingJs: closure.missing,
  }
}

// ---------------------------------------------------------------------------------------------

interface Phase {
  name: string
  atMs: number
}

/** Summary rows: where the build's wall time went (from the build's own log lines). */
function phaseRows(
  phases: Phase[],
  pages: number,
  wallSeconds: number,
): [string, string, string, null][] {
  const at = (name: string) => phases.find((p) => p.name === name)?.atMs
  const loaded = at('data loaded from the CMS')
  const astroDone = at('Astro build done (pages, images)')
  if (loaded === undefined || astroDone === undefined) return []
  const rest = wallSeconds - astroDone / 1000
  return [
    ['  start-up + CMS data load', '(info)', `${(loaded / 1000).toFixed(1)} s`, null],
    [
      '  Astro render (pages, images)',
      '(info)',
      `${((astroDone - loaded) / 1000).toFixed(1)} s (${(pages / ((astroDone - loaded) / 1000)).toFixed(0)} pages/s)`,
      null,
    ],
    [
      '  trees, link check, Pagefind',
      '(info)',
      `${rest.toFixed(1)} s (${((rest / wallSeconds) * 100).toFixed(0)}% of the wall time)`,
      null,
    ],
  ]
}

async function main(): Promise<number> {
  log(
    `[bench] Node ${process.version}, ${os.cpus().length} cores, ${mib(os.totalmem())} RAM; load average ${loadavg()}`,
  )
  log(
    `[bench] settings: >= ${PAGES} pages, ${CLINICS} clinics, ${IMAGES} images; cache ${USE_CACHE ? CACHE_DIR : 'off'}`,
  )
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  await buildCms(log)

  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-build-bench-'))
  const dataDir = path.join(workDir, 'data')
  const sitesDir = path.join(workDir, 'sites')
  fs.mkdirSync(dataDir)
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URI: `file:${path.join(dataDir, 'bench.db')}`,
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  }
  log(`[bench] work dir ${workDir}`)

  // --- 2. seeded database ------------------------------------------------------------------------
  const {
    seed: seeded,
    cached,
    seedMs,
  } = await seededDatabase({
    dataDir,
    env,
    pages: PAGES,
    clinics: CLINICS,
    images: IMAGES,
    useCache: USE_CACHE,
    cacheDir: CACHE_DIR,
    log,
  })

  // --- 3. CMS + build -----------------------------------------------------------------------------
  // A fixed port when free: stable image URLs, so Astro's image cache keys stay the same between runs.
  const port = await portIfFree(CMS_PORT)
  log(
    `[bench] starting the CMS: node ${serverCommand().join(' ')} (cwd cms/, NODE_ENV=production, SEED_DEMO=false, port ${port || 'any'})`,
  )
  server = await startWithBuild({ env: { ...env, SEED_DEMO: 'false', PORT: String(port) } }, log)
  const cms = server
  log(`[bench] CMS ready at ${cms.url} in ${(cms.timings.readyMs / 1000).toFixed(1)} s`)
  const check = await fetch(
    `${cms.url}/api/articles?limit=1&depth=0&select[slug]=true&where[_status][equals]=published`,
  )
  const published = ((await check.json()) as { totalDocs?: number }).totalDocs
  if (check.status !== 200 || published !== seeded.articles) {
    throw new Error(
      `the CMS lists ${published} published articles (HTTP ${check.status}); the seed made ${seeded.articles}`,
    )
  }

  const astroCache = path.join(siteDir, 'node_modules', '.astro', 'assets')
  const cacheEntries = () => (fs.existsSync(astroCache) ? fs.readdirSync(astroCache).length : 0)
  const imageCacheBefore = cacheEntries()
  const cmsCpuBefore = cpuTicksOf(cms.pid)
  const loadBefore = loadavg()
  // cwd: a directory of this run's own under site/ (so that the bundled chunks resolve packages
  // exactly as from site/). Astro writes its prerender bundle to <cwd>/.astro/.prerender/ when
  // outDir is outside the cwd (SITES_DIR is): with cwd site/, a build running at the same time
  // (another engineer's tests) overwrites those chunks and one of the builds fails.
  buildCwd = path.join(siteDir, 'node_modules', '.cache', 'clinic-bench', path.basename(workDir))
  fs.mkdirSync(buildCwd, { recursive: true })
  log(
    `[bench] building the sites: node ${[...BUILD_ARGS, 'site/scripts/build-sites.ts'].join(' ')} (cwd ${buildCwd}), load average ${loadBefore}`,
  )
  const phases: Phase[] = []
  let lastProgress = 0
  const build = await runNode([...BUILD_ARGS, path.join(siteDir, 'scripts', 'build-sites.ts')], {
    cwd: buildCwd,
    env: { CMS_URL: cms.url, SITES_DIR: sitesDir, ASTRO_TELEMETRY_DISABLED: '1' },
    onLine: (line, atMs) => {
      const at = `${(atMs / 1000).toFixed(1).padStart(6)} s`
      if (/\[site\] loaded /.test(line)) phases.push({ name: 'data loaded from the CMS', atMs })
      if (/\[site\] rendered /.test(line) && phases.every((p) => p.name !== 'first page rendered'))
        phases.push({ name: 'first page rendered', atMs })
      if (/Astro build done/.test(line))
        phases.push({ name: 'Astro build done (pages, images)', atMs })
      if (/\[sites\] done:/.test(line))
        phases.push({ name: 'trees assembled, links checked, Pagefind indexed', atMs })
      // Progress lines every ~15 s; everything else that is not a per-clinic line.
      if (/\[site\] rendered /.test(line)) {
        if (atMs - lastProgress < 15_000) return
        lastProgress = atMs
        log(
          `[build ${at}] ${line.replace(/ \(.*\) in /, ' in ')} | load ${loadavg().split(' ')[0]}`,
        )
        return
      }
      if (/^\[sites\] [a-z0-9-]+: \d+ pages/.test(line)) {
        if (atMs - lastProgress < 15_000) return
        lastProgress = atMs
      }
      if (line.trim()) log(`[build ${at}] ${line}`)
    },
  })
  const cmsCpuSeconds = (cpuTicksOf(cms.pid) - cmsCpuBefore) / CLOCK_TICKS
  const loadAfter = loadavg()
  if (build.code !== 0) {
    log(
      `[bench] BUILD FAILED (exit ${build.code ?? build.signal}) after ${(build.wallMs / 1000).toFixed(1)} s; output tail:\n${build.output.slice(-4000)}`,
    )
    log(`[bench] CMS log tail:\n${cms.logs().slice(-2000)}`)
    return 1
  }
  log(`[bench] stopping the CMS...`)
  await cms.stop()
  server = undefined

  const stats = countPages(sitesDir)
  const buildSeconds = build.wallMs / 1000
  const buildRate = stats.pages / buildSeconds
  const loads = build.tree.load1
  const buildLoad = loads.length
    ? `mean ${(loads.reduce((a, b) => a + b, 0) / loads.length).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}`
    : 'n/a'
  const otherCpu = Math.max(0, build.cpu.machineSeconds - build.tree.cpuSeconds - cmsCpuSeconds)
  log('')
  log(
    `[bench] build: ${stats.pages} pages (seed expected ${seeded.expectedPages}) in ${stats.perClinic.size} clinic trees, ${mib(stats.htmlBytes)} of HTML (${kib(stats.htmlBytes / stats.pages)} per page)`,
  )
  log(`[bench]   languages: ${describeLanguages(pagesPerLanguage(sitesDir))}`)
  log(
    `[bench]   wall ${buildSeconds.toFixed(1)} s -> ${buildRate.toFixed(0)} pages/s; load average before ${loadBefore}, after ${loadAfter}; during (1-min, every 5 s): ${buildLoad}`,
  )
  log(
    `[bench]   CPU during the build: build tree ${build.tree.cpuSeconds.toFixed(0)} s, CMS ${cmsCpuSeconds.toFixed(0)} s, other processes ${otherCpu.toFixed(0)} s ` +
      `(machine ${build.cpu.machineBusyPct.toFixed(0)}% busy over ${os.cpus().length} cores)`,
  )
  log(
    `[bench]   memory: peak of the process tree's summed RSS (sampled every ${SAMPLE_MS} ms) ${mib(build.tree.peakTreeRss)} at ${build.tree.peakTreeAt.toFixed(0)} s; ` +
      `build process VmHWM ${mib(build.tree.rootHwm)}; largest child process RSS ${mib(build.tree.peakChildRss)}`,
  )
  const phaseLines = phases.map(
    (p, i) =>
      `${p.name} at ${(p.atMs / 1000).toFixed(1)} s (+${((p.atMs - (phases[i - 1]?.atMs ?? 0)) / 1000).toFixed(1)} s)`,
  )
  if (phaseLines.length)
    log(`[bench]   phases: ${phaseLines.join('; ')}; process exit at ${buildSeconds.toFixed(1)} s`)
  log(
    `[bench]   Astro image cache (site/node_modules/.astro/assets): ${imageCacheBefore} entries before, ${cacheEntries()} after`,
  )
  if (stats.pages < seeded.expectedPages)
    log(
      `[bench]   WARNING: fewer pages than the seed planned (${stats.pages} < ${seeded.expectedPages})`,
    )

  // --- 4. floor ----------------------------------------------------------------------------------
  let floor:
    | {
        pages: number
        bytes: number
        ms: number
        pagesPerSecond: number
        wallMs: number
        peakRss: number
        load: string
      }
    | undefined
  if (FLOOR) {
    const floorOut = path.join(workDir, 'floor')
    const floorLoad = loadavg()
    let result: { pages: number; bytes: number; ms: number; pagesPerSecond: number } | undefined
    const run = await runNode([path.join(repoRoot, 'bench', 'lib', 'floor.ts')], {
      cwd: repoRoot,
      env: {
        FLOOR_PAGES: String(stats.pages),
        FLOOR_BYTES: String(stats.htmlBytes),
        FLOOR_OUT: floorOut,
        FLOOR_CLINICS: String(stats.perClinic.size || 1),
      },
      onLine: (line) => {
        if (line.startsWith('FLOOR_RESULT '))
          result = JSON.parse(line.slice('FLOOR_RESULT '.length))
      },
    })
    if (run.code !== 0 || !result)
      throw new Error(
        `the floor script failed (exit ${run.code ?? run.signal}):\n${run.output.slice(-3000)}`,
      )
    // Pages/s over the process's whole life (start-up included), like the build's.
    floor = {
      ...result,
      wallMs: run.wallMs,
      pagesPerSecond: result.pages / (run.wallMs / 1000),
      peakRss: run.tree.peakTreeRss,
      load: floorLoad,
    }
    log(
      `[bench] floor: ${result.pages} pages, ${mib(result.bytes)} in ${(run.wallMs / 1000).toFixed(1)} s wall (${(result.ms / 1000).toFixed(1)} s writing) -> ` +
        `${floor.pagesPerSecond.toFixed(0)} pages/s; peak RSS ${mib(run.tree.peakTreeRss)}; load average before ${floorLoad}`,
    )
    fs.rmSync(floorOut, { recursive: true, force: true })
  }

  // --- 5. page weight ----------------------------------------------------------------------------
  const clinicSlug = [...stats.perClinic.entries()].sort((a, b) => b[1] - a[1])[0]?.[0]
  if (!clinicSlug) throw new Error('no clinic tree was built')
  const tree = path.join(sitesDir, clinicSlug)
  const articleFiles = [...filesUnder(path.join(tree, 'articles'))].filter(
    (f) =>
      f.endsWith('index.html') &&
      !f.includes(`${path.sep}page${path.sep}`) &&
      path.dirname(f) !== path.join(tree, 'articles'),
  )
  const articleWeights = articleFiles.map((f) => pageWeight(tree, 'article', f))
  const totals = articleWeights.map((w) => w.htmlGzip + w.cssGzip).sort((a, b) => a - b)
  const articleMedian = median(totals)
  const articleMax = totals[totals.length - 1] ?? 0
  const typical = articleWeights.find(
    (w) => w.htmlGzip + w.cssGzip === totals[Math.floor(totals.length / 2)],
  )!
  const conditionDir = path.join(tree, 'conditions')
  const firstCondition = fs
    .readdirSync(conditionDir, { withFileTypes: true })
    .find((e) => e.isDirectory())?.name
  const typeFiles: [string, string][] = [
    ['home', path.join(tree, 'index.html')],
    ['article index', path.join(tree, 'articles', 'index.html')],
    ['article', path.join(tree, typical.file)],
    ['condition', path.join(conditionDir, firstCondition ?? '', 'index.html')],
    ['faq', path.join(tree, 'faq', 'index.html')],
    ['location', path.join(tree, 'location', 'index.html')],
    ['search', path.join(tree, 'search', 'index.html')],
    ['404', path.join(tree, '404.html')],
  ]
  const weights = typeFiles.map(([type, file]) => pageWeight(tree, type, file))
  log('')
  log(
    `[bench] page weight (clinic "${clinicSlug}", gzip level 6; CSS = stylesheets the page links; JS = scripts it loads and their static imports):`,
  )
  log(
    `[bench]   article pages (${articleWeights.length}): HTML + CSS gzip median ${kib(articleMedian)}, max ${kib(articleMax)}; typical: HTML ${kib(typical.htmlBytes)} (${kib(typical.htmlGzip)} gz) + CSS ${kib(typical.cssBytes)} (${kib(typical.cssGzip)} gz)`,
  )
  for (const w of weights) {
    log(
      `[bench]   ${w.type.padEnd(13)} HTML ${kib(w.htmlBytes).padStart(10)} (${kib(w.htmlGzip).padStart(9)} gz)  CSS ${kib(w.cssGzip).padStart(8)} gz  JS ${String(w.jsBytes).padStart(7)} B in ${w.jsFiles} file(s) (${w.jsGzip} B gz)${w.missingJs.length ? `  MISSING: ${w.missingJs.join(', ')}` : ''}  ${w.file}`,
    )
  }

  // --- 6. summary --------------------------------------------------------------------------------
  type Row = [string, string, string, boolean | null]
  const ratio = floor ? buildRate / floor.pagesPerSecond : undefined
  const rows: Row[] = [
    [
      'pages built',
      `>= ${PAGES}`,
      `${stats.pages} (${stats.perClinic.size} clinics)`,
      stats.pages >= PAGES,
    ],
    [
      'build wall time',
      '(info)',
      `${buildSeconds.toFixed(1)} s (load avg during: ${buildLoad})`,
      null,
    ],
    ['build throughput', '(info)', `${buildRate.toFixed(0)} pages/s`, null],
    ...phaseRows(phases, stats.pages, buildSeconds),
    [
      'floor throughput',
      '(info)',
      floor
        ? `${floor.pagesPerSecond.toFixed(0)} pages/s (load avg before: ${floor.load.split(' ')[0]})`
        : 'skipped',
      null,
    ],
    [
      'build ÷ floor pages/s',
      `>= ${TARGET.floorRatio}`,
      ratio === undefined ? 'n/a' : `${ratio.toFixed(2)}x`,
      ratio === undefined ? null : ratio >= TARGET.floorRatio,
    ],
    [
      'peak RSS (build tree, sum, 250 ms)',
      `< ${(TARGET.peakRssBytes / 1024 ** 3).toFixed(1)} GiB`,
      `${mib(build.tree.peakTreeRss)} (build VmHWM ${mib(build.tree.rootHwm)})`,
      build.tree.peakTreeRss < TARGET.peakRssBytes,
    ],
    [
      'article HTML+CSS gzip (max)',
      `<= ${TARGET.articleGzipBytes / 1024} KiB`,
      `${kib(articleMax)} (median ${kib(articleMedian)})`,
      articleMax <= TARGET.articleGzipBytes,
    ],
  ]
  for (const w of weights) {
    const isSearch = w.type === 'search'
    rows.push([
      `JS bytes: ${w.type}`,
      isSearch ? '(allowed)' : '0',
      `${w.jsBytes} B`,
      isSearch ? null : w.jsBytes === TARGET.jsBytes && w.missingJs.length === 0,
    ])
  }
  rows.push([
    'seed',
    '(info)',
    cached ? 'from cache' : `${(seedMs / 1000).toFixed(0)} s (${seeded.articles} articles)`,
    null,
  ])

  const widths = [0, 1, 2].map((i) =>
    Math.max(...rows.map((r) => String(r[i]).length), ['metric', 'target', 'measured'][i]!.length),
  )
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 7)).join(' | ')} |`
  log('')
  log(
    `Site build benchmark (${stats.pages} pages, ${seeded.articles} articles on ${stats.perClinic.size} clinic sites; Node ${process.version}; ${os.cpus().length} cores; load average now ${loadavg()})`,
  )
  log(line(['metric', 'target', 'measured', 'status ']))
  log(line(widths.map((w) => '-'.repeat(w)).concat(['-------'])))
  for (const [metric, target, measured, ok] of rows)
    log(line([metric, target, measured, ok === null ? '' : ok ? 'met' : 'NOT met']))
  log('')
  return 0
}

await runBench(main, cleanup, log)

/**
 * `npm run bench:publish`: publish-to-live latency on the build benchmark's synthetic network.
 *
 *  1. Builds the CMS if its inputs changed; copies the seeded network (bench/lib/seeded.ts: 50
 *     clinics, >= 10,000 pages; seeded and cached on first use) into a temp dir.
 *  2. Starts the production CMS with the publisher on (SITES_PUBLISH=on, BUILD_SITES_ON_START=true),
 *     SITES_DIR in the temp dir, and waits for the start-up build of every clinic to go live: that
 *     build's time is the full-network rebuild time.
 *  3. Picks a published network article shown on exactly 3 clinics, then BENCH_PUBLISHES (10) times:
 *     PATCHes it over REST as an admin with a new title and body paragraph (published), and polls
 *     the three clinics' article pages on the local static server (the CMS serves
 *     http://<clinic>.localhost/ from SITES_DIR) every 25 ms until all three serve the new HTML.
 *     Publish-to-live = from the PATCH's response to the last of the three clinics serving it.
 *     The next publish starts once the server has finished that build (search index included).
 *  4. Prints each run (and the server's own build time for it), then p50 / p95 / max against the
 *     targets (issue 14: p50 <= 1 s, p95 <= 2 s), and the full rebuild time for comparison.
 *  5. BENCH_RAPID (20) PATCHes of the article back to back: the time from the last one's response
 *     until all three clinics serve it, and how many builds the edits took.
 *
 * Env: BENCH_PAGES (10000), BENCH_CLINICS (50), BENCH_IMAGES (12), BENCH_PUBLISHES (10), BENCH_RAPID (20),
 * BENCH_CACHE=0, BENCH_CACHE_DIR (/tmp/clinic-bench-cache), BENCH_KEEP=1, BENCH_CMS_PORT (39172).
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import os from 'node:os'
import path from 'node:path'

import { articlePath } from '@clinic/shared/paths'

import { envFlag as flag, envNumber as num, loadavg, portIfFree, sleep } from './lib/env.ts'
import { describeLanguages, pagesPerLanguage } from './lib/languages.ts'
import { runBench } from './lib/run.ts'
import { seededDatabase } from './lib/seeded.ts'
import { buildCms, cmsDir, repoRoot, type ServerHandle, startWithBuild } from './lib/server.ts'

const PAGES = num('BENCH_PAGES', 10_000)
const CLINICS = num('BENCH_CLINICS', 50)
const IMAGES = num('BENCH_IMAGES', 12)
const PUBLISHES = Math.max(1, num('BENCH_PUBLISHES', 10))
const USE_CACHE = flag('BENCH_CACHE', true)
const CACHE_DIR = path.resolve(
  process.env.BENCH_CACHE_DIR ?? path.join(os.tmpdir(), 'clinic-bench-cache'),
)
const KEEP = flag('BENCH_KEEP', false)
const CMS_PORT = num('BENCH_CMS_PORT', 39172)
// Issue 14's targets (they were 3 s and 5 s before it).
const TARGET = { p50Ms: 1_000, p95Ms: 2_000, rapidMs: 2_000 }
const RAPID = num('BENCH_RAPID', 20)
const LIVE_TIMEOUT_MS = 120_000

const log = (line: string) => console.log(line)
const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`

/** Nearest-rank percentile. */
function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}

/** `astro bundle 812 ms, cms fetch 95 ms, ...` (build-sites/log.ts) as numbers by phase. */
function parsePhases(text: string): Record<string, number> {
  const phases: Record<string, number> = {}
  for (const part of text.split(', ')) {
    const match = /^(.+) (\d+) ms$/.exec(part)
    if (match) phases[match[1]!] = Number(match[2])
  }
  return phases
}

/** Median time per phase of the publishes' builds, publish to switch (lanes' phases summed). */
function printBreakdown(builds: Record<string, number>[]): void {
  if (builds.length === 0) return
  log(`[bench]   where the time goes up to the switch (median of ${builds.length} builds):`)
  const names = [...new Set(builds.flatMap((build) => Object.keys(build)))]
  for (const name of ['queue wait', ...names.filter((n) => n !== 'queue wait')]) {
    const values = builds.map((build) => build[name]).filter((v): v is number => v !== undefined)
    if (values.length > 0) log(`[bench]     ${name.padEnd(14)} ${percentile(values, 50)} ms`)
  }
}

let server: ServerHandle | undefined
let workDir: string | undefined

async function cleanup() {
  if (server && !server.hasExited()) {
    log('[bench] stopping the CMS (SIGTERM)...')
    await server.stop()
  }
  server = undefined
  if (workDir && !KEEP) fs.rmSync(workDir, { recursive: true, force: true })
  else if (workDir) log(`[bench] kept ${workDir}`)
}

/** A fresh password for the seeded admin (bench/lib/bench-admin.ts). */
function adminLogin(env: Record<string, string>): Promise<{ email: string; password: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'bench', 'lib', 'bench-admin.ts')],
      {
        cwd: cmsDir,
        env: {
          ...process.env,
          ...env,
          NODE_ENV: 'production',
          DATABASE_PUSH: 'false',
          JOBS_AUTORUN: 'false',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => {
      const line = output.split('\n').find((l) => l.startsWith('BENCH_ADMIN '))
      if (code !== 0 || !line)
        reject(
          new Error(`could not set the admin's password (exit ${code}):\n${output.slice(-3000)}`),
        )
      else
        resolve(
          JSON.parse(line.slice('BENCH_ADMIN '.length)) as { email: string; password: string },
        )
    })
  })
}

/** GET a clinic page from the CMS's local static server (virtual host <clinic>.localhost). */
function getPage(
  cmsUrl: string,
  clinic: string,
  pathname: string,
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(cmsUrl)
  return new Promise((resolve, reject) => {
    const req = http.get(
      { host: hostname, port, path: pathname, headers: { host: `${clinic}.localhost:${port}` } },
      (res) => {
        let body = ''
        res.setEncoding('utf8')
        res.on('data', (chunk: string) => (body += chunk))
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }))
      },
    )
    req.on('error', reject)
  })
}

interface ArticleDoc {
  id: number | string
  slug: string
  title: string
  syndication?: string
  clinics?: (number | string)[]
  body: { root: { children: unknown[] } }
}

async function main(): Promise<number> {
  log(`[bench] Node ${process.version}, ${os.cpus().length} cores; load average ${loadavg()}`)
  log(
    `[bench] settings: >= ${PAGES} pages, ${CLINICS} clinics, ${PUBLISHES} publishes; cache ${USE_CACHE ? CACHE_DIR : 'off'}`,
  )
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  await buildCms(log)

  workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-publish-bench-'))
  const dataDir = path.join(workDir, 'data')
  const sitesDir = path.join(workDir, 'sites')
  fs.mkdirSync(dataDir)
  const env = {
    DATA_DIR: dataDir,
    DATABASE_URI: `file:${path.join(dataDir, 'bench.db')}`,
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  }
  const { seed } = await seededDatabase({
    dataDir,
    env,
    pages: PAGES,
    clinics: CLINICS,
    images: IMAGES,
    useCache: USE_CACHE,
    cacheDir: CACHE_DIR,
    log,
  })
  const admin = await adminLogin(env)

  // --- the CMS with its publisher; the start-up build is the full-network rebuild ----------------
  const port = await portIfFree(CMS_PORT)
  const buildTimes: number[] = []
  // When each build's follow-up ended (the search index written).
  const followUps: number[] = []
  // Per build, in order: the builder's phases up to the switch and the publisher's queue wait.
  const breakdowns: Record<string, number>[] = []
  let queueWait: number | undefined
  let fullRebuildMs: number | undefined
  let fullBuildFailed: string | undefined
  log(
    `[bench] starting the CMS with the publisher on (SITES_DIR ${sitesDir}); the start-up build renders all ${seed.clinics} clinics...`,
  )
  const startedAt = performance.now()
  server = await startWithBuild(
    {
      env: {
        ...env,
        SITES_DIR: sitesDir,
        SEED_DEMO: 'false',
        PORT: String(port),
        SITES_PUBLISH: 'on',
        BUILD_SITES_ON_START: 'true',
        API_CACHE_TTL_MS: '0',
      },
      onLine: (line) => {
        const waited = /^\[publish\] building .*, (\d+) ms after the write\)$/.exec(line)
        if (waited) queueWait = Number(waited[1])
        const toLive = /^\[sites\] phases to live \([\d.]+ s\): (.*)$/.exec(line)
        if (toLive) {
          const phases = parsePhases(toLive[1]!)
          if (queueWait !== undefined) phases['queue wait'] = queueWait
          breakdowns.push(phases)
          queueWait = undefined
        }
        // Printed once a build's follow-up (search index, shared files, pruning) has ended.
        if (/^\[sites\] phases: /.test(line)) followUps.push(performance.now())
        const live = /^\[publish\] live in (\d+) ms/.exec(line)
        if (live) {
          if (fullRebuildMs === undefined) fullRebuildMs = Number(live[1])
          else buildTimes.push(Number(live[1]))
        }
        if (/^\[publish\] build FAILED/.test(line)) {
          if (fullRebuildMs === undefined) fullBuildFailed = line
          log(`[bench]   ${line}`)
        }
        if (
          /^\[sites\] (done|building|Astro build done|phases|incremental render|live:)|^\[site\] (loaded|rendered \d+ files \(network)/.test(
            line,
          )
        )
          log(`[bench]   ${line}`)
      },
    },
    log,
  )
  const cms = server
  while (fullRebuildMs === undefined) {
    if (fullBuildFailed) throw new Error(`the start-up build failed: ${fullBuildFailed}`)
    if (cms.hasExited())
      throw new Error(`the CMS exited during the start-up build:\n${cms.logs().slice(-3000)}`)
    if (performance.now() - startedAt > 30 * 60_000)
      throw new Error('the start-up build did not finish within 30 minutes')
    await sleep(200)
  }
  log(
    `[bench] full-network rebuild (start-up build, ${seed.clinics} clinics): ${seconds(fullRebuildMs)}; ` +
      `${describeLanguages(pagesPerLanguage(sitesDir))} (${seed.spanishArticles ?? 0} articles published in Spanish)`,
  )

  // --- the article: published, network-owned, shown on exactly 3 clinics -------------------------
  const login = await fetch(`${cms.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(admin),
  })
  const { token } = (await login.json()) as { token?: string }
  if (!token) throw new Error(`admin login failed (HTTP ${login.status})`)
  const auth = { authorization: `JWT ${token}`, 'content-type': 'application/json' }
  const { docs: clinicDocs } = (await (
    await fetch(
      `${cms.url}/api/clinics?limit=0&depth=0&select[slug]=true&select[optedOutArticles]=true`,
      { headers: auth },
    )
  ).json()) as {
    docs: { id: number | string; slug: string; optedOutArticles?: (number | string)[] }[]
  }
  const slugOf = new Map(clinicDocs.map((clinic) => [String(clinic.id), clinic]))
  const candidates = (await (
    await fetch(
      `${cms.url}/api/articles?limit=0&depth=0&where[syndication][equals]=selected&where[owner][equals]=network&select[slug]=true&select[clinics]=true`,
      { headers: auth },
    )
  ).json()) as { docs: ArticleDoc[] }
  const shownOn = (article: ArticleDoc) =>
    (article.clinics ?? [])
      .map((id) => slugOf.get(String(id)))
      .filter(
        (clinic) =>
          clinic && !(clinic.optedOutArticles ?? []).some((a) => String(a) === String(article.id)),
      )
  const pick = candidates.docs.find((article) => shownOn(article).length === 3)
  if (!pick) throw new Error('the synthetic network has no article shown on exactly 3 clinics')
  const article = (await (
    await fetch(`${cms.url}/api/articles/${pick.id}?depth=0`, { headers: auth })
  ).json()) as ArticleDoc
  const clinics = shownOn(pick).map((clinic) => clinic!.slug)
  const pagePath = articlePath(article.slug)
  log(`[bench] article ${article.id} "${article.title}" on ${clinics.join(', ')}`)
  for (const clinic of clinics) {
    const page = await getPage(cms.url, clinic, pagePath)
    if (page.status !== 200)
      throw new Error(`${clinic}${pagePath} answers ${page.status} before the first publish`)
  }

  const firstPublishBuild = breakdowns.length
  // --- publishes ----------------------------------------------------------------------------------
  /** The article's body with one more paragraph that says `marker`. */
  const bodyWith = (marker: string) => {
    const paragraph = {
      type: 'paragraph',
      version: 1,
      format: '',
      indent: 0,
      direction: 'ltr',
      textFormat: 0,
      children: [
        {
          type: 'text',
          version: 1,
          text: `Updated note ${marker}.`,
          format: 0,
          style: '',
          mode: 'normal',
          detail: 0,
        },
      ],
    }
    return {
      ...article.body,
      root: { ...article.body.root, children: [...article.body.root.children, paragraph] },
    }
  }
  /** Resolves once every clinic serves `marker`: ms after `since`, per clinic. */
  const liveOnAll = (marker: string, since: number, what: string) =>
    Promise.all(
      clinics.map(async (clinic) => {
        for (;;) {
          const page = await getPage(cms.url, clinic, pagePath)
          if (page.status === 200 && page.body.includes(marker)) return performance.now() - since
          if (performance.now() - since > LIVE_TIMEOUT_MS)
            throw new Error(
              `${what}: ${clinic}${pagePath} did not show the edit within ${LIVE_TIMEOUT_MS / 1000} s`,
            )
          await sleep(25)
        }
      }),
    )

  const runs: { ms: number; perClinic: number[]; patchMs: number; buildMs?: number }[] = []
  for (let run = 1; run <= PUBLISHES; run++) {
    const marker = `bench-edit-${run}-${randomBytes(4).toString('hex')}`
    const body = bodyWith(marker)
    const buildsBefore = buildTimes.length
    const followUpsBefore = followUps.length
    const sent = performance.now()
    const res = await fetch(`${cms.url}/api/articles/${article.id}?depth=0`, {
      method: 'PATCH',
      headers: auth,
      body: JSON.stringify({ title: `${article.title} (${run})`, body, _status: 'published' }),
    })
    const answered = performance.now()
    if (res.status !== 200)
      throw new Error(
        `publish ${run} failed: HTTP ${res.status} ${(await res.text()).slice(0, 500)}`,
      )
    await res.arrayBuffer()
    const perClinic = await liveOnAll(marker, answered, `publish ${run}`)
    // Each publish is measured on its own: the next one starts after this build has completely
    // finished, its follow-up included (the search index is written after the pages are live, and
    // the next build would stop it).
    for (
      let waited = 0;
      (buildTimes.length === buildsBefore || followUps.length === followUpsBefore) &&
      waited < LIVE_TIMEOUT_MS;
      waited += 25
    )
      await sleep(25)
    const ms = Math.max(...perClinic)
    const searchAfter = followUps[followUpsBefore]
    runs.push({ ms, perClinic, patchMs: answered - sent, buildMs: buildTimes[buildsBefore] })
    log(
      `[bench] publish ${String(run).padStart(2)}: live on all 3 clinics ${seconds(ms)} after the response ` +
        `(${clinics.map((clinic, i) => `${clinic} ${seconds(perClinic[i]!)}`).join(', ')}; PATCH ${Math.round(answered - sent)} ms; ` +
        `server build to live ${buildTimes[buildsBefore] !== undefined ? seconds(buildTimes[buildsBefore]!) : 'n/a'}; ` +
        `search index written ${searchAfter !== undefined ? seconds(searchAfter - answered) : 'n/a'} after the response); load ${loadavg()}`,
    )
    await sleep(500)
  }

  // --- rapid edits: RAPID PATCHes back to back; the last one must go live ---------------------------
  let rapid: { ms: number; builds: number } | undefined
  if (RAPID > 0) {
    const buildsBefore = buildTimes.length
    let marker = ''
    let lastAnswered = 0
    for (let edit = 1; edit <= RAPID; edit++) {
      marker = `bench-rapid-${edit}-${randomBytes(4).toString('hex')}`
      const res = await fetch(`${cms.url}/api/articles/${article.id}?depth=0`, {
        method: 'PATCH',
        headers: auth,
        body: JSON.stringify({
          title: `${article.title} (rapid ${edit})`,
          body: bodyWith(marker),
          _status: 'published',
        }),
      })
      await res.arrayBuffer()
      if (res.status !== 200) throw new Error(`rapid edit ${edit} failed: HTTP ${res.status}`)
      lastAnswered = performance.now()
    }
    const perClinic = await liveOnAll(marker, lastAnswered, `rapid edit ${RAPID}`)
    rapid = { ms: Math.max(...perClinic), builds: 0 }
    await sleep(3_000)
    rapid.builds = buildTimes.length - buildsBefore
    log(
      `[bench] ${RAPID} rapid edits: the last one live on all 3 clinics ${seconds(rapid.ms)} after its PATCH's response ` +
        `(${rapid.builds} builds for the ${RAPID} edits); load ${loadavg()}`,
    )
  }

  const times = runs.map((run) => run.ms)
  const p50 = percentile(times, 50)
  const p95 = percentile(times, 95)
  const verdict = (ok: boolean) => (ok ? 'met' : 'NOT met')
  log('')
  log(
    `[bench] publish-to-live (${runs.length} publishes of one article on 3 clinics, ${seed.clinics}-clinic network, >= ${PAGES} pages):`,
  )
  log(
    `[bench]   p50 ${seconds(p50)}   (target <= ${seconds(TARGET.p50Ms)}: ${verdict(p50 <= TARGET.p50Ms)})`,
  )
  log(
    `[bench]   p95 ${seconds(p95)}   (target <= ${seconds(TARGET.p95Ms)}: ${verdict(p95 <= TARGET.p95Ms)})`,
  )
  log(
    `[bench]   min ${seconds(Math.min(...times))}, max ${seconds(Math.max(...times))}; PATCH response median ${Math.round(
      percentile(
        runs.map((r) => r.patchMs),
        50,
      ),
    )} ms`,
  )
  log(`[bench]   full-network rebuild (all ${seed.clinics} clinics): ${seconds(fullRebuildMs)}`)
  if (rapid)
    log(
      `[bench]   ${RAPID} rapid edits: last edit live ${seconds(rapid.ms)} after the last PATCH (target <= ${seconds(TARGET.rapidMs)}: ${verdict(rapid.ms <= TARGET.rapidMs)})`,
    )
  printBreakdown(breakdowns.slice(firstPublishBuild, firstPublishBuild + runs.length))
  return 0
}

await runBench(main, cleanup, log)

/**
 * The synthetic network's database for the benchmarks (bench/sites.ts, bench/publish.ts): seeded
 * through the Local API by bench/lib/seed-network.ts, cached in BENCH_CACHE_DIR keyed by the
 * generator's parameters, sources and the schema (migrations). A cache hit copies the database and
 * media into the run's data folder (the cached copy is never served from).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { cmsDir, repoRoot } from './server.ts'

export interface SeedResult {
  clinics: number
  conditions: number
  providers: number
  reviewers: number
  faqs: number
  images: number
  articles: number
  /** Articles also published in Spanish (bench/lib/seed-spanish.ts). */
  spanishArticles?: number
  articleKinds: { local: number; all: number; selected: number }
  optOuts: number
  expectedPages: number
  expectedArticlePages: number
  avgWords: number
  avgBodyJsonBytes: number
  articleMs: number
  ms: number
}

export interface SeedOptions {
  dataDir: string
  /** DATABASE_URI (file:), DATA_DIR, PAYLOAD_SECRET of the run. */
  env: Record<string, string>
  pages: number
  clinics: number
  images: number
  useCache: boolean
  cacheDir: string
  log: (line: string) => void
}

const mib = (bytes: number) => `${(bytes / 1024 ** 2).toFixed(0)} MiB`
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`

function* filesUnder(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* filesUnder(full)
    else yield full
  }
}

/** Everything the seeded database depends on: generator parameters and sources, schema. */
function seedKey({ pages, clinics, images }: SeedOptions): string {
  const hash = createHash('sha256')
  hash.update(JSON.stringify({ PAGES: pages, CLINICS: clinics, IMAGES: images, v: 1 }))
  const sources = [
    path.join(repoRoot, 'bench', 'lib', 'seed-network.ts'),
    path.join(repoRoot, 'bench', 'lib', 'seed-spanish.ts'),
    path.join(repoRoot, 'bench', 'lib', 'random.ts'),
    path.join(cmsDir, 'src', 'seed', 'richText.ts'),
    ...filesUnder(path.join(cmsDir, 'src', 'seed', 'content')),
    ...filesUnder(path.join(cmsDir, 'src', 'migrations')),
  ].sort()
  for (const file of sources)
    hash
      .update(path.relative(repoRoot, file))
      .update('\0')
      .update(fs.readFileSync(file))
      .update('\0')
  return `pages${pages}-clinics${clinics}-images${images}-${hash.digest('hex').slice(0, 12)}`
}

function seed(options: SeedOptions): Promise<SeedResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'bench', 'lib', 'seed-network.ts')],
      {
        cwd: cmsDir,
        env: {
          ...process.env,
          ...options.env,
          // The committed migrations create the schema on connect (as the production server does).
          NODE_ENV: 'production',
          DATABASE_PUSH: 'false',
          JOBS_AUTORUN: 'false',
          BENCH_PAGES: String(options.pages),
          BENCH_CLINICS: String(options.clinics),
          BENCH_IMAGES: String(options.images),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    let partial = ''
    let result: SeedResult | undefined
    const onData = (chunk: Buffer) => {
      const text = chunk.toString()
      output = (output + text).slice(-100_000)
      partial += text
      const lines = partial.split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('BENCH_SEED_RESULT '))
          result = JSON.parse(line.slice('BENCH_SEED_RESULT '.length)) as SeedResult
        else if (line.startsWith('[seed]')) options.log(`[bench]   ${line}`)
      }
    }
    child.stdout.on('data', onData)
    child.stderr.on('data', onData)
    child.on('error', reject)
    child.on('close', (code, signal) => {
      if (code !== 0 || !result)
        reject(new Error(`seeding failed (exit ${code ?? signal}):\n${output.slice(-4000)}`))
      else resolve(result)
    })
  })
}

/** The seeded database in dataDir: from the cache, or seeded now (and then cached). */
export async function seededDatabase(
  options: SeedOptions,
): Promise<{ seed: SeedResult; cached: boolean; seedMs: number }> {
  const { dataDir, env, useCache, cacheDir, log } = options
  const key = seedKey(options)
  const cached = path.join(cacheDir, key)
  const dbName = path.basename(env.DATABASE_URI!.replace(/^file:/, ''))
  if (useCache && fs.existsSync(path.join(cached, 'seed.json'))) {
    const t0 = performance.now()
    fs.copyFileSync(path.join(cached, 'bench.db'), path.join(dataDir, dbName))
    fs.cpSync(path.join(cached, 'media'), path.join(dataDir, 'media'), { recursive: true })
    log(
      `[bench] seeded database from the cache ${cached} (${mib(fs.statSync(path.join(dataDir, dbName)).size)}, copied in ${Math.round(performance.now() - t0)} ms)`,
    )
    return {
      seed: JSON.parse(fs.readFileSync(path.join(cached, 'seed.json'), 'utf8')) as SeedResult,
      cached: true,
      seedMs: 0,
    }
  }
  log(
    `[bench] seeding the network through the Local API (${options.clinics} clinics, >= ${options.pages} pages, ${options.images} images)...`,
  )
  const t0 = performance.now()
  const result = await seed(options)
  const seedMs = performance.now() - t0
  log(
    `[bench] seeded in ${(seedMs / 1000).toFixed(1)} s: ${result.articles} articles (${result.articleKinds.local} local, ${result.articleKinds.all} for all clinics, ` +
      `${result.articleKinds.selected} for selected ones; ${(result.articles / (result.articleMs / 1000)).toFixed(1)} articles/s; avg ${result.avgWords} words, ` +
      `${kib(result.avgBodyJsonBytes)} Lexical JSON), ${result.spanishArticles ?? 0} of them also in Spanish, ${result.faqs} FAQs, ${result.providers} providers, ${result.conditions} conditions, ${result.images} images`,
  )
  if (useCache) {
    const temp = `${cached}.${process.pid}.tmp`
    fs.rmSync(temp, { recursive: true, force: true })
    fs.mkdirSync(temp, { recursive: true })
    const wal = path.join(dataDir, `${dbName}-wal`)
    if (fs.existsSync(wal) && fs.statSync(wal).size > 0)
      throw new Error(`the seeded database still has a WAL (${wal}); not caching it`)
    fs.copyFileSync(path.join(dataDir, dbName), path.join(temp, 'bench.db'))
    fs.cpSync(path.join(dataDir, 'media'), path.join(temp, 'media'), { recursive: true })
    fs.writeFileSync(path.join(temp, 'seed.json'), JSON.stringify(result, null, 2))
    fs.rmSync(cached, { recursive: true, force: true })
    fs.renameSync(temp, cached)
    // Entries for the same parameters made by older generator sources or schemas are dead weight.
    const prefix = key.slice(0, key.lastIndexOf('-') + 1)
    for (const name of fs.readdirSync(cacheDir)) {
      if (name.startsWith(prefix) && name !== key && !name.endsWith('.tmp'))
        fs.rmSync(path.join(cacheDir, name), { recursive: true, force: true })
    }
    log(`[bench] cached the seeded database in ${cached}`)
  }
  return { seed: result, cached: false, seedMs }
}

/**
 * The import engine on a generated corpus, for bench/import.ts. Started as
 * `node --import tsx ../bench/lib/import-run.ts` with cwd cms/ (tsx resolves the CMS's
 * extensionless imports) and DATA_DIR / PAYLOAD_SECRET / BENCH_IMPORT_DIR set. Reads the config
 * and a fresh SQLite database, where it applies the plan and then applies it again (a re-run). Prints progress lines
 * and, last, one `BENCH_IMPORT_RESULT {json}` line.
 */
import fs from 'node:fs'

import { applyPlan } from '../../cms/src/import/apply/index.ts'
import { progressPrinter } from '../../cms/src/import/apply/report.ts'
import { networkData, planImport } from '../../cms/src/import/engine.ts'
import { articleBodyEditorConfig } from '../../cms/src/import/lexical.ts'
import type { SourceIdentity } from '../../cms/src/import/types.ts'
import { generateCorpus } from './import-corpus.ts'
import { writeSources } from './import-sources.ts'

const num = (name: string, fallback: number) => {
  const value = Number(process.env[name] ?? fallback)
  if (!Number.isFinite(value) || value < 1) throw new Error(`${name} must be a positive number`)
  return Math.floor(value)
}

const dir = process.env.BENCH_IMPORT_DIR!
const started = performance.now()
const corpus = generateCorpus({
  clinics: num('BENCH_IMPORT_CLINICS', 5),
  postsPerClinic: num('BENCH_IMPORT_POSTS', 300),
})
const written = writeSources(corpus, dir)
const generatedMs = performance.now() - started
console.log(`[bench] generated ${corpus.posts.length} posts in ${Math.round(generatedMs)} ms`)

const configStarted = performance.now()
const { default: configPromise } = await import('../../cms/src/payload.config.ts')
const config = await configPromise
const editorConfig = articleBodyEditorConfig(config)
// A fresh SQLite database (migrated on start, NODE_ENV=production) with the corpus's clinics and
// two conditions: the network the plan maps onto and the apply step writes into.
const { getPayload } = await import('payload')
const payload = await getPayload({ config })
const quiet = { overrideAccess: true, context: { seeding: true, skipSiteRebuild: true } } as const
for (const [i, clinic] of corpus.clinics.entries()) {
  await payload.create({
    collection: 'clinics',
    ...quiet,
    data: {
      name: clinic.name,
      slug: clinic.slug,
      siteUrl: `https://${clinic.slug}.bench.example`,
      phone: `(505) 555-01${String(i).padStart(2, '0')}`,
      email: `${clinic.slug}@bench.example`,
      address: {
        street: `${i + 1} Main St`,
        city: clinic.city,
        state: 'NM',
        postalCode: '87101',
        country: 'US',
      },
      geo: { lat: 35.08, lng: -106.65 },
      timezone: 'America/Denver',
    } as never,
  })
}
for (const name of ['Chronic pain', 'Depression'])
  await payload.create({
    collection: 'conditions',
    ...quiet,
    data: { name, category: 'pain', summary: `${name}.` } as never,
  })
const configMs = performance.now() - configStarted

const importStarted = performance.now()
const plan = await planImport({
  clinics: written.clinics,
  // As the CLI reads it (networkData), with the corpus's regions as the places copies change.
  network: await networkData(payload).then((network) => ({
    ...network,
    clinics: network.clinics.map((clinic) => {
      const place = corpus.clinics.find((c) => c.slug === clinic.slug)!
      return { ...clinic, places: [place.city, place.region] }
    }),
  })),
  editorConfig,
  log: (line) => console.log(line),
})
const importMs = performance.now() - importStarted

// The generated old sites do not exist: every image is reported, none fetched.
const offline = async () => {
  throw new Error('the generated old site is offline')
}
const applyStarted = performance.now()
const applied = await applyPlan(payload, plan, {
  fetchImage: offline,
  onProgress: progressPrinter((line) => console.log(line)),
})
const applyMs = performance.now() - applyStarted
const rerunStarted = performance.now()
const rerun = await applyPlan(payload, plan, { fetchImage: offline })
const rerunMs = performance.now() - rerunStarted
const rerunChanges = Object.values(rerun.counts).reduce((n, c) => n + c.created + c.updated, 0)

const keyOf = (source: SourceIdentity) =>
  `${source.clinic}|${source.wpId !== null ? `wp:${source.wpId}` : `url:${source.url}`}`
const pairs = (groups: number[][]) => {
  const set = new Set<string>()
  for (const group of groups)
    for (let i = 0; i < group.length; i++)
      for (let j = i + 1; j < group.length; j++)
        set.add([group[i]!, group[j]!].sort((a, b) => a - b).join('|'))
  return set
}
const byOrigin = new Map<number, number[]>()
for (const post of corpus.posts)
  byOrigin.set(post.origin, [...(byOrigin.get(post.origin) ?? []), post.id])
const expected = pairs([...byOrigin.values()])
const found = pairs(
  plan.networkArticles.map((article) =>
    article.sources.map((source) => written.postByKey.get(keyOf(source))!),
  ),
)
const correct = [...found].filter((pair) => expected.has(pair)).length
const status = fs.readFileSync('/proc/self/status', 'utf8')
const peakKb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0)
console.log(
  `BENCH_IMPORT_RESULT ${JSON.stringify({
    posts: corpus.posts.length,
    clinics: corpus.clinics.length,
    generatedMs,
    configMs,
    importMs,
    applyMs,
    rerunMs,
    rerunChanges,
    written: Object.values(applied.counts).reduce((n, c) => n + c.created, 0),
    peakRssMb: peakKb / 1024,
    networkArticles: plan.networkArticles.length,
    localArticles: plan.localArticles.length,
    redirects: plan.redirects.length,
    expectedPairs: expected.size,
    foundPairs: found.size,
    precision: found.size === 0 ? 0 : correct / found.size,
    recall: expected.size === 0 ? 1 : correct / expected.size,
  })}`,
)

await payload.destroy()
process.exit(0)

/**
 * The import engine on a generated corpus, for bench/import.ts. Started as
 * `node --import tsx ../bench/lib/import-run.ts` with cwd cms/ (tsx resolves the CMS's
 * extensionless imports) and DATA_DIR / PAYLOAD_SECRET / BENCH_IMPORT_DIR set. Reads the config
 * only to sanitise it (the body's editor config); no database is opened. Prints progress lines
 * and, last, one `BENCH_IMPORT_RESULT {json}` line.
 */
import fs from 'node:fs'

import { planImport } from '../../cms/src/import/engine.ts'
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
const configMs = performance.now() - configStarted

const importStarted = performance.now()
const plan = await planImport({
  clinics: written.clinics,
  network: {
    clinics: corpus.clinics.map((clinic, i) => ({
      id: i + 1,
      slug: clinic.slug,
      name: clinic.name,
      places: [clinic.city, clinic.region],
    })),
    providers: [],
    conditions: [
      { id: 1, name: 'Chronic pain', slug: 'chronic-pain' },
      { id: 2, name: 'Depression', slug: 'depression' },
    ],
  },
  editorConfig,
  log: (line) => console.log(line),
})
const importMs = performance.now() - importStarted

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

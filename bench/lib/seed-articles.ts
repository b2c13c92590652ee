/**
 * Adds BENCH_ARTICLES (default 500) published articles with realistic ~1,500-word Lexical bodies
 * to an already migrated database, through Payload's Local API. Started by bench/api.ts as
 * `node --import tsx ../bench/lib/seed-articles.ts` with cwd cms/ (tsx resolves the CMS's
 * extensionless imports) and DATABASE_URI / DATA_DIR / PAYLOAD_SECRET / DATABASE_PUSH=false set.
 *
 * Bodies are assembled from the demo network's own paragraphs, headings, lists and quotes (so the
 * text, links and node mix look like real articles); relationships (author, medical reviewer,
 * conditions, clinics, canonical clinic) point at the demo network's documents. Deterministic
 * (except review dates, which are relative to today so that publishing's review gate accepts
 * them): the same count gives the same content. Prints progress lines and, last, one
 * `BENCH_SEED_RESULT {json}` line for the parent.
 */
import { randomBytes } from 'node:crypto'

import { getPayload } from 'payload'

import config from '../../cms/src/payload.config.ts'
import { articles as demoArticles } from '../../cms/src/seed/content/articles.ts'
import { conditions as demoConditions } from '../../cms/src/seed/content/conditions.ts'
import { reviewers } from '../../cms/src/seed/content/people.ts'
import type { Block } from '../../cms/src/seed/content/types.ts'
import { plainText, toLexical } from '../../cms/src/seed/richText.ts'
import { seededRandom } from './random.ts'

const COUNT = Number(process.env.BENCH_ARTICLES ?? 500)
const trusted = { overrideAccess: true, context: { seeding: true } } as const

/** Deterministic, so every run seeds the same content. */
const prng = seededRandom

const words = (blocks: Block[]) => plainText(blocks).split(/\s+/).filter(Boolean).length

// Building blocks taken from the demo content.
const allBlocks: Block[] = [
  ...demoArticles.flatMap((a) => a.body),
  ...demoConditions.flatMap((c) => c.body),
]
const paragraphs = allBlocks.filter(
  (b): b is { p: string } => 'p' in b && b.p.split(/\s+/).length >= 25,
)
const headings = allBlocks.filter((b): b is { h2: string } => 'h2' in b)
const subheadings = allBlocks.filter((b): b is { h3: string } => 'h3' in b)
const lists = allBlocks.filter((b) => 'ul' in b || 'ol' in b)
const quotes = allBlocks.filter((b) => 'quote' in b)
const allReferences = demoArticles.flatMap((a) => a.references)

const ANGLES = [
  'what patients ask us most',
  'a practical guide',
  'myths and facts',
  'what the research says',
  'questions to ask your doctor',
  'how families can help',
  'a week-by-week look',
  'living well between treatments',
  'insurance, costs and paperwork',
  'when to call your care team',
]

function body(rand: ReturnType<typeof prng>): Block[] {
  const target = 1_400 + rand.int(201)
  const blocks: Block[] = [rand.pick(paragraphs)]
  while (words(blocks) < target) {
    blocks.push(rand.pick(headings))
    if (rand.next() < 0.25 && subheadings.length > 0) blocks.push(rand.pick(subheadings))
    for (let i = 1 + rand.int(3); i > 0; i--) blocks.push(rand.pick(paragraphs))
    if (rand.next() < 0.35 && lists.length > 0) blocks.push(rand.pick(lists))
    if (rand.next() < 0.1 && quotes.length > 0) blocks.push(rand.pick(quotes))
  }
  return blocks
}

const started = performance.now()
const payload = await getPayload({ config })
try {
  const ids = async (collection: 'clinics' | 'conditions' | 'providers') =>
    (
      await payload.find({ collection, limit: 0, pagination: false, depth: 0, ...trusted })
    ).docs.map((d) => d.id)
  const clinicIds = await ids('clinics')
  const conditionIds = await ids('conditions')
  const providerIds = await ids('providers')
  // A clinic's article must be written by a provider who works at that clinic.
  const providersByClinic = new Map<unknown, (string | number)[]>()
  for (const provider of (
    await payload.find({
      collection: 'providers',
      limit: 0,
      pagination: false,
      depth: 0,
      ...trusted,
    })
  ).docs) {
    for (const clinic of (provider.clinics ?? []) as unknown[]) {
      const key =
        typeof clinic === 'object' && clinic !== null ? (clinic as { id: unknown }).id : clinic
      providersByClinic.set(key, [...(providersByClinic.get(key) ?? []), provider.id])
    }
  }
  if (clinicIds.length === 0 || conditionIds.length === 0 || providerIds.length === 0) {
    throw new Error(
      'The demo network is missing: start the server once with SEED_DEMO=true before seeding articles.',
    )
  }

  // The demo seed only creates users when ADMIN_EMAIL is set; articles name a medical reviewer,
  // so make sure some exist (after an admin, so that no reviewer becomes the "first user" admin).
  const ensureUser = async (email: string, data: Record<string, unknown>) => {
    const found = await payload.find({
      collection: 'users',
      where: { email: { equals: email } },
      limit: 1,
      depth: 0,
      ...trusted,
    })
    if (found.docs[0]) return found.docs[0].id
    const created = await payload.create({
      collection: 'users',
      data: {
        email,
        password: randomBytes(18).toString('base64url'),
        clinics: [],
        ...data,
      } as never,
      depth: 0,
      ...trusted,
    })
    return created.id
  }
  await ensureUser('bench.admin@clearwater-infusion.example', {
    name: 'Bench Admin',
    roles: ['admin'],
  })
  const reviewerIds: (string | number)[] = []
  for (const r of reviewers) {
    reviewerIds.push(
      await ensureUser(r.email, {
        name: r.name,
        credentials: r.credentials,
        roles: ['medical-reviewer'],
      }),
    )
  }

  const rand = prng(20261121)
  let totalWords = 0
  let totalBodyBytes = 0
  let created = 0
  const t0 = performance.now()
  for (let n = 1; n <= COUNT; n++) {
    const base = rand.pick(demoArticles)
    const condition = rand.pick(demoConditions)
    const title = `${condition.name}: ${rand.pick(ANGLES)} (part ${n})`
    const blocks = body(rand)
    const lexical = toLexical(blocks)
    totalWords += words(blocks)
    totalBodyBytes += JSON.stringify(lexical).length
    const clinic = rand.pick(clinicIds)
    const localAuthors = providersByClinic.get(clinic) ?? []
    const local = rand.next() < 0.2 && localAuthors.length > 0
    const syndicateAll = !local && rand.next() < 0.5
    await payload.create({
      collection: 'articles',
      data: {
        title,
        slug: `bench-${n}-${condition.slug}`,
        excerpt: base.excerpt,
        body: lexical,
        references: rand.some(allReferences, 2, 4),
        author: rand.pick(local ? localAuthors : providerIds),
        medicalReviewer: rand.pick(reviewerIds),
        // Within the network's review interval (publishing requires a recent medical review).
        lastReviewedAt: new Date(Date.now() - (1 + rand.int(300)) * 86_400_000).toISOString(),
        conditions: rand.some(conditionIds, 1, 3),
        owner: local ? 'clinic' : 'network',
        ownerClinic: local ? clinic : undefined,
        syndication: local ? undefined : syndicateAll ? 'all' : 'selected',
        clinics: local || syndicateAll ? [] : rand.some(clinicIds, 1, clinicIds.length),
        canonicalClinic: local ? undefined : clinic,
        meta: { title: title.slice(0, 70), description: base.excerpt.slice(0, 200) },
        _status: 'published',
      } as never,
      depth: 0,
      ...trusted,
    })
    created++
    if (n % 50 === 0 || n === COUNT) {
      const rate = n / ((performance.now() - t0) / 1000)
      console.log(`[seed] ${n}/${COUNT} articles (${rate.toFixed(1)}/s)`)
    }
  }
  const result = {
    created,
    avgWords: Math.round(totalWords / Math.max(1, created)),
    avgBodyJsonBytes: Math.round(totalBodyBytes / Math.max(1, created)),
    ms: Math.round(performance.now() - started),
  }
  console.log(`BENCH_SEED_RESULT ${JSON.stringify(result)}`)
} finally {
  await payload.destroy()
}
process.exit(0)

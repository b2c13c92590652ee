/**
 * Applying the demo clinics' import to a real Payload on a fresh SQLite database (the seeded demo
 * network): drafts on exactly the clinics that had the copies, provider drafts, images with alt
 * text, redirects; a second run changes nothing; a changed source updates unedited drafts and
 * reports edited ones as conflicts; a run stopped half-way is completed by the next one.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applyPlan } from '../../../cms/src/import/apply/index.ts'
import type { ImageFetcher } from '../../../cms/src/import/apply/media.ts'
import { ImportCancelled } from '../../../cms/src/import/apply/types.ts'
import { networkData, planImport } from '../../../cms/src/import/engine.ts'
import { articleBodyEditorConfig } from '../../../cms/src/import/lexical.ts'
import type { ImportPlan } from '../../../cms/src/import/plan/types.ts'
import { dropDatabase, freshDatabaseUri } from '../../support/cms.ts'

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/import')
const PAIN = 'Ketamine Infusions for Chronic Pain: An Alternative to Opioids'

let payload: Payload
let plan: ImportPlan
let dataDir: string
let png: Buffer
const fetched: string[] = []
// The old sites are fictional (.example hosts): images come from here, as real PNG bytes.
const images: ImageFetcher = async (url) => {
  fetched.push(url)
  return { data: png, mimetype: 'image/png', name: 'old-image.png' }
}

const planDemo = async () =>
  planImport({
    clinics: [
      { clinic: 'albuquerque', inputs: ['albuquerque.xml'] },
      { clinic: 'temecula', inputs: ['temecula-posts.json', 'temecula-pages.json'] },
      { clinic: 'waxahachie', inputs: ['waxahachie'] },
    ],
    network: await networkData(payload),
    editorConfig: articleBodyEditorConfig(payload.config),
    cwd: fixtures,
  })

/** Every imported document with all its versions: what "nothing changed" compares. */
async function snapshot() {
  const out: Record<string, unknown> = {}
  for (const collection of ['articles', 'providers', 'media', 'redirects'] as const) {
    const docs = await payload.find({
      collection,
      pagination: false,
      depth: 0,
      draft: true,
      overrideAccess: true,
      sort: 'id',
    })
    out[collection] = docs.docs
  }
  out.versions = (
    await payload.findVersions({
      collection: 'articles',
      pagination: false,
      depth: 0,
      overrideAccess: true,
      sort: 'id',
    })
  ).docs
  return JSON.parse(JSON.stringify(out))
}

const slugOf = async (id: unknown) =>
  (await payload.findByID({ collection: 'clinics', id: id as number, depth: 0 })).slug

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-import-apply-'))
  process.env.DATA_DIR = dataDir
  process.env.DATABASE_URI = freshDatabaseUri(dataDir)
  process.env.PAYLOAD_SECRET = randomBytes(32).toString('hex')
  process.env.JOBS_AUTORUN = 'false'
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../../cms/src/payload.config.ts')
  payload = await getPayload({ config })
  const { seedDemoNetwork } = await import('../../../cms/src/seed/index.ts')
  const { demoReviewersWithoutLogin } = await import('../../../cms/src/seed/demoUsers.ts')
  await seedDemoNetwork(payload, { users: demoReviewersWithoutLogin() })
  png = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#4a7' } })
    .png()
    .toBuffer()
  plan = await planDemo()
})

afterAll(async () => {
  if (payload) {
    await dropDatabase(payload)
    await payload.destroy()
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('applying an import', () => {
  it('stops between documents when cancelled, leaving only whole drafts; the next run completes it', async () => {
    const stop = new AbortController()
    const cancelled = applyPlan(payload, plan, {
      fetchImage: images,
      signal: stop.signal,
      onProgress: ({ phase, done }) => {
        if (phase === 'articles' && done === 2) stop.abort()
      },
    })
    await expect(cancelled).rejects.toBeInstanceOf(ImportCancelled)
    const partial = await payload.find({
      collection: 'articles',
      where: { 'importSource.key': { exists: true } },
      draft: true,
      overrideAccess: true,
    })
    expect(partial.totalDocs).toBe(2)
    expect(partial.docs.every((doc) => doc._status === 'draft')).toBe(true)
    expect((await payload.count({ collection: 'redirects', overrideAccess: true })).totalDocs).toBe(
      0,
    )

    const resumed = await applyPlan(payload, plan, { fetchImage: images })
    const total = plan.networkArticles.length + plan.localArticles.length
    expect(resumed.counts.articles).toMatchObject({ created: total - 2, unchanged: 2, updated: 0 })
    expect(resumed.counts.redirects.created).toBe(plan.redirects.length)
    // Images fetched by the first run are found by their source URL, not fetched again.
    expect(resumed.counts.media.created + resumed.counts.media.unchanged).toBe(plan.media.length)
    expect(new Set(fetched).size).toBe(fetched.length)
  })

  it('creates every merged article as a network draft on exactly the clinics that had it, canonical at the oldest', async () => {
    const found = await payload.find({
      collection: 'articles',
      where: { title: { equals: PAIN } },
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(found.totalDocs).toBe(1)
    const pain = found.docs[0]!
    expect(pain._status).toBe('draft')
    expect(pain.owner).toBe('network')
    expect(pain.syndication).toBe('selected')
    const clinics = await Promise.all((pain.clinics ?? []).map(slugOf))
    expect(clinics.sort()).toEqual(['albuquerque', 'temecula', 'waxahachie'])
    expect(await slugOf(pain.canonicalClinic)).toBe('albuquerque')
    expect(pain.importSource?.key).toBe(plan.networkArticles.find((a) => a.title === PAIN)!.key)
    // Nothing imported is published: the medical-review gate still decides.
    const published = await payload.count({
      collection: 'articles',
      where: {
        and: [{ 'importSource.key': { exists: true } }, { _status: { equals: 'published' } }],
      },
      overrideAccess: true,
    })
    expect(published.totalDocs).toBe(0)
  })

  it('makes local articles for their clinic, providers as drafts needing review, images with alt text', async () => {
    const local = plan.localArticles[0]!
    const doc = (
      await payload.find({
        collection: 'articles',
        where: { 'importSource.key': { equals: local.key } },
        draft: true,
        depth: 0,
        overrideAccess: true,
      })
    ).docs[0]!
    expect(doc.owner).toBe('clinic')
    expect(await slugOf(doc.ownerClinic)).toBe(local.clinic)

    const providers = await payload.find({
      collection: 'providers',
      where: { 'importSource.key': { exists: true } },
      overrideAccess: true,
    })
    expect(providers.totalDocs).toBe(plan.providers.length)
    expect(providers.docs.every((p) => p.needsReview)).toBe(true)
    const users = await payload.count({ collection: 'users', overrideAccess: true })
    expect(users.totalDocs).toBeGreaterThan(0)
    expect(
      (
        await payload.count({
          collection: 'users',
          where: { name: { in: plan.providers.map((p) => p.name) } },
          overrideAccess: true,
        })
      ).totalDocs,
    ).toBe(0)

    const media = await payload.find({
      collection: 'media',
      where: { sourceUrl: { exists: true } },
      overrideAccess: true,
    })
    expect(media.totalDocs).toBe(plan.media.length)
    for (const image of media.docs) {
      expect(plan.media.find((m) => m.sourceUrl === image.sourceUrl)!.alt).toBe(image.alt)
    }
  })

  it('redirects each old address to its article on the same clinic', async () => {
    const permalink = plan.redirects.find((r) => r.kind === 'permalink' && r.articleKey)!
    const clinic = await payload.find({
      collection: 'clinics',
      where: { slug: { equals: permalink.clinic } },
      overrideAccess: true,
    })
    const found = await payload.find({
      collection: 'redirects',
      where: {
        and: [
          { from: { equals: permalink.from } },
          { ownerClinic: { equals: clinic.docs[0]!.id } },
        ],
      },
      depth: 0,
      overrideAccess: true,
    })
    expect(found.totalDocs).toBe(1)
    const redirect = found.docs[0]!
    expect(redirect.to?.type).toBe('reference')
    const target = await payload.findByID({
      collection: 'articles',
      id: (redirect.to!.reference!.value as number) ?? 0,
      draft: true,
      depth: 0,
      overrideAccess: true,
    })
    expect(target.importSource?.key).toBe(permalink.articleKey)
  })

  it('changes nothing when the same import runs again: documents and versions identical', async () => {
    const before = await snapshot()
    const again = await applyPlan(payload, await planDemo(), { fetchImage: images })
    for (const counts of Object.values(again.counts)) {
      expect(counts).toMatchObject({ created: 0, updated: 0, conflicts: 0 })
    }
    expect(await snapshot()).toEqual(before)
  })

  it('updates a changed article nobody edited, and reports an edited one as a conflict, unchanged', async () => {
    const [first, second] = plan.localArticles
    const edited = (
      await payload.find({
        collection: 'articles',
        where: { 'importSource.key': { equals: second!.key } },
        draft: true,
        overrideAccess: true,
      })
    ).docs[0]!
    // An editor's save (any write without the importer's context).
    await payload.update({
      collection: 'articles',
      id: edited.id,
      draft: true,
      data: { excerpt: 'Rewritten by the clinic editor.' },
      overrideAccess: true,
    })
    const changed: ImportPlan = structuredClone(plan)
    for (const article of changed.localArticles.slice(0, 2))
      article.excerpt = `${article.excerpt} (updated at the source)`

    const result = await applyPlan(payload, changed, { fetchImage: images })
    expect(result.counts.articles).toMatchObject({ created: 0, updated: 1, conflicts: 1 })
    expect(result.conflicts.map((c) => c.key)).toEqual([second!.key])
    const reread = async (key: string) =>
      (
        await payload.find({
          collection: 'articles',
          where: { 'importSource.key': { equals: key } },
          draft: true,
          overrideAccess: true,
        })
      ).docs[0]!
    expect((await reread(first!.key)).excerpt).toMatch(/updated at the source/)
    expect((await reread(second!.key)).excerpt).toBe('Rewritten by the clinic editor.')
  })

  it('ignores an import key sent by anyone but the importer', async () => {
    const article = (
      await payload.find({
        collection: 'articles',
        where: { 'importSource.key': { exists: true } },
        draft: true,
        limit: 1,
        overrideAccess: true,
      })
    ).docs[0]!
    const updated = await payload.update({
      collection: 'articles',
      id: article.id,
      draft: true,
      data: { importSource: { key: 'forged', editedAfterImport: false } },
      overrideAccess: true,
    })
    expect(updated.importSource?.key).toBe(article.importSource?.key)
    expect(updated.importSource?.editedAfterImport).toBe(true)
  })
})

describe('redirects edited by hand', () => {
  it("queue a rebuild of their clinic's site, where they go live", async () => {
    const clinic = (
      await payload.find({
        collection: 'clinics',
        where: { slug: { equals: 'temecula' } },
        overrideAccess: true,
      })
    ).docs[0]!
    const jobs = () =>
      payload.find({
        collection: 'payload-jobs',
        where: { taskSlug: { equals: 'rebuildSites' } },
        pagination: false,
        overrideAccess: true,
      })
    const before = (await jobs()).totalDocs
    await payload.create({
      collection: 'redirects',
      data: {
        from: '/old-hours/',
        to: { type: 'custom', url: '/location/' },
        ownerClinic: clinic.id,
      },
      overrideAccess: true,
    })
    const after = await jobs()
    expect(after.totalDocs).toBe(before + 1)
    const input = after.docs.at(-1)!.input as { clinics: string[] }
    expect(input.clinics).toEqual(['temecula'])
  })
})

/**
 * The import engine on the three demo clinics' fixtures, against the real Payload config and the
 * seeded demo network (a fresh SQLite file through the Local API, as the seed script runs it):
 * merged network articles, local articles, mapping, redirects, the report, and Lexical bodies
 * that the real articles collection saves without a validation error.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { networkData, planImport } from '../../../cms/src/import/engine.ts'
import { articleBodyEditorConfig } from '../../../cms/src/import/lexical.ts'
import type { ImportPlan, NetworkData } from '../../../cms/src/import/plan/types.ts'
import { formatReport } from '../../../cms/src/import/plan/report.ts'
import { unsafeLinksIn } from '../../../cms/src/hooks/rejectUnsafeLinks.ts'
import { freshDatabaseUri, dropDatabase } from '../../support/cms.ts'

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/import')
const PAIN = 'Ketamine Infusions for Chronic Pain: An Alternative to Opioids'
const BOOSTER = 'Booster Infusions: How Long Do the Effects Last?'

let payload: Payload
let network: NetworkData
let plan: ImportPlan
let dataDir: string

const run = () =>
  planImport({
    clinics: [
      { clinic: 'albuquerque', inputs: ['albuquerque.xml'] },
      { clinic: 'temecula', inputs: ['temecula-posts.json', 'temecula-pages.json'] },
      { clinic: 'waxahachie', inputs: ['waxahachie'] },
    ],
    network,
    editorConfig: articleBodyEditorConfig(payload.config),
    cwd: fixtures,
  })

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-import-'))
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
  network = await networkData(payload)
  plan = await run()
})

afterAll(async () => {
  if (payload) {
    await dropDatabase(payload)
    await payload.destroy()
  }
  fs.rmSync(dataDir, { recursive: true, force: true })
})

const network_ = (title: string) => plan.networkArticles.find((a) => a.title === title)!
const local = (title: string) => plan.localArticles.find((a) => a.title === title)!
// Generated types say number (SQLite); on MongoDB ids are strings and pass through the same way.
const idOf = (slug: string) => network.clinics.find((c) => c.slug === slug)!.id as number

describe('import plan of the demo clinics', () => {
  it('merges the copies into network articles on exactly the clinics that had them, canonical at the oldest', () => {
    expect(plan.networkArticles.map((a) => a.title).sort()).toEqual([BOOSTER, PAIN])
    expect([...network_(PAIN).clinics].sort()).toEqual(['albuquerque', 'temecula', 'waxahachie'])
    expect(network_(PAIN).canonicalClinic).toBe('albuquerque')
    expect([...network_(BOOSTER).clinics].sort()).toEqual(['temecula', 'waxahachie'])
    expect(network_(BOOSTER).canonicalClinic).toBe('temecula')
    expect(network_(PAIN).similarity.min).toBeGreaterThan(0.5)
  })

  it('reports what each copy had that the kept version does not', () => {
    const group = plan.report.mergedGroups.find((g) => g.title === PAIN)!
    const waxahachie = group.copies.find((copy) => copy.clinic === 'waxahachie')!
    expect(waxahachie.linesNotInKept).toEqual([
      expect.stringContaining('Many of our patients drive in from Midlothian'),
    ])
    expect(plan.report.issues).toContainEqual(
      expect.objectContaining({ code: 'clinic-specific-text', clinic: 'albuquerque' }),
    )
  })

  it('keeps same-topic articles written separately as two local articles, listed as related', () => {
    expect(local('What to Expect at Your First Ketamine Infusion').clinic).toBe('albuquerque')
    expect(local('Your First Ketamine Infusion: A Guide to the Day').clinic).toBe('temecula')
    expect(plan.report.related).toContainEqual(
      expect.objectContaining({
        a: expect.objectContaining({ title: 'What to Expect at Your First Ketamine Infusion' }),
        b: expect.objectContaining({ title: 'Your First Ketamine Infusion: A Guide to the Day' }),
      }),
    )
  })

  it('keeps local articles local, reports clinic pages and skips drafts', () => {
    expect(plan.localArticles.map((a) => `${a.clinic}: ${a.title}`).sort()).toEqual([
      'albuquerque: Understanding Ketamine and Depression',
      'albuquerque: What to Expect at Your First Ketamine Infusion',
      'temecula: Ketamine for Phantom Limb Pain',
      'temecula: Your First Ketamine Infusion: A Guide to the Day',
      'waxahachie: Can I Drive After a Ketamine Infusion?',
      'waxahachie: Ketamine and CRPS: Easing Nerve Pain',
      'waxahachie: What Ketamine Is and Why Doctors Use It',
    ])
    expect(plan.report.clinicInfoPages.map((p) => `${p.clinic}: ${p.title}`).sort()).toEqual([
      'albuquerque: Contact Us',
      'temecula: Meet Our Team',
      'waxahachie: Office Hours and Location',
    ])
    expect(plan.report.issues).toContainEqual(
      expect.objectContaining({
        code: 'skipped-status',
        message: expect.stringContaining('Coming Soon'),
      }),
    )
    expect(plan.report.summary.awaitingReview).toBe(9)
  })

  it('maps authors to providers, unknown authors to provider drafts (never users), terms to conditions', async () => {
    const elena = network.providers.find((p) => p.name === 'Elena Marquez')!
    expect(network_(PAIN).author).toEqual({ providerId: elena.id })
    expect(local('What to Expect at Your First Ketamine Infusion').author).toEqual({
      providerKey: 'provider:jordan-pike',
    })
    expect(plan.providers.map((p) => p.name)).toContain('Jordan Pike')
    const chronicPain = network.conditions.find((c) => c.slug === 'chronic-pain')!
    expect(network_(PAIN).conditions).toContain(chronicPain.id)
    const phantom = network.conditions.find((c) => c.slug === 'phantom-limb-pain')!
    expect(local('Ketamine for Phantom Limb Pain').conditions).toEqual([phantom.id])
    expect(plan.report.issues).toContainEqual(
      expect.objectContaining({ code: 'unmatched-category', where: 'Patient Resources' }),
    )
    const users = await payload.count({ collection: 'users', where: { email: { like: 'pike' } } })
    expect(users.totalDocs).toBe(0)
  })

  it('plans media with alt text and leaves images without it out, reported', () => {
    const pain = network_(PAIN)
    expect(pain.images).toHaveLength(1)
    expect(pain.heroImage).toBe(pain.images[0]!.mediaKey)
    const media = plan.media.find((m) => m.key === pain.heroImage)!
    expect(media.alt).toMatch(/reclining chair/)
    expect(media.ownerClinic).toBeNull()
    expect(local('What to Expect at Your First Ketamine Infusion').images).toEqual([])
    expect(plan.report.issues).toContainEqual(
      expect.objectContaining({
        code: 'needs-alt-text',
        message: expect.stringContaining('iv-line.jpg'),
      }),
    )
    expect(plan.media.find((m) => m.sourceUrl.includes('prosthesis'))!.ownerClinic).toBe('temecula')
  })

  it('redirects every old address to the new page on the same site, never elsewhere, never to itself', () => {
    const painPath = `/articles/${network_(PAIN).slug}/`
    const redirect = (clinic: string, from: string) =>
      plan.redirects.find((r) => r.clinic === clinic && r.from === from)?.to
    expect(redirect('albuquerque', '/2018/10/ketamine-infusions-chronic-pain/')).toBe(painPath)
    expect(redirect('albuquerque', '/?p=101')).toBe(painPath)
    expect(redirect('albuquerque', '/2018/10/ketamine-infusions-chronic-pain/infusion-room/')).toBe(
      painPath,
    )
    expect(redirect('albuquerque', '/?attachment_id=201')).toBe(painPath)
    expect(redirect('temecula', '/blog/ketamine-chronic-pain-opioids/')).toBe(painPath)
    expect(redirect('waxahachie', '/ketamine-infusions-for-chronic-pain/')).toBe(painPath)
    expect(redirect('albuquerque', '/contact-us/')).toBe('/location/')
    expect(redirect('temecula', '/?page_id=520')).toBe('/location/')
    for (const r of plan.redirects) {
      expect(r.to).toMatch(/^\/(?!\/)/)
      expect(r.from).toMatch(/^\/(?!\/)/)
      expect(r.from.replace(/\/$/, '')).not.toBe(r.to.replace(/\/$/, ''))
    }
  })

  it('gives each post of a two-post page its own slug; the page address leads to the first', () => {
    expect(local('Ketamine and CRPS: Easing Nerve Pain').slug).toBe(
      'ketamine-and-crps-easing-nerve-pain',
    )
    expect(
      plan.redirects.find((r) => r.clinic === 'waxahachie' && r.from === '/blog/page/2/')?.to,
    ).toBe(`/articles/${network_(BOOSTER).slug}/`)
    expect(plan.report.issues).toContainEqual(
      expect.objectContaining({ code: 'redirect-dropped', clinic: 'waxahachie' }),
    )
  })

  it('names a slug already used by an existing article differently, and says so', () => {
    // The demo network already has an article with the booster post's old slug.
    expect(network.takenSlugs).toContain('ketamine-booster-infusions')
    expect(network_(BOOSTER).slug).toBe('ketamine-booster-infusions-2')
    expect(plan.report.issues).toContainEqual(expect.objectContaining({ code: 'slug-changed' }))
  })

  it('refuses an unknown clinic before reading any file', async () => {
    await expect(
      planImport({
        clinics: [{ clinic: 'santa-fe', inputs: ['does-not-exist.xml'] }],
        network,
        editorConfig: articleBodyEditorConfig(payload.config),
        cwd: fixtures,
      }),
    ).rejects.toThrow(
      'Unknown clinic "santa-fe": the network has albuquerque, temecula, waxahachie.',
    )
  })

  it('gives the same plan for the same sources', async () => {
    const again = await run()
    expect(JSON.stringify(again)).toBe(JSON.stringify(plan))
  })

  it('prints a readable summary', () => {
    const text = formatReport(plan)
    expect(text).toContain('Network articles: 2 (merged from 5 copies)')
    expect(text).toContain('Related, kept separate:')
    expect(text).toContain('[needs-alt-text]')
  })
})

describe('Lexical bodies', () => {
  it('keep headings, lists, links, emphasis and quotes, with no empty list items', () => {
    const body = JSON.stringify(network_(PAIN).body)
    expect(body.match(/"type":"heading"/g)).toHaveLength(3)
    const list = (network_(PAIN).body as any).root.children.find((n: any) => n.type === 'list')
    expect(list.children).toHaveLength(4)
    const markdown = JSON.stringify(local('Can I Drive After a Ketamine Infusion?').body)
    expect(markdown).toContain('"url":"https://www.fda.gov/drugs"')
    expect(markdown).toMatch(/"format":1,[^}]*"text":"you will need someone to drive you home"/)
    expect(markdown).toMatch(/"type":"quote"/)
    expect(markdown).toContain('can outlast the feeling of being affected')
  })

  it('carry no unsafe link, and the hostile article keeps its safe one', () => {
    for (const article of [...plan.networkArticles, ...plan.localArticles]) {
      expect(unsafeLinksIn((article.body as any).root)).toEqual([])
    }
    const hostile = JSON.stringify(local('Understanding Ketamine and Depression').body)
    expect(hostile).not.toMatch(/javascript:|<script|onclick/i)
    expect(hostile).toContain('free guide')
    expect(hostile).toContain('https://www.nimh.nih.gov/health/topics/depression')
  })

  it('save through the real articles collection, with full validation, without an error', async () => {
    for (const article of [...plan.networkArticles, ...plan.localArticles]) {
      const ownership =
        article.owner === 'network'
          ? {
              owner: 'network' as const,
              syndication: 'selected' as const,
              clinics: article.clinics.map(idOf),
              canonicalClinic: idOf(article.canonicalClinic),
            }
          : { owner: 'clinic' as const, ownerClinic: idOf(article.clinic) }
      const saved = await payload.create({
        collection: 'articles',
        data: {
          title: article.title,
          slug: article.slug,
          excerpt: article.excerpt,
          body: article.body as any,
          conditions: article.conditions as number[],
          ...ownership,
          _status: 'draft',
        },
        overrideAccess: true,
        context: { seeding: true },
      })
      expect(saved.slug).toBe(article.slug)
      expect(saved._status).toBe('draft')
    }
  })
})

/**
 * The importer's "done when", end to end on the real server: the three demo clinics' exports are
 * imported into the seeded demo network, the merged network articles are reviewed and published
 * through the REST API as an editor would, the publisher's real builds put them on exactly the
 * clinics that had a copy, and the clinics' old addresses answer 301 to the new pages.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { applyPlan } from '../../cms/src/import/apply/index.ts'
import { networkData, planImport } from '../../cms/src/import/engine.ts'
import { articleBodyEditorConfig } from '../../cms/src/import/lexical.ts'
import type { ImportPlan } from '../../cms/src/import/plan/types.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import {
  adminToken,
  CLINICS,
  type Clinic,
  type NetworkIds,
  networkIds,
  PUBLISH_ENV,
  rest,
  servedPage,
  siteBuilds,
  startNetwork,
  waitFor,
  waitForStartupBuild,
  waitUntilSettled,
} from './publishing.ts'

const fixtures = path.resolve(import.meta.dirname, '../fixtures/import')

describe('importing the demo clinics, reviewing and publishing: the sites', () => {
  let dataDir: string
  let sitesDir: string
  let cms: CmsHandle
  let payload: Payload
  let ids: NetworkIds
  let plan: ImportPlan
  const slugs = new Map<string, string>()

  const releaseArticles = (clinic: Clinic) =>
    (
      JSON.parse(fs.readFileSync(path.join(sitesDir, clinic, 'release.json'), 'utf8')) as {
        articles: string[]
      }
    ).articles

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-import-site-'))
    sitesDir = path.join(dataDir, 'sites')
    cms = await startNetwork({ seed: true, dataDir, sitesDir, env: PUBLISH_ENV })
    payload = await localApi(cms)
    ids = await networkIds(payload)
    await waitForStartupBuild(payload, sitesDir)

    plan = await planImport({
      clinics: [
        { clinic: 'albuquerque', inputs: ['albuquerque.xml'] },
        { clinic: 'temecula', inputs: ['temecula-posts.json', 'temecula-pages.json'] },
        { clinic: 'waxahachie', inputs: ['waxahachie'] },
      ],
      network: await networkData(payload),
      editorConfig: articleBodyEditorConfig(payload.config),
      cwd: fixtures,
    })
    // The fictional old sites cannot be reached: their images are reported, not imported.
    const applied = await applyPlan(payload, plan, {
      fetchImage: async () => {
        throw new Error('the old site is offline')
      },
    })
    expect(applied.awaitingReview).toHaveLength(
      plan.networkArticles.length + plan.localArticles.length,
    )

    // Review and publish the network articles through the API, as a network editor does.
    const token = await adminToken(cms)
    const since = new Date()
    for (const article of plan.networkArticles) {
      const found = await rest(
        cms,
        token,
        'GET',
        `/api/articles?draft=true&depth=0&where[importSource.key][equals]=${encodeURIComponent(article.key)}`,
      )
      const doc = found.json!.docs[0]
      // The medical-review gate holds for imported drafts like any other.
      const refused = await rest(cms, token, 'PATCH', `/api/articles/${doc.id}`, {
        _status: 'published',
      })
      expect(refused.status).toBe(400)
      const published = await rest(cms, token, 'PATCH', `/api/articles/${doc.id}`, {
        _status: 'published',
        medicalReviewer: ids.reviewer,
        lastReviewedAt: new Date().toISOString(),
      })
      expect(published.status, published.text).toBe(200)
      slugs.set(article.key, published.json!.doc.slug)
    }
    await waitFor(
      'the builds of the published imports to go live',
      async () => {
        const builds = await siteBuilds(payload, since)
        return builds.length > 0 && builds.every((build) => build.status === 'live')
      },
      240_000,
    )
    await waitUntilSettled(payload, sitesDir)
  })

  afterAll(async () => {
    await cms?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('shows each merged network article on exactly the clinics that had a copy', async () => {
    for (const article of plan.networkArticles) {
      const slug = slugs.get(article.key)!
      for (const clinic of CLINICS) {
        const had = article.clinics.includes(clinic)
        expect(releaseArticles(clinic).includes(slug), `${slug} on ${clinic}`).toBe(had)
        const page = await servedPage(cms, clinic, `/articles/${slug}/`)
        expect(page.status, `${slug} on ${clinic}`).toBe(had ? 200 : 404)
      }
    }
  })

  it("redirects each clinic's old addresses of a published article to its new page", async () => {
    const published = new Set(plan.networkArticles.map((a) => a.key))
    const redirects = plan.redirects.filter((r) => r.articleKey && published.has(r.articleKey))
    expect(redirects.length).toBeGreaterThan(0)
    for (const redirect of redirects) {
      const page = await servedPage(cms, redirect.clinic, redirect.from)
      expect(page.status, `${redirect.clinic} ${redirect.from}`).toBe(301)
      expect(page.location).toBe(`/articles/${slugs.get(redirect.articleKey!)}/`)
    }
  })

  it('leaves the unreviewed local drafts off every site', async () => {
    for (const article of plan.localArticles) {
      expect(releaseArticles(article.clinic as Clinic)).not.toContain(article.slug)
    }
  })
})

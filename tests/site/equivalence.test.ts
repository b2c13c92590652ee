/**
 * The incremental publish path proves itself against fresh full builds: the server publishes a
 * seeded random sequence of changes (publish, unpublish, delete, title edits, an article moved
 * between clinics, a Spanish translation published and a Spanish title edited, a clinic, a
 * provider, a condition, a FAQ and the network settings edited) through its publisher, whose build process
 * reads again only the documents that changed (site/src/data/network.ts `currentDocuments`),
 * renders only the pages whose dependency record (`cacheKey`, site/src/data/clinic-site.ts) differs
 * from the live release's and links the others from it (site/scripts/build-sites/page-keys.ts), and generates from an Astro build bundled before the change was made
 * (site/scripts/build-sites/ahead.ts); after each step, every clinic that step rebuilt is built again from nothing, in a new
 * process, into a second SITES_DIR, and the two releases must be identical file by file
 * (release.json aside). A page that differs is a dependency the record misses, or a change the
 * kept documents missed.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { runSiteBuild } from '../../cms/src/publishing/siteBuild.ts'
import { incrementalCacheHome } from '../../site/scripts/build-sites/render-cache.ts'
import { toLexical } from '../../cms/src/seed/richText.ts'
import { mulberry32 } from '../../bench/lib/random.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import { hashTree } from '../support/site.ts'
import {
  adminToken,
  articleData,
  type Clinic,
  CLINICS,
  type Json,
  type NetworkIds,
  networkIds,
  PUBLISH_ENV,
  rest,
  siteBuilds,
  startNetwork,
  waitForStartupBuild,
  waitUntilSettled,
} from './publishing.ts'

/** Change it to explore other orders; a failure prints the seed and the order it ran. */
const SEED = Number(process.env.EQUIVALENCE_SEED ?? 20261203)

/**
 * A release's files by hash, but its metadata: release.json, and its page keys (page-keys.ts),
 * which it must have for the next publish to render against it. The keys may differ from a fresh
 * build's where the pages do not: a build of one language keeps the other's pages from the live
 * release with their keys, which a fresh build derives from the other language's links too.
 * Its record of the /_astro/ files each page uses (page-assets.ts) is compared like a page: a
 * publish takes most of it from the live release's record, a fresh build reads every page.
 */
const releaseFiles = (sitesDir: string, clinic: string) => {
  const dir = path.join(sitesDir, clinic)
  const { 'release.json': _manifest, '.page-keys.json': keys, ...files } = hashTree(dir)
  expect(keys, `${dir} has page keys`).toBeDefined()
  expect(files['.page-assets.json'], `${dir} has a record of its pages' assets`).toBeDefined()
  return files
}

describe('incremental releases against fresh full builds', () => {
  let dataDir: string
  let sitesDir: string
  let freshDir: string
  let cms: CmsHandle
  let payload: Payload
  let ids: NetworkIds
  let token: string

  const api = async (method: string, urlPath: string, body?: unknown) => {
    const res = await rest(cms, token, method, urlPath, body)
    expect(res.status, `${method} ${urlPath}: ${res.text}`).toBeLessThan(300)
    return res.json!.doc as Json
  }
  const first = async (collection: string, where = '') =>
    (
      (await rest(cms, token, 'GET', `/api/${collection}?depth=0&limit=1&sort=id${where}`)).json!
        .docs as Json[]
    )[0]!

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-equivalence-'))
    sitesDir = path.join(dataDir, 'sites')
    freshDir = path.join(dataDir, 'fresh')
    fs.mkdirSync(freshDir)
    cms = await startNetwork({
      seed: true,
      dataDir,
      sitesDir,
      // Lists of ten documents a page, and no margin for saves still committing: the resident
      // builder knows a list of several pages from its first page of recent changes (network.ts).
      env: { ...PUBLISH_ENV, SITES_CMS_PAGE_SIZE: '10', SITES_CHANGE_MARGIN_S: '0' },
    })
    payload = await localApi(cms)
    ids = await networkIds(payload)
    token = await adminToken(cms)
    await waitForStartupBuild(payload, sitesDir)
  }, 300_000)

  afterAll(async () => {
    await cms?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('after every step of a seeded random sequence of changes, each rebuilt clinic equals a fresh full build file by file', async () => {
    const random = mulberry32(SEED)
    const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)]!
    const others = (clinic: Clinic) => CLINICS.filter((c) => c !== clinic)
    const moved = await api(
      'POST',
      '/api/articles',
      articleData(ids, `Equivalence moving article ${SEED}`, ['albuquerque', 'temecula'], {
        _status: 'published',
      }),
    )
    await waitUntilSettled(payload, sitesDir)

    const changes: Record<string, () => Promise<unknown>> = {
      'publish a new article': () =>
        api(
          'POST',
          '/api/articles',
          articleData(
            ids,
            `Equivalence new article ${random().toString(36).slice(2, 8)}`,
            [pick(CLINICS)],
            { _status: 'published' },
          ),
        ),
      'edit an article title': async () => {
        const article = await first('articles', '&where[_status][equals]=published')
        return api('PATCH', `/api/articles/${article.id}`, {
          title: `${String(article.title).replace(/ \(edit \d+\)$/, '')} (edit ${Math.floor(random() * 1000)})`,
          _status: 'published',
        })
      },
      // More saves than the builder's first page of recent changes holds (ten a page here): it
      // lists the articles in full again (network.ts listFromRecentChanges).
      'edit many articles at once': async () => {
        const res = await rest(
          cms,
          token,
          'PATCH',
          '/api/articles?where[_status][equals]=published&limit=100',
          {
            excerpt: `What to know first, in our own words (batch ${Math.floor(random() * 1000)}).`,
            _status: 'published',
          },
        )
        expect(res.status, res.text).toBe(200)
        const { docs, errors } = res.json as { docs: unknown[]; errors: unknown[] }
        expect(errors, res.text).toEqual([])
        expect(docs.length).toBeGreaterThan(10)
      },
      'unpublish an article': async () => {
        const article = await first('articles', '&where[_status][equals]=published')
        return api('PATCH', `/api/articles/${article.id}`, { _status: 'draft' })
      },
      'delete an article': async () => {
        const article = await first('articles', '&where[_status][equals]=published')
        const res = await rest(cms, token, 'DELETE', `/api/articles/${article.id}`)
        expect(res.status, res.text).toBe(200)
      },
      'move an article to other clinics': () => {
        const stays = pick(CLINICS)
        return api('PATCH', `/api/articles/${moved.id}`, {
          clinics: [stays, pick(others(stays))].map((clinic) => ids.clinics[clinic]),
          _status: 'published',
        })
      },
      'publish a Spanish translation': () =>
        api('PATCH', `/api/articles/${moved.id}?locale=es`, {
          title: `Artículo de equivalencia ${SEED}`,
          slug: `articulo-de-equivalencia-${SEED}`,
          excerpt: 'Lo que conviene saber, en nuestras palabras.',
          body: toLexical([{ p: 'El texto completo, escrito por nuestro equipo.' }]),
          medicalReviewer: ids.reviewer,
          lastReviewedAt: new Date(Date.now() - 86_400_000).toISOString(),
          _status: 'published',
        }),
      'edit a Spanish title': async () => {
        const article = await first('articles', '&locale=es&where[_status][equals]=published')
        return api('PATCH', `/api/articles/${article.id}?locale=es`, {
          title: `${String(article.title).replace(/ \(edición \d+\)$/, '')} (edición ${Math.floor(random() * 1000)})`,
          _status: 'published',
        })
      },
      'edit a clinic': () =>
        api('PATCH', `/api/clinics/${ids.clinics[pick(CLINICS)]}`, {
          phone: `(505) 555-01${String(Math.floor(random() * 100)).padStart(2, '0')}`,
        }),
      'edit a provider': async () => {
        const provider = await first('providers')
        return api('PATCH', `/api/providers/${provider.id}`, {
          role: pick(['Infusion nurse', 'Nurse practitioner', 'Physician assistant']),
        })
      },
      'edit a condition': async () => {
        const condition = await first('conditions')
        return api('PATCH', `/api/conditions/${condition.id}`, {
          summary: `A summary in our own words, version ${Math.floor(random() * 1000)}.`,
        })
      },
      'edit a FAQ': async () => {
        const faq = await first('faqs', '&where[_status][equals]=published')
        return api('PATCH', `/api/faqs/${faq.id}`, {
          question: `${String(faq.question).replace(/ \(edit \d+\)$/, '')} (edit ${Math.floor(random() * 1000)})`,
          _status: 'published',
        })
      },
      'edit the network settings': () =>
        api('POST', '/api/globals/network-settings', {
          networkName: `Equivalence Health Network ${Math.floor(random() * 1000)}`,
        }),
    }
    const order = Object.keys(changes)
      .map((name) => ({ name, rank: random() }))
      .sort((a, b) => a.rank - b.rank)
      .map(({ name }) => name)
    const context = `seed ${SEED}, order: ${order.join(' -> ')}`

    let linked = 0
    let kept = 0
    let bundledAhead = 0
    let fromRecentChanges = 0
    let atSecondLook = 0
    for (const [step, name] of order.entries()) {
      const since = new Date()
      const logged = cms.logs().length
      await changes[name]!()
      await waitUntilSettled(payload, sitesDir)
      const builds = await siteBuilds(payload, since)
      expect(builds.length, `${name} (${context})`).toBeGreaterThan(0)
      for (const build of builds) expect(build.status, `${name}: ${build.error}`).toBe('live')
      const built = CLINICS.filter((clinic) =>
        builds.some((build) =>
          (build.clinics as unknown[]).map(String).includes(String(ids.clinics[clinic])),
        ),
      )
      expect(built.length, `${name}: the clinics it rebuilt`).toBeGreaterThan(0)
      for (const [, count] of cms
        .logs()
        .slice(logged)
        .matchAll(/ (\d+) linked from the live releases/g))
        linked += Number(count)
      for (const [, count] of cms
        .logs()
        .slice(logged)
        .matchAll(/ (\d+) kept from an earlier build/g))
        kept += Number(count)
      for (const [, count, second] of cms
        .logs()
        .slice(logged)
        .matchAll(/ (\d+) of \d+ lists known from their recent changes, (\d+) of them at/g)) {
        fromRecentChanges += Number(count)
        atSecondLook += Number(second)
      }
      bundledAhead += [
        ...cms
          .logs()
          .slice(logged)
          .matchAll(/generating the pages with the build bundled ahead/g),
      ].length

      // The reference: the same clinics rendered from nothing, in a new build process (no kept
      // documents, no incremental cache).
      fs.rmSync((await incrementalCacheHome(freshDir)).home, { recursive: true, force: true })
      const referenceLog: string[] = []
      const reference = await runSiteBuild({
        cmsUrl: cms.url,
        sitesDir: freshDir,
        clinics: [...built],
        allowPageDrop: true,
        log: (line) => referenceLog.push(line),
      })
      expect(reference.ok, reference.error).toBe(true)
      expect(referenceLog.join('\n'), 'the reference renders every page').toMatch(
        / 0 restored from the cache/,
      )
      for (const clinic of built) {
        expect(
          releaseFiles(sitesDir, clinic),
          `step ${step + 1}, ${name}: ${clinic} differs from a fresh build (${context})`,
        ).toEqual(releaseFiles(freshDir, clinic))
      }
    }
    // The publisher's builds did take pages from the live releases: the comparison was not of
    // two full renders.
    expect(linked, context).toBeGreaterThan(0)
    // ... and took unchanged documents from their earlier reads, knew lists from their recent
    // changes, and generated from bundles made ahead (astro-build.ts bundleAhead).
    expect(kept, context).toBeGreaterThan(0)
    expect(fromRecentChanges, context).toBeGreaterThan(0)
    // Both looks at the recent changes (one document first here, then a page of ten) told lists.
    expect(atSecondLook, context).toBeGreaterThan(0)
    expect(fromRecentChanges - atSecondLook, context).toBeGreaterThan(0)
    expect(bundledAhead, context).toBeGreaterThan(0)
  }, 600_000)
})

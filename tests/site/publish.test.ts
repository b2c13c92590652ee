/**
 * Publishing with real builds on the real server and database: a change rebuilds exactly the
 * clinic sites it affects (new live releases there, the same release elsewhere), bursts of edits
 * coalesce, and `npm run rollback` switches a clinic back one release. (Which clinics each kind of
 * change queues is publish-queue.test.ts's subject; failures mid-build, publish-faults.test.ts's.)
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { KEPT_RELEASES } from '@clinic/shared/releases'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import { hashTree, searchIndexIn } from '../support/site.ts'
import {
  adminToken,
  createDraftArticle,
  type Clinic,
  CLINICS,
  type Id,
  type Json,
  liveIds,
  listReleases,
  type NetworkIds,
  networkIds,
  PUBLISH_ENV,
  releasesOf,
  rest,
  runRollback,
  servedPage,
  siteBuilds,
  startNetwork,
  waitForStartupBuild,
  waitUntilSettled,
} from './publishing.ts'

/** A clinic's live search index (tests/support/site.ts `searchIndexIn`). */
const searchIndex = (sitesDir: string, clinic: string) =>
  searchIndexIn(path.join(sitesDir, clinic, 'pagefind'))

const suffix = randomBytes(3).toString('hex')
const sorted = (values: Iterable<Id>) => [...values].map(String).sort()

describe('publishing with real builds: releases, coalescing and rollback', () => {
  let dataDir: string
  let sitesDir: string
  let cms: CmsHandle
  let payload: Payload
  let ids: NetworkIds
  let token: string

  const api = (method: string, urlPath: string, body?: unknown) =>
    rest(cms, token, method, urlPath, body)

  const title = `Infusion day checklist ${suffix}`
  const slug = `infusion-day-checklist-${suffix}`
  const shownOn = ['albuquerque', 'temecula'] as const
  /** A word only the i-th rapid edit's body contains. */
  const marker = (i: number) => `rapidedit${suffix}n${i}x`
  let article: Json
  let startup: Record<Clinic, string | undefined>

  const manifestArticles = (clinic: Clinic) =>
    (
      JSON.parse(fs.readFileSync(path.join(sitesDir, clinic, 'release.json'), 'utf8')) as {
        articles: string[]
      }
    ).articles
  const builtClinics = (build: Json) => sorted(build.clinics as Id[])
  const buildsPerClinic = (builds: Json[]) =>
    Object.fromEntries(
      CLINICS.map((clinic) => [
        clinic,
        builds.filter((build) => builtClinics(build).includes(String(ids.clinics[clinic]))).length,
      ]),
    )

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-publish-'))
    sitesDir = path.join(dataDir, 'sites')
    cms = await startNetwork({ seed: true, dataDir, sitesDir, env: PUBLISH_ENV })
    payload = await localApi(cms)
    ids = await networkIds(payload)
    token = await adminToken(cms)
    await waitForStartupBuild(payload, sitesDir)
    // Seeding queued nothing: the start-up build of every clinic is the only one.
    expect((await siteBuilds(payload)).map((build) => [build.status, build.reasons])).toEqual([
      ['live', 'server start'],
    ])
    startup = await liveIds(sitesDir)
    for (const clinic of CLINICS)
      expect(startup[clinic], clinic).toMatch(/^\d{8}T\d{9}Z-[0-9a-f]{4}$/)
  })

  afterAll(async () => {
    await cms?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('publishing an article shown on two of three clinics gives exactly those two new live releases showing it', async () => {
    const untouched = hashTree(path.join(sitesDir, 'waxahachie'))
    article = await createDraftArticle(payload, ids, { title, slug, clinics: shownOn })
    const since = new Date()
    const res = await api('PATCH', `/api/articles/${article.id}`, { _status: 'published' })
    expect(res.status, res.text).toBe(200)
    await waitUntilSettled(payload, sitesDir)

    const live = await liveIds(sitesDir)
    const builds = await siteBuilds(payload, since)
    expect(
      builds.map((build) => ({
        status: build.status,
        clinics: builtClinics(build),
        releases: build.releases,
      })),
    ).toEqual([
      {
        status: 'live',
        clinics: sorted(shownOn.map((clinic) => ids.clinics[clinic])),
        releases: { albuquerque: live.albuquerque, temecula: live.temecula },
      },
    ])
    for (const clinic of shownOn) {
      expect(live[clinic], clinic).not.toBe(startup[clinic])
      expect(manifestArticles(clinic)).toContain(slug)
      const page = await servedPage(cms, clinic, `/articles/${slug}/`)
      expect(page.status, clinic).toBe(200)
      expect(page.html).toContain(title)
      // The newest article heads the clinic's article index and feed.
      expect((await servedPage(cms, clinic, '/articles/')).html).toContain(
        `href="/articles/${slug}/"`,
      )
      expect((await servedPage(cms, clinic, '/rss.xml')).html).toContain(`/articles/${slug}/`)
      // Search follows the pages (indexed right after the switch, within the same build).
      const search = searchIndex(sitesDir, clinic)
      expect(search.coherent, clinic).toBe(true)
      expect(
        search.fragments.filter((text) => text.includes(title)).length,
        clinic,
      ).toBeGreaterThanOrEqual(1)
    }
    expect(live.waxahachie).toBe(startup.waxahachie)
    expect(hashTree(path.join(sitesDir, 'waxahachie'))).toEqual(untouched)
    expect((await servedPage(cms, 'waxahachie', `/articles/${slug}/`)).status).toBe(404)
  })

  it('unpublishing takes the article off both clinics and leaves the third alone', async () => {
    const before = await liveIds(sitesDir)
    const untouched = hashTree(path.join(sitesDir, 'waxahachie'))
    const since = new Date()
    const res = await api('PATCH', `/api/articles/${article.id}`, { _status: 'draft' })
    expect(res.status, res.text).toBe(200)
    await waitUntilSettled(payload, sitesDir)

    const live = await liveIds(sitesDir)
    const builds = await siteBuilds(payload, since)
    expect(builds.map((build) => [build.status, builtClinics(build)])).toEqual([
      ['live', sorted(shownOn.map((clinic) => ids.clinics[clinic]))],
    ])
    expect(builds[0]!.reasons).toContain(`articles ${article.id} unpublished`)
    for (const clinic of shownOn) {
      expect(live[clinic], clinic).not.toBe(before[clinic])
      expect(manifestArticles(clinic)).not.toContain(slug)
      const page = await servedPage(cms, clinic, `/articles/${slug}/`)
      expect(page.status, clinic).toBe(404)
      expect(page.html).not.toContain(title)
      expect((await servedPage(cms, clinic, '/articles/')).html).not.toContain(
        `href="/articles/${slug}/"`,
      )
      expect((await servedPage(cms, clinic, '/rss.xml')).html).not.toContain(`/articles/${slug}/`)
      // A removal is indexed before the switch: the text is not searchable on the new release.
      const search = searchIndex(sitesDir, clinic)
      expect(search.coherent, clinic).toBe(true)
      expect(
        search.fragments.filter((text) => text.includes(title)),
        clinic,
      ).toEqual([])
    }
    expect(live.waxahachie).toBe(startup.waxahachie)
    expect(hashTree(path.join(sitesDir, 'waxahachie'))).toEqual(untouched)
  })

  it('twenty rapid edits coalesce (one build at a time, each gathering the edits saved during the one before), and the last edit goes live', async () => {
    const since = new Date()
    const sending = Date.now()
    // Back to back: each request waits for its own response, never for a build.
    for (let i = 1; i <= 20; i++) {
      const res = await api('PATCH', `/api/articles/${article.id}`, {
        _status: 'published',
        title: `${title} (edit ${i})`,
        slug,
        body: toLexical([{ p: `Revised checklist ${marker(i)}.` }]),
      })
      expect(res.status, res.text).toBe(200)
    }
    const sentMs = Date.now() - sending
    await waitUntilSettled(payload, sitesDir)
    const liveMs = Date.now() - sending

    const builds = await siteBuilds(payload, since)
    console.log(
      `[publish] 20 edits sent in ${sentMs} ms; ${builds.length} build(s), last edit live after ${liveMs} ms`,
    )
    expect(builds.map((build) => build.status)).toEqual(builds.map(() => 'live'))
    const perClinic = buildsPerClinic(builds)
    for (const clinic of shownOn) expect(perClinic[clinic], clinic).toBeGreaterThanOrEqual(1)
    // One build at a time, and each gathers every edit saved while the one before it ran: no more
    // builds than fit back to back while the edits were sent, and one after them (two when a
    // build took longer than the edits; one per edit, twenty, without coalescing).
    const at = (build: Json, field: string) => Date.parse(String(build[field]))
    for (const [i, build] of builds.entries())
      if (i > 0)
        expect(
          at(build, 'startedAt'),
          'a build started before the one before it ended',
        ).toBeGreaterThanOrEqual(at(builds[i - 1]!, 'finishedAt'))
    const shortest = Math.min(...builds.map((build) => Number(build.durationMs)))
    const fit = 1 + Math.ceil(sentMs / shortest)
    for (const clinic of shownOn) {
      expect(perClinic[clinic], clinic).toBeLessThanOrEqual(fit)
      expect(perClinic[clinic], clinic).toBeLessThan(20)
    }
    expect(perClinic.waxahachie).toBe(0)
    for (const clinic of shownOn) {
      const page = await servedPage(cms, clinic, `/articles/${slug}/`)
      expect(page.status, clinic).toBe(200)
      expect(page.html).toContain(`${title} (edit 20)`)
      expect(page.html).toContain(marker(20))
      expect(page.html).not.toContain(marker(19))
      // The refreshed index holds the last edit only: earlier index files are removed, not left reachable.
      const search = searchIndex(sitesDir, clinic)
      expect(search.coherent, clinic).toBe(true)
      expect(
        search.fragments.filter((text) => text.includes(marker(20))).length,
        clinic,
      ).toBeGreaterThanOrEqual(1)
      expect(
        search.fragments.filter((text) => text.includes(marker(19)) || text.includes(marker(1))),
        clinic,
      ).toEqual([])
    }
  })

  it('`npm run rollback -- <clinic>` switches the live site back to the previous release, which visitors then get', async () => {
    const edit = async (words: string) => {
      const res = await api('PATCH', `/api/articles/${article.id}`, {
        _status: 'published',
        title: `${title} (${words})`,
        slug,
        body: toLexical([{ p: `Checklist ${words}.` }]),
      })
      expect(res.status, res.text).toBe(200)
      await waitUntilSettled(payload, sitesDir)
      return (await liveIds(sitesDir)).temecula!
    }
    const older = await edit(`olderversion${suffix}`)
    const newer = await edit(`newerversion${suffix}`)
    expect(newer).not.toBe(older)
    expect((await servedPage(cms, 'temecula', `/articles/${slug}/`)).html).toContain(
      `newerversion${suffix}`,
    )
    const otherClinic = hashTree(path.join(sitesDir, 'albuquerque'))

    const listed = runRollback(sitesDir, ['temecula', '--list'])
    expect(listed.status, listed.output).toBe(0)
    expect(listed.output).toContain(`* ${newer}`)
    expect(listed.output).toContain(`  ${older}`)

    const rolled = runRollback(sitesDir, ['temecula'])
    expect(rolled.status, rolled.output).toBe(0)
    expect(rolled.output).toContain(`temecula: live release switched from ${newer} to ${older}`)
    expect(fs.readlinkSync(path.join(sitesDir, 'temecula'))).toBe(
      path.join('.releases', 'temecula', older),
    )
    // Visitors get the older release, file for file.
    const olderDir = path.join(releasesOf(sitesDir, 'temecula'), older)
    const page = await servedPage(cms, 'temecula', `/articles/${slug}/`)
    expect(page).toEqual({
      status: 200,
      html: fs.readFileSync(path.join(olderDir, 'articles', slug, 'index.html'), 'utf8'),
    })
    expect(page.html).toContain(`olderversion${suffix}`)
    expect(page.html).not.toContain(`newerversion${suffix}`)
    expect((await servedPage(cms, 'temecula', '/')).html).toBe(
      fs.readFileSync(path.join(olderDir, 'index.html'), 'utf8'),
    )
    // Only that clinic moved; the newer release is kept.
    expect(hashTree(path.join(sitesDir, 'albuquerque'))).toEqual(otherClinic)
    expect(await listReleases(sitesDir, 'temecula')).toContain(newer)
  })

  it('`npm run rollback` fails with a clear message when the clinic has no older release', async () => {
    // Waxahachie was built once (at start-up): nothing to go back to.
    expect(await listReleases(sitesDir, 'waxahachie')).toEqual([startup.waxahachie])
    const untouched = hashTree(path.join(sitesDir, 'waxahachie'))
    const refused = runRollback(sitesDir, ['waxahachie'])
    expect(refused.status, refused.output).toBe(1)
    expect(refused.output).toContain(
      `[rollback] waxahachie has no release older than the live one (${startup.waxahachie})`,
    )
    expect((await liveIds(sitesDir)).waxahachie).toBe(startup.waxahachie)
    expect(hashTree(path.join(sitesDir, 'waxahachie'))).toEqual(untouched)

    const unknown = runRollback(sitesDir, ['no-such-clinic'])
    expect(unknown.status).toBe(1)
    expect(unknown.output).toContain(`[rollback] no-such-clinic has no live site in ${sitesDir}`)
  })

  it('after a rollback, the next publish builds a new release from the CMS and it goes live', async () => {
    const rolledBack = (await liveIds(sitesDir)).temecula
    const res = await api('PATCH', `/api/articles/${article.id}`, {
      _status: 'published',
      title: `${title} (edit 21)`,
      slug,
      body: toLexical([{ p: `Final ${marker(21)}.` }]),
    })
    expect(res.status, res.text).toBe(200)
    await waitUntilSettled(payload, sitesDir)
    const live = (await liveIds(sitesDir)).temecula
    expect(live).not.toBe(rolledBack)
    const kept = await listReleases(sitesDir, 'temecula')
    expect(kept.at(-1)).toBe(live)
    // The build removed the releases beyond the newest ones it keeps (after every switch).
    expect(kept).toHaveLength(KEPT_RELEASES)
    expect((await servedPage(cms, 'temecula', `/articles/${slug}/`)).html).toContain(marker(21))
  })
})

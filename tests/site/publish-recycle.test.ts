/**
 * The publisher's loaded site build process is replaced every SITES_BUILDER_RECYCLE builds (1
 * here, 20 by default) by retiring it, not killing it (cms/src/publishing/residentBuilder.ts): its
 * last build is done at the switch, and the process still writes that build's search index (the
 * follow-up, site/scripts/build-sites/follow-up.ts) before it ends, while its successor builds
 * the next publish.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import { searchIndexIn } from '../support/site.ts'
import {
  adminToken,
  createDraftArticle,
  type Json,
  liveIds,
  networkIds,
  processAlive,
  PUBLISH_ENV,
  rest,
  servedPage,
  startNetwork,
  waitFor,
  waitForStartupBuild,
  waitUntilSettled,
} from './publishing.ts'

const suffix = randomBytes(3).toString('hex')
const RETIRED = /\[publish\] site build process (\d+) retired after (\d+) build/g
const ENDED = /\[publish\] retired site build process (\d+) ended \(code 0\)/g

describe('the loaded site build process, retired after its builds', () => {
  let dataDir: string
  let sitesDir: string
  let cms: CmsHandle
  let payload: Payload
  let token: string
  let article: Json
  const title = `Retirement checklist ${suffix}`
  const slug = `retirement-checklist-${suffix}`

  const retired = () => [...cms.logs().matchAll(RETIRED)].map((match) => Number(match[1]))
  const ended = () => [...cms.logs().matchAll(ENDED)].map((match) => Number(match[1]))

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-publish-recycle-'))
    sitesDir = path.join(dataDir, 'sites')
    cms = await startNetwork({
      dataDir,
      sitesDir,
      seed: true,
      env: { ...PUBLISH_ENV, SITES_BUILDER_RECYCLE: '1' },
    })
    payload = await localApi(cms)
    await waitForStartupBuild(payload, sitesDir)
    token = await adminToken(cms)
    const ids = await networkIds(payload)
    article = await createDraftArticle(payload, ids, {
      title,
      slug,
      clinics: ['albuquerque', 'temecula'],
    })
  })

  afterAll(async () => {
    await cms?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it("writes its last build's search index before it ends, while its successor builds the next publish", async () => {
    // The start-up build was the first process's only one.
    expect(retired()).toHaveLength(1)
    const before = await liveIds(sitesDir)
    const words = `retiredindex${suffix}x`
    const res = await rest(cms, token, 'PATCH', `/api/articles/${article.id}`, {
      _status: 'published',
      title,
      slug,
      body: toLexical([{ p: `Bring your medication list ${words}.` }]),
    })
    expect(res.status, res.text).toBe(200)
    await waitUntilSettled(payload, sitesDir)

    // The publish ran in the successor, which was retired after it in turn.
    const pids = retired()
    expect(pids).toHaveLength(2)
    expect(new Set(pids).size).toBe(2)
    const after = await liveIds(sitesDir)
    for (const clinic of ['albuquerque', 'temecula'] as const) {
      expect(after[clinic], clinic).not.toBe(before[clinic])
      const page = await servedPage(cms, clinic, `/articles/${slug}/`)
      expect(page.status, clinic).toBe(200)
      expect(page.html).toContain(words)
      // Written by the retired process after the build was done: the release carried the
      // previous index when it went live, which did not have the article.
      const index = searchIndexIn(path.join(sitesDir, clinic, 'pagefind'))
      expect(index.coherent, clinic).toBe(true)
      expect(
        index.fragments.some((text) => text.includes(words)),
        clinic,
      ).toBe(true)
    }
    expect(after.waxahachie).toBe(before.waxahachie)
    // Each retired process ended on its own (exit code 0), none was killed.
    await waitFor('the retired processes to end', async () => ended().length === 2, 30_000)
    expect(ended().sort()).toEqual([...pids].sort())
    // Each build was its process's last: none bundled a next one it would never run.
    expect(cms.logs()).not.toContain('next build bundled ahead')
    for (const pid of pids) expect(processAlive(pid), String(pid)).toBe(false)
  })
})

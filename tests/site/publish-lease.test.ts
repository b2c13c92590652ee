/**
 * Two CMS instances on one database and one SITES_DIR (as behind a load balancer): exactly one runs
 * the site publisher, chosen by the lease in the database (cms/src/publishing/lease.ts); a change
 * saved through the other one goes live through the holder; and when the holder is killed
 * mid-build, its build ends with it (nothing partial goes live), the other instance takes the
 * lease over within seconds and finishes the job, and each clinic is switched exactly once.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import {
  adminToken,
  createDraftArticle,
  type Json,
  listReleases,
  liveIds,
  lockHolder,
  liveTrees,
  networkIds,
  processAlive,
  PUBLISH_ENV,
  rest,
  servedPage,
  siteBuilds,
  startNetwork,
  waitFor,
  waitUntilSettled,
} from './publishing.ts'

const suffix = randomBytes(3).toString('hex')
/** Short enough that a takeover is quick, long enough for renewals on a loaded machine. */
const LEASE_MS = '3000'

/** The pids of the site builders writing `sitesDir`, found through /proc. */
function builderPids(sitesDir: string): number[] {
  const pids: number[] = []
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const argv = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')
      if (!argv.some((arg) => arg.endsWith('build-sites.ts'))) continue
      const environ = fs.readFileSync(`/proc/${name}/environ`, 'utf8').split('\0')
      if (environ.includes(`SITES_DIR=${sitesDir}`)) pids.push(Number(name))
    } catch {
      // The process ended while being read.
    }
  }
  return pids
}

const parentOf = (pid: number) =>
  Number(/^PPid:\s+(\d+)/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1])

const holds = (cms: CmsHandle) =>
  /this instance \(\S+\) now runs the site publisher/.test(cms.logs())

describe('several CMS instances on one database', () => {
  let dataDir: string
  let sitesDir: string
  let first: CmsHandle
  let second: CmsHandle
  let payload: Payload
  let token: string
  let article: Json
  const title = `Lease handover guide ${suffix}`
  const slug = `lease-handover-guide-${suffix}`
  let edits = 0

  /** A published edit through `cms` of the article on Albuquerque and Temecula; returns its words. */
  const edit = async (cms: CmsHandle) => {
    const words = `leaseedit${suffix}n${++edits}x`
    const res = await rest(cms, token, 'PATCH', `/api/articles/${article.id}`, {
      _status: 'published',
      title: `${title} ${edits}`,
      slug,
      body: toLexical([{ p: `Handover ${words}.` }]),
    })
    expect(res.status, res.text).toBe(200)
    return words
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-publish-lease-'))
    sitesDir = path.join(dataDir, 'sites')
    first = await startNetwork({
      dataDir,
      sitesDir,
      seed: true,
      env: { ...PUBLISH_ENV, SITES_LEASE_MS: LEASE_MS },
    })
    payload = await localApi(first)
    await waitFor(
      'the start-up build to go live',
      async () => (await siteBuilds(payload)).some((build) => build.status === 'live'),
      180_000,
    )
    second = await startNetwork({
      dataDir,
      sitesDir,
      databaseUri: first.databaseUri,
      env: { ...PUBLISH_ENV, SITES_LEASE_MS: LEASE_MS },
    })
    const ids = await networkIds(payload)
    token = await adminToken(second)
    article = await createDraftArticle(payload, ids, {
      title,
      slug,
      clinics: ['albuquerque', 'temecula'],
    })
    await waitUntilSettled(payload, sitesDir)
  })

  afterAll(async () => {
    await second?.stop()
    await first?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('only the instance holding the lease runs the publisher; the other one builds nothing on start', () => {
    expect(holds(first)).toBe(true)
    expect(holds(second)).toBe(false)
    expect(second.logs()).toContain('another CMS instance runs the site publisher')
    expect(second.logs()).not.toContain('[publish] building')
  })

  it('a change saved through the other instance goes live through the holder', async () => {
    const before = await liveIds(sitesDir)
    const since = new Date()
    const words = await edit(second)
    await waitUntilSettled(payload, sitesDir)
    expect((await siteBuilds(payload, since)).map((build) => build.status)).toEqual(['live'])
    for (const clinic of ['albuquerque', 'temecula'] as const) {
      const page = await servedPage(second, clinic, `/articles/${slug}/`)
      expect(page.html, clinic).toContain(words)
    }
    expect((await liveIds(sitesDir)).waxahachie).toBe(before.waxahachie)
    expect(second.logs()).not.toContain('[publish] building')
  })

  it('the holder killed mid-build: its build ends with it, the other instance takes over and switches each clinic once', async () => {
    const before = liveTrees(sitesDir)
    const beforeIds = await liveIds(sitesDir)
    const releasesBefore = {
      albuquerque: await listReleases(sitesDir, 'albuquerque'),
      temecula: await listReleases(sitesDir, 'temecula'),
    }
    const since = new Date()
    const words = await edit(second)
    const pid = await waitFor(
      "the holder's build to be running",
      async () =>
        builderPids(sitesDir).find(
          (candidate) =>
            parentOf(candidate) === first.child.pid && lockHolder(sitesDir) === candidate,
        ),
      60_000,
      50,
    )

    first.child.kill('SIGKILL')
    await first.stop()
    // The build cannot outlive its CMS (build-sites/parent.ts): nothing of it goes live.
    await waitFor("the killed holder's build to end", async () => !processAlive(pid), 5_000, 20)
    expect(liveTrees(sitesDir)).toEqual(before)

    const killedAt = Date.now()
    await waitFor('the other instance to take the lease over', async () => holds(second), 20_000)
    expect(Date.now() - killedAt).toBeLessThan(Number(LEASE_MS) * 3)
    await waitUntilSettled(payload, sitesDir)
    expect(
      (await siteBuilds(payload, since)).map((build) => [build.status, build.error ?? null]),
    ).toEqual([
      ['failed', expect.stringMatching(/^interrupted: the CMS stopped while this build ran/)],
      ['live', null],
    ])
    const after = await liveIds(sitesDir)
    for (const clinic of ['albuquerque', 'temecula'] as const) {
      expect(after[clinic]).not.toBe(beforeIds[clinic])
      // One switch: the only release made since is the live one (the killed build made none).
      const made = (await listReleases(sitesDir, clinic)).filter(
        (id) => !releasesBefore[clinic].includes(id),
      )
      expect(made, clinic).toEqual([after[clinic]])
      const page = await servedPage(second, clinic, `/articles/${slug}/`)
      expect(page.html, clinic).toContain(words)
    }
    expect(after.waxahachie).toBe(beforeIds.waxahachie)
    expect(fs.readdirSync(sitesDir).filter((name) => name.startsWith('.build'))).toEqual([])
  })
})

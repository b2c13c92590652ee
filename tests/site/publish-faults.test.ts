/**
 * Publishing when something fails mid-build, on the real server, database and builder: the CMS
 * answering 500 for part of a build (a proxy between the builder and the CMS, SITES_CMS_URL), the
 * build process killed, and the CMS itself stopped. Each time the live release of every clinic is
 * unchanged and complete (file hashes), the failure is recorded, and the retried build goes live.
 */
import fs from 'node:fs'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import { type FaultyProxy, startFaultyProxy } from '../support/site.ts'
import {
  adminToken,
  articleData,
  type Json,
  liveIds,
  lockHolder,
  liveTrees,
  type NetworkIds,
  networkIds,
  PUBLISH_ENV,
  QUIET,
  rebuildJobs,
  rest,
  servedPage,
  siteBuilds,
  startNetwork,
  waitFor,
  waitUntilSettled,
} from './publishing.ts'

const suffix = randomBytes(3).toString('hex')

async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

/** The pid of the site builder writing `sitesDir` (the CMS's child), found through /proc. */
function builderPid(sitesDir: string): number | undefined {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      const argv = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0')
      if (!argv.some((arg) => arg.endsWith('build-sites.ts'))) continue
      if (
        fs
          .readFileSync(`/proc/${name}/environ`, 'utf8')
          .split('\0')
          .includes(`SITES_DIR=${sitesDir}`)
      )
        return Number(name)
    } catch {
      // The process ended while being read.
    }
  }
  return undefined
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

describe('publishing when the CMS or the build fails mid-build', () => {
  let dataDir: string
  let sitesDir: string
  let port: number
  let proxy: FaultyProxy
  /** What the proxy does wrong: changed by the tests while it runs. */
  const faults: { failPath?: RegExp } = {}
  let cms: CmsHandle
  let payload: Payload
  let ids: NetworkIds
  let token: string
  let article: Json
  const title = `Fault tolerance checklist ${suffix}`
  const slug = `fault-tolerance-checklist-${suffix}`
  let edits = 0

  /** The server on a fixed port, so the proxy (started first, named in SITES_CMS_URL) survives its restarts. */
  const start = (env: Record<string, string>) =>
    startNetwork({
      dataDir,
      sitesDir,
      databaseUri: cms?.databaseUri,
      seed: !cms,
      env: { PORT: String(port), SITES_CMS_URL: proxy.url, ...env },
    })
  /** A published edit of the article on Albuquerque and Temecula; returns the words only it contains. */
  const edit = async () => {
    const words = `faultedit${suffix}n${++edits}x`
    const res = await rest(cms, token, 'PATCH', `/api/articles/${article.id}`, {
      _status: 'published',
      title: `${title} ${edits}`,
      slug,
      body: toLexical([{ p: `Checklist ${words}.` }]),
    })
    expect(res.status, res.text).toBe(200)
    return words
  }
  const failedBuildSince = (since: Date) =>
    waitFor(
      'the build to fail',
      async () => (await siteBuilds(payload, since)).find((build) => build.status === 'failed'),
      120_000,
    )
  /** The builder once it holds the SITES_DIR lock (so it is mid-build: each test starts settled). */
  const runningBuilder = () =>
    waitFor(
      'a build to be running',
      async () => {
        const pid = builderPid(sitesDir)
        return pid && lockHolder(sitesDir) === pid && pid
      },
      60_000,
      50,
    )
  const articlePage = (clinic: string) => servedPage(cms, clinic, `/articles/${slug}/`)

  /** The build after the fault went live: new releases serving `words` on the article's two clinics, the third untouched. */
  async function expectRetryLive(
    beforeIds: Record<string, string | undefined>,
    words: string,
  ): Promise<void> {
    const live = await liveIds(sitesDir)
    for (const clinic of ['albuquerque', 'temecula'] as const) {
      expect(live[clinic]).not.toBe(beforeIds[clinic])
      const page = await articlePage(clinic)
      expect(page.status, clinic).toBe(200)
      expect(page.html).toContain(words)
    }
    expect(live.waxahachie).toBe(beforeIds.waxahachie)
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-publish-faults-'))
    sitesDir = path.join(dataDir, 'sites')
    port = await freePort()
    proxy = await startFaultyProxy(`http://127.0.0.1:${port}`, faults)
    cms = await start(PUBLISH_ENV)
    payload = await localApi(cms)
    ids = await networkIds(payload)
    token = await adminToken(cms)
    article = await payload.create({
      collection: 'articles',
      data: {
        ...articleData(ids, title, ['albuquerque', 'temecula']),
        slug,
        _status: 'draft',
      } as never,
      draft: true,
      ...QUIET,
    })
    await waitFor(
      'the start-up build to go live',
      async () => (await siteBuilds(payload)).some((build) => build.status === 'live'),
      180_000,
    )
    await waitUntilSettled(payload, sitesDir)
  })

  afterAll(async () => {
    await proxy?.close()
    await cms?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('the CMS answering 500 for part of a build: the build fails naming the request, live sites stay, the retry goes live once it answers', async () => {
    const before = liveTrees(sitesDir)
    const beforeIds = await liveIds(sitesDir)
    faults.failPath = /^\/api\/faqs\b/
    const since = new Date()
    const res = await rest(cms, token, 'PATCH', `/api/articles/${article.id}`, {
      _status: 'published',
    })
    expect(res.status, res.text).toBe(200)

    const failed = await failedBuildSince(since)
    expect(failed.error).toContain(`GET ${proxy.url}/api/faqs?`)
    expect(failed.error).toMatch(/status 500/)
    expect(failed.releases).toEqual({})
    expect(proxy.requests.filter((url) => url.startsWith('/api/faqs')).length).toBeGreaterThan(0)
    expect(liveTrees(sitesDir)).toEqual(before)
    expect(await liveIds(sitesDir)).toEqual(beforeIds)
    expect((await articlePage('albuquerque')).status).toBe(404)
    // The job is kept for a retry with backoff.
    const [job, ...others] = await rebuildJobs(payload)
    expect(others).toEqual([])
    expect(job).toMatchObject({ hasError: false, totalTried: 1 })
    expect(new Date(job!.waitUntil as string).getTime()).toBeGreaterThan(since.getTime())

    faults.failPath = undefined
    await waitUntilSettled(payload, sitesDir)
    const builds = await siteBuilds(payload, since)
    expect(builds.at(-1)).toMatchObject({ status: 'live' })
    expect(builds.slice(0, -1).map((build) => build.status)).toEqual(
      builds.slice(0, -1).map(() => 'failed'),
    )
    const live = await liveIds(sitesDir)
    expect(builds.at(-1)!.releases).toEqual({
      albuquerque: live.albuquerque,
      temecula: live.temecula,
    })
    expect(live.waxahachie).toBe(beforeIds.waxahachie)
    for (const clinic of ['albuquerque', 'temecula']) {
      const page = await articlePage(clinic)
      expect(page.status, clinic).toBe(200)
      expect(page.html).toContain(title)
    }
  })

  it('the build process killed mid-build: live sites stay, its stale lock is taken over and the retry goes live', async () => {
    const before = liveTrees(sitesDir)
    const beforeIds = await liveIds(sitesDir)
    const since = new Date()
    const words = await edit()
    const pid = await runningBuilder()
    process.kill(pid, 'SIGKILL')

    const failed = await failedBuildSince(since)
    expect(failed.error).toContain('the site build was killed (SIGKILL)')
    // What the killed build left: its lock (a dead pid) and its staging folder.
    expect(fs.readFileSync(path.join(sitesDir, '.build.lock'), 'utf8')).toBe(String(pid))
    expect(liveTrees(sitesDir)).toEqual(before)
    expect(await liveIds(sitesDir)).toEqual(beforeIds)
    expect((await articlePage('temecula')).html).not.toContain(words)

    await waitUntilSettled(payload, sitesDir)
    expect((await siteBuilds(payload, since)).map((build) => build.status)).toEqual([
      'failed',
      'live',
    ])
    await expectRetryLive(beforeIds, words)
    // Its staging folder and the one it had bundled ahead in went with the lock.
    expect(
      fs
        .readdirSync(sitesDir)
        .filter((name) => name.startsWith('.build') || name.startsWith(`.ahead-${pid}-`)),
    ).toEqual([])
  })

  it('the CMS stopped mid-build: live sites stay, and the restarted CMS picks the pending job up and it goes live', async () => {
    const before = liveTrees(sitesDir)
    const beforeIds = await liveIds(sitesDir)
    const since = new Date()
    const words = await edit()
    const pid = await runningBuilder()

    expect(await cms.stop()).toBe(0)
    await waitFor('the build to end with the server', async () => !alive(pid), 10_000, 50)
    expect(liveTrees(sitesDir)).toEqual(before)
    expect(await liveIds(sitesDir)).toEqual(beforeIds)
    const pending = await rebuildJobs(payload)
    expect(pending.map((job) => job.input.clinics)).toEqual([['albuquerque', 'temecula']])
    expect(pending[0]!.hasError).toBeFalsy()
    // The server recorded the interrupted build on its way out.
    expect((await siteBuilds(payload, since)).map((build) => [build.status, build.error])).toEqual([
      ['failed', 'the site build was killed (SIGTERM)'],
    ])

    // Same data folder and database; no start-up build: only the pending job can publish the edit.
    const restarted = new Date()
    cms = await start({ SITES_PUBLISH: 'on', SITES_POLL_MS: '500' })
    await waitUntilSettled(payload, sitesDir)
    const after = await siteBuilds(payload, restarted)
    expect(after.map((build) => build.status)).toEqual(['live'])
    expect(after[0]!.reasons).toContain(`articles ${article.id} `)
    await expectRetryLive(beforeIds, words)
  })

  it('the CMS killed mid-build (a crash): live sites stay complete, and after a restart the pending job goes live', async () => {
    const before = liveTrees(sitesDir)
    const beforeIds = await liveIds(sitesDir)
    const since = new Date()
    const words = await edit()
    const pid = await runningBuilder()

    cms.child.kill('SIGKILL')
    await cms.stop()
    // The orphaned builder ends on its own (its output pipe is gone) or finishes.
    await waitFor('the orphaned build to end', async () => !alive(pid), 60_000, 100)
    // Nothing recorded the end of the build: the server died first.
    expect((await siteBuilds(payload, since)).map((build) => build.status)).toEqual(['building'])
    expect((await rebuildJobs(payload)).map((job) => [job.processing, job.input.clinics])).toEqual([
      [true, ['albuquerque', 'temecula']],
    ])
    expect(liveTrees(sitesDir)).toEqual(before)

    cms = await start({ SITES_PUBLISH: 'on', SITES_POLL_MS: '500' })
    await waitUntilSettled(payload, sitesDir, 60_000)
    // The restarted server closed the interrupted build's record and ran its job again.
    expect(
      (await siteBuilds(payload, since)).map((build) => [build.status, build.error ?? null]),
    ).toEqual([
      ['failed', expect.stringMatching(/^interrupted: the CMS stopped while this build ran/)],
      ['live', null],
    ])
    await expectRetryLive(beforeIds, words)
    expect(fs.readdirSync(sitesDir).filter((name) => name.startsWith('.build'))).toEqual([])
  })
  it('a build bundled ahead whose folder another build removed: the next publish bundles again and goes live', async () => {
    await waitFor('the next build to be bundled ahead', async () =>
      cms.logs().includes('next build bundled ahead in'),
    )
    const ahead = fs.readdirSync(sitesDir).filter((name) => name.startsWith('.ahead-'))
    expect(ahead).toHaveLength(1)
    // What another build taking the lock does with staging folders it does not know (lock.ts).
    fs.rmSync(path.join(sitesDir, ahead[0]!), { recursive: true, force: true })
    const beforeIds = await liveIds(sitesDir)
    const logged = cms.logs().length
    const since = new Date()
    const words = await edit()
    await waitUntilSettled(payload, sitesDir)
    expect((await siteBuilds(payload, since)).map((build) => build.status)).toEqual(['live'])
    const log = cms.logs().slice(logged)
    expect(log).toContain('the build bundled ahead lost its staging folder; bundling again')
    expect(log).not.toContain('generating the pages with the build bundled ahead')
    await expectRetryLive(beforeIds, words)
  })
})

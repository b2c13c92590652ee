/**
 * The CMS failing during a build: the build exits non-zero with a message naming the request that
 * failed, and the sites already in SITES_DIR stay exactly as they were (they are what visitors see).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  type FaultyProxy,
  buildSites,
  hashTree,
  listFiles,
  startFaultyProxy,
} from '../support/site.ts'
import { type BuiltNetwork, CLINIC_SLUGS, startBuiltNetwork } from './fixtures.ts'

describe('a build while the CMS fails', () => {
  let network: BuiltNetwork
  let before: Record<string, string>
  /** API requests (not image downloads) one full build makes. */
  let apiRequests: number
  const proxies: FaultyProxy[] = []

  const proxy = async (faults: Parameters<typeof startFaultyProxy>[1]) => {
    const started = await startFaultyProxy(network.cms.url, faults)
    proxies.push(started)
    return started
  }
  const buildThrough = (cmsUrl: string, sitesDir = network.sitesDir) =>
    buildSites({ cmsUrl, sitesDir })

  beforeAll(async () => {
    // The previous, good build: what must survive the failed ones.
    network = await startBuiltNetwork()
    before = hashTree(network.sitesDir)
    apiRequests = Number(/CMS: (\d+) requests/.exec(network.build.output)?.[1])
  })

  afterAll(async () => {
    for (const started of proxies) await started.close()
    await network?.stop()
  })

  it('builds through the proxy when nothing goes wrong', async () => {
    const sitesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-sites-proxied-'))
    try {
      const through = await proxy({})
      const result = await buildThrough(through.url, sitesDir)
      expect(result.code, result.output).toBe(0)
      expect(
        through.requests.filter((url) => url.startsWith('/api/media/file/')).length,
      ).toBeGreaterThan(0)
      expect(through.requests.filter((url) => !url.startsWith('/api/media/file/'))).toHaveLength(
        apiRequests,
      )
      expect(fs.readdirSync(sitesDir).sort()).toEqual(
        ['.releases', ...CLINIC_SLUGS, 'index.html'].sort(),
      )
    } finally {
      fs.rmSync(sitesDir, { recursive: true, force: true })
    }
  })

  it('fails naming the URL and status when one collection answers 500 past the retries, changing nothing', async () => {
    const faulty = await proxy({ failPath: /^\/api\/faqs\b/ })
    const result = await buildThrough(faulty.url)
    expect(result.code).not.toBe(0)
    // Retried: the client's five attempts all reached the CMS.
    expect(
      faulty.requests.filter((url) => url.startsWith('/api/faqs')).length,
    ).toBeGreaterThanOrEqual(5)
    expect(result.stderr).toMatch(/BUILD FAILED/)
    expect(result.stderr).toContain(`GET ${faulty.url}/api/faqs?`)
    expect(result.stderr).toMatch(/status 500/)
    expect(result.output).toContain('[sites] no live site was changed')
    expect(hashTree(network.sitesDir)).toEqual(before)
  })

  it('fails naming the URL when the CMS stops while the build reads the content, changing nothing', async () => {
    const faulty = await proxy({ stopAfter: 3 })
    const result = await buildThrough(faulty.url)
    expect(result.code).not.toBe(0)
    expect(faulty.answered()).toBe(3)
    expect(result.stderr).toMatch(
      new RegExp(
        `BUILD FAILED.*CMS request failed after \\d+ attempts: GET ${faulty.url.replace(/\./g, '\\.')}/api/\\S+`,
      ),
    )
    expect(hashTree(network.sitesDir)).toEqual(before)
  })

  it('fails naming the image when the CMS stops while the build downloads images, changing nothing', async () => {
    // The requests a build makes before its first image download (the redirects step reads the
    // CMS again after the images, so the summary's total is more than this).
    const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-sites-count-'))
    const counted = await proxy({})
    expect((await buildThrough(counted.url, scratch)).code).toBe(0)
    fs.rmSync(scratch, { recursive: true, force: true })
    const dataRequests = counted.requests.findIndex((url) => url.startsWith('/api/media/file/'))
    expect(dataRequests).toBeGreaterThan(0)
    const faulty = await proxy({ stopAfter: dataRequests })
    const result = await buildThrough(faulty.url)
    expect(result.code).not.toBe(0)
    expect(faulty.answered()).toBe(dataRequests)
    expect(faulty.requests.at(-1)).toMatch(/^\/api\/media\/file\//)
    expect(result.stderr).toMatch(/BUILD FAILED/)
    expect(result.stderr).toContain(`${faulty.url}/api/media/file/`)
    expect(hashTree(network.sitesDir)).toEqual(before)
    // No staging folder, lock or half-made link is left behind: only the releases.
    expect(
      listFiles(network.sitesDir).filter(
        (file) => file.startsWith('.') && !file.startsWith('.releases/'),
      ),
    ).toEqual([])
  })
})

/**
 * Full builds render on both cores, and Astro's incremental cache is kept per clinic
 * (site/scripts/build-sites/render-workers.ts and render-cache.ts), with the real build script
 * against the demo network:
 * - a full build split across two Astro builds releases exactly what one Astro build releases, and
 *   a build whose two Astro builds would not fit in the memory budget renders in one, in a worker;
 * - a build of some clinics restores their pages from the cache, and leaves the other clinics'
 *   pages in it (Astro alone prunes every page its build did not list); one whose clinics' live
 *   releases have page keys links the unchanged pages from them instead (page-keys.ts);
 * - an Astro build that fails fails the whole build, and no live site changes.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CmsHandle } from '../support/cms.ts'
import { buildSites, buildSitesOrThrow, hashTree } from '../support/site.ts'
import { CLINICS, liveIds, startNetwork } from './publishing.ts'

const releaseFiles = (sitesDir: string, clinic: string) => {
  const { 'release.json': _manifest, ...files } = hashTree(path.join(sitesDir, clinic))
  return files
}

/** The build's own count: "incremental render: R of N keyed pages rendered, S restored ...". */
function renderCounts(output: string): { rendered: number; pages: number; restored: number } {
  const match = /incremental render: (\d+) of (\d+) keyed pages rendered, (\d+) restored/.exec(
    output,
  )
  expect(match, output).not.toBeNull()
  const [, rendered, pages, restored] = match!.map(Number)
  return { rendered: rendered!, pages: pages!, restored: restored! }
}

describe('render workers and the per-clinic render cache', () => {
  let dataDir: string
  let cms: CmsHandle
  const sitesDir = (name: string) => path.join(dataDir, name)
  const build = (dir: string, env: Record<string, string> = {}) =>
    buildSitesOrThrow({ cmsUrl: cms.url, sitesDir: sitesDir(dir), env })

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-render-workers-'))
    cms = await startNetwork({ seed: true, dataDir, sitesDir: sitesDir('unused') })
  }, 180_000)

  afterAll(async () => {
    await cms?.stop()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('splits a full build across two Astro builds and releases what one Astro build releases', async () => {
    const one = await build('one', { SITES_RENDER_WORKERS: '1' })
    expect(one.output).not.toContain('Astro builds at once')
    const two = await build('two', { SITES_RENDER_WORKERS: '2' })
    expect(two.output).toContain(
      `rendering ${CLINICS.length} clinics in 2 Astro builds at once (2 + 1 clinics)`,
    )
    // Both builds started from an empty cache: every page rendered.
    expect(renderCounts(two.output)).toEqual({ ...renderCounts(one.output), restored: 0 })
    for (const clinic of CLINICS) {
      const files = releaseFiles(sitesDir('two'), clinic)
      expect(Object.keys(files).length, clinic).toBeGreaterThan(20)
      expect(files, clinic).toEqual(releaseFiles(sitesDir('one'), clinic))
    }
  }, 300_000)

  it('renders in one Astro build when two would not fit in the memory budget', async () => {
    const tight = await build('tight', {
      SITES_RENDER_WORKERS: '2',
      SITES_MEMORY_BUDGET_MB: '1500',
    })
    expect(tight.output).toMatch(
      /rendering in one Astro build: 2 at once would need about \d+ MB \(\d+ published article documents\), over SITES_MEMORY_BUDGET_MB=1500/,
    )
    expect(tight.output).not.toContain('Astro builds at once')
    // ... in a render worker, whose memory goes when it ends, before the trees and search index.
    expect(tight.output).toMatch(/\[render 1\] .*loaded 3 clinics/)
    for (const clinic of CLINICS)
      expect(releaseFiles(sitesDir('tight'), clinic), clinic).toEqual(
        releaseFiles(sitesDir('one'), clinic),
      )
  }, 300_000)

  it("keeps every clinic's pages in the cache whichever clinics a build renders", async () => {
    const full = renderCounts((await build('two', { SITES_RENDER_WORKERS: '2' })).output)
    // All three clinics are cached now: one Astro build, every page restored.
    expect(full.rendered).toBe(0)
    for (const clinic of CLINICS) {
      // A live release without page keys (made before them): the build goes through the cache.
      fs.rmSync(path.join(sitesDir('two'), clinic, '.page-keys.json'))
      const only = await build('two', { CLINICS: clinic, SITES_RENDER_WORKERS: '2' })
      expect(only.output).not.toContain('Astro builds at once')
      const counts = renderCounts(only.output)
      expect(counts.rendered, clinic).toBe(0)
      expect(counts.restored, clinic).toBeGreaterThan(20)
      // Its release has keys again: the next build renders against it, links every page from it,
      // and leaves the cache as it was.
      const before = releaseFiles(sitesDir('two'), clinic)
      const linked = await build('two', { CLINICS: clinic })
      expect(linked.output, clinic).toContain(
        `incremental render: 0 of ${counts.pages} keyed pages rendered, 0 restored from the cache, ${counts.pages} linked from the live releases`,
      )
      expect(releaseFiles(sitesDir('two'), clinic), clinic).toEqual(before)
    }
    // After three one-clinic builds, the others' pages are still there for a full build.
    expect(renderCounts((await build('two')).output)).toEqual(full)
  }, 300_000)

  it('fails the whole build when one of its Astro builds fails, and changes no live site', async () => {
    const before = await liveIds(sitesDir('one'))
    expect(Object.values(before).every(Boolean)).toBe(true)
    // Two clinics the CMS does not have (and the cache does not hold): the build is split, and
    // the Astro builds given one of them fail on their first page.
    const failed = await buildSites({
      cmsUrl: cms.url,
      sitesDir: sitesDir('one'),
      env: {
        CLINICS: [...CLINICS, 'no-such-clinic', 'nor-this-one'].join(','),
        SITES_RENDER_WORKERS: '2',
      },
    })
    expect(failed.code, failed.output).not.toBe(0)
    expect(failed.output).toContain('5 clinics in 2 Astro builds at once')
    expect(failed.output).toMatch(/BUILD FAILED .*CLINICS names clinics the CMS does not have/)
    expect(failed.output).toContain('no live site was changed')
    expect(await liveIds(sitesDir('one'))).toEqual(before)
    // What the failed build had taken out of the cache renders again, and the same files come out.
    const again = await build('one', { SITES_RENDER_WORKERS: '2' })
    expect(renderCounts(again.output).rendered).toBeGreaterThan(0)
    for (const clinic of CLINICS)
      expect(releaseFiles(sitesDir('one'), clinic), clinic).toEqual(
        releaseFiles(sitesDir('two'), clinic),
      )
  }, 300_000)
})

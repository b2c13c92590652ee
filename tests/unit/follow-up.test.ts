/**
 * A build's step 4 (site/scripts/build-sites/follow-up.ts), once its clinics are live, on real
 * releases in a temporary SITES_DIR and a real Pagefind: a release that went live with its previous
 * release's search index gets its own, a follow-up the next build stops leaves the live index
 * whole and the release marked for the next one, and every clinic's old releases are pruned.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  KEPT_RELEASES,
  liveRelease,
  listReleases,
  newReleaseId,
  publishRelease,
} from '@clinic/shared/releases'

import { followUp, pendingSearch } from '../../site/scripts/build-sites/follow-up.ts'
import { copyLiveSearchIndex, SearchLanes } from '../../site/scripts/build-sites/search.ts'
import { listFiles, searchIndexIn } from '../support/site.ts'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-follow-up-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

let sitesDir: string
let search: SearchLanes
let clock = Date.UTC(2026, 11, 3, 9, 0, 0)

beforeEach(async () => {
  sitesDir = fs.mkdtempSync(path.join(work, 'sites-'))
  search = await SearchLanes.open(1)
})
afterEach(() => search.close())

/** A tree of `pages` article pages whose text names `word`. */
function tree(word: string, pages: number): string {
  const dir = fs.mkdtempSync(path.join(sitesDir, '.build-'))
  for (let n = 0; n < pages; n++) {
    const file = path.join(dir, 'articles', `page-${n}`, 'index.html')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(
      file,
      `<!doctype html><html lang="en"><head><title>Page ${n}</title></head><body>` +
        `<main data-pagefind-body><h1>Page ${n}</h1><p>Visit checklist ${word} number ${n}, ` +
        `with enough words about blood pressure, fasting and the clinic's hours to index.</p></main>` +
        `</body></html>`,
    )
  }
  return dir
}

/** Publishes `dir` as the clinic's next release, marked as the site build marks a deferred one. */
async function release(clinic: string, dir: string, searchPending = false) {
  clock += 1000
  return publishRelease(
    sitesDir,
    clinic,
    dir,
    {
      id: newReleaseId(new Date(clock)),
      builtAt: new Date(clock).toISOString(),
      pages: 1,
      articles: [],
      files: 1,
      bytes: 1,
      ...(searchPending ? { searchPending: true } : {}),
    },
    { prune: false },
  )
}

/** The texts of the clinic's live index, and whether its entry names files that exist. */
function liveIndex(clinic: string): { texts: string[]; coherent: boolean } {
  const { fragments, coherent } = searchIndexIn(path.join(sitesDir, clinic, 'pagefind'))
  return { texts: fragments, coherent }
}

/**
 * The clinic's first release, indexed before it went live (`old`), then a second one that went
 * live carrying the first one's index, as a publish's release does.
 */
async function deferredRelease(clinic: string, pages: number) {
  const first = tree('oldword', pages)
  await search.index(clinic, first, 0)
  await release(clinic, first)
  const second = tree('newword', pages)
  expect(await copyLiveSearchIndex(await liveRelease(sitesDir, clinic), second)).toBe(true)
  return release(clinic, second, true)
}

describe("a build's follow-up, after its clinics are live", () => {
  it('indexes the live release that carried its previous index, and clears its mark', async () => {
    const released = await deferredRelease('albuquerque', 3)
    expect(liveIndex('albuquerque').texts.join()).toContain('oldword')
    expect(await pendingSearch(sitesDir)).toEqual([
      { slug: 'albuquerque', dir: (await liveRelease(sitesDir, 'albuquerque'))!.dir },
    ])

    await followUp({ sitesDir, trees: [], releases: [released], search })

    const index = liveIndex('albuquerque')
    expect(index.coherent).toBe(true)
    expect(index.texts.filter((text) => text.includes('newword'))).toHaveLength(3)
    expect(index.texts.filter((text) => text.includes('oldword'))).toEqual([])
    expect(await pendingSearch(sitesDir)).toEqual([])
    expect((await liveRelease(sitesDir, 'albuquerque'))!.manifest!.searchPending).toBeUndefined()
    // The previous release keeps its own index (the live one replaced its links, not their files).
    const [previous] = await listReleases(sitesDir, 'albuquerque')
    const old = listFiles(path.join(sitesDir, '.releases', 'albuquerque', previous!, 'pagefind'))
    expect(old.length).toBeGreaterThan(0)
  })

  it('stopped by the next build, leaves the live index whole and the release marked for the next follow-up', async () => {
    // Enough pages that Pagefind is still indexing when the follow-up is stopped.
    const released = await deferredRelease('temecula', 400)
    const stop = new AbortController()
    const following = followUp({
      sitesDir,
      trees: [],
      releases: [released],
      search,
      signal: stop.signal,
    })
    await new Promise((resolve) => setTimeout(resolve, 40))
    const stoppedAt = Date.now()
    stop.abort()
    await following
    // Stopping ends Pagefind's work at once: the next build does not wait for the index.
    expect(Date.now() - stoppedAt).toBeLessThan(1_000)

    const live = (await liveRelease(sitesDir, 'temecula'))!
    expect(live.manifest!.searchPending).toBe(true)
    expect(fs.existsSync(path.join(live.dir, '.pagefind-next'))).toBe(false)
    const carried = liveIndex('temecula')
    expect(carried.coherent).toBe(true)
    expect(carried.texts.some((text) => text.includes('oldword'))).toBe(true)
    expect(carried.texts.some((text) => text.includes('newword'))).toBe(false)

    // The next build's follow-up (with lanes of its own) finishes it.
    const next = await SearchLanes.open(1)
    try {
      await followUp({ sitesDir, trees: [], releases: [], search: next })
    } finally {
      await next.close()
    }
    expect(await pendingSearch(sitesDir)).toEqual([])
    const refreshed = liveIndex('temecula')
    expect(refreshed.coherent).toBe(true)
    expect(refreshed.texts.filter((text) => text.includes('newword'))).toHaveLength(400)
    expect(refreshed.texts.filter((text) => text.includes('oldword'))).toEqual([])
  })

  it("prunes every clinic's old releases, not only the build's own", async () => {
    for (let n = 0; n < KEPT_RELEASES + 2; n++) await release('waxahachie', tree(`w${n}`, 1))
    const built = await release('albuquerque', tree('a', 1))
    expect(await listReleases(sitesDir, 'waxahachie')).toHaveLength(KEPT_RELEASES + 2)
    const live = (await liveRelease(sitesDir, 'waxahachie'))!.id

    await followUp({ sitesDir, trees: [], releases: [built], search })

    const kept = await listReleases(sitesDir, 'waxahachie')
    expect(kept).toHaveLength(KEPT_RELEASES)
    expect(kept).toContain(live)
  })
})

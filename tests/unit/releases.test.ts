import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  listReleases,
  liveRelease,
  newReleaseId,
  publishRelease,
  pruneReleases,
  releasesOf,
  rollback,
  switchLive,
} from '@clinic/shared/releases'

let sitesDir: string
let clock = Date.UTC(2026, 10, 21, 12, 0, 0)

/** A finished tree in staging with one page saying `text`, published as the next release. */
async function release(clinic: string, text: string) {
  const tree = fs.mkdtempSync(path.join(sitesDir, '.build-'))
  fs.writeFileSync(path.join(tree, 'index.html'), `<h1>${text}</h1>`)
  clock += 1000
  return publishRelease(sitesDir, clinic, tree, {
    id: newReleaseId(new Date(clock)),
    builtAt: new Date(clock).toISOString(),
    pages: 1,
    articles: [],
    files: 1,
    bytes: 1,
  })
}
const served = (clinic: string) =>
  fs.readFileSync(path.join(sitesDir, clinic, 'index.html'), 'utf8')

beforeEach(() => {
  sitesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'releases-test-'))
})
afterEach(() => fs.rmSync(sitesDir, { recursive: true, force: true }))

describe('clinic site releases', () => {
  it('publishes a release behind a relative symlink that serves it', async () => {
    const first = await release('albuquerque', 'one')
    const link = fs.readlinkSync(path.join(sitesDir, 'albuquerque'))
    expect(path.isAbsolute(link)).toBe(false)
    expect(link).toBe(path.join('.releases', 'albuquerque', first.id))
    expect(served('albuquerque')).toBe('<h1>one</h1>')
    const live = await liveRelease(sitesDir, 'albuquerque')
    expect(live?.id).toBe(first.id)
    expect(live?.manifest).toMatchObject({ clinic: 'albuquerque', pages: 1 })
    // Nothing is left in SITES_DIR but the link, the releases and the staging parent.
    expect(
      fs
        .readdirSync(sitesDir)
        .filter((name) => !name.startsWith('.build-'))
        .sort(),
    ).toEqual(['.releases', 'albuquerque'])
  })

  it('keeps the last three releases, and the live one after a rollback', async () => {
    const ids: string[] = []
    for (let i = 1; i <= 5; i++) ids.push((await release('temecula', `v${i}`)).id)
    expect(await listReleases(sitesDir, 'temecula')).toEqual(ids.slice(2))
    expect(served('temecula')).toBe('<h1>v5</h1>')

    expect(await rollback(sitesDir, 'temecula')).toEqual({ from: ids[4], to: ids[3] })
    expect(served('temecula')).toBe('<h1>v4</h1>')
    expect(await rollback(sitesDir, 'temecula')).toEqual({ from: ids[3], to: ids[2] })
    expect(served('temecula')).toBe('<h1>v3</h1>')
    await expect(rollback(sitesDir, 'temecula')).rejects.toThrow(
      /no release older than the live one/,
    )
    expect(served('temecula')).toBe('<h1>v3</h1>')

    // A new release goes live; the rolled-back-to one is among the kept three only if it is recent.
    const next = await release('temecula', 'v6')
    expect(served('temecula')).toBe('<h1>v6</h1>')
    expect(await listReleases(sitesDir, 'temecula')).toEqual([ids[3], ids[4], next.id])
  })

  it('never prunes the live release, even when it is older than the kept ones', async () => {
    const ids: string[] = []
    for (let i = 1; i <= 3; i++) ids.push((await release('waxahachie', `v${i}`)).id)
    await switchLive(sitesDir, 'waxahachie', ids[0]!)
    // Two more releases built but (say) not switched: simulate by creating directories.
    for (let extra = 0; extra < 2; extra++) {
      clock += 1000
      fs.mkdirSync(path.join(releasesOf(sitesDir, 'waxahachie'), newReleaseId(new Date(clock))))
    }
    const removed = await pruneReleases(sitesDir, 'waxahachie')
    expect(removed).toEqual([ids[1]])
    expect((await listReleases(sitesDir, 'waxahachie')).includes(ids[0]!)).toBe(true)
    expect(served('waxahachie')).toBe('<h1>v1</h1>')
  })

  it('turns a plain directory from before releases into a release that rollback can reach', async () => {
    fs.mkdirSync(path.join(sitesDir, 'albuquerque'))
    fs.writeFileSync(path.join(sitesDir, 'albuquerque', 'index.html'), '<h1>legacy</h1>')
    // Built before the next release (its id comes from the folder's time).
    fs.utimesSync(
      path.join(sitesDir, 'albuquerque'),
      new Date(clock - 60_000),
      new Date(clock - 60_000),
    )
    expect((await liveRelease(sitesDir, 'albuquerque'))?.id).toBe('unversioned')
    await release('albuquerque', 'new')
    expect(served('albuquerque')).toBe('<h1>new</h1>')
    expect(fs.lstatSync(path.join(sitesDir, 'albuquerque')).isSymbolicLink()).toBe(true)
    await rollback(sitesDir, 'albuquerque')
    expect(served('albuquerque')).toBe('<h1>legacy</h1>')
  })

  it('refuses slugs and ids that could leave SITES_DIR', async () => {
    await expect(liveRelease(sitesDir, '../etc')).rejects.toThrow(/not a clinic slug/)
    await expect(listReleases(sitesDir, 'a/b')).rejects.toThrow(/not a clinic slug/)
    await release('albuquerque', 'one')
    await expect(switchLive(sitesDir, 'albuquerque', '../../x')).rejects.toThrow(/not a release id/)
    await expect(switchLive(sitesDir, 'albuquerque', newReleaseId())).rejects.toThrow(/ENOENT/)
    expect(served('albuquerque')).toBe('<h1>one</h1>')
  })

  it('reports no live site for a clinic never built, and rollback says so', async () => {
    expect(await liveRelease(sitesDir, 'nowhere')).toBeUndefined()
    await expect(rollback(sitesDir, 'nowhere')).rejects.toThrow(/no live site/)
  })
})

/**
 * Releases by difference (shared/src/releases.ts): once a release is live, its files equal to the
 * previous release's become hard links to them, and it stays independent of it (rollback serves
 * the old bytes, pruning the old release leaves the new one whole).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, beforeEach, describe, expect, it } from 'vitest'

import {
  linkUnchangedFiles,
  liveRelease,
  newReleaseId,
  publishRelease,
  pruneReleases,
  releasesOf,
  rollback,
} from '@clinic/shared/releases'

let sitesDir: string
let clock = Date.UTC(2026, 11, 3, 1, 0, 0)

/**
 * Publishes a tree with these files (path -> text) as the clinic's next release, then shares its
 * unchanged files with the release that was live before (as the site build does after the switch).
 */
async function release(files: Record<string, string>) {
  const previous = await liveRelease(sitesDir, 'albuquerque')
  const tree = fs.mkdtempSync(path.join(sitesDir, '.build-'))
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(tree, name)), { recursive: true })
    fs.writeFileSync(path.join(tree, name), text)
  }
  clock += 1000
  const manifest = await publishRelease(sitesDir, 'albuquerque', tree, {
    id: newReleaseId(new Date(clock)),
    builtAt: new Date(clock).toISOString(),
    pages: 2,
    articles: [],
    files: Object.keys(files).length,
    bytes: 1,
  })
  const dir = path.join(releasesOf(sitesDir, 'albuquerque'), manifest.id)
  return { ...manifest, sharedFiles: previous ? await linkUnchangedFiles(dir, previous.dir) : 0 }
}
const fileOf = (id: string, name: string) =>
  path.join(releasesOf(sitesDir, 'albuquerque'), id, name)
const served = (name: string) => fs.readFileSync(path.join(sitesDir, 'albuquerque', name), 'utf8')

beforeEach(() => {
  sitesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'releases-diff-test-'))
})
afterEach(() => fs.rmSync(sitesDir, { recursive: true, force: true }))

describe('releases by difference', () => {
  it('links the files equal to the previous release and keeps its own copy of the changed ones', async () => {
    const first = await release({
      'index.html': '<h1>Home</h1>',
      'articles/a/index.html': '<h1>A</h1>',
      'articles/b/index.html': '<h1>B</h1>',
    })
    expect(first.sharedFiles).toBe(0)
    const second = await release({
      'index.html': '<h1>Home</h1>',
      'articles/a/index.html': '<h1>A, edited</h1>',
      'articles/b/index.html': '<h1>B</h1>',
      'articles/c/index.html': '<h1>C</h1>',
    })
    expect(second.sharedFiles).toBe(2)
    const inode = (id: string, name: string) => fs.statSync(fileOf(id, name)).ino
    expect(inode(second.id, 'index.html')).toBe(inode(first.id, 'index.html'))
    expect(inode(second.id, 'articles/b/index.html')).toBe(inode(first.id, 'articles/b/index.html'))
    expect(inode(second.id, 'articles/a/index.html')).not.toBe(
      inode(first.id, 'articles/a/index.html'),
    )
    // Each release's manifest is its own file.
    expect(inode(second.id, 'release.json')).not.toBe(inode(first.id, 'release.json'))
    expect(served('articles/a/index.html')).toBe('<h1>A, edited</h1>')
    expect(served('articles/c/index.html')).toBe('<h1>C</h1>')
  })

  it('leaves nothing behind for files the build already shared with the live release', async () => {
    const first = await release({
      'index.html': '<h1>Home</h1>',
      'es/index.html': '<h1>Inicio</h1>',
    })
    // A build that renders one language links the other language's files from the live release.
    const tree = fs.mkdtempSync(path.join(sitesDir, '.build-'))
    fs.writeFileSync(path.join(tree, 'index.html'), '<h1>Home, new</h1>')
    fs.mkdirSync(path.join(tree, 'es'))
    fs.linkSync(fileOf(first.id, 'es/index.html'), path.join(tree, 'es/index.html'))
    expect(
      await linkUnchangedFiles(tree, path.join(releasesOf(sitesDir, 'albuquerque'), first.id)),
    ).toBe(1)
    expect(fs.readdirSync(path.join(tree, 'es'))).toEqual(['index.html'])
    expect(fs.readdirSync(tree).sort()).toEqual(['es', 'index.html'])
  })

  it('rolls back to the old bytes and survives the pruning of the release it shares files with', async () => {
    const first = await release({ 'index.html': '<h1>Home</h1>', 'faq/index.html': '<h1>FAQ</h1>' })
    const second = await release({
      'index.html': '<h1>Home, new</h1>',
      'faq/index.html': '<h1>FAQ</h1>',
    })
    expect(await rollback(sitesDir, 'albuquerque')).toEqual({ from: second.id, to: first.id })
    expect(served('index.html')).toBe('<h1>Home</h1>')

    // Back to the second, then the first release is pruned: the shared file stays in the second.
    const third = await release({
      'index.html': '<h1>Home, new</h1>',
      'faq/index.html': '<h1>FAQ</h1>',
    })
    expect(third.sharedFiles).toBe(1)
    expect(await pruneReleases(sitesDir, 'albuquerque', 1)).toEqual([first.id, second.id])
    expect(fs.existsSync(fileOf(first.id, 'faq/index.html'))).toBe(false)
    expect(served('faq/index.html')).toBe('<h1>FAQ</h1>')
    expect(served('index.html')).toBe('<h1>Home, new</h1>')
  })
})

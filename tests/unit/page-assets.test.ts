/**
 * Each tree's record of the /_astro/ files its pages use (site/scripts/build-sites/page-assets.ts),
 * on real files in a temporary folder: a tree's images follow from its pages; a page linked from
 * the live release is not read again, its record is the release's; any other page is read; a
 * release without a record has its pages read; a build of one language takes the other's pages
 * and the files they use by the live release's record. tests/site/equivalence.test.ts holds the
 * records of published trees to those of fresh full builds.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { assembleTree } from '../../site/scripts/build-sites/assemble.ts'
import { completeLanguages } from '../../site/scripts/build-sites/locales.ts'
import {
  assetsInHtml,
  PAGE_ASSETS_FILE,
  readPageAssets,
  writePageAssets,
} from '../../site/scripts/build-sites/page-assets.ts'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-page-assets-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}
const page = (...assets: string[]) =>
  `<!doctype html><link rel="stylesheet" href="/_astro/site.css">${assets.map((name) => `<img src="/_astro/${name}" alt="">`).join('')}`
const record = (dir: string, pages: Record<string, string[]>) =>
  write(path.join(dir, PAGE_ASSETS_FILE), JSON.stringify({ pages }))
const imagesOf = (tree: string) =>
  fs
    .readdirSync(path.join(tree, '_astro'))
    .filter((name) => name.endsWith('.webp'))
    .sort()

let made = 0
/**
 * A render of clinic `a` (`rendered` pages, both 404 pages, the shared /_astro/ files of this
 * render) and a live release (`live` pages, its own images) whose `linked` pages are in the render
 * as hard links to it, as page-keys.ts leaves them.
 */
function setUp({
  rendered,
  live,
  linked,
  liveImages,
}: {
  rendered: Record<string, string>
  live: Record<string, string>
  linked: string[]
  liveImages: string[]
}) {
  const dir = path.join(work, String(made++))
  const distDir = path.join(dir, 'dist')
  const release = path.join(dir, 'release')
  for (const name of ['site.css', 'fresh.webp', 'unused.webp'])
    write(path.join(distDir, '_astro', name), name)
  for (const [file, html] of Object.entries({
    ...rendered,
    '404/index.html': page(),
    'es/404/index.html': page(),
  }))
    write(path.join(distDir, 'a', file), html)
  for (const [file, html] of Object.entries(live)) write(path.join(release, file), html)
  for (const name of liveImages) write(path.join(release, '_astro', name), name)
  for (const file of linked) {
    fs.mkdirSync(path.dirname(path.join(distDir, 'a', file)), { recursive: true })
    fs.linkSync(path.join(release, file), path.join(distDir, 'a', file))
  }
  return { distDir, release, tree: path.join(dir, 'tree') }
}

describe("a tree's record of its pages' assets", () => {
  it('comes from reading the pages of a tree rendered in full, and names the images the tree links', async () => {
    const { distDir, tree } = setUp({
      rendered: { 'index.html': page('fresh.webp'), 'articles/x/index.html': page() },
      live: {},
      linked: [],
      liveImages: [],
    })
    const pages = await assembleTree(distDir, 'a', tree)
    expect(Object.fromEntries(pages)).toEqual({
      '404.html': ['site.css'],
      'es/404.html': ['site.css'],
      'index.html': ['site.css', 'fresh.webp'],
      'articles/x/index.html': ['site.css'],
    })
    expect(fs.existsSync(path.join(tree, 'es', '404', 'index.html'))).toBe(false)
    expect(imagesOf(tree)).toEqual(['fresh.webp'])
    writePageAssets(tree, pages)
    expect(readPageAssets(tree)).toEqual(pages)
  })

  it("takes a page linked from the live release from that release's record, without reading the page", async () => {
    const { distDir, release, tree } = setUp({
      rendered: { 'index.html': page('fresh.webp') },
      live: { 'articles/x/index.html': page('old.webp'), 'index.html': page() },
      linked: ['articles/x/index.html'],
      liveImages: ['old.webp', 'recorded.webp'],
    })
    // The record says what the page's HTML does not: only the record can have put it in the tree.
    record(release, { 'articles/x/index.html': ['site.css', 'recorded.webp'], 'index.html': [] })
    const pages = await assembleTree(distDir, 'a', tree, {
      dir: release,
      linked: new Set(['articles/x/index.html']),
    })
    expect(pages.get('articles/x/index.html')).toEqual(['site.css', 'recorded.webp'])
    // A page this build rendered is read, whatever the release's record says of its file.
    expect(pages.get('index.html')).toEqual(['site.css', 'fresh.webp'])
    expect(imagesOf(tree)).toEqual(['fresh.webp', 'recorded.webp'])
    // The linked images are the release's files, not copies.
    expect(fs.statSync(path.join(tree, '_astro', 'recorded.webp')).ino).toBe(
      fs.statSync(path.join(release, '_astro', 'recorded.webp')).ino,
    )
  })

  it('reads the linked pages of a release without a record (a release from before)', async () => {
    const { distDir, release, tree } = setUp({
      rendered: { 'index.html': page() },
      live: { 'articles/x/index.html': page('old.webp') },
      linked: ['articles/x/index.html'],
      liveImages: ['old.webp'],
    })
    const pages = await assembleTree(distDir, 'a', tree, {
      dir: release,
      linked: new Set(['articles/x/index.html']),
    })
    expect(pages.get('articles/x/index.html')).toEqual(['site.css', 'old.webp'])
    expect(imagesOf(tree)).toEqual(['old.webp'])
  })

  it("of a build of one language takes the other language's pages, and the files they use, by the live release's record", async () => {
    const { distDir, release, tree } = setUp({
      rendered: { 'index.html': page() },
      live: {
        'index.html': page(),
        'es/index.html': page('es-recorded.webp'),
        'es/articulos/x/index.html': page('es-unrecorded.webp'),
        'pagefind/fragment/es_1.pf_fragment': 'not a page',
      },
      linked: [],
      liveImages: ['es-recorded.webp', 'es-unrecorded.webp', 'elsewhere.webp'],
    })
    record(release, { 'index.html': ['site.css'], 'es/index.html': ['site.css', 'elsewhere.webp'] })
    const pages = await assembleTree(distDir, 'a', tree)
    const kept = await completeLanguages('a', tree, { dir: release, id: 'live' }, pages, {
      NODE_ENV: 'test',
      SITES_LOCALES: 'en',
    })
    expect([...kept].sort()).toEqual(['es/articulos/x/index.html', 'es/index.html'])
    expect(pages.get('es/index.html')).toEqual(['site.css', 'elsewhere.webp'])
    // A page the record lacks is read.
    expect(pages.get('es/articulos/x/index.html')).toEqual(['site.css', 'es-unrecorded.webp'])
    // The Spanish 404 page is this build's (both languages' 404 pages are always rendered).
    expect(fs.readFileSync(path.join(tree, 'es', '404.html'), 'utf8')).toBe(page())
    expect(imagesOf(tree)).toEqual(['elsewhere.webp', 'es-unrecorded.webp'])
    expect(fs.existsSync(path.join(tree, 'pagefind'))).toBe(false)
    expect(assetsInHtml(page('x.webp', 'x.webp'))).toEqual(['site.css', 'x.webp'])
  })
})

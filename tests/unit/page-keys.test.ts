/**
 * Publishes by difference (site/scripts/build-sites/page-keys.ts, site/src/data/page-keys.ts), on
 * real files in a temporary folder: where a page's file is, which live release a publish renders
 * against (only one whose keys come from the same code), which pages it links from it (hard
 * links, never copies), that a listed page Astro did not write fails the build, and how a build of
 * one language keeps the other's keys. The site tests run the whole path on real builds, and
 * tests/site/equivalence.test.ts holds its releases to fresh full builds.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { newReleaseId, publishRelease, releasesOf } from '@clinic/shared/releases'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'

import {
  listPage,
  listedPageKeys,
  pageFile,
  PAGE_KEYS_FILE,
} from '../../site/src/data/page-keys.ts'
import {
  codeFingerprint,
  diffBases,
  keepLiveKeys,
  linkUnchangedPages,
  resetPageKeys,
  writePageKeys,
} from '../../site/scripts/build-sites/page-keys.ts'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-page-keys-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

function write(file: string, text: string): void {
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, text)
}
const keysOf = (dir: string) =>
  JSON.parse(fs.readFileSync(path.join(dir, PAGE_KEYS_FILE), 'utf8')) as {
    fingerprint: string
    pages: Record<string, string>
  }

/** A SITES_DIR whose clinic `a` has a live release with these pages and keys (404 at 404.html). */
async function liveSite(
  name: string,
  fingerprint: string,
  pages: Record<string, string>,
): Promise<{ sitesDir: string; release: string }> {
  const sitesDir = path.join(work, name)
  const tree = path.join(work, `${name}-tree`)
  for (const file of Object.keys(pages))
    write(path.join(tree, file.replace(/404\/index\.html$/, '404.html')), `live ${file}`)
  write(path.join(tree, PAGE_KEYS_FILE), JSON.stringify({ fingerprint, pages }))
  const { id } = await publishRelease(sitesDir, 'a', tree, {
    id: newReleaseId(),
    builtAt: new Date().toISOString(),
    pages: Object.keys(pages).length,
    articles: [],
    files: Object.keys(pages).length + 1,
    bytes: 0,
  })
  return { sitesDir, release: path.join(releasesOf(sitesDir, 'a'), id) }
}

describe("a page's file", () => {
  it('follows from its route and params, relative to its clinic, as Astro writes it', () => {
    const clinic = { clinic: 'a' }
    expect(pageFile('/[clinic]', clinic)).toBe('index.html')
    expect(pageFile('/[clinic]/articles/[slug]', { ...clinic, slug: 'sleep' })).toBe(
      'articles/sleep/index.html',
    )
    expect(pageFile('/[clinic]/articles/[...page]', { ...clinic, page: undefined })).toBe(
      'articles/index.html',
    )
    expect(pageFile('/[clinic]/articles/[...page]', { ...clinic, page: 'page/2' })).toBe(
      'articles/page/2/index.html',
    )
    expect(pageFile('/[clinic]/es/rss.xml', clinic)).toBe('es/rss.xml')
    expect(pageFile('/[clinic]/es/404', clinic)).toBe('es/404/index.html')
    // Astro writes to a file URL, which the file system gets decoded.
    expect(pageFile('/[clinic]/es/articulos/[slug]', { ...clinic, slug: 'cómo-dormir' })).toBe(
      'es/articulos/cómo-dormir/index.html',
    )
  })
})

describe('the code fingerprint', () => {
  it('is the same for the same code and CMS address, and changes with the address', () => {
    const env = { NODE_ENV: 'test', CMS_URL: 'http://cms.example:3000' } as const
    expect(codeFingerprint(env)).toBe(codeFingerprint(env))
    expect(codeFingerprint(env)).not.toBe(codeFingerprint({ ...env, CMS_URL: 'http://other:3000' }))
  })
})

describe('a publish against the live release', () => {
  beforeEach(() => {
    resetPageKeys()
    delete process.env.SITES_DIFF_BASES
  })

  it('renders against a live release only when its keys come from the same code', async () => {
    const { sitesDir, release } = await liveSite('bases', 'code-1', { 'index.html': 'k1' })
    expect(await diffBases(sitesDir, ['a'], 'code-1')).toEqual({ a: release })
    expect(await diffBases(sitesDir, ['a'], 'code-2')).toEqual({})
    fs.rmSync(path.join(sitesDir, 'a', PAGE_KEYS_FILE))
    expect(await diffBases(sitesDir, ['a'], 'code-1')).toEqual({})
  })

  it('lists only the pages whose key changed, then links the others from the release', async () => {
    const live = {
      'index.html': 'home-1',
      'articles/sleep/index.html': 'sleep-1',
      '404/index.html': 'nf-1',
    }
    const { sitesDir } = await liveSite('publish', 'code-1', live)
    const bases = await diffBases(sitesDir, ['a'], 'code-1')
    process.env.SITES_DIFF_BASES = JSON.stringify(bases)
    // getStaticPaths: the home page's key changed, the others did not.
    expect(listPage('a', 'index.html', 'home-2')).toBe(true)
    expect(listPage('a', 'articles/sleep/index.html', 'sleep-1')).toBe(false)
    expect(listPage('a', '404/index.html', 'nf-1')).toBe(false)
    expect(listedPageKeys().get('a')).toEqual({ ...live, 'index.html': 'home-2' })

    // Astro renders the listed page; the build writes the keys and links the rest.
    const distDir = path.join(work, 'publish-dist')
    write(path.join(distDir, 'a', 'index.html'), 'new home')
    writePageKeys(distDir, { NODE_ENV: 'test', SITES_CODE_FINGERPRINT: 'code-1' })
    const linked = linkUnchangedPages(distDir, bases)
    expect([...linked.a!].sort()).toEqual(['404.html', 'articles/sleep/index.html'])
    const same = (file: string, releaseFile = file) =>
      fs.statSync(path.join(distDir, 'a', file)).ino ===
      fs.statSync(path.join(bases.a!, releaseFile)).ino
    expect(same('articles/sleep/index.html')).toBe(true)
    expect(same('404/index.html', '404.html')).toBe(true)
    expect(fs.readFileSync(path.join(distDir, 'a', 'index.html'), 'utf8')).toBe('new home')
    expect(keysOf(path.join(distDir, 'a'))).toEqual({
      fingerprint: 'code-1',
      pages: { ...live, 'index.html': 'home-2' },
    })
  })

  it('fails when a page it listed is not where its route says', () => {
    const distDir = path.join(work, 'missing-dist')
    listPage('a', 'articles/sleep/index.html', 'sleep-1')
    writePageKeys(distDir, { NODE_ENV: 'test', SITES_CODE_FINGERPRINT: 'code-1' })
    expect(() => linkUnchangedPages(distDir, {})).toThrow(
      'a: the build listed the page articles/sleep/index.html, but Astro wrote no such file',
    )
  })

  it('writes no keys for a build without a code fingerprint (the next publish renders in full)', () => {
    const distDir = path.join(work, 'no-fingerprint-dist')
    listPage('a', 'index.html', 'home-1')
    writePageKeys(distDir, { NODE_ENV: 'test' })
    expect(fs.existsSync(path.join(distDir, 'a', PAGE_KEYS_FILE))).toBe(false)
  })
})

describe("a build of one language keeps the other's keys", () => {
  it("takes the live release's keys of the files it kept, from the same code only", () => {
    const live = path.join(work, 'lang-live')
    write(
      path.join(live, PAGE_KEYS_FILE),
      JSON.stringify({
        fingerprint: 'code-1',
        pages: { 'index.html': 'en-old', 'es/index.html': 'es-1', 'es/404/index.html': 'es-nf' },
      }),
    )
    const tree = (name: string, fingerprint: string) => {
      const dir = path.join(work, name)
      write(
        path.join(dir, PAGE_KEYS_FILE),
        JSON.stringify({ fingerprint, pages: { 'index.html': 'en-new' } }),
      )
      return dir
    }
    const kept = (file: string) => file.startsWith('es/')
    const same = tree('lang-same', 'code-1')
    keepLiveKeys(same, live, kept)
    expect(keysOf(same).pages).toEqual({
      'es/404/index.html': 'es-nf',
      'es/index.html': 'es-1',
      'index.html': 'en-new',
    })
    const other = tree('lang-other', 'code-2')
    keepLiveKeys(other, live, kept)
    expect(fs.existsSync(path.join(other, PAGE_KEYS_FILE))).toBe(false)
  })
})

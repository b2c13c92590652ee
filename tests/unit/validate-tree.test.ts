/**
 * The checks a clinic's tree passes before it may go live (site/scripts/build-sites/validate.ts),
 * on real trees written to a temporary folder: every required file, every internal link resolving
 * inside the tree, exactly the published articles of each language, and no unexplained page drop.
 * The publishing tests (tests/site/) run them on real builds; these make each one fail.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, describe, expect, it } from 'vitest'

import { articlePath, homePath, notFoundPath, rssPath } from '../../shared/src/paths.ts'
import { buildSettings } from '../../site/scripts/build-sites/settings.ts'
import { validateTree } from '../../site/scripts/build-sites/validate.ts'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-validate-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

const page = (links: string[] = []) =>
  `<!doctype html><html><body>${links.map((href) => `<a href="${href}">x</a>`).join('')}</body></html>`

/** A complete two-language tree with English articles `a` and `b` and Spanish article `a-es`. */
function tree(name: string, files: Record<string, string | null> = {}): string {
  const dir = path.join(work, name)
  const all: Record<string, string | null> = {
    [homePath('en')]: page([articlePath('a'), articlePath('b'), '/favicon.svg']),
    [homePath('es')]: page([articlePath('a-es', 'es')]),
    [notFoundPath('en')]: page([homePath('en')]),
    [notFoundPath('es')]: page([homePath('es')]),
    [rssPath('en')]: '<rss/>',
    [rssPath('es')]: '<rss/>',
    [articlePath('a')]: page([homePath('en'), articlePath('b')]),
    [articlePath('b')]: page([homePath('en'), '/pagefind/pagefind.js']),
    [articlePath('a-es', 'es')]: page([homePath('es')]),
    '/sitemap.xml': '<urlset/>',
    '/robots.txt': 'User-agent: *',
    '/favicon.svg': '<svg/>',
    ...files,
  }
  for (const [served, content] of Object.entries(all)) {
    if (content === null) continue
    const file = path.join(dir, served.endsWith('/') ? `${served}index.html` : served)
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, content)
  }
  return dir
}

const settings = buildSettings({ NODE_ENV: 'test' })
const published = { articles: ['a', 'b'], translations: { es: ['a-es'] } }
const check = (dir: string, options: Partial<Parameters<typeof validateTree>[2]> = {}) =>
  validateTree(path.basename(dir), dir, { ...published, live: undefined, settings, ...options })

describe('a tree checked before it goes live', () => {
  it('passes complete, and counts its pages', async () => {
    await expect(check(tree('complete'))).resolves.toBe(7)
  })

  it('fails on a missing required file', async () => {
    await expect(check(tree('no-robots', { '/robots.txt': null }))).rejects.toThrow(
      'no-robots: robots.txt is missing',
    )
  })

  it('fails on links to pages that are not in the tree, or outside it, naming each', async () => {
    const dir = tree('broken', {
      [articlePath('b')]: page([articlePath('gone'), '/../outside/', '/pagefind/ok.js']),
      [homePath('es')]: page([articlePath('a-es', 'es'), '/es/nada.css']),
    })
    const failure = await check(dir).catch((error: Error) => error.message)
    expect(failure).toContain('broken: 3 broken internal link(s)')
    expect(failure).toContain(`articles/b/index.html -> ${articlePath('gone')}`)
    expect(failure).toContain('articles/b/index.html -> /../outside/')
    expect(failure).toContain('es/index.html -> /es/nada.css')
  })

  it("checks the links of a publish's rendered pages, not of those linked unchanged from the live release", async () => {
    const dir = tree('publish', {
      [articlePath('a')]: page([articlePath('gone-a')]),
      [articlePath('b')]: page([articlePath('gone-b')]),
    })
    // Article a's page is the live release's (page-keys.ts), b's was rendered: only b's is read.
    const unchanged = new Set(['articles/a/index.html'])
    const failure = await check(dir, { unchanged }).catch((error: Error) => error.message)
    expect(failure).toContain('publish: 1 broken internal link(s)')
    expect(failure).toContain(`articles/b/index.html -> ${articlePath('gone-b')}`)
    // ... and every page still counts.
    const fixed = tree('publish-fixed', { [articlePath('a')]: page([articlePath('gone-a')]) })
    await expect(check(fixed, { unchanged })).resolves.toBe(7)
  })

  it('fails when an article the CMS published is missing, or one it did not publish is there', async () => {
    const withoutB = {
      [articlePath('b')]: null,
      [homePath('en')]: page([articlePath('a')]),
      [articlePath('a')]: page([homePath('en')]),
    }
    await expect(check(tree('missing', withoutB))).rejects.toThrow(
      'missing: the en article pages do not match the published articles the CMS lists for this clinic; missing: b',
    )
    await expect(
      check(tree('draft', { [articlePath('c', 'es')]: page() }), {
        translations: { es: ['a-es'] },
      }),
    ).rejects.toThrow('not published here: c')
  })

  it('fails on an unexplained drop of pages from the live release, unless allowed', async () => {
    const dir = tree('dropped')
    const live = { id: 'r1', dir, manifest: { pages: 20 } as never }
    await expect(check(dir, { live })).rejects.toThrow(
      'dropped: the new release has 7 pages, the live one 20',
    )
    await expect(
      check(dir, { live, settings: { ...settings, allowPageDrop: true } }),
    ).resolves.toBe(7)
  })
})

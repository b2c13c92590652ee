/**
 * The Spanish sites of a real build of the demo network: every page type under /es/ on every
 * clinic, only content published in Spanish (never English text, never a Spanish draft),
 * reciprocal hreflang with absolute URLs, the language switcher, Spanish feeds, sitemap alternates
 * and canonicals, a Spanish search in a real browser, and a rebuild of Spanish alone that leaves
 * every English file as it was.
 */
import fs from 'node:fs'
import path from 'node:path'

import {
  canonicalFor,
  isArticleOnClinic,
  syndicationClinicOf,
  type SyndicationClinic,
} from '@clinic/shared/syndication'
import type { PayloadRequest } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { localeOfFile } from '../../site/scripts/build-sites/locales.ts'
import { launchBrowser } from '../support/browser.ts'
import { servedPage } from './publishing.ts'
import {
  type Page,
  attr,
  buildSitesOrThrow,
  hashTree,
  jsonLdNodes,
  listFiles,
  readPages,
  resolveInTree,
  textOf,
  xmlValues,
} from '../support/site.ts'
import {
  ADMIN,
  type BuiltNetwork,
  CLINIC_SLUGS,
  DRAFT_MARKERS,
  FIXTURES,
  startBuiltNetwork,
} from './fixtures.ts'

type Clinic = (typeof CLINIC_SLUGS)[number]
/** The English-only article of the demo (the seed translates five, not this one). */
const ENGLISH_ONLY = 'ketamine-side-effects-and-safety'
const SHARED_ARTICLE = 'what-to-expect-during-a-ketamine-infusion'

const hreflangOf = (page: Page) =>
  page.root
    .querySelectorAll('link')
    .filter((link) => attr(link, 'rel') === 'alternate' && attr(link, 'hreflang'))
    .map((link) => `${attr(link, 'hreflang')} ${attr(link, 'href')}`)
    .sort()
const switcherOf = (page: Page) =>
  page.root.querySelectorAll('a').find((a) => attr(a, 'data-language-switch') !== undefined)

describe('Spanish clinic sites (real build of the demo network)', () => {
  let network: BuiltNetwork
  let spanish: BuiltNetwork['rest']['spanish']
  let siteClinics: SyndicationClinic[]
  const pages = new Map<Clinic, Page[]>()

  beforeAll(async () => {
    network = await startBuiltNetwork()
    spanish = network.rest.spanish
    siteClinics = network.rest.clinics.map(syndicationClinicOf)
    for (const slug of CLINIC_SLUGS) pages.set(slug, await readPages(network.tree(slug)))
  })

  afterAll(async () => {
    await network?.stop()
  })

  const clinicOf = (slug: string) => siteClinics.find((clinic) => clinic.slug === slug)!
  const pageAt = (clinic: Clinic, url: string) => {
    const page = pages.get(clinic)!.find((p) => p.url === url)
    if (!page) throw new Error(`${clinic}: no page at ${url}`)
    return page
  }
  const englishSlugOf = (id: string | number) =>
    network.rest.articles.find((a) => String(a.id) === String(id))?.slug

  it('has Spanish demo content to show, and an English-only article', () => {
    expect(spanish.articles.length).toBeGreaterThanOrEqual(5)
    expect(spanish.faqs.length).toBeGreaterThanOrEqual(12)
    expect(network.rest.articles.some((a) => a.slug === ENGLISH_ONLY)).toBe(true)
    expect(spanish.articles.some((a) => englishSlugOf(a.id) === ENGLISH_ONLY)).toBe(false)
  })

  it.each(CLINIC_SLUGS)('%s: has every Spanish page type, in Spanish', (slug) => {
    const files = new Set(listFiles(network.tree(slug)))
    const clinic = network.rest.clinics.find((c) => c.slug === slug)!
    const articles = spanish.articles.filter((a) => isArticleOnClinic(a, clinicOf(slug)))
    const treated = spanish.conditions.filter((condition) =>
      (clinic.conditions ?? []).some((id) => String(id) === String(condition.id)),
    )
    expect(articles.length).toBeGreaterThan(0)
    expect(treated.length).toBeGreaterThan(0)
    const required = [
      'es/index.html',
      'es/articulos/index.html',
      ...articles.map((article) => `es/articulos/${article.slug}/index.html`),
      'es/condiciones/index.html',
      ...treated.map((condition) => `es/condiciones/${condition.slug}/index.html`),
      'es/preguntas-frecuentes/index.html',
      'es/ubicacion/index.html',
      'es/buscar/index.html',
      'es/404.html',
      'es/rss.xml',
    ]
    expect(required.filter((file) => !files.has(file))).toEqual([])
    // Exactly the Spanish articles: no page for English-only content, nothing left in English.
    const rendered = [...files]
      .filter((file) => /^es\/articulos\/(?!pagina\/)[^/]+\/index\.html$/.test(file))
      .map((file) => file.split('/')[2])
      .sort()
    expect(rendered).toEqual(articles.map((a) => a.slug).sort())
    for (const page of pages.get(slug)!.filter((p) => p.url.startsWith('/es/'))) {
      expect(attr(page.root.querySelector('html')!, 'lang'), page.file).toBe('es')
      const ogLocale = page.root
        .querySelectorAll('meta')
        .find((meta) => attr(meta, 'property') === 'og:locale')
      expect(ogLocale && attr(ogLocale, 'content'), page.file).toBe('es_US')
      for (const node of jsonLdNodes(page.root).filter((n) => 'inLanguage' in n))
        expect(node.inLanguage, `${page.file} ${String(node['@type'])}`).toBe('es')
    }
    // No English text: the clinic's tagline is not localized, so Spanish pages leave it out, and
    // the images' alt texts (one per image, in English) say their language.
    const spanishPages = pages.get(slug)!.filter((p) => p.url.startsWith('/es/'))
    if (clinic.tagline)
      for (const page of spanishPages) expect(page.html, page.file).not.toContain(clinic.tagline)
    for (const page of spanishPages)
      for (const img of page.root.querySelectorAll('img').filter((i) => attr(i, 'alt')))
        expect(attr(img, 'lang'), page.file).toBe('en')
    const home = pageAt(slug, '/es/')
    expect(textOf(home.root.querySelector('nav.site-nav'))).toContain('Preguntas frecuentes')
    expect(textOf(home.root.querySelector('.site-header .button'))).toBe('Solicitar una consulta')
    // Opening hours in Spanish, from Intl.
    expect(textOf(home.root.querySelector('table.hours'))).toMatch(/Lunes/)
    expect(textOf(home.root.querySelector('table.hours'))).not.toMatch(/Monday|Closed/)
  })

  it('shows each Spanish article with its Spanish title and the canonical of the English one, moved to its Spanish URL', () => {
    const noindexCopies = network.rest.settings.noindexSyndicatedCopies === true
    for (const slug of CLINIC_SLUGS) {
      for (const article of spanish.articles.filter((a) => isArticleOnClinic(a, clinicOf(slug)))) {
        const page = pageAt(slug, `/es/articulos/${article.slug}/`)
        expect(textOf(page.root.querySelector('h1'))).toBe(article.title)
        const canonical = page.root
          .querySelectorAll('link')
          .find((link) => attr(link, 'rel') === 'canonical')
        const decision = canonicalFor(article, clinicOf(slug), siteClinics, {
          noindexCopies,
          locale: 'es',
        })
        expect(canonical && attr(canonical, 'href')).toBe(decision.canonicalUrl)
        // The English copy's canonical clinic, under the Spanish path.
        const english = canonicalFor(
          network.rest.articles.find((a) => String(a.id) === String(article.id))!,
          clinicOf(slug),
          siteClinics,
          { noindexCopies },
        )
        expect(new URL(decision.canonicalUrl).origin).toBe(new URL(english.canonicalUrl).origin)
        expect(decodeURI(new URL(decision.canonicalUrl).pathname)).toBe(
          `/es/articulos/${article.slug}/`,
        )
      }
    }
    const shared = spanish.articles.find((a) => englishSlugOf(a.id) === SHARED_ARTICLE)!
    const albuquerque = pageAt('albuquerque', `/es/articulos/${shared.slug}/`)
    const canonical = albuquerque.root
      .querySelectorAll('link')
      .find((link) => attr(link, 'rel') === 'canonical')
    expect(attr(canonical!, 'href')).toBe(
      `https://temecula.clearwater-infusion.example/es/articulos/${shared.slug}/`,
    )
  })

  it('links every page to its other version with reciprocal, absolute hreflang (x-default English)', () => {
    let checked = 0
    for (const slug of CLINIC_SLUGS) {
      const siteUrl = clinicOf(slug).siteUrl
      for (const page of pages.get(slug)!) {
        const links = hreflangOf(page)
        if (links.length === 0) continue
        checked++
        const byLang = new Map(links.map((line) => line.split(' ') as [string, string]))
        expect([...byLang.keys()].sort(), page.file).toEqual(['en', 'es', 'x-default'])
        expect(byLang.get('x-default'), page.file).toBe(byLang.get('en'))
        const self = `${siteUrl}${page.url}`
        expect([byLang.get('en'), byLang.get('es')], page.file).toContain(self)
        for (const [lang, href] of byLang) {
          expect(href.startsWith(`${siteUrl}/`), `${page.file} ${lang}`).toBe(true)
          const other = resolveInTree(network.tree(slug), new URL(href).pathname)
          expect(other, `${page.file} -> ${href}`).toBeDefined()
          const target = pages
            .get(slug)!
            .find((p) => path.join(network.tree(slug), p.file) === other)!
          expect(hreflangOf(target), `${target.file} answers ${page.file}`).toEqual(links)
          const switcher = switcherOf(target)
          if (target.file !== page.file)
            expect(attr(switcher!, 'href'), target.file).toBe(decodeURI(new URL(self).pathname))
        }
      }
    }
    expect(checked).toBeGreaterThan(30)
  })

  it('gives English-only content no Spanish page: its switcher goes to the Spanish home, with no hreflang', () => {
    for (const slug of CLINIC_SLUGS.filter((s) => s !== FIXTURES.optedOut.clinic)) {
      const page = pageAt(slug, `/articles/${ENGLISH_ONLY}/`)
      expect(hreflangOf(page)).toEqual([])
      expect(attr(switcherOf(page)!, 'href')).toBe('/es/')
      expect(attr(switcherOf(page)!, 'lang')).toBe('es')
      const spanishSlugs = spanish.articles.map((a) => a.slug)
      expect(
        listFiles(network.tree(slug)).filter(
          (file) => file.startsWith('es/') && file.includes(ENGLISH_ONLY),
        ),
      ).toEqual([])
      expect(spanishSlugs).not.toContain(ENGLISH_ONLY)
    }
    // The Spanish draft of Temecula's illustrated article: the English is there, no Spanish page.
    const files = listFiles(network.tree('temecula'))
    expect(files).toContain(`articles/${FIXTURES.illustrated.slug}/index.html`)
    expect(files.filter((file) => file.includes(DRAFT_MARKERS.spanishDraft))).toEqual([])
    expect(hreflangOf(pageAt('temecula', `/articles/${FIXTURES.illustrated.slug}/`))).toEqual([])
  })

  it('lists only Spanish articles in the Spanish index, home and feed, with Spanish dates', () => {
    for (const slug of CLINIC_SLUGS) {
      const articles = spanish.articles.filter((a) => isArticleOnClinic(a, clinicOf(slug)))
      const listed = pageAt(slug, '/es/articulos/')
        .root.querySelectorAll('.card-title a')
        .map((a) => attr(a, 'href'))
        .sort()
      expect(listed).toEqual(articles.map((a) => `/es/articulos/${a.slug}/`).sort())
      for (const href of pageAt(slug, '/es/')
        .root.querySelectorAll('.card-title a')
        .map((a) => attr(a, 'href')))
        expect(href).toMatch(/^\/es\/articulos\//)
      const feed = fs.readFileSync(path.join(network.tree(slug), 'es', 'rss.xml'), 'utf8')
      expect(feed).toContain('<language>es-us</language>')
      expect(
        // The feed's links are percent-encoded (Spanish slugs keep their accents).
        xmlValues(feed, 'link')
          .map((link) => decodeURI(link))
          .filter((link) => link.includes('/articulos/'))
          .sort(),
      ).toEqual(articles.map((a) => `${clinicOf(slug).siteUrl}/es/articulos/${a.slug}/`).sort())
      const date = pageAt(slug, '/es/articulos/').root.querySelector('.card time')
      expect(textOf(date)).toMatch(/^\d{1,2} de [a-z]+ de \d{4}$/)
    }
  })

  it('puts both languages in one sitemap, with xhtml:link alternates for translated pages', () => {
    const siteUrl = clinicOf('albuquerque').siteUrl
    const sitemap = fs.readFileSync(path.join(network.tree('albuquerque'), 'sitemap.xml'), 'utf8')
    const locs = xmlValues(sitemap, 'loc')
    expect(locs).toContain(`${siteUrl}/es/`)
    expect(locs).toContain(`${siteUrl}/es/preguntas-frecuentes/`)
    expect(sitemap).toContain(
      `<xhtml:link rel="alternate" hreflang="es" href="${siteUrl}/es/"/><xhtml:link rel="alternate" hreflang="x-default" href="${siteUrl}/"/>`,
    )
    // The English-only article: in its canonical clinic's sitemap, in English only.
    const englishOnly = CLINIC_SLUGS.flatMap((slug) =>
      xmlValues(fs.readFileSync(path.join(network.tree(slug), 'sitemap.xml'), 'utf8'), 'loc'),
    ).filter((loc) => loc.includes(ENGLISH_ONLY))
    expect(englishOnly).toHaveLength(1)
    expect(new URL(englishOnly[0]!).pathname).toBe(`/articles/${ENGLISH_ONLY}/`)
    const robots = fs.readFileSync(path.join(network.tree('albuquerque'), 'robots.txt'), 'utf8')
    expect(robots).toContain('Disallow: /es/buscar/')
  })

  it('finds Spanish text only on the Spanish search page, in a real browser', async () => {
    const browser = await launchBrowser()
    const port = new URL(network.cms.url).port
    const search = async (url: string, words: string) => {
      const page = await browser.context.newPage()
      await page.goto(`http://albuquerque.localhost:${port}${url}`, { waitUntil: 'load' })
      const input = page.locator('.pagefind-ui__search-input')
      await input.waitFor({ timeout: 30_000 })
      await input.fill(words)
      await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 30_000 })
      const links = await page
        .locator('.pagefind-ui__result-link')
        .evaluateAll((elements) =>
          elements.map((element) => new URL((element as HTMLAnchorElement).href).pathname),
        )
      await page.close()
      return links
    }
    try {
      // One index per language (Pagefind reads <html lang>).
      const entry = JSON.parse(
        fs.readFileSync(
          path.join(network.tree('albuquerque'), 'pagefind', 'pagefind-entry.json'),
          'utf8',
        ),
      ) as { languages: Record<string, unknown> }
      expect(Object.keys(entry.languages).sort()).toEqual(['en', 'es'])
      // The clinic's name is on pages of both languages: each search finds its own language's.
      const spanishResults = await search('/es/buscar/', 'Albuquerque')
      expect(spanishResults.length).toBeGreaterThan(0)
      expect(spanishResults.filter((link) => !link.startsWith('/es/'))).toEqual([])
      const englishResults = await search('/search/', 'Albuquerque')
      expect(englishResults.length).toBeGreaterThan(0)
      expect(englishResults.filter((link) => link.startsWith('/es/'))).toEqual([])
      expect(await search('/es/buscar/', 'ketamina')).not.toEqual([])
    } finally {
      await browser.close()
    }
  })

  it('serves the Spanish 404 for a miss under /es/', async () => {
    const miss = await servedPage(network.cms, 'waxahachie', '/es/no-existe/')
    expect(miss.status).toBe(404)
    expect(miss.html).toContain('Página no encontrada')
    expect(miss.html).toContain('<html lang="es"')
    // Its switcher leads to the English home page, not to the English 404.
    expect(miss.html).toMatch(/<a href="\/"[^>]*data-language-switch/)
    const english = await servedPage(network.cms, 'waxahachie', '/no-such-page/')
    expect(english.status).toBe(404)
    expect(english.html).toContain('Page not found')
  })

  it('previews the draft in the language being edited', async () => {
    const login = await fetch(`${network.cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }),
    })
    const { token } = (await login.json()) as { token: string }
    const article = network.rest.articles.find((a) => a.slug === FIXTURES.illustrated.slug)!
    const open = async (query: string) =>
      fetch(`${network.cms.url}/preview/open/articles/${article.id}${query}`, {
        headers: { authorization: `JWT ${token}` },
        redirect: 'manual',
      })
    // The admin's Preview button, in the Spanish edit view, asks for the Spanish draft.
    const preview = network.payload.collections.articles.config.admin.preview
    if (typeof preview !== 'function') throw new Error('articles have no admin.preview')
    const adminUser = (
      await network.payload.find({
        collection: 'users',
        where: { email: { equals: ADMIN.ADMIN_EMAIL } },
        overrideAccess: true,
      })
    ).docs[0]!
    const button = (locale: string) =>
      preview(article as unknown as Record<string, unknown>, {
        req: {
          payload: network.payload,
          user: { ...adminUser, collection: 'users' },
        } as unknown as PayloadRequest,
        locale,
        token: null,
      })
    expect(await button('es')).toBe(`/preview/open/articles/${article.id}?locale=es`)
    expect(await button('en')).toBe(`/preview/open/articles/${article.id}`)

    const spanishLink = (await open('?locale=es')).headers.get('location')!
    expect(new URL(spanishLink, network.cms.url).searchParams.get('locale')).toBe('es')
    const spanishPreview = await fetch(new URL(spanishLink, network.cms.url))
    expect(spanishPreview.status).toBe(200)
    const spanishHtml = await spanishPreview.text()
    expect(spanishHtml).toContain('<html lang="es"')
    expect(spanishHtml).toContain(`Dentro de nuestras salas ${DRAFT_MARKERS.spanishDraft}`)
    expect(spanishHtml).not.toContain(FIXTURES.illustrated.title)

    const englishLink = (await open('')).headers.get('location')!
    const englishHtml = await (await fetch(new URL(englishLink, network.cms.url))).text()
    expect(englishHtml).toContain('<html lang="en"')
    expect(englishHtml).toContain(FIXTURES.illustrated.title)
    expect(englishHtml).not.toContain(DRAFT_MARKERS.spanishDraft)

    // The language is signed: a Spanish link turned English is refused.
    const tampered = new URL(spanishLink, network.cms.url)
    tampered.searchParams.delete('locale')
    expect((await fetch(tampered)).status).toBe(401)
    expect((await open('?locale=fr')).status).toBe(400)
  })

  // Last: it replaces Albuquerque's live release.
  it('rebuilds Spanish alone: every English file stays byte for byte, the Spanish page changes', async () => {
    const tree = network.tree('albuquerque')
    const english = (hashes: Record<string, string>) =>
      Object.fromEntries(Object.entries(hashes).filter(([file]) => localeOfFile(file) === 'en'))
    const before = hashTree(tree)
    const article = spanish.articles.find(
      (a) => englishSlugOf(a.id) === 'is-ketamine-infusion-right-for-you',
    )!
    const excerpt = `Un resumen nuevo, revisado de nuevo ${Date.now()}.`
    await network.payload.update({
      collection: 'articles',
      id: article.id,
      locale: 'es',
      data: { excerpt, _status: 'published' } as never,
      overrideAccess: true,
      // The build below is the one under test; the CMS's publisher is not asked.
      context: { skipSiteRebuild: true },
    })
    // An English edit too: were the English pages rendered, this article's would change.
    await network.payload.update({
      collection: 'articles',
      id: article.id,
      locale: 'en',
      data: { excerpt: `A new English summary ${Date.now()}.`, _status: 'published' } as never,
      overrideAccess: true,
      context: { skipSiteRebuild: true },
    })
    await buildSitesOrThrow({
      cmsUrl: network.cms.url,
      sitesDir: network.sitesDir,
      env: { CLINICS: 'albuquerque', SITES_LOCALES: 'es' },
    })
    const after = hashTree(tree)
    expect(after).not.toEqual(before)
    expect(Object.keys(english(before)).length).toBeGreaterThan(10)
    expect(english(after)).toEqual(english(before))
    const file = path.join(tree, 'es', 'articulos', article.slug, 'index.html')
    expect(after[`es/articulos/${article.slug}/index.html`]).not.toBe(
      before[`es/articulos/${article.slug}/index.html`],
    )
    expect(fs.readFileSync(file, 'utf8')).toContain(excerpt)
  })
})

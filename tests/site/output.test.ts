/**
 * What a real build of the demo network writes: every page type on every clinic's site, shared
 * and local articles on exactly the right sites with the right canonical URL, drafts nowhere (not
 * even in the search index), and hostile text rendered as text.
 */
import fs from 'node:fs'
import path from 'node:path'

import {
  canonicalFor,
  isArticleOnClinic,
  syndicationClinicOf,
  type SyndicationClinic,
} from '@clinic/shared/syndication'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  type Page,
  allElements,
  attr,
  jsonLdNodes,
  listFiles,
  nodesOfType,
  parseHtml,
  readDecompressed,
  readPages,
  textOf,
  xmlValues,
} from '../support/site.ts'
import {
  ATTRIBUTE_BREAKER,
  type BuiltNetwork,
  CLINIC_SLUGS,
  DRAFT_MARKERS,
  FIXTURES,
  HOSTILE_URL,
  LIVE_MARKER,
  SCRIPT_TEXT,
  startBuiltNetwork,
} from './fixtures.ts'

const read = (file: string) => fs.readFileSync(file, 'utf8')
const canonicalOf = async (file: string) => {
  const root = await parseHtml(read(file))
  const link = root.querySelectorAll('link').find((element) => attr(element, 'rel') === 'canonical')
  const robots = root.querySelectorAll('meta').find((element) => attr(element, 'name') === 'robots')
  return { root, canonical: link && attr(link, 'href'), robots: robots && attr(robots, 'content') }
}

describe('clinic site output (real build of the demo network)', () => {
  let network: BuiltNetwork
  let siteClinics: SyndicationClinic[]
  const pages = new Map<string, Page[]>()

  beforeAll(async () => {
    network = await startBuiltNetwork()
    siteClinics = network.rest.clinics.map(syndicationClinicOf)
    for (const slug of CLINIC_SLUGS) pages.set(slug, await readPages(network.tree(slug)))
  })

  afterAll(async () => {
    await network?.stop()
  })

  const clinicOf = (slug: string) => siteClinics.find((clinic) => clinic.slug === slug)!
  const articlesOn = (slug: string) =>
    network.rest.articles.filter((article) => isArticleOnClinic(article, clinicOf(slug)))

  it('writes one tree per clinic and the network index, nothing else', () => {
    expect(network.rest.clinics.map((clinic) => clinic.slug).sort()).toEqual([...CLINIC_SLUGS])
    expect(fs.readdirSync(network.sitesDir).sort()).toEqual(
      ['.releases', ...CLINIC_SLUGS, 'index.html'].sort(),
    )
    // Each clinic's site is a relative link to its one release, which says what it holds.
    for (const slug of CLINIC_SLUGS) {
      const link = fs.readlinkSync(path.join(network.sitesDir, slug))
      expect(link).toMatch(new RegExp(`^\\.releases/${slug}/\\d{8}T\\d{9}Z-[0-9a-f]{4}$`))
      expect(fs.readdirSync(path.join(network.sitesDir, '.releases', slug))).toEqual([
        path.basename(link),
      ])
      const manifest = JSON.parse(
        fs.readFileSync(path.join(network.sitesDir, slug, 'release.json'), 'utf8'),
      ) as { clinic: string; pages: number; articles: string[] }
      expect(manifest.clinic).toBe(slug)
      expect(manifest.pages).toBe(
        listFiles(network.tree(slug)).filter((file) => file.endsWith('.html')).length,
      )
      expect([...manifest.articles].sort()).toEqual(
        articlesOn(slug)
          .map((article) => article.slug)
          .sort(),
      )
    }
  })

  it.each(CLINIC_SLUGS)('%s: has every page type', (slug) => {
    const files = new Set(listFiles(network.tree(slug)))
    const clinic = network.rest.clinics.find((c) => c.slug === slug)!
    const treated = network.rest.conditions.filter((condition) =>
      (clinic.conditions ?? []).some((id) => String(id) === String(condition.id)),
    )
    const articles = articlesOn(slug)
    expect(articles.length).toBeGreaterThan(0)
    expect(treated.length).toBeGreaterThan(0)
    const required = [
      'index.html',
      'articles/index.html',
      ...articles.map((article) => `articles/${article.slug}/index.html`),
      'conditions/index.html',
      ...treated.map((condition) => `conditions/${condition.slug}/index.html`),
      'faq/index.html',
      'location/index.html',
      'search/index.html',
      'consultation/index.html',
      'consultation/thanks/index.html',
      'privacy/index.html',
      '404.html',
      'sitemap.xml',
      'robots.txt',
      'rss.xml',
      'pagefind/pagefind-entry.json',
    ]
    expect(required.filter((file) => !files.has(file))).toEqual([])
    expect(read(path.join(network.tree(slug), 'robots.txt'))).toContain(
      `Sitemap: ${clinic.siteUrl}/sitemap.xml`,
    )
  })

  it('shows every published article on exactly the clinics the syndication rules give, with its canonical URL', async () => {
    const noindexCopies = network.rest.settings.noindexSyndicatedCopies === true
    for (const slug of CLINIC_SLUGS) {
      const tree = network.tree(slug)
      const clinic = clinicOf(slug)
      const sitemap = xmlValues(read(path.join(tree, 'sitemap.xml')), 'loc')
      const feed = xmlValues(read(path.join(tree, 'rss.xml')), 'link')
      const listed = new Set(
        pages
          .get(slug)!
          .filter((page) => page.url === '/articles/' || page.url.startsWith('/articles/page/'))
          .flatMap((page) =>
            page.root.querySelectorAll('.card-title a').map((link) => attr(link, 'href')),
          ),
      )
      for (const article of network.rest.articles) {
        const file = path.join(tree, 'articles', article.slug, 'index.html')
        const url = `${clinic.siteUrl}/articles/${article.slug}/`
        const where = `${article.slug} on ${slug}`
        if (!isArticleOnClinic(article, clinic)) {
          expect(fs.existsSync(file), where).toBe(false)
          expect(listed.has(`/articles/${article.slug}/`), where).toBe(false)
          continue
        }
        const decision = canonicalFor(article, clinic, siteClinics, { noindexCopies })
        const { root, canonical, robots } = await canonicalOf(file)
        expect(textOf(root.querySelector('h1')), where).toBe(article.title)
        expect(canonical, where).toBe(decision.canonicalUrl)
        expect(robots === 'noindex', where).toBe(decision.noindex)
        expect(sitemap.includes(url), where).toBe(decision.isCanonicalCopy)
        expect(feed, where).toContain(url)
        expect(listed.has(`/articles/${article.slug}/`), where).toBe(true)
      }
    }
  })

  it('puts "What to expect" on Albuquerque and Temecula only, canonical to Temecula', async () => {
    const slug = 'what-to-expect-during-a-ketamine-infusion'
    const canonicalUrl = `https://temecula.clearwater-infusion.example/articles/${slug}/`
    for (const clinic of ['albuquerque', 'temecula']) {
      const { root, canonical } = await canonicalOf(
        path.join(network.tree(clinic), 'articles', slug, 'index.html'),
      )
      expect(canonical).toBe(canonicalUrl)
      expect(textOf(root.querySelector('h1'))).toBe(
        'What a ketamine infusion feels like, and what to expect on the day',
      )
      // Wrapped in the clinic's own chrome.
      expect(textOf(root.querySelector('.site-header .brand'))).toBe(
        `Clearwater Infusion ${clinic[0]!.toUpperCase()}${clinic.slice(1)}`,
      )
      const page = nodesOfType(jsonLdNodes(root), 'MedicalWebPage')[0]
      expect(page?.url).toBe(canonicalUrl)
    }
    expect(fs.existsSync(path.join(network.tree('waxahachie'), 'articles', slug))).toBe(false)
    expect(read(path.join(network.tree('temecula'), 'sitemap.xml'))).toContain(
      `<loc>${canonicalUrl}</loc>`,
    )
    expect(read(path.join(network.tree('albuquerque'), 'sitemap.xml'))).not.toContain(
      `/articles/${slug}/`,
    )
  })

  it('leaves an article out of the site of a clinic that opted out of it', async () => {
    const { slug, clinic } = FIXTURES.optedOut
    const article = network.rest.articles.find((a) => a.slug === slug)!
    expect(article.syndication).toBe('all')
    expect(fs.existsSync(path.join(network.tree(clinic), 'articles', slug))).toBe(false)
    expect(read(path.join(network.tree(clinic), 'rss.xml'))).not.toContain(`/articles/${slug}/`)
    for (const other of CLINIC_SLUGS.filter((c) => c !== clinic)) {
      const { canonical } = await canonicalOf(
        path.join(network.tree(other), 'articles', slug, 'index.html'),
      )
      expect(canonical).toBe(`https://temecula.clearwater-infusion.example/articles/${slug}/`)
    }
  })

  it('shows each local article on its own clinic only, canonical to itself', async () => {
    const local = network.rest.articles.filter((article) => article.owner === 'clinic')
    expect(local.map((article) => article.slug)).toEqual(
      expect.arrayContaining(['meet-our-albuquerque-care-team', FIXTURES.escaping.slug]),
    )
    for (const article of local) {
      const owner = siteClinics.find((clinic) => String(clinic.id) === String(article.ownerClinic))!
      for (const slug of CLINIC_SLUGS) {
        const file = path.join(network.tree(slug), 'articles', article.slug, 'index.html')
        expect(fs.existsSync(file), `${article.slug} on ${slug}`).toBe(slug === owner.slug)
      }
      const { canonical } = await canonicalOf(
        path.join(network.tree(owner.slug), 'articles', article.slug, 'index.html'),
      )
      expect(canonical).toBe(`${owner.siteUrl}/articles/${article.slug}/`)
    }
  })

  describe('drafts', () => {
    it('has a newer draft and a draft-only article and FAQ in the CMS that the API hides', async () => {
      const versions = async (collection: 'articles' | 'faqs') =>
        JSON.stringify(
          (
            await network.payload.findVersions({
              collection,
              overrideAccess: true,
              limit: 500,
              depth: 0,
            })
          ).docs,
        )
      const articleVersions = await versions('articles')
      expect(articleVersions).toContain(DRAFT_MARKERS.articleNewerDraft)
      expect(articleVersions).toContain(DRAFT_MARKERS.articleDraftOnly)
      expect(await versions('faqs')).toContain(DRAFT_MARKERS.faqDraftOnly)
      const live = network.rest.articles.find(
        (article) => article.slug === FIXTURES.liveWithDraft.slug,
      )
      expect(live?.title).toBe(FIXTURES.liveWithDraft.title)
      expect(JSON.stringify(network.rest)).not.toMatch(
        new RegExp(Object.values(DRAFT_MARKERS).join('|'), 'i'),
      )
    })

    it('never appear in any page, sitemap, feed or search index file', () => {
      const leaks: string[] = []
      // Every file of every release (the live links point into .releases/).
      const files = listFiles(network.sitesDir).filter(
        (file) => !fs.lstatSync(path.join(network.sitesDir, file)).isSymbolicLink(),
      )
      expect(files.some((file) => file.startsWith('.releases/'))).toBe(true)
      for (const file of files) {
        const text = `${file}\n${readDecompressed(path.join(network.sitesDir, file))}`.toLowerCase()
        for (const marker of Object.values(DRAFT_MARKERS))
          if (text.includes(marker)) leaks.push(`${file}: ${marker}`)
      }
      expect(leaks).toEqual([])
      expect(files.filter((file) => file.includes(FIXTURES.draftOnlySlug))).toEqual([])
    })

    it.each(CLINIC_SLUGS)(
      '%s: indexes the live version of the article with a newer draft for search',
      (slug) => {
        // The check above reads Pagefind's compressed fragments: they must hold the published text.
        const fragments = listFiles(network.tree(slug)).filter((file) =>
          file.endsWith('.pf_fragment'),
        )
        expect(fragments.length).toBeGreaterThan(0)
        const found = fragments.filter((file) =>
          readDecompressed(path.join(network.tree(slug), file)).includes(LIVE_MARKER),
        )
        expect(found).toHaveLength(1)
        expect(
          read(
            path.join(network.tree(slug), 'articles', FIXTURES.liveWithDraft.slug, 'index.html'),
          ),
        ).toContain(LIVE_MARKER)
      },
    )
  })

  describe('hostile text in a published article', () => {
    let page: Page

    beforeAll(() => {
      page = pages
        .get(FIXTURES.escaping.clinic)!
        .find((p) => p.url === `/articles/${FIXTURES.escaping.slug}/`)!
    })

    it('shows script-like text and attribute-breaking quotes as text', () => {
      expect(page.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
      expect(textOf(page.root.querySelector('h1'))).toBe(FIXTURES.escaping.title)
      expect(textOf(page.root.querySelector('.prose'))).toContain(
        `Body ${SCRIPT_TEXT} then ${ATTRIBUTE_BREAKER} then '><img src=x onerror=alert(3)>`,
      )
      expect(textOf(page.root.querySelector('.references li'))).toBe(
        FIXTURES.escaping.referenceTitle,
      )
      const description = page.root
        .querySelectorAll('meta')
        .find((meta) => attr(meta, 'name') === 'description')!
      expect(attr(description, 'content')).toBe(`Excerpt ${SCRIPT_TEXT} ${ATTRIBUTE_BREAKER}`)
      expect(nodesOfType(jsonLdNodes(page.root), 'MedicalWebPage')[0]?.headline).toBe(
        FIXTURES.escaping.title,
      )
    })

    it('keeps a safe link with quotes in its URL inside its href, and drops the link to a draft', () => {
      const links = page.root.querySelectorAll('.prose a')
      expect(links.map((link) => attr(link, 'href'))).toEqual([HOSTILE_URL])
      expect(textOf(links[0])).toBe(`Link text ${ATTRIBUTE_BREAKER}`)
      expect(textOf(page.root.querySelector('.prose'))).toContain('Unpublished reading')
    })

    it('escapes it in the RSS feed', () => {
      const feed = read(path.join(network.tree(FIXTURES.escaping.clinic), 'rss.xml'))
      expect(feed).not.toContain(SCRIPT_TEXT)
      expect(xmlValues(feed, 'title')).toContain(FIXTURES.escaping.title)
    })

    it.each(CLINIC_SLUGS)(
      '%s: no page has an event-handler attribute, an img without a real source, or inline script',
      (slug) => {
        const found: string[] = []
        for (const { file, root } of pages.get(slug)!) {
          for (const element of allElements(root)) {
            for (const attribute of element.attributes) {
              if (/^on/i.test(attribute.key))
                found.push(`${file}: <${element.tagName} ${attribute.key}>`)
            }
            if (element.tagName === 'img' && attr(element, 'src') === 'x')
              found.push(`${file}: <img src=x>`)
            if (element.tagName !== 'script') continue
            // Structured data is the only inline script, and CMS text inside it cannot open a tag.
            const jsonLd = attr(element, 'type') === 'application/ld+json'
            if (
              jsonLd
                ? element.textContent.includes('<')
                : !attr(element, 'src') || element.textContent.trim() !== ''
            ) {
              found.push(`${file}: <script> ${element.textContent.slice(0, 80)}`)
            }
          }
        }
        expect(found).toEqual([])
      },
    )
  })
})

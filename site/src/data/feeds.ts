/**
 * sitemap.xml, robots.txt and RSS for one clinic site.
 *
 * The sitemap is written here rather than with @astrojs/sitemap: that integration assumes one
 * `site` URL for the whole build, while this build renders every clinic (each at its own domain)
 * under dist/<clinic>/. It also leaves out what should not be indexed: search, 404, and copies of
 * shared articles whose canonical URL is on another clinic's site. One sitemap lists both
 * languages, each page with its versions as `xhtml:link` alternates (Google's sitemap form of
 * hreflang).
 */
import rss from '@astrojs/rss'
import { DEFAULT_LOCALE, LOCALE_CODES } from '@clinic/shared/locales'

import { escapeHtml } from '../lib/richtext.ts'
import { alternatesOf, articlePageCount, type ClinicSite, type PageKey } from './clinic-site.ts'
import { stringsFor } from './strings.ts'

export interface SitemapEntry {
  path: string
  lastmod?: string
  /** Absolute URLs of the page in every language it exists in (itself included), when more than one. */
  alternates?: { hreflang: string; href: string }[]
}

/** One language's entries. */
function localeEntries(site: ClinicSite): { page: PageKey; path: string; lastmod?: string }[] {
  const newest = site.articles[0]?.article.updatedAt
  const pages = articlePageCount(site)
  const entry = (page: PageKey, path: string, lastmod?: string | null) => ({
    page,
    path,
    lastmod: lastmod ?? undefined,
  })
  const at = (page: PageKey) => {
    const found = alternatesOf(site, page)[site.locale]
    if (!found) throw new Error(`no ${site.locale} path for ${page.kind}`)
    return found
  }
  return [
    entry({ kind: 'home' }, at({ kind: 'home' }), site.clinic.updatedAt),
    ...Array.from({ length: pages }, (_, i) =>
      entry({ kind: 'articles', page: i + 1 }, at({ kind: 'articles', page: i + 1 }), newest),
    ),
    ...site.articles
      .filter((view) => view.canonical.isCanonicalCopy)
      .map((view) =>
        entry({ kind: 'article', id: view.article.id }, view.path, view.article.updatedAt),
      ),
    entry({ kind: 'conditions' }, at({ kind: 'conditions' })),
    ...site.conditions.map((view) =>
      entry({ kind: 'condition', id: view.condition.id }, view.path, view.condition.updatedAt),
    ),
    entry({ kind: 'faq' }, at({ kind: 'faq' })),
    entry({ kind: 'location' }, at({ kind: 'location' }), site.clinic.updatedAt),
  ]
}

/** Every language's entries, English first. */
export function sitemapEntries(site: ClinicSite): SitemapEntry[] {
  return LOCALE_CODES.flatMap((locale) => {
    const inLocale = site.inLocale(locale)
    return localeEntries(inLocale).map(({ page, path, lastmod }) => {
      const versions = alternatesOf(inLocale, page)
      const codes = LOCALE_CODES.filter((code) => versions[code])
      const alternates =
        codes.length > 1
          ? [
              ...codes.map((code) => ({
                hreflang: code,
                href: `${site.siteUrl}${versions[code]}`,
              })),
              ...(versions[DEFAULT_LOCALE]
                ? [{ hreflang: 'x-default', href: `${site.siteUrl}${versions[DEFAULT_LOCALE]}` }]
                : []),
            ]
          : undefined
      return { path, lastmod, alternates }
    })
  })
}

export function sitemapXml(site: ClinicSite): string {
  const urls = sitemapEntries(site)
    .map(
      (entry) =>
        `<url><loc>${escapeHtml(`${site.siteUrl}${entry.path}`)}</loc>${entry.lastmod ? `<lastmod>${escapeHtml(entry.lastmod)}</lastmod>` : ''}` +
        (entry.alternates ?? [])
          .map(
            (link) =>
              `<xhtml:link rel="alternate" hreflang="${escapeHtml(link.hreflang)}" href="${escapeHtml(link.href)}"/>`,
          )
          .join('') +
        '</url>',
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n${urls}\n</urlset>\n`
}

export function robotsTxt(site: ClinicSite): string {
  const searchPages = LOCALE_CODES.map(
    (locale) => `Disallow: ${alternatesOf(site.inLocale(locale), { kind: 'search' })[locale]}`,
  )
  return `User-agent: *\nAllow: /\n${searchPages.join('\n')}\n\nSitemap: ${site.siteUrl}/sitemap.xml\n`
}

/** The clinic's newest articles in the site's language: each links to this clinic's own copy. */
export function articleFeed(site: ClinicSite): Promise<Response> {
  const s = stringsFor(site.locale)
  return rss({
    title: s.rssTitle(site.clinic.name),
    description: site.clinic.tagline ?? s.rssDescription(site.clinic.name),
    site: `${site.siteUrl}/`,
    trailingSlash: true,
    items: site.articles.slice(0, 50).map((view) => ({
      title: view.article.title,
      link: view.path,
      pubDate: new Date(view.date),
      description: view.article.excerpt,
      categories: view.conditions.map((condition) => condition.name),
    })),
    customData: `<language>${site.locale}-us</language>`,
  })
}

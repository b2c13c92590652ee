/**
 * sitemap.xml, robots.txt and RSS for one clinic site.
 *
 * The sitemap is written here rather than with @astrojs/sitemap: that integration assumes one
 * `site` URL for the whole build, while this build renders every clinic (each at its own domain)
 * under dist/<clinic>/. It also leaves out what should not be indexed: search, 404, and copies of
 * shared articles whose canonical URL is on another clinic's site.
 */
import { ARTICLES_PER_PAGE, articleIndexPath } from '@clinic/shared/paths'

import { escapeHtml } from '../lib/richtext.ts'
import type { ClinicSite } from './clinic-site.ts'

export interface SitemapEntry {
  path: string
  lastmod?: string
}

export function sitemapEntries(site: ClinicSite): SitemapEntry[] {
  const newest = site.articles[0]?.article.updatedAt
  const pages = Math.max(1, Math.ceil(site.articles.length / ARTICLES_PER_PAGE))
  return [
    { path: '/', lastmod: site.clinic.updatedAt },
    ...Array.from({ length: pages }, (_, i) => ({
      path: articleIndexPath(i + 1),
      lastmod: newest,
    })),
    ...site.articles
      .filter((view) => view.canonical.isCanonicalCopy)
      .map((view) => ({ path: view.path, lastmod: view.article.updatedAt })),
    { path: '/conditions/' },
    ...site.conditions.map((view) => ({ path: view.path, lastmod: view.condition.updatedAt })),
    { path: '/faq/' },
    { path: '/location/', lastmod: site.clinic.updatedAt },
  ]
}

export function sitemapXml(site: ClinicSite): string {
  const urls = sitemapEntries(site)
    .map(
      (entry) =>
        `<url><loc>${escapeHtml(`${site.siteUrl}${entry.path}`)}</loc>${entry.lastmod ? `<lastmod>${escapeHtml(entry.lastmod)}</lastmod>` : ''}</url>`,
    )
    .join('\n')
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>\n`
}

export function robotsTxt(site: ClinicSite): string {
  return `User-agent: *\nAllow: /\nDisallow: /search/\n\nSitemap: ${site.siteUrl}/sitemap.xml\n`
}

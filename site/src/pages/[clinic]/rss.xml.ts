import rss from '@astrojs/rss'
import type { APIRoute } from 'astro'

import { pathsPerClinic, type ClinicSite } from '../../data/clinic-site.ts'

export const getStaticPaths = () => pathsPerClinic(() => [{ params: {} }])

/** The clinic's articles, shared ones included: each links to this clinic's own copy. */
export const GET: APIRoute<{ site: ClinicSite }> = ({ props: { site } }) =>
  rss({
    title: `${site.clinic.name}: articles`,
    description: site.clinic.tagline ?? `Patient-education articles from ${site.clinic.name}.`,
    site: `${site.siteUrl}/`,
    trailingSlash: true,
    items: site.articles.slice(0, 50).map((view) => ({
      title: view.article.title,
      link: view.path,
      pubDate: new Date(view.date),
      description: view.article.excerpt,
      categories: view.conditions.map((condition) => condition.name),
    })),
    customData: '<language>en-us</language>',
  })

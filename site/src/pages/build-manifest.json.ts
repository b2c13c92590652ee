import type { APIRoute } from 'astro'

import { DEFAULT_LOCALE, LOCALE_CODES } from '@clinic/shared/locales'

import { clinicsToBuild } from '../data/clinic-site.ts'
import { loadNetwork } from '../data/network.ts'

/** Read by scripts/build-sites.ts (never deployed): which clinic trees this build rendered. */
export const GET: APIRoute = async () => {
  const network = await loadNetwork()
  const built = await clinicsToBuild()
  return Response.json({
    networkName: network.settings.networkName,
    clinics: network.clinics.map((clinic) => ({
      slug: clinic.slug,
      name: clinic.name,
      siteUrl: clinic.siteUrl,
    })),
    built: built.map((site) => site.clinic.slug),
    // What each built tree must contain (release validation): the published articles it shows.
    articles: Object.fromEntries(
      built.map((site) => [site.clinic.slug, site.articles.map((view) => view.article.slug)]),
    ),
    // And per other language: what /es/ (...) must contain, whether this build renders it or not.
    translations: Object.fromEntries(
      built.map((site) => [
        site.clinic.slug,
        Object.fromEntries(
          LOCALE_CODES.filter((locale) => locale !== DEFAULT_LOCALE).map((locale) => [
            locale,
            site.inLocale(locale).articles.map((view) => view.article.slug),
          ]),
        ),
      ]),
    ),
    cms: network.stats,
  })
}

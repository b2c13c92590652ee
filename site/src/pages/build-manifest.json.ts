import type { APIRoute } from 'astro'

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
    cms: network.stats,
  })
}

import type { APIRoute, GetStaticPathsOptions } from 'astro'

import { pathsPerClinic, type ClinicSite } from '../../../data/clinic-site.ts'
import { articleFeed } from '../../../data/feeds.ts'

export const getStaticPaths = ({ routePattern }: GetStaticPathsOptions) =>
  pathsPerClinic(routePattern, () => [{ params: {} }], { locale: 'es', reads: ['articles'] })

/** The clinic's articles published in Spanish. */
export const GET: APIRoute<{ site: ClinicSite }> = ({ props: { site } }) => articleFeed(site)

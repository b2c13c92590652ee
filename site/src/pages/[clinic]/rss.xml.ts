import type { APIRoute, GetStaticPathsOptions } from 'astro'

import { pathsPerClinic, type ClinicSite } from '../../data/clinic-site.ts'
import { articleFeed } from '../../data/feeds.ts'

export const getStaticPaths = ({ routePattern }: GetStaticPathsOptions) =>
  pathsPerClinic(routePattern, () => [{ params: {} }], { reads: ['articles'] })

/** The clinic's articles, shared ones included: each links to this clinic's own copy. */
export const GET: APIRoute<{ site: ClinicSite }> = ({ props: { site } }) => articleFeed(site)

import type { APIRoute, GetStaticPathsOptions } from 'astro'

import { pathsPerClinic, type ClinicSite } from '../../data/clinic-site.ts'
import { robotsTxt } from '../../data/feeds.ts'

export const getStaticPaths = ({ routePattern }: GetStaticPathsOptions) =>
  pathsPerClinic(routePattern, () => [{ params: {} }], { shared: true, reads: [] })

export const GET: APIRoute<{ site: ClinicSite }> = ({ props }) =>
  new Response(robotsTxt(props.site), { headers: { 'content-type': 'text/plain; charset=utf-8' } })

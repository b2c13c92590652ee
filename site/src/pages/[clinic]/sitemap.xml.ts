import type { APIRoute, GetStaticPathsOptions } from 'astro'

import { pathsPerClinic, type ClinicSite } from '../../data/clinic-site.ts'
import { sitemapXml } from '../../data/feeds.ts'

export const getStaticPaths = ({ routePattern }: GetStaticPathsOptions) =>
  pathsPerClinic(routePattern, () => [{ params: {} }], {
    shared: true,
    reads: ['articles', 'conditions'],
  })

export const GET: APIRoute<{ site: ClinicSite }> = ({ props }) =>
  new Response(sitemapXml(props.site), {
    headers: { 'content-type': 'application/xml; charset=utf-8' },
  })

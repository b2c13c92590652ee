import type { APIRoute } from 'astro'

import { pathsPerClinic, type ClinicSite } from '../../data/clinic-site.ts'
import { robotsTxt } from '../../data/feeds.ts'

export const getStaticPaths = () =>
  pathsPerClinic(() => [{ params: {} }], { shared: true, reads: [] })

export const GET: APIRoute<{ site: ClinicSite }> = ({ props }) =>
  new Response(robotsTxt(props.site), { headers: { 'content-type': 'text/plain; charset=utf-8' } })

import type { APIRoute, GetStaticPathsOptions } from 'astro'

import { pathsPerClinic, type ClinicSite } from '../../data/clinic-site.ts'

export const getStaticPaths = ({ routePattern }: GetStaticPathsOptions) =>
  pathsPerClinic(routePattern, () => [{ params: {} }], { shared: true, reads: [] })

/** A small icon in the clinic's accent colour (so browsers do not ask for a missing favicon.ico). */
export const GET: APIRoute<{ site: ClinicSite }> = ({ props: { site } }) =>
  new Response(
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32"><rect width="32" height="32" rx="7" fill="${site.colors.accent}"/><path d="M13 7h6v6h6v6h-6v6h-6v-6H7v-6h6z" fill="#fff"/></svg>\n`,
    { headers: { 'content-type': 'image/svg+xml' } },
  )

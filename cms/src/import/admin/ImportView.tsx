import type { AdminViewServerProps } from 'payload'

import { DefaultTemplate } from '@payloadcms/next/templates'
import { Gutter } from '@payloadcms/ui'
import { notFound } from 'next/navigation'

import { isNetworkStaff } from '../../access/roles'
import { CLINICS } from '../../collections/slugs'
import { ImportForm } from './ImportForm'

/**
 * The admin's Import view (/admin/import): network staff upload one clinic's export, follow the
 * job's progress and read the same report as the CLI prints. Anyone else gets a 404, as for a
 * view that does not exist; the endpoints refuse them too (job/endpoints.ts).
 */
export async function ImportView({ initPageResult, params, searchParams }: AdminViewServerProps) {
  const { req, permissions, visibleEntities, locale } = initPageResult
  if (!isNetworkStaff(req.user)) notFound()
  const clinics = await req.payload.find({
    collection: CLINICS,
    pagination: false,
    depth: 0,
    sort: 'name',
    select: { name: true, slug: true },
    overrideAccess: true,
  })
  return (
    <DefaultTemplate
      i18n={req.i18n}
      locale={locale}
      params={params}
      payload={req.payload}
      permissions={permissions}
      searchParams={searchParams}
      user={req.user ?? undefined}
      visibleEntities={visibleEntities}
    >
      <Gutter>
        <h1>Import a clinic&apos;s old site</h1>
        <p>
          Upload one clinic&apos;s export: a WordPress export (.xml, Tools → Export), saved REST
          JSON (.json) or a saved page (.html, .txt, .md). Everything arrives as a draft that needs
          medical review; old addresses become redirects. For several clinics at once (to merge
          their copies into network articles) or large exports, use <code>npm run import</code>.
        </p>
        <ImportForm
          apiRoute={req.payload.config.routes.api}
          adminRoute={req.payload.config.routes.admin}
          clinics={clinics.docs.map((clinic) => ({ slug: clinic.slug ?? '', name: clinic.name }))}
        />
      </Gutter>
    </DefaultTemplate>
  )
}

/** The navigation link to the view, for network staff only. */
export function ImportNavLink({
  user,
  payload,
}: {
  user?: unknown
  payload: { config: { routes: { admin: string } } }
}) {
  if (!isNetworkStaff(user as never)) return null
  return (
    <a className="nav__link" href={`${payload.config.routes.admin}/import`} id="nav-import">
      <span className="nav__link-label">Import sites</span>
    </a>
  )
}

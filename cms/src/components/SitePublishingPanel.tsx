import type { ServerProps } from 'payload'

import { liveRelease, type LiveRelease } from '@clinic/shared/releases'

import { clinicIdsOf, isNetworkStaff, hasRole } from '../access/roles'
import { CLINICS, SITE_BUILDS } from '../collections/slugs'
import { sitesDir } from '../lib/paths'
import { REBUILD_SITES_QUEUE } from '../publishing/task'

const time = (iso: string | null | undefined) =>
  iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—'

/** "20261121T131748123Z-a1b2" → ISO time. */
function releaseTime(release: LiveRelease | undefined): string | undefined {
  if (release?.manifest?.builtAt) return release.manifest.builtAt
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(release?.id ?? '')
  return match
    ? `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}.${match[7]}Z`
    : undefined
}

/**
 * Dashboard panel: per clinic, the live release of its site (and when it was built), the last
 * build's status and its error. Network staff see every clinic; a clinic editor sees theirs.
 */
export async function SitePublishingPanel({ payload, user }: ServerProps) {
  if (!user || !(isNetworkStaff(user) || hasRole(user, 'clinic-editor'))) return null
  const scoped = !isNetworkStaff(user)
  const { docs: clinics } = await payload.find({
    collection: CLINICS,
    where: scoped ? { id: { in: clinicIdsOf(user) } } : undefined,
    pagination: false,
    depth: 0,
    sort: 'slug',
    select: { name: true, slug: true, siteUrl: true },
    overrideAccess: false,
    user,
  })
  const { docs: builds } = await payload.find({
    collection: SITE_BUILDS,
    sort: '-startedAt',
    limit: 200,
    depth: 0,
    overrideAccess: false,
    user,
  })
  const { totalDocs: waiting } = await payload.count({
    collection: 'payload-jobs',
    where: {
      and: [
        { queue: { equals: REBUILD_SITES_QUEUE } },
        { completedAt: { exists: false } },
        { hasError: { not_equals: true } },
      ],
    },
    overrideAccess: true,
  })
  const rows = await Promise.all(
    clinics.map(async (clinic) => {
      const live = clinic.slug
        ? await liveRelease(sitesDir, clinic.slug).catch(() => undefined)
        : undefined
      const last = builds.find((build) =>
        (build.clinics ?? []).some(
          (id) => String(typeof id === 'object' ? id.id : id) === String(clinic.id),
        ),
      )
      return { clinic, live, last }
    }),
  )
  const adminRoute = payload.config.routes.admin
  return (
    <section
      aria-labelledby="clinic-sites-heading"
      style={{ marginBottom: 'calc(var(--base) * 2)' }}
    >
      <h2 id="clinic-sites-heading">Clinic sites</h2>
      <p>
        Publishing rebuilds the sites that show the change; a failed build leaves the live site as
        it was and is retried.
        {waiting > 0
          ? ` ${waiting} ${waiting === 1 ? 'change is' : 'changes are'} waiting to be built.`
          : ''}
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr style={{ textAlign: 'left' }}>
            <th scope="col">Clinic</th>
            <th scope="col">Live release built</th>
            <th scope="col">Last build</th>
            <th scope="col">Status</th>
            <th scope="col">Error</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ clinic, live, last }) => (
            <tr key={clinic.id} data-clinic={clinic.slug ?? ''}>
              <td>{clinic.siteUrl ? <a href={clinic.siteUrl}>{clinic.name}</a> : clinic.name}</td>
              <td title={live?.id}>{live ? time(releaseTime(live)) : 'not built yet'}</td>
              <td>
                {last ? (
                  <a href={`${adminRoute}/collections/${SITE_BUILDS}/${last.id}`}>
                    {time(last.startedAt)}
                  </a>
                ) : (
                  '—'
                )}
              </td>
              <td data-status={last?.status ?? 'none'}>
                {last
                  ? { building: 'Building…', live: 'Live', failed: 'Failed' }[last.status]
                  : '—'}
              </td>
              <td style={{ whiteSpace: 'pre-wrap', maxWidth: '40ch' }}>
                {last?.status === 'failed' ? (last.error ?? '').slice(0, 300) : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

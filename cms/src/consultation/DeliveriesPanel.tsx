import type { ServerProps, Where } from 'payload'

import { sameId } from '@clinic/shared/ids'

import { clinicIdsOf, hasRole, isNetworkStaff } from '../access/roles'
import { CLINICS, CONSULTATION_DELIVERIES, CONSULTATION_INTAKES } from '../collections/slugs'

const WEEK_MS = 7 * 86_400_000

const time = (iso: string | null | undefined) =>
  iso ? new Date(iso).toISOString().replace('T', ' ').slice(0, 16) + ' UTC' : '—'

/**
 * Dashboard panel: per clinic, the consultation requests of the last 7 days (delivered, waiting,
 * dropped), the last failure, and whether the clinic takes requests online at all. Counts only:
 * there is no request content in the CMS to show. Network staff see every clinic; a clinic
 * editor sees theirs (the same read access as the delivery records).
 */
export async function ConsultationDeliveriesPanel({ payload, user }: ServerProps) {
  if (!user || !(isNetworkStaff(user) || hasRole(user, 'clinic-editor'))) return null
  const scoped = !isNetworkStaff(user)
  const as = { overrideAccess: false, user } as const
  const { docs: clinics } = await payload.find({
    collection: CLINICS,
    where: scoped ? { id: { in: clinicIdsOf(user) } } : undefined,
    pagination: false,
    depth: 0,
    sort: 'name',
    select: { name: true, slug: true },
    ...as,
  })
  // Whether an intake exists, never what it says (clinic editors may not read intakes).
  const { docs: intakes } = await payload.find({
    collection: CONSULTATION_INTAKES,
    pagination: false,
    depth: 0,
    select: { clinic: true, email: true, webhookUrl: true },
    overrideAccess: true,
  })
  const since = new Date(Date.now() - WEEK_MS).toISOString()
  const rows = await Promise.all(
    clinics.map(async (clinic) => {
      const count = async (status: Where) =>
        (
          await payload.count({
            collection: CONSULTATION_DELIVERIES,
            where: {
              and: [
                { clinic: { equals: clinic.id } },
                { createdAt: { greater_than: since } },
                status,
              ],
            },
            ...as,
          })
        ).totalDocs
      const [delivered, waiting, dropped, failing] = await Promise.all([
        count({ status: { equals: 'delivered' } }),
        count({ status: { in: ['queued', 'retrying'] } }),
        count({ status: { equals: 'dropped' } }),
        payload.find({
          collection: CONSULTATION_DELIVERIES,
          where: {
            and: [{ clinic: { equals: clinic.id } }, { status: { in: ['retrying', 'dropped'] } }],
          },
          sort: '-lastAttemptAt',
          limit: 1,
          depth: 0,
          select: { lastError: true, lastAttemptAt: true },
          ...as,
        }),
      ])
      const intake = intakes.find((doc) => sameId(doc.clinic, clinic.id))
      const channels = [intake?.email && 'email', intake?.webhookUrl && 'webhook'].filter(Boolean)
      return { clinic, delivered, waiting, dropped, lastFailure: failing.docs[0], channels }
    }),
  )
  const list = `${payload.config.routes.admin}/collections/${CONSULTATION_DELIVERIES}`
  return (
    <section
      aria-labelledby="consultation-deliveries-heading"
      style={{ marginBottom: 'calc(var(--base) * 2)' }}
    >
      <h2 id="consultation-deliveries-heading">Consultation requests (last 7 days)</h2>
      <p>
        Requests from the sites&rsquo; consultation form are delivered to each clinic and then
        deleted: the CMS keeps only these counts. A failed delivery is retried for up to 72 hours.
      </p>
      <table style={{ width: '100%', borderCollapse: 'collapse' }}>
        <thead>
          <tr style={{ textAlign: 'left' }}>
            <th scope="col">Clinic</th>
            <th scope="col">Delivered</th>
            <th scope="col">Waiting</th>
            <th scope="col">Dropped</th>
            <th scope="col">Last failure</th>
            <th scope="col">Takes requests by</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(({ clinic, delivered, waiting, dropped, lastFailure, channels }) => (
            <tr key={clinic.id} data-consultation-clinic={clinic.slug ?? ''}>
              <td>
                <a href={`${list}?where[clinic][equals]=${clinic.id}`}>{clinic.name}</a>
              </td>
              <td data-count="delivered">{delivered}</td>
              <td data-count="waiting">{waiting}</td>
              <td data-count="dropped" style={dropped > 0 ? { fontWeight: 700 } : undefined}>
                {dropped}
              </td>
              <td style={{ maxWidth: '40ch' }}>
                {lastFailure
                  ? `${time(lastFailure.lastAttemptAt)}: ${(lastFailure.lastError ?? '').slice(0, 200)}`
                  : '—'}
              </td>
              <td data-intake={channels.join(' ') || 'none'}>
                {channels.length > 0
                  ? channels.join(' and ')
                  : 'Not set up: the form refuses requests and asks visitors to call'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  )
}

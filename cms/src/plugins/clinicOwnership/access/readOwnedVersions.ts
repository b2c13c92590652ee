import type { Access } from 'payload'

import { clinicIdsOf, hasRole, isClinicScoped, isNetworkStaff } from '../../../access/roles'

/** Version history: network staff and reviewers see all; clinic editors only their clinics' documents. */
export const readOwnedVersions: Access = ({ req: { user } }) => {
  if (isNetworkStaff(user) || hasRole(user, 'medical-reviewer')) return true
  // Version queries are not rewritten by Payload: fields live under `version.`.
  if (isClinicScoped(user)) return { 'version.ownerClinic': { in: clinicIdsOf(user) } }
  return false
}

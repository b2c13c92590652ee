import type { Access } from 'payload'

import { clinicIdsOf, isClinicScoped, isNetworkStaff } from '../../../access/roles'

/** Update and delete: network staff everything; clinic editors their clinics' documents only. */
export const writeOwnedContent: Access = ({ req: { user } }) => {
  if (isNetworkStaff(user)) return true
  if (isClinicScoped(user)) return { ownerClinic: { in: clinicIdsOf(user) } }
  return false
}

import type { Access } from 'payload'

import { sameId } from '@clinic/shared/ids'

import { clinicIdsOf, isClinicScoped, isNetworkStaff } from '../../../access/roles'

/**
 * Network staff create anything; clinic editors only documents owned by one of their clinics.
 * (Without `data`, Payload is asking whether to show the "Create" button at all.)
 */
export const createOwnedContent: Access = ({ req: { user }, data }) => {
  if (isNetworkStaff(user)) return true
  if (!isClinicScoped(user)) return false
  // No ownership in the request (the admin asking whether to show "Create", or a duplicate, which
  // copies the source's): enforceClinicScope decides what the document may become.
  if (!data || (data.owner === undefined && data.ownerClinic === undefined)) return true
  return data.owner === 'clinic' && clinicIdsOf(user).some((id) => sameId(id, data.ownerClinic))
}

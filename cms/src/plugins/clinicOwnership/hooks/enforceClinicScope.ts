import { Forbidden } from 'payload'
import type { CollectionBeforeChangeHook } from 'payload'

import { sameId } from '@clinic/shared/ids'

import { clinicIdsOf, isClinicScoped } from '../../../access/roles'

/**
 * A clinic editor's write must leave the document owned by one of their clinics: they can never
 * create network content, move a document to another clinic, or hand it to the network. Access
 * rules decide which documents they may touch; this decides what those documents may become.
 */
export const enforceClinicScope: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  if (!isClinicScoped(req.user)) return data
  const result = { ...originalDoc, ...data }
  const owner = 'owner' in result ? result.owner : 'clinic'
  const ownClinic = clinicIdsOf(req.user).some((id) => sameId(id, result.ownerClinic))
  if (owner !== 'clinic' || !ownClinic) {
    throw new Forbidden(req.t)
  }
  return data
}

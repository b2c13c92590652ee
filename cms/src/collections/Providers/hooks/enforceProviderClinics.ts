import { Forbidden } from 'payload'
import type {
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  PayloadRequest,
} from 'payload'

import { sameId } from '@clinic/shared/ids'

import { clinicIdsOf, isClinicScoped } from '../../../access/roles'

function assertOwnClinics(req: PayloadRequest, clinics: unknown[]) {
  const mine = clinicIdsOf(req.user)
  if (clinics.length === 0 || !clinics.every((clinic) => mine.some((id) => sameId(id, clinic)))) {
    throw new Forbidden(req.t)
  }
}

/** A clinic editor manages providers who work only at their clinics (at least one). */
export const enforceProviderClinics: CollectionBeforeChangeHook = ({
  data,
  originalDoc,
  operation,
  req,
}) => {
  if (!isClinicScoped(req.user)) return data
  // Both what the provider was (no taking over a provider shared with another clinic) and what it becomes.
  if (operation === 'update') assertOwnClinics(req, (originalDoc?.clinics ?? []) as unknown[])
  assertOwnClinics(req, (data.clinics ?? originalDoc?.clinics ?? []) as unknown[])
  return data
}

export const enforceProviderClinicsOnDelete: CollectionBeforeDeleteHook = async ({ id, req }) => {
  if (!isClinicScoped(req.user)) return
  const provider = await req.payload.findByID({
    collection: 'providers',
    id,
    depth: 0,
    req,
    overrideAccess: true,
  })
  assertOwnClinics(req, (provider.clinics ?? []) as unknown[])
}

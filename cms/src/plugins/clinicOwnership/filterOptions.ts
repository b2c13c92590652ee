import type { FilterOptions, FilterOptionsProps, Where } from 'payload'

import { relationId } from '@clinic/shared/ids'

import type { RelationField } from './relationships'

const networkMedia: Where = { ownerClinic: { exists: false } }

function networkOrClinics(clinicIds: unknown[]): Where {
  const own = clinicIds.map(relationId).filter((id) => id !== undefined && id !== null)
  return own.length === 0 ? networkMedia : { or: [networkMedia, { ownerClinic: { in: own } }] }
}

/*
 * Which images a document may use. Payload applies filterOptions in the admin's picker and also
 * validates the saved value against them, so a clinic's document cannot point at another
 * clinic's image through the API either.
 */

/** Articles and FAQs: network documents use network images; a clinic's, network or its own. */
export const mediaForOwnedDoc: FilterOptions = ({ data }) =>
  networkOrClinics(data?.owner === 'clinic' ? [data?.ownerClinic] : [])

/** Providers: network images or those of the clinics they work at. */
export const mediaForProvider: FilterOptions = ({ data }) =>
  networkOrClinics((data?.clinics ?? []) as unknown[])

/** Clinics: network images or the clinic's own. */
export const mediaForClinic: FilterOptions = ({ id }) =>
  networkOrClinics(id === undefined ? [] : [id])

/** Authors of a clinic's article work at that clinic; network articles may name any provider. */
export const providersForOwnedDoc: FilterOptions = ({ data }) => {
  const clinic = data?.owner === 'clinic' ? relationId(data?.ownerClinic) : undefined
  return clinic === undefined ? true : { clinics: { in: [clinic] } }
}

/**
 * The field with `filter` added to the filter it already has: a value must pass both. (The way
 * @payloadcms/plugin-multi-tenant adds its tenant filter to relationship fields.)
 */
export function withFilter<T extends RelationField>(field: T, filter: FilterOptions): T {
  const own = field.filterOptions
  if (!own) return { ...field, filterOptions: filter }
  const resolve = async (options: FilterOptions, args: FilterOptionsProps) =>
    typeof options === 'function' ? await options(args) : (options ?? true)
  return {
    ...field,
    filterOptions: async (args: FilterOptionsProps) => {
      const [first, second] = [await resolve(own, args), await resolve(filter, args)]
      if (first === false || second === false) return false
      if (first === true) return second
      if (second === true) return first
      return { and: [first, second] }
    },
  }
}

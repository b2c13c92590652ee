import type { Access } from 'payload'

import { clinicIdsOf, isClinicScoped, isNetworkStaff } from './roles'

/**
 * Providers can work at several clinics. A clinic editor reaches providers of their clinics;
 * hooks in collections/Providers refuse the write or delete unless every clinic the provider
 * lists is theirs (a provider shared with another clinic belongs to the network's editors).
 */
export const writeOwnProviders: Access = ({ req: { user } }) => {
  if (isNetworkStaff(user)) return true
  if (isClinicScoped(user)) return { clinics: { in: clinicIdsOf(user) } }
  return false
}

export const createProviders: Access = ({ req: { user } }) =>
  isNetworkStaff(user) || isClinicScoped(user)

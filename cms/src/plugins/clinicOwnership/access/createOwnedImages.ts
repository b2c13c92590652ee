import type { Access } from 'payload'

import { isClinicScoped, isNetworkStaff } from '../../../access/roles'

/**
 * Images: network staff upload network images or any clinic's; clinic editors upload images, and
 * enforceClinicScope refuses those not owned by one of their clinics.
 */
export const createOwnedImages: Access = ({ req: { user } }) =>
  isNetworkStaff(user) || isClinicScoped(user)

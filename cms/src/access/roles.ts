import { relationIds, type Id } from '@clinic/shared/ids'
import type { User } from '@clinic/shared/payload-types'

export const ROLES = ['admin', 'network-editor', 'clinic-editor', 'medical-reviewer'] as const
export type Role = (typeof ROLES)[number]

type MaybeUser = Pick<User, 'roles'> & Partial<Pick<User, 'clinics'>>

export function hasRole(user: MaybeUser | null | undefined, ...roles: Role[]): boolean {
  return Boolean(user?.roles?.some((role) => roles.includes(role)))
}

/** Admins and network editors edit all content of all clinics. */
export function isNetworkStaff(user: MaybeUser | null | undefined): boolean {
  return hasRole(user, 'admin', 'network-editor')
}

/** A clinic editor who holds no network-wide role: every write is limited to their clinics. */
export function isClinicScoped(user: MaybeUser | null | undefined): boolean {
  return hasRole(user, 'clinic-editor') && !isNetworkStaff(user)
}

/** A medical reviewer and nothing more: reads everything, writes review fields only. */
export function isReviewerOnly(user: MaybeUser | null | undefined): boolean {
  return (
    hasRole(user, 'medical-reviewer') && !isNetworkStaff(user) && !hasRole(user, 'clinic-editor')
  )
}

/** The clinic ids a user is assigned to (relationship values may be populated or bare ids). */
export function clinicIdsOf(user: MaybeUser | null | undefined): Id[] {
  return relationIds(user?.clinics)
}

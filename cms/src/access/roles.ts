import type { User } from '@clinic/shared/payload-types'

export const ROLES = ['admin', 'network-editor', 'clinic-editor', 'medical-reviewer'] as const
export type Role = (typeof ROLES)[number]

export function hasRole(user: Pick<User, 'roles'> | null | undefined, ...roles: Role[]): boolean {
  return Boolean(user?.roles?.some((role) => roles.includes(role)))
}

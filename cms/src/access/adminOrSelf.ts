import type { Access, FieldAccess } from 'payload'

import { hasRole } from './roles'

/** Admins see every account; anyone else only their own. */
export const adminOrSelf: Access = ({ req: { user } }) => {
  if (!user) return false
  if (hasRole(user, 'admin')) return true
  return { id: { equals: user.id } }
}

export const adminOrSelfField: FieldAccess = ({ req: { user }, id }) =>
  Boolean(user) && (hasRole(user, 'admin') || (id !== undefined && String(user?.id) === String(id)))

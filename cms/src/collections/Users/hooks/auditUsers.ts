import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionAfterLoginHook,
} from 'payload'

import { audit } from '../../../lib/audit'

export const auditLogin: CollectionAfterLoginHook = ({ user, req }) => {
  audit('login', {
    user: user.id,
    email: user.email,
    ip: req.headers.get('x-forwarded-for') ?? undefined,
  })
}

/** Role and clinic-assignment changes, with who made them. */
export const auditRoleChange: CollectionAfterChangeHook = ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  const ids = (list: unknown) =>
    JSON.stringify(
      ((list as unknown[] | undefined) ?? []).map((v) =>
        typeof v === 'object' && v ? (v as { id: unknown }).id : v,
      ),
    )
  const rolesChanged = JSON.stringify(doc.roles ?? []) !== JSON.stringify(previousDoc?.roles ?? [])
  const clinicsChanged = ids(doc.clinics) !== ids(previousDoc?.clinics)
  if (operation === 'create' || rolesChanged || clinicsChanged) {
    audit('role-change', {
      user: doc.id,
      email: doc.email,
      roles: doc.roles,
      previousRoles: operation === 'create' ? null : previousDoc?.roles,
      by: req.user?.id ?? null,
      operation,
    })
  }
  return doc
}

export const auditUserDelete: CollectionAfterDeleteHook = ({ doc, req }) => {
  audit('user-delete', { user: doc.id, email: doc.email, by: req.user?.id ?? null })
}

import type { CollectionConfig } from 'payload'

import { adminOrSelf, adminOrSelfField } from '../../access/adminOrSelf'
import { isAdmin, isAdminField } from '../../access/isAdmin'
import { ROLES } from '../../access/roles'
import { CLINICS, USERS } from '../slugs'
import { auditLogin, auditRoleChange, auditUserDelete } from './hooks/auditUsers'
import { firstUserIsAdmin } from './hooks/firstUserIsAdmin'

export const Users: CollectionConfig = {
  slug: USERS,
  access: {
    read: adminOrSelf,
    create: isAdmin,
    update: adminOrSelf,
    delete: isAdmin,
    // Anyone else may unlock only their own account (Payload's default: any signed-in user).
    unlock: adminOrSelf,
    admin: ({ req: { user } }) => Boolean(user),
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'email', 'roles'],
    group: 'Network',
  },
  auth: {
    tokenExpiration: 60 * 60 * 8,
    maxLoginAttempts: 5,
    lockTime: 15 * 60 * 1000,
    cookies: {
      sameSite: 'Lax',
      // Secure in production, unless the CMS is explicitly served over plain http (the local demo).
      secure:
        process.env.NODE_ENV === 'production' && !/^http:\/\//.test(process.env.SERVER_URL ?? ''),
    },
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    {
      name: 'credentials',
      type: 'text',
      admin: { description: 'Shown next to the name, e.g. "MD" (medical reviewers).' },
    },
    {
      name: 'roles',
      type: 'select',
      hasMany: true,
      required: true,
      defaultValue: ['clinic-editor'],
      options: ROLES.map((role) => ({
        label: role.replace('-', ' ').replace(/^./, (c) => c.toUpperCase()),
        value: role,
      })),
      saveToJWT: true,
      // Only admins grant roles: without this a user could PATCH their own roles to admin.
      access: { create: isAdminField, update: isAdminField, read: adminOrSelfField },
    },
    {
      name: 'clinics',
      type: 'relationship',
      relationTo: CLINICS,
      hasMany: true,
      saveToJWT: true,
      admin: { description: 'Clinic editors can edit these clinics only.' },
      access: { create: isAdminField, update: isAdminField, read: adminOrSelfField },
    },
  ],
  hooks: {
    beforeChange: [firstUserIsAdmin],
    afterChange: [auditRoleChange],
    afterDelete: [auditUserDelete],
    afterLogin: [auditLogin],
  },
}

import type { Access } from 'payload'

import { isNetworkStaff } from './roles'

/** Admins and network editors. */
export const networkStaff: Access = ({ req: { user } }) => isNetworkStaff(user)

import type { CollectionBeforeChangeHook } from 'payload'

import type { User } from '@clinic/shared/payload-types'

/** The account made by the admin's "create first user" screen gets the admin role. */
export const firstUserIsAdmin: CollectionBeforeChangeHook<User> = async ({
  data,
  operation,
  req,
  context,
}) => {
  // The seed creates users with their intended roles (e.g. medical reviewers before any admin).
  if (operation !== 'create' || context.seeding) return data
  const { totalDocs } = await req.payload.count({ collection: 'users', req, overrideAccess: true })
  if (totalDocs === 0) return { ...data, roles: ['admin'] }
  return data
}

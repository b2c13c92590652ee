import type { Access } from 'payload'

/** Signed-in users see drafts; everyone else sees only the published version. */
export const publishedOrAuthenticated: Access = ({ req: { user } }) => {
  if (user) return true
  return { _status: { equals: 'published' } }
}

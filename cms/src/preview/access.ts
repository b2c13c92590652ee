import { Forbidden, NotFound } from 'payload'
import type { Payload, TypedUser } from 'payload'

import type { PreviewCollection } from './token'

/**
 * Whether `user` may read the version a preview would show: the document's newest version, draft
 * or not. Reading the document is not enough: a clinic editor reads a network article's published
 * version but never its newer draft (plugins/clinicOwnership/access/readOwnedContent.ts), and a preview link, once made,
 * shows the draft to whoever holds it. So the collection's own read rule is asked for the newest
 * version, and must give back that same version.
 */
export async function canPreviewDraft(
  payload: Payload,
  user: TypedUser,
  collection: PreviewCollection,
  id: string | number,
): Promise<boolean> {
  const find = (asUser: boolean) =>
    payload
      .findByID({
        collection,
        id,
        draft: true,
        depth: 0,
        select: { updatedAt: true },
        disableErrors: true,
        ...(asUser ? { overrideAccess: false, user } : { overrideAccess: true }),
      })
      // A malformed id (rejectMalformedIds) or a refusal is a document this user cannot preview.
      .catch((error: unknown) => {
        if (error instanceof NotFound || error instanceof Forbidden) return null
        throw error
      })
  const [newest, readable] = await Promise.all([find(false), find(true)])
  return Boolean(newest && readable && newest.updatedAt === readable.updatedAt)
}

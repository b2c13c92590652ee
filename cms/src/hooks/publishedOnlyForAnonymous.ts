import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Draft mode filters each document's latest version by read access; for anonymous readers (who may
 * read published versions only) that would hide every published document with a newer draft.
 * Anonymous readers get the published versions instead: never a draft either way.
 */
export const publishedOnlyForAnonymous: CollectionBeforeOperationHook = ({
  args,
  operation,
  req,
}) => {
  const { draft, overrideAccess } = args as { draft?: boolean; overrideAccess?: boolean }
  // Trusted server code (overrideAccess) reading drafts without a user, e.g. previews, is not a reader.
  if (operation === 'read' && !req.user && draft && !overrideAccess)
    return { ...args, draft: false }
  return args
}

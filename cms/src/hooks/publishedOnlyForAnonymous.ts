import type { CollectionBeforeOperationHook } from 'payload'

/**
 * Draft mode filters each document's latest version by read access; for anonymous readers (who may
 * read published versions only) that would hide every published document with a newer draft.
 * Anonymous readers get the published versions instead: never a draft either way.
 */
export const publishedOnlyForAnonymous: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'read' && !req.user && (args as { draft?: boolean }).draft) return { ...args, draft: false }
  return args
}

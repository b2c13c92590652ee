import type { CollectionBeforeOperationHook } from 'payload'

/**
 * A duplicate is a starting point for a new document, never a second live copy: whatever the
 * transport asks (GraphQL has no draft argument; the Local API defaults to publishing), it is
 * created as a draft.
 */
export const duplicatesStartAsDrafts: CollectionBeforeOperationHook = ({ args, operation }) => {
  if (
    operation === 'create' &&
    (args as { duplicateFromID?: unknown }).duplicateFromID !== undefined
  ) {
    return { ...args, draft: true }
  }
  return args
}

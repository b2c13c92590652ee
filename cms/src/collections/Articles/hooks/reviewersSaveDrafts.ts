import { Forbidden } from 'payload'
import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import { isReviewerOnly } from '../../../access/roles'

/**
 * A medical reviewer records a review in a draft; an editor publishes it. Publishing, changing a
 * live article directly, or restoring a version (which rewrites the whole article) is refused.
 */
export const reviewersSaveDrafts: CollectionBeforeChangeHook = ({ data, req }) => {
  if (isReviewerOnly(req.user) && data._status !== 'draft') {
    throw new Forbidden(req.t)
  }
  return data
}

export const reviewersCannotRestore: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation === 'restoreVersion' && isReviewerOnly(req.user)) throw new Forbidden(req.t)
  return args
}

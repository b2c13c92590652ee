import { Forbidden } from 'payload'
import type { CollectionBeforeChangeHook, CollectionBeforeOperationHook } from 'payload'

import { isReviewerOnly } from '../../../access/roles'

/**
 * A medical reviewer records a review in a draft; an editor publishes it. Publishing, changing a
 * live article directly, or restoring a version (which rewrites the whole article) is refused.
 * Saves outside draft mode write the live document itself, whatever `_status` says (a
 * `{_status: 'draft'}` there unpublishes it): reviewers save in draft mode only.
 */
export const reviewersSaveDrafts: CollectionBeforeChangeHook = ({ data, req }) => {
  if (isReviewerOnly(req.user) && data._status !== 'draft') {
    throw new Forbidden(req.t)
  }
  return data
}

export const reviewersLeavePublishedAlone: CollectionBeforeOperationHook = ({
  args,
  operation,
  req,
}) => {
  if (!isReviewerOnly(req.user)) return args
  if (operation === 'restoreVersion') throw new Forbidden(req.t)
  if (operation === 'update' && (args as { draft?: boolean }).draft !== true)
    throw new Forbidden(req.t)
  return args
}

import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@clinic/shared/ids'

import { USERS } from '../../slugs'

/**
 * Copies the reviewer's public name and credentials onto the article. Accounts stay private (the
 * public API never reads users); the page shows who reviewed it, as of the review.
 */
export const copyReviewerCredit: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
}) => {
  const reviewerId = relationId(
    data.medicalReviewer === undefined ? originalDoc?.medicalReviewer : data.medicalReviewer,
  )
  if (!reviewerId) return { ...data, reviewedBy: { name: null, credentials: null } }
  const reviewer = await req.payload
    .findByID({
      collection: USERS,
      id: reviewerId,
      depth: 0,
      req,
      overrideAccess: true,
      disableErrors: true,
    })
    .catch(() => null)
  return {
    ...data,
    reviewedBy: { name: reviewer?.name ?? null, credentials: reviewer?.credentials ?? null },
  }
}

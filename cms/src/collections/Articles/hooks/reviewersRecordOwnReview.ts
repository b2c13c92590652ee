import { ValidationError } from 'payload'
import type { CollectionBeforeChangeHook } from 'payload'

import { relationId, sameId } from '@clinic/shared/ids'

import { hasRole } from '../../../access/roles'

/**
 * The public "Medically reviewed by" credit names the reviewer: a medical reviewer records only
 * their own review. A save by a reviewer that sets the reviewer or the review date must leave the
 * article reviewed by themselves (or by no one, withdrawing a review). Admins may record any
 * reviewer; other roles cannot write the review fields at all (fields/reviewFields.ts).
 */
export const reviewersRecordOwnReview: CollectionBeforeChangeHook = ({
  collection,
  data,
  originalDoc,
  req,
}) => {
  const { user } = req
  if (!user || !hasRole(user, 'medical-reviewer') || hasRole(user, 'admin')) return data
  const reviewerChanged =
    data.medicalReviewer !== undefined &&
    !sameId(data.medicalReviewer, originalDoc?.medicalReviewer)
  const dateChanged =
    data.lastReviewedAt !== undefined && data.lastReviewedAt !== originalDoc?.lastReviewedAt
  if (!reviewerChanged && !dateChanged) return data
  const reviewer =
    data.medicalReviewer === undefined ? originalDoc?.medicalReviewer : data.medicalReviewer
  if (relationId(reviewer) === undefined || relationId(reviewer) === null) return data
  if (sameId(reviewer, user.id)) return data
  throw new ValidationError({
    collection: collection.slug,
    errors: [
      {
        path: 'medicalReviewer',
        message: 'You can record only your own review: choose yourself as the medical reviewer.',
      },
    ],
  })
}

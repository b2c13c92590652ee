import { ValidationError } from 'payload'
import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@clinic/shared/ids'

import { NETWORK_SETTINGS, USERS } from '../../slugs'

/** Months back from `now`, clamped to the month's last day (Mar 31 - 1 month = Feb 28/29). */
export function monthsBefore(now: Date, months: number): Date {
  const result = new Date(now)
  const day = result.getUTCDate()
  result.setUTCDate(1)
  result.setUTCMonth(result.getUTCMonth() - months)
  const lastDay = new Date(
    Date.UTC(result.getUTCFullYear(), result.getUTCMonth() + 1, 0),
  ).getUTCDate()
  result.setUTCDate(Math.min(day, lastDay))
  return result
}

/**
 * The medical-review gate: a published article names its author, a medical reviewer (a user with
 * the medical-reviewer role) and a review date within the network's review interval.
 */
export const requireMedicalReview: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
  collection,
}) => {
  const article = { ...originalDoc, ...data }
  if (article._status !== 'published') return data

  const errors: { path: string; message: string }[] = []
  if (!relationId(article.author))
    errors.push({ path: 'author', message: 'Choose the author before publishing.' })

  const reviewerId = relationId(article.medicalReviewer)
  if (!reviewerId) {
    errors.push({
      path: 'medicalReviewer',
      message: 'A medical reviewer must review this article before it is published.',
    })
  } else {
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
    if (!reviewer?.roles?.includes('medical-reviewer')) {
      errors.push({
        path: 'medicalReviewer',
        message: 'The medical reviewer must be a user with the medical-reviewer role.',
      })
    }
  }

  const settings = await req.payload.findGlobal({
    slug: NETWORK_SETTINGS,
    depth: 0,
    req,
    overrideAccess: true,
  })
  const months = settings.reviewIntervalMonths ?? 12
  const reviewed = article.lastReviewedAt ? new Date(article.lastReviewedAt as string) : null
  if (!reviewed || Number.isNaN(reviewed.getTime())) {
    errors.push({
      path: 'lastReviewedAt',
      message: 'Enter the date of the last medical review before publishing.',
    })
  } else if (reviewed < monthsBefore(new Date(), months)) {
    errors.push({
      path: 'lastReviewedAt',
      message: `The last medical review is older than the network's ${months}-month review interval: it needs a new review before it is published.`,
    })
  } else if (reviewed.getTime() > Date.now() + 24 * 60 * 60 * 1000) {
    errors.push({ path: 'lastReviewedAt', message: 'The review date cannot be in the future.' })
  }

  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors })
  return data
}

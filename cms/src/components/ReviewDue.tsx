import type { ServerProps } from 'payload'

import { monthsBefore } from '../collections/Articles/hooks/requireMedicalReview'
import { ARTICLES } from '../collections/slugs'

/** Months after which a published article shows up here: one month before the gate closes. */
export const REVIEW_DUE_AFTER_MONTHS = 11

/**
 * Dashboard list of published articles whose medical review is older than 11 months, with the
 * reader's own permissions (a clinic editor sees their clinics' articles and network ones).
 */
export async function ReviewDue({ payload, user }: ServerProps) {
  if (!user) return null
  const cutoff = monthsBefore(new Date(), REVIEW_DUE_AFTER_MONTHS)
  const { docs, totalDocs } = await payload.find({
    collection: ARTICLES,
    where: {
      and: [
        { _status: { equals: 'published' } },
        { lastReviewedAt: { less_than: cutoff.toISOString() } },
      ],
    },
    sort: 'lastReviewedAt',
    limit: 20,
    depth: 0,
    select: { title: true, lastReviewedAt: true },
    overrideAccess: false,
    user,
  })
  const adminRoute = payload.config.routes.admin
  return (
    <section aria-labelledby="review-due-heading" style={{ marginBottom: 'var(--base)' }}>
      <h2 id="review-due-heading">Medical review due</h2>
      {totalDocs === 0 ? (
        <p>No published article has a review older than {REVIEW_DUE_AFTER_MONTHS} months.</p>
      ) : (
        <>
          <p>
            {totalDocs} published {totalDocs === 1 ? 'article needs' : 'articles need'} a new
            medical review (last review older than {REVIEW_DUE_AFTER_MONTHS} months):
          </p>
          <ul>
            {docs.map((article) => (
              <li key={article.id}>
                <a href={`${adminRoute}/collections/${ARTICLES}/${article.id}`}>{article.title}</a>{' '}
                (reviewed{' '}
                {article.lastReviewedAt
                  ? new Date(article.lastReviewedAt).toISOString().slice(0, 10)
                  : 'never'}
                )
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

import type { ServerProps } from 'payload'

import { ARTICLES } from '../collections/slugs'

/**
 * Dashboard list of imported articles still in draft: they need a medical review before anyone
 * publishes them. With the reader's own permissions (a clinic editor sees their clinics' ones).
 */
export async function ImportedAwaitingReview({ payload, user }: ServerProps) {
  if (!user) return null
  const { docs, totalDocs } = await payload.find({
    collection: ARTICLES,
    where: {
      and: [{ 'importSource.key': { exists: true } }, { _status: { equals: 'draft' } }],
    },
    draft: true,
    sort: '-updatedAt',
    limit: 20,
    depth: 0,
    select: { title: true },
    overrideAccess: false,
    user,
  })
  if (totalDocs === 0) return null
  const adminRoute = payload.config.routes.admin
  return (
    <section aria-labelledby="imported-review-heading" style={{ marginBottom: 'var(--base)' }}>
      <h2 id="imported-review-heading">Imported articles awaiting medical review</h2>
      <p>
        {totalDocs} imported {totalDocs === 1 ? 'article is a draft' : 'articles are drafts'} until
        a medical reviewer records a review and an editor publishes:
      </p>
      <ul>
        {docs.map((article) => (
          <li key={article.id}>
            <a href={`${adminRoute}/collections/${ARTICLES}/${article.id}`}>{article.title}</a>
          </li>
        ))}
      </ul>
    </section>
  )
}

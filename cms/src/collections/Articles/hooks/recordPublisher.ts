import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { audit } from '../../../lib/audit'

/**
 * Stamps who published and when on every save that leaves the article published; on drafts it
 * keeps the last publish's stamp (clients cannot forge either field).
 */
export const recordPublisher: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  // Without an explicit status an update of a live article changes the live article.
  if ((data._status ?? originalDoc?._status) === 'published') {
    return {
      ...data,
      publishedBy: req.user?.collection === 'users' ? req.user.id : null,
      publishedAt: new Date().toISOString(),
    }
  }
  return {
    ...data,
    publishedBy: originalDoc?.publishedBy ?? null,
    publishedAt: originalDoc?.publishedAt ?? null,
  }
}

/** Audit line for every save that leaves the article live (after the id exists, on create too). */
export const auditPublish: CollectionAfterChangeHook = ({ doc, req }) => {
  if (doc._status === 'published')
    audit('publish', {
      collection: 'articles',
      id: doc.id,
      slug: doc.slug,
      by: req.user?.id ?? null,
    })
  return doc
}

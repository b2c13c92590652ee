import type { CollectionAfterChangeHook, CollectionBeforeChangeHook } from 'payload'

import { DEFAULT_LOCALE } from '@clinic/shared/locales'

import { audit } from '../../../lib/audit'

/**
 * Stamps who published and when on every save that leaves the article published in English; on
 * drafts it keeps the last publish's stamp (clients cannot forge either field).
 *
 * The stamp is the article's edition date, which both languages' pages show and sort by. It is
 * one field for the document (not localized), so publishing a translation leaves it alone (it only
 * sets it when the article has none yet): otherwise a Spanish edit would change what every English
 * page shows (its date, the lists' order), which a Spanish-only rebuild keeps from the live release.
 */
export const recordPublisher: CollectionBeforeChangeHook = ({ data, originalDoc, req }) => {
  const translation = req.locale !== undefined && req.locale !== DEFAULT_LOCALE
  // Without an explicit status an update of a live article changes the live article.
  const published = (data._status ?? originalDoc?._status) === 'published'
  if (published && !(translation && originalDoc?.publishedAt)) {
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

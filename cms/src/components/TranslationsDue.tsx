import type { ServerProps } from 'payload'

import { ARTICLES } from '../collections/slugs'

/** How many English articles the panel compares; a network has a few hundred at most to translate. */
const CHECKED = 200
const SHOWN = 15

interface Row {
  id: string | number
  title?: string | null
  lastReviewedAt?: string | null
  _status?: string | null
}

/**
 * Dashboard list of English articles whose Spanish is missing (not published in Spanish) or out of
 * date (the English was re-reviewed after the Spanish), with the reader's own permissions.
 */
export async function TranslationsDue({ payload, user }: ServerProps) {
  if (!user) return null
  const read = { depth: 0, overrideAccess: false, user, limit: CHECKED } as const
  const english = await payload.find({
    collection: ARTICLES,
    where: { _status: { equals: 'published' } },
    locale: 'en',
    sort: '-lastReviewedAt',
    select: { title: true, lastReviewedAt: true },
    ...read,
  })
  const spanish = await payload.find({
    collection: ARTICLES,
    where: { id: { in: english.docs.map((doc) => doc.id) } },
    locale: 'es',
    select: { lastReviewedAt: true, _status: true },
    ...read,
  })
  const spanishById = new Map((spanish.docs as Row[]).map((doc) => [String(doc.id), doc]))
  const missing: Row[] = []
  const outdated: Row[] = []
  for (const doc of english.docs as Row[]) {
    const es = spanishById.get(String(doc.id))
    if (es?._status !== 'published') missing.push(doc)
    else if (
      doc.lastReviewedAt &&
      (!es.lastReviewedAt || Date.parse(doc.lastReviewedAt) > Date.parse(es.lastReviewedAt))
    )
      outdated.push(doc)
  }
  const adminRoute = payload.config.routes.admin
  const link = (doc: Row) => (
    <li key={doc.id}>
      <a href={`${adminRoute}/collections/${ARTICLES}/${doc.id}?locale=es`}>{doc.title}</a>
    </li>
  )
  return (
    <section aria-labelledby="translations-due-heading" style={{ marginBottom: 'var(--base)' }}>
      <h2 id="translations-due-heading">Spanish translations</h2>
      {missing.length === 0 && outdated.length === 0 ? (
        <p>Every published English article has an up-to-date Spanish version.</p>
      ) : null}
      {outdated.length > 0 ? (
        <>
          <p>Out of date: the English was re-reviewed after the Spanish ({outdated.length}):</p>
          <ul>{outdated.slice(0, SHOWN).map(link)}</ul>
        </>
      ) : null}
      {missing.length > 0 ? (
        <>
          <p>Not published in Spanish ({missing.length}):</p>
          <ul>{missing.slice(0, SHOWN).map(link)}</ul>
        </>
      ) : null}
      {english.totalDocs > CHECKED ? (
        <p>
          Checked the {CHECKED} most recently reviewed of {english.totalDocs} English articles.
        </p>
      ) : null}
    </section>
  )
}

import type { Payload } from 'payload'

import { ARTICLES, CLINICS, CONDITIONS, FAQS } from '../collections/slugs'
import {
  spanishArticles,
  spanishClinics,
  spanishConditions,
  spanishFaqs,
  spanishTreatments,
} from './content/spanish'
import { toLexical } from './richText'

type Id = string | number
type Collection = typeof ARTICLES | typeof FAQS | typeof CONDITIONS | typeof CLINICS

/** Seeding is trusted, runs without access control and tells hooks to skip side effects. */
const trusted = { overrideAccess: true, context: { seeding: true }, depth: 0 } as const

/**
 * Adds the demo's Spanish versions (content/spanish.ts) to the documents the seed found or created.
 * Like the rest of the seed it never overwrites: a document whose Spanish already has its title
 * (name, question, about text) is left as it is, so a translation an editor wrote survives.
 * Returns how many documents gained a Spanish version.
 */
export async function addSpanishVersions(
  payload: Payload,
  { reviewers, today }: { reviewers: Map<string, Id>; today: (authored: string) => string },
): Promise<number> {
  let added = 0

  /** The English document found by `where`, when its Spanish `field` is still empty. */
  async function untranslated(collection: Collection, where: object, field: string) {
    const { docs } = await payload.find({
      collection,
      where: where as never,
      locale: 'en',
      limit: 1,
      draft: true,
      ...trusted,
    })
    const doc = docs[0] as Record<string, unknown> | undefined
    if (!doc) return null
    const spanish = (await payload.findByID({
      collection,
      id: doc.id as Id,
      locale: 'es',
      draft: true,
      ...trusted,
    })) as unknown as Record<string, unknown>
    return spanish[field] ? null : doc
  }

  const saveSpanish = async (collection: Collection, id: Id, data: Record<string, unknown>) => {
    await payload.update({ collection, id, locale: 'es', data: data as never, ...trusted })
    added += 1
  }

  for (const [slug, es] of Object.entries(spanishConditions)) {
    const doc = await untranslated(CONDITIONS, { slug: { equals: slug } }, 'name')
    if (doc) await saveSpanish(CONDITIONS, doc.id as Id, es)
  }

  for (const [slug, es] of Object.entries(spanishClinics)) {
    const doc = await untranslated(CLINICS, { slug: { equals: slug } }, 'about')
    if (!doc) continue
    const treatments = (doc.treatments as { id: string; name: string }[] | undefined) ?? []
    await saveSpanish(CLINICS, doc.id as Id, {
      about: toLexical(es.about),
      treatments: treatments.map(({ id, name }) => ({ id, name: spanishTreatments[name] ?? name })),
    })
  }

  for (const [slug, es] of Object.entries(spanishArticles)) {
    const doc = await untranslated(ARTICLES, { slug: { equals: slug } }, 'title')
    if (!doc) continue
    const references = (doc.references as { id: string; url: string }[] | undefined) ?? []
    await saveSpanish(ARTICLES, doc.id as Id, {
      title: es.title,
      excerpt: es.excerpt,
      body: toLexical(es.body),
      references: references.map(({ id, url }, index) => {
        const title = es.referenceTitles[index]
        if (!title) throw new Error(`Spanish reference title ${index + 1} missing for "${slug}"`)
        return { id, url, title }
      }),
      // The Spanish has its own medical review (the English one is not carried over).
      medicalReviewer: reviewers.get(es.reviewer),
      lastReviewedAt: today(es.lastReviewed),
      _status: 'published',
    })
  }

  for (const [question, es] of Object.entries(spanishFaqs)) {
    const doc = await untranslated(FAQS, { question: { equals: question } }, 'question')
    if (doc)
      await saveSpanish(FAQS, doc.id as Id, {
        question: es.question,
        answer: toLexical(es.answer),
        _status: 'published',
      })
  }
  return added
}

/**
 * Which clinic sites a change can alter, computed from what anonymous visitors see (published
 * documents only), with the same syndication rules the site generator uses.
 */
import type { CollectionSlug, PayloadRequest, Where } from 'payload'

import { relationId } from '@clinic/shared/ids'
import { LOCALE_CODES, type Locale } from '@clinic/shared/locales'
import {
  clinicsShowing,
  isOwnedDocOnClinic,
  syndicationClinicOf,
  type SyndicatedArticle,
  type SyndicationClinic,
} from '@clinic/shared/syndication'

import { ARTICLES, CLINICS, FAQS, PROVIDERS } from '../collections/slugs'

/** Every clinic (the job input for network-wide changes). */
export const ALL_CLINICS = '*'

export type Doc = Record<string, unknown> & { id: string | number }

/** Every clinic as the syndication rules see it, read in the change's own transaction. */
export async function syndicationClinics(req: PayloadRequest): Promise<SyndicationClinic[]> {
  const { docs } = await req.payload.find({
    collection: CLINICS,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
    select: { slug: true, siteUrl: true, optedOutArticles: true },
  })
  return docs
    .filter((clinic): clinic is typeof clinic & { slug: string } => Boolean(clinic.slug))
    .map(syndicationClinicOf)
}

/**
 * The locales a main row is published in. `_status` is per locale (`{ en, es }`) on collections
 * with `localizeStatus` when the row is read in every locale (cms/src/localization.ts).
 */
export function publishedLocales(row: Doc | null): Locale[] {
  const status = row?._status as unknown
  if (status && typeof status === 'object')
    return LOCALE_CODES.filter(
      (locale) => (status as Record<string, unknown>)[locale] === 'published',
    )
  return status === 'published' ? [...LOCALE_CODES] : []
}

/** The main (published) row of a versioned document, or null when visitors cannot see it in any locale. */
export async function publishedRow(
  req: PayloadRequest,
  collection: CollectionSlug,
  id: string | number,
): Promise<Doc | null> {
  const row = (await req.payload.db.findOne({
    collection,
    where: { id: { equals: id } },
    locale: 'all',
    req,
  })) as Doc | null
  return publishedLocales(row).length > 0 ? row : null
}

export function clinicsShowingArticle(article: Doc | null, clinics: SyndicationClinic[]): string[] {
  if (!article) return []
  // A live row read in every locale has a status per locale: it shows where any locale is live.
  const perLocale = typeof article._status === 'object' && article._status !== null
  const status = perLocale
    ? publishedLocales(article).length > 0
      ? 'published'
      : 'draft'
    : undefined
  const shown = perLocale ? { ...article, _status: status } : article
  return clinicsShowing(shown as unknown as SyndicatedArticle, clinics).map((clinic) => clinic.slug)
}

export function clinicsShowingFaq(faq: Doc | null, clinics: SyndicationClinic[]): string[] {
  return faq
    ? clinics
        .filter((clinic) => isOwnedDocOnClinic(faq as never, clinic))
        .map((clinic) => clinic.slug)
    : []
}

/** Clinics listed on a provider (its care-team pages). */
export function clinicsOfProvider(
  provider: Doc | null | undefined,
  clinics: SyndicationClinic[],
): string[] {
  const refs = Array.isArray(provider?.clinics) ? (provider.clinics as unknown[]) : []
  const ids = new Set(refs.map((ref) => String(relationId(ref))))
  return clinics.filter((clinic) => ids.has(String(clinic.id))).map((clinic) => clinic.slug)
}

/**
 * The documents matching `where` that are published in any locale. One query per locale: a
 * `_status` filter cannot be combined with `locale: 'all'` (Payload bug #17923).
 */
async function publishedInAnyLocale(
  req: PayloadRequest,
  collection: typeof ARTICLES | typeof FAQS,
  where: Where,
  select: Record<string, true>,
): Promise<Doc[]> {
  const byId = new Map<string, Doc>()
  for (const locale of LOCALE_CODES) {
    const { docs } = await req.payload.find({
      collection,
      where: { and: [{ _status: { equals: 'published' } }, where] },
      locale,
      pagination: false,
      depth: 0,
      overrideAccess: true,
      req,
      select,
    })
    for (const doc of docs) byId.set(String(doc.id), doc as unknown as Doc)
  }
  return [...byId.values()]
}

/** Clinics showing a published article that matches `where` (author pages, condition pages). */
export async function clinicsShowingArticlesWhere(
  req: PayloadRequest,
  where: Where,
  clinics: SyndicationClinic[],
): Promise<string[]> {
  const docs = await publishedInAnyLocale(req, ARTICLES, where, {
    owner: true,
    ownerClinic: true,
    syndication: true,
    clinics: true,
  })
  return docs.flatMap((article) => clinicsShowingArticle(article, clinics))
}

/** Clinics whose pages mention a condition: those treating it, and those showing content about it. */
export async function clinicsMentioningCondition(
  req: PayloadRequest,
  id: string | number,
  clinics: SyndicationClinic[],
): Promise<string[]> {
  const treating = await req.payload.find({
    collection: CLINICS,
    where: { conditions: { in: [id] } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
    select: { slug: true },
  })
  const faqs = await publishedInAnyLocale(
    req,
    FAQS,
    { conditions: { in: [id] } },
    { owner: true, ownerClinic: true },
  )
  return [
    ...treating.docs.map((clinic) => clinic.slug).filter((slug): slug is string => Boolean(slug)),
    ...faqs.flatMap((faq) => clinicsShowingFaq(faq, clinics)),
    ...(await clinicsShowingArticlesWhere(req, { conditions: { in: [id] } }, clinics)),
  ]
}

/**
 * Images: a changed alt text or file shows on the clinics whose published articles use it as hero
 * or share image, whose logo it is, and whose care team has it as a photo. (Images placed inside
 * rich text are picked up by the next build of those clinics.)
 */
export async function clinicsShowingImage(
  req: PayloadRequest,
  id: string | number,
  clinics: SyndicationClinic[],
): Promise<string[]> {
  const articles = await clinicsShowingArticlesWhere(
    req,
    { or: [{ heroImage: { equals: id } }, { 'meta.image': { equals: id } }] },
    clinics,
  )
  const logos = await req.payload.find({
    collection: CLINICS,
    where: { 'brand.logo': { equals: id } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
    select: { slug: true },
  })
  const photos = await req.payload.find({
    collection: PROVIDERS,
    where: { photo: { equals: id } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    req,
    select: { clinics: true },
  })
  return [
    ...articles,
    ...logos.docs.map((clinic) => clinic.slug).filter((slug): slug is string => Boolean(slug)),
    ...photos.docs.flatMap((provider) => clinicsOfProvider(provider as unknown as Doc, clinics)),
  ]
}

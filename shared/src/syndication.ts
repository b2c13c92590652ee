/**
 * Which clinic sites show which content, and where each article's canonical copy lives. One
 * implementation for the CMS (preview and "view on site" links) and the site generator.
 */
import { sameId, type Id } from './ids.ts'
import { DEFAULT_LOCALE, type Locale } from './locales.ts'
import { absoluteUrl, articlePath } from './paths.ts'

type Ref = Id | { id: Id } | null | undefined

export interface SyndicatedArticle {
  id: Id
  slug?: string | null
  owner: 'network' | 'clinic'
  ownerClinic?: Ref
  syndication?: 'all' | 'selected' | null
  clinics?: Ref[] | null
  canonicalClinic?: Ref
  _status?: 'draft' | 'published' | null
}

/** A clinic as the syndication rules see it: which articles it opted out of, and where its site is. */
export interface SyndicationClinic {
  id: Id
  slug: string
  siteUrl: string
  optedOutArticles?: Ref[] | null
}

/** The syndication view of a clinic document (as the REST or Local API returns it, with a slug). */
export function syndicationClinicOf(clinic: {
  id: Id
  slug: string
  siteUrl?: string | null
  optedOutArticles?: Ref[] | null
}): SyndicationClinic {
  return {
    id: clinic.id,
    slug: clinic.slug,
    siteUrl: clinic.siteUrl ?? '',
    optedOutArticles: clinic.optedOutArticles ?? [],
  }
}

export interface OwnedDocument {
  owner: 'network' | 'clinic'
  ownerClinic?: Ref
}

/** A network FAQ (or any network-owned document without a list) shows everywhere; a clinic's only there. */
export function isOwnedDocOnClinic(
  doc: OwnedDocument,
  clinic: Pick<SyndicationClinic, 'id'>,
): boolean {
  return doc.owner === 'network' || sameId(doc.ownerClinic, clinic.id)
}

/** True when the (published) article belongs on the clinic's site. */
export function isArticleOnClinic(article: SyndicatedArticle, clinic: SyndicationClinic): boolean {
  if (article._status && article._status !== 'published') return false
  if (article.owner === 'clinic') return sameId(article.ownerClinic, clinic.id)
  if ((clinic.optedOutArticles ?? []).some((ref) => sameId(ref, article.id))) return false
  if (article.syndication === 'all') return true
  return (article.clinics ?? []).some((ref) => sameId(ref, clinic.id))
}

/** The clinics (in the given order) whose sites show the article. */
export function clinicsShowing(
  article: SyndicatedArticle,
  clinics: SyndicationClinic[],
): SyndicationClinic[] {
  return clinics.filter((clinic) => isArticleOnClinic(article, clinic))
}

/**
 * The clinic whose copy is canonical: the owner clinic for local articles; for network articles
 * the clinic the network chose, if the article is shown there, else the first clinic (by slug)
 * that shows it. Undefined when no clinic shows the article.
 */
export function canonicalClinicOf(
  article: SyndicatedArticle,
  clinics: SyndicationClinic[],
): SyndicationClinic | undefined {
  const showing = clinicsShowing(article, clinics).sort((a, b) => a.slug.localeCompare(b.slug))
  if (article.owner === 'network' && article.canonicalClinic) {
    const chosen = showing.find((clinic) => sameId(clinic.id, article.canonicalClinic))
    if (chosen) return chosen
  }
  return showing[0]
}

export interface CanonicalDecision {
  /** Absolute canonical URL of the article. */
  canonicalUrl: string
  /** True on the canonical clinic's own copy. */
  isCanonicalCopy: boolean
  /** Whether this copy should carry `noindex` (non-canonical copies, when the network says so). */
  noindex: boolean
}

/**
 * What one clinic's copy of an article says about canonical URL and indexing. A translation is
 * canonical at the same clinic as the original (syndication is not per language), under the
 * translation's own URL: `article.slug` is the slug of `locale`.
 */
export function canonicalFor(
  article: SyndicatedArticle & { slug: string },
  onClinic: SyndicationClinic,
  clinics: SyndicationClinic[],
  { noindexCopies, locale = DEFAULT_LOCALE }: { noindexCopies: boolean; locale?: Locale },
): CanonicalDecision {
  const canonical = canonicalClinicOf(article, clinics) ?? onClinic
  const isCanonicalCopy = sameId(canonical.id, onClinic.id)
  return {
    canonicalUrl: absoluteUrl(canonical.siteUrl, articlePath(article.slug, locale)),
    isCanonicalCopy,
    noindex: !isCanonicalCopy && noindexCopies,
  }
}

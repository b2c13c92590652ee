/**
 * Which clinic sites show which content, and where each article's canonical copy lives. One
 * implementation for the CMS (preview and "view on site" links) and the site generator.
 */
type Id = string | number
type Ref = Id | { id: Id } | null | undefined

const idOf = (ref: Ref): Id | undefined =>
  ref !== null && typeof ref === 'object' ? ref.id : (ref ?? undefined)
const same = (a: Ref, b: Ref) => {
  const left = idOf(a)
  const right = idOf(b)
  return left !== undefined && right !== undefined && String(left) === String(right)
}

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

export interface SiteClinic {
  id: Id
  slug: string
  siteUrl: string
  optedOutArticles?: Ref[] | null
}

export interface OwnedDocument {
  owner: 'network' | 'clinic'
  ownerClinic?: Ref
}

/** A network FAQ (or any network-owned document without a list) shows everywhere; a clinic's only there. */
export function isOwnedDocOnClinic(doc: OwnedDocument, clinic: Pick<SiteClinic, 'id'>): boolean {
  return doc.owner === 'network' || same(doc.ownerClinic, clinic.id)
}

/** True when the (published) article belongs on the clinic's site. */
export function isArticleOnClinic(article: SyndicatedArticle, clinic: SiteClinic): boolean {
  if (article._status && article._status !== 'published') return false
  if (article.owner === 'clinic') return same(article.ownerClinic, clinic.id)
  if ((clinic.optedOutArticles ?? []).some((ref) => same(ref, article.id))) return false
  if (article.syndication === 'all') return true
  return (article.clinics ?? []).some((ref) => same(ref, clinic.id))
}

/** The clinics (in the given order) whose sites show the article. */
export function clinicsShowing(article: SyndicatedArticle, clinics: SiteClinic[]): SiteClinic[] {
  return clinics.filter((clinic) => isArticleOnClinic(article, clinic))
}

export function articlePath(slug: string): string {
  return `/articles/${slug}/`
}

export function absoluteUrl(siteUrl: string, path: string): string {
  return `${siteUrl.replace(/\/+$/, '')}${path}`
}

/**
 * The clinic whose copy is canonical: the owner clinic for local articles; for network articles
 * the clinic the network chose, if the article is shown there, else the first clinic (by slug)
 * that shows it. Undefined when no clinic shows the article.
 */
export function canonicalClinicOf(
  article: SyndicatedArticle,
  clinics: SiteClinic[],
): SiteClinic | undefined {
  const showing = clinicsShowing(article, clinics).sort((a, b) => a.slug.localeCompare(b.slug))
  if (article.owner === 'network' && article.canonicalClinic) {
    const chosen = showing.find((clinic) => same(clinic.id, article.canonicalClinic))
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

/** What one clinic's copy of an article says about canonical URL and indexing. */
export function canonicalFor(
  article: SyndicatedArticle & { slug: string },
  onClinic: SiteClinic,
  clinics: SiteClinic[],
  { noindexCopies }: { noindexCopies: boolean },
): CanonicalDecision {
  const canonical = canonicalClinicOf(article, clinics) ?? onClinic
  const isCanonicalCopy = same(canonical.id, onClinic.id)
  return {
    canonicalUrl: absoluteUrl(canonical.siteUrl, articlePath(article.slug)),
    isCanonicalCopy,
    noindex: !isCanonicalCopy && noindexCopies,
  }
}

/**
 * The import engine's data, from what a source gave (SourceItem) to what the plan will write
 * (PlannedArticle). Everything here is plain JSON-serialisable data: the plan is written to
 * `--report <file.json>` and handed to the apply step (a Payload job) as it is.
 */

export type SourceKind = 'wxr' | 'wp-rest' | 'saved-pages'

/** Where a document came from; the apply step finds an earlier import of it by this identity. */
export interface SourceIdentity {
  clinic: string
  kind: SourceKind
  /** The page's old address (permalink), when the source tells it. */
  url: string | null
  /** WordPress post id, when the source is WordPress. */
  wpId: number | null
  /** The file it was read from, relative to what was passed on the command line. */
  file: string
}

export interface SourceImage {
  url: string
  alt: string | null
}

/** One post or page as a source gave it, before extraction. */
export interface SourceItem {
  source: SourceIdentity
  type: 'post' | 'page'
  /** WordPress status (`publish`, `draft`, `pending`, `private`, `future`); `publish` for saved pages. */
  status: string
  title: string
  slug: string | null
  excerpt: string | null
  publishedAt: string | null
  modifiedAt: string | null
  author: string | null
  categories: string[]
  tags: string[]
  /** `fragment`: a post body (WXR, REST); `page`: a whole saved page; `text`/`markdown`: visible text. */
  format: 'fragment' | 'page' | 'text' | 'markdown'
  content: string
  featuredImage: SourceImage | null
}

/** A WordPress attachment: its file URL, its attachment page, its alt text and the post it belongs to. */
export interface SourceAttachment {
  clinic: string
  wpId: number
  fileUrl: string
  pageUrl: string | null
  alt: string | null
  parentWpId: number | null
}

export interface SourceAuthor {
  login: string
  displayName: string
}

/** Everything read for one clinic (one or more files or folders). */
export interface ClinicSource {
  clinic: string
  items: SourceItem[]
  attachments: SourceAttachment[]
  authors: SourceAuthor[]
  /** The old site's own address when the source names it (WXR channel link, a REST base URL). */
  siteUrls: string[]
  issues: ImportIssue[]
}

export type IssueCode =
  | 'skipped-status'
  | 'skipped-not-article'
  | 'skipped-empty'
  | 'skipped-too-large'
  | 'clinic-info-page'
  | 'needs-alt-text'
  | 'image-unsafe-url'
  | 'unsafe-content-removed'
  | 'unmatched-category'
  | 'provider-draft'
  | 'clinic-specific-text'
  | 'duplicate-within-clinic'
  | 'redirect-dropped'
  | 'slug-changed'
  | 'unreadable-item'

/** One line of the report: what was skipped, flagged or needs an editor. */
export interface ImportIssue {
  clinic: string
  code: IssueCode
  /** The page or file it concerns (old URL, else file). */
  where: string
  message: string
}

/** A page's article after chrome removal and sanitising, before Lexical. */
export interface ExtractedArticle {
  /** Stable within a run and across runs of the same source: clinic + WordPress id / URL / file. */
  key: string
  item: SourceItem
  title: string
  /** Sanitised HTML of the article body (allow-listed tags, safe links, absolute image URLs). */
  html: string
  /** Visible text, one block (paragraph, heading, list item) per line. */
  text: string
  images: SourceImage[]
}

export interface SimilarityFigures {
  /** Jaccard similarity of the normalised texts' word 5-shingles (1 = same text). */
  text: number
  /** Jaccard similarity of the titles' content words. */
  title: number
}

export interface PlannedImage {
  mediaKey: string
  /** Index in the Lexical body's root children where the image stood. */
  index: number
}

/** A document the apply step creates or updates (always as a draft). */
export interface PlannedArticle {
  key: string
  title: string
  slug: string
  excerpt: string
  /** Lexical editor state for the articles collection's `body` field. */
  body: Record<string, unknown>
  /** Existing provider id, or the key of a provider draft in `plan.providers`. */
  author: { providerId: string | number } | { providerKey: string } | null
  conditions: (string | number)[]
  heroImage: string | null
  images: PlannedImage[]
  /** When the original (canonical) copy was first published on the old site. */
  originalPublishedAt: string | null
  sources: SourceIdentity[]
  /** Hash of what the apply step writes (see contentHashOf): equal hashes, nothing to change. */
  contentHash: string
}

export interface NetworkArticlePlan extends PlannedArticle {
  owner: 'network'
  /** Slugs of the clinics that had a copy: the article is syndicated to exactly these. */
  clinics: string[]
  canonicalClinic: string
  /** Lowest and mean text similarity between the copies. */
  similarity: { min: number; mean: number }
}

export interface LocalArticlePlan extends PlannedArticle {
  owner: 'clinic'
  clinic: string
}

export interface PlannedProvider {
  key: string
  name: string
  clinics: string[]
  /** WordPress logins or bylines it was made from. */
  sourceNames: string[]
}

export interface PlannedMedia {
  key: string
  sourceUrl: string
  alt: string
  /** Clinic slug when only one clinic's articles use it; null for a network image. */
  ownerClinic: string | null
  usedBy: string[]
}

export interface PlannedRedirect {
  clinic: string
  /** Path and query on the clinic's site, e.g. `/2019/05/ketamine-and-pain/` or `/?p=123`. */
  from: string
  /** Root-relative path on the same site: never another host. */
  to: string
  kind: 'permalink' | 'short-link' | 'attachment-page' | 'clinic-info'
  /** The planned article it leads to, or null for a fixed site page (`/location/`). */
  articleKey: string | null
}

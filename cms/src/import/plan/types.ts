import type { DuplicateOptions } from '../duplicates/groups'
import type { ConvertedBody } from '../lexical'
import type { NetworkCondition, NetworkProvider } from '../mapping'
import type {
  ImportIssue,
  LocalArticlePlan,
  NetworkArticlePlan,
  PlannedMedia,
  PlannedProvider,
  PlannedRedirect,
} from '../types'

/** The network as it is now, passed in as plain data (the CLI and the job read it first). */
export interface NetworkData {
  clinics: {
    id: string | number
    slug: string
    name: string
    siteUrl?: string | null
    /** City, state, region: words copies change from clinic to clinic. */
    places?: string[]
  }[]
  providers: NetworkProvider[]
  conditions: NetworkCondition[]
  /** Article slugs already used by documents this import did not create. */
  takenSlugs?: string[]
}

export interface PlanOptions {
  /** Import drafts, pending and scheduled posts too (`--include-drafts`). */
  includeDrafts: boolean
  /** Which copy of a merged article is kept and canonical: the first published, or the last. */
  canonical: 'oldest' | 'newest'
  duplicates: Partial<DuplicateOptions>
}

export const DEFAULT_PLAN_OPTIONS: PlanOptions = {
  includeDrafts: false,
  canonical: 'oldest',
  duplicates: {},
}

export interface CopyReport {
  clinic: string
  url: string | null
  title: string
  publishedAt: string | null
  /** Text similarity to the kept (canonical) copy. */
  similarityToKept: number
  /** Paragraphs this copy had that the kept version does not: candidates for local content. */
  linesNotInKept: string[]
}

export interface ImportReport {
  summary: {
    clinics: number
    itemsRead: number
    networkArticles: number
    localArticles: number
    mergedCopies: number
    clinicInfoPages: number
    skipped: number
    providerDrafts: number
    media: number
    imagesNeedingAltText: number
    redirects: number
    /** Every imported article arrives as a draft that needs medical review before publishing. */
    awaitingReview: number
  }
  mergedGroups: {
    articleKey: string
    title: string
    canonicalClinic: string
    clinics: string[]
    similarity: { min: number; mean: number }
    copies: CopyReport[]
  }[]
  related: {
    a: { clinic: string; url: string | null; title: string }
    b: { clinic: string; url: string | null; title: string }
    similarity: { text: number; title: number }
  }[]
  clinicInfoPages: { clinic: string; url: string | null; title: string; topic: string }[]
  issues: ImportIssue[]
}

/** What `--report <file.json>` writes and what the apply step reads. */
export interface ImportPlan {
  format: 'clinic-import-plan/1'
  options: PlanOptions
  networkArticles: NetworkArticlePlan[]
  localArticles: LocalArticlePlan[]
  providers: PlannedProvider[]
  media: PlannedMedia[]
  redirects: PlannedRedirect[]
  report: ImportReport
}

/** Article HTML to the body's Lexical state (lexical.ts with the real editor config). */
export type BodyConverter = (html: string) => ConvertedBody

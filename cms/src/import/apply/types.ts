/** What applying a plan did, per document kind: the CLI, the job and the admin view report it. */

export type ApplyPhase = 'media' | 'providers' | 'articles' | 'redirects'

export interface ApplyProgress {
  phase: ApplyPhase
  /** Rows of this phase processed so far, and in all. */
  done: number
  total: number
}

export interface ApplyCounts {
  created: number
  updated: number
  unchanged: number
  conflicts: number
  skipped: number
}

export interface ApplyLine {
  kind: 'article' | 'provider' | 'media' | 'redirect'
  key: string
  /** The title, name, URL or old address, for people. */
  label: string
  message: string
}

export interface AwaitingReview {
  id: string | number
  title: string
  owner: 'network' | 'clinic'
  clinics: string[]
}

export interface ApplyResult {
  counts: Record<ApplyPhase, ApplyCounts>
  /** Changed at the source, but edited in the CMS since the last import: left as the editor left it. */
  conflicts: ApplyLine[]
  /** Not written (an image that could not be fetched, an address another redirect already uses). */
  skipped: ApplyLine[]
  /** Every imported article that is still a draft: they pass medical review before publishing. */
  awaitingReview: AwaitingReview[]
}

export class ImportCancelled extends Error {
  constructor() {
    super('The import was cancelled; what it wrote so far stays as drafts, and a re-run resumes.')
    this.name = 'ImportCancelled'
  }
}

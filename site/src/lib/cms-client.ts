/**
 * Typed, read-only REST client for the CMS, used by the site build.
 *
 * Written here rather than with @payloadcms/sdk: the SDK's latest release lags the other
 * @payloadcms packages (3.90.1 vs 3.90.2), and a static build needs what the SDK does not do:
 * paging every list to the end, retries with backoff under load (undici "other side closed"),
 * per-request time-outs, and snapshot checks (counts, duplicate ids, dangling references).
 *
 * Requests are anonymous and never ask for drafts: what the build sees is what the public sees.
 */
import { relationIds, type Id } from '@clinic/shared/ids'
import type { Config } from '@clinic/shared/payload-types'

export type CollectionSlug = keyof Config['collections']
export type GlobalSlug = keyof Config['globals']
export type Doc<C extends CollectionSlug> = Config['collections'][C]

/** The fields a request asks for; `id` always comes back. */
export type FieldList<T> = readonly (keyof T & string)[]

export interface CmsClientOptions {
  /** Base URL of the CMS, e.g. http://localhost:3000 (default: env CMS_URL). */
  baseUrl?: string
  /** Attempts per request, the first included (default 5). */
  attempts?: number
  /** Per-request time-out in ms (default 30 s). */
  timeoutMs?: number
  /** First retry delay in ms; doubles per attempt, with jitter, up to `maxDelayMs` (default 250). */
  baseDelayMs?: number
  maxDelayMs?: number
  /** Pages of a list fetched at once after the first (default 4). */
  pageConcurrency?: number
  /** Docs per page, at most 100 (the CMS's limit for anonymous requests, API_MAX_LIMIT_ANONYMOUS). */
  pageSize?: number
  fetch?: typeof fetch
  /** Called before each retry (for build logs). */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void
}

export interface ListOptions<T> {
  /** Only these fields (`select[field]=true`); all fields when omitted. */
  select?: FieldList<T>
  /** Relationship depth (default 0: ids only). */
  depth?: number
  /** Extra query parameters: `where` clauses in bracket form, e.g. { 'where[_status][equals]': 'published' }. */
  query?: Record<string, string>
  /** Sort field; defaults to `id` so that paging is stable while editors work. */
  sort?: string
}

interface PaginatedResponse<T> {
  docs: T[]
  totalDocs: number
  totalPages: number
  page?: number
  hasNextPage?: boolean
}

/** Thrown when the CMS cannot answer (after retries) or its answer is inconsistent. */
export class CmsError extends Error {
  readonly url: string
  readonly status: number | undefined
  constructor(message: string, url: string, status?: number, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'CmsError'
    this.url = url
    this.status = status
  }
}

/** The pages of a list do not add up (documents were added or removed while it was read). */
export class SnapshotError extends CmsError {
  override name = 'SnapshotError'
}

const RETRYABLE_STATUS = new Set([408, 425, 429, 500, 502, 503, 504])
const MIN_PAGE_SIZE = 10
const MAX_PAGE_SIZE = 100

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** A URL for messages: decoded, with `select[...]` parameters summarised (they make it unreadable). */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url)
    const selected = [...parsed.searchParams.keys()].filter((key) => key.startsWith('select['))
    for (const key of selected) parsed.searchParams.delete(key)
    const query = decodeURIComponent(parsed.searchParams.toString())
    return `${parsed.origin}${parsed.pathname}${query ? `?${query}` : ''}${selected.length ? ` (+${selected.length} select fields)` : ''}`
  } catch {
    return url
  }
}

/** Retry-After as a delay in ms (seconds or an HTTP date), or undefined. */
export function retryAfterMs(header: string | null, now = Date.now()): number | undefined {
  if (!header) return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - now)
}

/** Full-jitter exponential backoff: a random delay up to base * 2^(attempt-1), capped. */
export function backoffMs(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}

/** Runs `work` over `items` with at most `limit` at once, keeping order. */
async function mapLimit<T, R>(
  items: T[],
  limit: number,
  work: (item: T) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  const worker = async () => {
    while (next < items.length) {
      const index = next++
      results[index] = await work(items[index]!)
    }
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
  return results
}

export class CmsClient {
  readonly baseUrl: string
  private readonly options: Required<Omit<CmsClientOptions, 'baseUrl' | 'onRetry'>> &
    Pick<CmsClientOptions, 'onRetry'>
  /** Requests made, for the build summary. */
  requests = 0
  retries = 0

  constructor(options: CmsClientOptions = {}) {
    const base = options.baseUrl ?? process.env.CMS_URL ?? 'http://localhost:3000'
    try {
      new URL(base)
    } catch {
      throw new Error(`CMS_URL is not a URL: "${base}"`)
    }
    this.baseUrl = base.replace(/\/+$/, '')
    this.options = {
      attempts: options.attempts ?? 5,
      timeoutMs: options.timeoutMs ?? 30_000,
      baseDelayMs: options.baseDelayMs ?? 250,
      maxDelayMs: options.maxDelayMs ?? 8_000,
      pageConcurrency: options.pageConcurrency ?? 4,
      pageSize: Math.min(MAX_PAGE_SIZE, Math.max(MIN_PAGE_SIZE, options.pageSize ?? MAX_PAGE_SIZE)),
      fetch: options.fetch ?? globalThis.fetch,
      onRetry: options.onRetry,
    }
  }

  /** Absolute URL for an API path and query. */
  url(path: string, query: Record<string, string | number | undefined> = {}): string {
    const url = new URL(`${this.baseUrl}/api/${path.replace(/^\/+/, '')}`)
    for (const [key, value] of Object.entries(query))
      if (value !== undefined) url.searchParams.set(key, String(value))
    return url.toString()
  }

  /** GET a JSON document, retrying network errors, time-outs, 5xx and 429. */
  async getJson<T>(url: string): Promise<T> {
    const { attempts, timeoutMs, baseDelayMs, maxDelayMs } = this.options
    let lastReason = ''
    let lastStatus: number | undefined
    for (let attempt = 1; attempt <= attempts; attempt++) {
      let retryAfter: number | undefined
      try {
        this.requests++
        const response = await this.options.fetch(url, {
          // A build must read the committed state, never the CMS's short-lived API cache.
          headers: { accept: 'application/json', 'cache-control': 'no-cache' },
          // Never send cookies or credentials: the build reads what anonymous visitors may read.
          credentials: 'omit',
          signal: AbortSignal.timeout(timeoutMs),
        })
        if (response.ok) {
          try {
            return (await response.json()) as T
          } catch (error) {
            // A body cut off mid-stream is a network fault; retry it like one.
            lastReason = `invalid JSON (${(error as Error).message})`
            lastStatus = response.status
          }
        } else {
          lastStatus = response.status
          const body = (await response.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ')
          lastReason = `HTTP ${response.status}${body ? `: ${body}` : ''}`
          if (!RETRYABLE_STATUS.has(response.status)) {
            throw new CmsError(
              `CMS request failed: GET ${describeUrl(url)} answered ${lastReason}`,
              url,
              response.status,
            )
          }
          retryAfter = retryAfterMs(response.headers.get('retry-after'))
        }
      } catch (error) {
        if (error instanceof CmsError) throw error
        const err = error as Error & { cause?: { code?: string; message?: string } }
        lastStatus = undefined
        lastReason =
          err.name === 'TimeoutError'
            ? `timed out after ${timeoutMs} ms`
            : `${err.message}${err.cause?.message ? ` (${err.cause.message})` : ''}`
      }
      if (attempt === attempts) break
      const delayMs = Math.min(
        maxDelayMs * 4,
        retryAfter ?? backoffMs(attempt, baseDelayMs, maxDelayMs),
      )
      this.retries++
      this.options.onRetry?.({ url, attempt, delayMs, reason: lastReason })
      await sleep(delayMs)
    }
    throw new CmsError(
      `CMS request failed after ${attempts} attempts: GET ${describeUrl(url)}${lastStatus ? ` (status ${lastStatus})` : ''}: ${lastReason}`,
      url,
      lastStatus,
    )
  }

  private listQuery<T>(
    options: ListOptions<T>,
    page: number,
  ): Record<string, string | number | undefined> {
    const query: Record<string, string | number | undefined> = {
      limit: this.options.pageSize,
      page,
      depth: options.depth ?? 0,
      sort: options.sort ?? 'id',
      ...options.query,
    }
    for (const field of options.select ?? []) query[`select[${field}]`] = 'true'
    return query
  }

  /** Documents per page of a list. */
  get pageSize(): number {
    return this.options.pageSize
  }

  /**
   * The first page of a list (up to `limit` documents, the page size at most, in `options.sort`
   * order) and how many documents the whole list has.
   */
  async firstPage<C extends CollectionSlug>(
    collection: C,
    options: ListOptions<Doc<C>> = {},
    limit: number = this.options.pageSize,
  ): Promise<PaginatedResponse<Doc<C>>> {
    const query = { ...this.listQuery(options, 1), limit: Math.min(limit, this.options.pageSize) }
    const url = this.url(collection, query)
    const page = await this.getJson<PaginatedResponse<Doc<C>>>(url)
    if (!Array.isArray(page.docs) || typeof page.totalDocs !== 'number') {
      throw new CmsError(
        `CMS answered GET ${describeUrl(url)} with something that is not a paginated list`,
        url,
      )
    }
    return page
  }

  /**
   * Every document of a collection, page by page to the end. Fails when the pages do not add up
   * to the first page's `totalDocs` or repeat an id (the content changed while it was read):
   * retried once as a whole, since a second read usually sees a settled snapshot.
   */
  async findAll<C extends CollectionSlug>(
    collection: C,
    options: ListOptions<Doc<C>> = {},
  ): Promise<Doc<C>[]> {
    try {
      return await this.findAllOnce(collection, options)
    } catch (error) {
      if (!(error instanceof SnapshotError)) throw error
      return this.findAllOnce(collection, options)
    }
  }

  private async findAllOnce<C extends CollectionSlug>(
    collection: C,
    options: ListOptions<Doc<C>>,
  ): Promise<Doc<C>[]> {
    const first = await this.firstPage(collection, options)
    const pages = Array.from({ length: Math.max(0, (first.totalPages ?? 1) - 1) }, (_, i) => i + 2)
    const rest = await mapLimit(pages, this.options.pageConcurrency, (page) =>
      this.getJson<PaginatedResponse<Doc<C>>>(this.url(collection, this.listQuery(options, page))),
    )
    const docs = [first, ...rest].flatMap((response) => response.docs)
    const ids = new Set<string>()
    const unique: Doc<C>[] = []
    for (const doc of docs) {
      const key = String((doc as { id: Id }).id)
      if (ids.has(key)) continue
      ids.add(key)
      unique.push(doc)
    }
    if (unique.length !== first.totalDocs || docs.length !== unique.length) {
      throw new SnapshotError(
        `Inconsistent snapshot of "${collection}": first page said ${first.totalDocs} documents, paging returned ${docs.length} (${unique.length} distinct). Content changed during the build; run it again.`,
        this.url(collection, this.listQuery(options, 1)),
      )
    }
    return unique
  }

  /**
   * Documents by id (chunked `where[id][in]`), for media and other references; `query` adds
   * parameters (a locale, more `where` clauses: an id they exclude is simply not returned).
   */
  async findByIds<C extends CollectionSlug>(
    collection: C,
    ids: Iterable<Id>,
    options: ListOptions<Doc<C>> = {},
  ): Promise<Doc<C>[]> {
    const unique = [...new Set([...ids].map(String))]
    const chunks: string[][] = []
    for (let i = 0; i < unique.length; i += 100) chunks.push(unique.slice(i, i + 100))
    const results = await mapLimit(chunks, this.options.pageConcurrency, (chunk) =>
      this.findAll(collection, {
        ...options,
        query: { ...options.query, 'where[id][in]': chunk.join(',') },
      }),
    )
    return results.flat()
  }

  /** A global (e.g. network-settings). */
  async findGlobal<G extends GlobalSlug>(
    slug: G,
    options: { depth?: number } = {},
  ): Promise<Config['globals'][G]> {
    return this.getJson(this.url(`globals/${slug}`, { depth: options.depth ?? 0 }))
  }
}

export interface MissingReference {
  from: string
  fromId: Id
  field: string
  to: string
  missingId: Id
}

/** A relationship to check: documents of `from` whose `field` must point at existing `to` ids. */
export interface ReferenceRule<T> {
  from: string
  docs: readonly T[]
  field: string
  refs: (doc: T) => unknown
  to: string
  targets: ReadonlySet<string>
}

/** Every reference that points at a document missing from the snapshot. */
export function findMissingReferences<T extends { id: Id }>(
  rules: ReferenceRule<T>[],
): MissingReference[] {
  const missing: MissingReference[] = []
  for (const rule of rules) {
    for (const doc of rule.docs) {
      for (const id of relationIds(rule.refs(doc))) {
        if (!rule.targets.has(String(id)))
          missing.push({
            from: rule.from,
            fromId: doc.id,
            field: rule.field,
            to: rule.to,
            missingId: id,
          })
      }
    }
  }
  return missing
}

/** Throws one Error listing every dangling reference (the snapshot cannot be built safely). */
export function assertNoMissingReferences(missing: MissingReference[]): void {
  if (missing.length === 0) return
  const lines = missing
    .slice(0, 20)
    .map((m) => `  ${m.from} ${m.fromId}: ${m.field} -> ${m.to} ${m.missingId} (not found)`)
  const more = missing.length > 20 ? `\n  ...and ${missing.length - 20} more` : ''
  throw new Error(
    `The CMS snapshot has ${missing.length} reference(s) to missing documents:\n${lines.join('\n')}${more}`,
  )
}

/** Set of string ids, for reference checks. */
export const idSet = (docs: readonly { id: Id }[]): Set<string> =>
  new Set(docs.map((doc) => String(doc.id)))

import fs from 'node:fs/promises'

import { ImportInputError } from '../errors'
import { plainTextOf } from '../extract/dom'
import type { ClinicSource, SourceItem } from '../types'
import { isoDate } from './dates'
import { assertFileSize, DEFAULT_LIMITS, looksLikeText, type ReadLimits } from './limits'

/**
 * WordPress REST API answers: the saved JSON arrays of `/wp-json/wp/v2/posts` and `/pages`
 * (`?_embed` optional: with it, authors, categories, tags and featured images come by name), or
 * the same endpoints read live from a base URL with bounded requests.
 */

interface WpRendered {
  rendered?: string
}
interface WpTerm {
  name?: string
  taxonomy?: string
}
interface WpRestPost {
  id?: number
  date_gmt?: string
  date?: string
  modified_gmt?: string
  modified?: string
  slug?: string
  status?: string
  type?: string
  link?: string
  title?: WpRendered
  content?: WpRendered & { protected?: boolean }
  excerpt?: WpRendered
  _embedded?: {
    author?: { name?: string; slug?: string }[]
    'wp:featuredmedia'?: { source_url?: string; alt_text?: string }[]
    'wp:term'?: WpTerm[][]
  }
}

const isRestPost = (value: unknown): value is WpRestPost =>
  value !== null &&
  typeof value === 'object' &&
  typeof (value as WpRestPost).id === 'number' &&
  typeof (value as WpRestPost).content?.rendered === 'string'

/** Turns a parsed REST answer into source items; throws when it is not one. */
export function restItems(json: unknown, clinic: string, displayPath: string): ClinicSource {
  if (!Array.isArray(json)) {
    const code = (json as { code?: unknown } | null)?.code
    throw new ImportInputError(
      typeof code === 'string'
        ? `${displayPath} is a WordPress error answer ("${code}"), not a list of posts.`
        : `${displayPath} is not a WordPress REST export: expected the JSON array /wp-json/wp/v2/posts or /pages returns.`,
      displayPath,
    )
  }
  const source: ClinicSource = {
    clinic,
    items: [],
    attachments: [],
    authors: [],
    siteUrls: [],
    issues: [],
  }
  json.forEach((post, index) => {
    if (!isRestPost(post)) {
      throw new ImportInputError(
        `${displayPath} is not a WordPress REST export: entry ${index} has no id and content.rendered.`,
        displayPath,
      )
    }
    const embedded = post._embedded
    const terms = (embedded?.['wp:term'] ?? []).flat()
    const media = embedded?.['wp:featuredmedia']?.[0]
    const item: SourceItem = {
      source: {
        clinic,
        kind: 'wp-rest',
        url: post.link ?? null,
        wpId: post.id!,
        file: displayPath,
      },
      type: post.type === 'page' ? 'page' : 'post',
      status: post.status ?? 'publish',
      title: plainTextOf(post.title?.rendered ?? ''),
      slug: post.slug || null,
      excerpt: post.excerpt?.rendered ? plainTextOf(post.excerpt.rendered) : null,
      publishedAt: isoDate(post.date_gmt) ?? isoDate(post.date),
      modifiedAt: isoDate(post.modified_gmt) ?? isoDate(post.modified),
      author: embedded?.author?.[0]?.name ?? null,
      categories: terms.filter((t) => t.taxonomy === 'category').flatMap((t) => t.name ?? []),
      tags: terms.filter((t) => t.taxonomy === 'post_tag').flatMap((t) => t.name ?? []),
      format: 'fragment',
      content: post.content!.protected ? '' : post.content!.rendered!,
      featuredImage: media?.source_url
        ? { url: media.source_url, alt: media.alt_text || null }
        : null,
    }
    source.items.push(item)
  })
  return source
}

export async function readWpRestFile(
  file: string,
  clinic: string,
  displayPath: string,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<ClinicSource> {
  await assertFileSize(file, limits.maxFileBytes, 'Save the posts in several pages (?page=2 ...).')
  if (!(await looksLikeText(file))) {
    throw new ImportInputError(`${displayPath} is a binary file, not JSON.`, displayPath)
  }
  let json: unknown
  try {
    json = JSON.parse(await fs.readFile(file, 'utf8'))
  } catch (error) {
    throw new ImportInputError(
      `${displayPath} is not valid JSON: ${(error as Error).message}.`,
      displayPath,
    )
  }
  return restItems(json, clinic, displayPath)
}

export interface LiveFetchOptions {
  /** Per-request timeout. */
  timeoutMs?: number
  /** Most list pages read per endpoint (100 posts each). */
  maxPages?: number
  limits?: ReadLimits
}

/**
 * Reads `/wp-json/wp/v2/posts` and `/pages` (published only: the public API shows nothing else)
 * page by page from a live site. For the operator's CLI only: the admin view takes uploaded files,
 * so no editor can make the server fetch an address of their choosing.
 */
export async function fetchWpRest(
  baseUrl: string,
  clinic: string,
  { timeoutMs = 15_000, maxPages = 50, limits = DEFAULT_LIMITS }: LiveFetchOptions = {},
): Promise<ClinicSource> {
  let base: URL
  try {
    base = new URL(baseUrl)
  } catch {
    throw new ImportInputError(`${baseUrl} is not a URL.`, baseUrl)
  }
  if (base.protocol !== 'http:' && base.protocol !== 'https:') {
    throw new ImportInputError(`${baseUrl}: only http and https sites can be read.`, baseUrl)
  }
  const merged: ClinicSource = {
    clinic,
    items: [],
    attachments: [],
    authors: [],
    siteUrls: [base.origin],
    issues: [],
  }
  for (const endpoint of ['posts', 'pages']) {
    for (let page = 1; page <= maxPages; page++) {
      const url = new URL(`wp-json/wp/v2/${endpoint}`, base.href.endsWith('/') ? base : `${base}/`)
      url.search = new URLSearchParams({
        per_page: '100',
        page: String(page),
        _embed: '1',
      }).toString()
      const json = await fetchJson(url, timeoutMs, limits.maxFileBytes)
      // WordPress answers 400 rest_post_invalid_page_number past the last page.
      if (json === undefined) break
      const part = restItems(json, clinic, url.href)
      merged.items.push(...part.items)
      if (part.items.length < 100) break
    }
  }
  return merged
}

async function fetchJson(url: URL, timeoutMs: number, maxBytes: number): Promise<unknown> {
  let response: Response
  try {
    response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      redirect: 'follow',
      headers: { accept: 'application/json' },
    })
  } catch (error) {
    throw new ImportInputError(
      `Could not read ${url.href}: ${(error as Error).message}. Save the JSON by hand and pass the file instead.`,
      url.href,
    )
  }
  if (response.status === 400 && url.searchParams.get('page') !== '1') return undefined
  if (!response.ok) {
    throw new ImportInputError(`${url.href} answered ${response.status}.`, url.href)
  }
  const chunks: Uint8Array[] = []
  let size = 0
  const reader = response.body?.getReader()
  for (let next = await reader?.read(); reader && next && !next.done; next = await reader.read()) {
    const chunk = next.value
    size += chunk.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      throw new ImportInputError(`${url.href} sent more than ${maxBytes} bytes.`, url.href, 413)
    }
    chunks.push(chunk)
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new ImportInputError(`${url.href} did not answer JSON.`, url.href)
  }
}

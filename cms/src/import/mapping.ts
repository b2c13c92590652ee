import { slugify } from '@clinic/shared/slug'

import type { ClinicSource, SourceImage } from './types'

/**
 * Name matching between an old site and the network: WordPress authors to providers, categories
 * and tags to conditions, images to Media. Matching is by name, forgiving about case, titles
 * ("Dr."), credentials ("MD") and abbreviations in parentheses ("Post-traumatic stress disorder
 * (PTSD)" matches "PTSD" and the long name).
 */

type Id = string | number

export interface NetworkProvider {
  id: Id
  name: string
}
export interface NetworkCondition {
  id: Id
  name: string
  slug: string
}

const GENERIC_AUTHORS =
  /^(admin|administrator|editor|webmaster|staff|marketing|wordpress|author|team|seo|office)\d*$/i
const CREDENTIALS =
  /,.*$|\b(md|do|phd|np|pa|rn|crna|pmhnp|fnp|msn|facep|fasa|dfapa)(-[a-z]+)?\b\.?/gi

export function personKey(name: string): string {
  return name
    .toLowerCase()
    .replace(CREDENTIALS, ' ')
    .replace(/\b(dr|doctor|mr|mrs|ms|mx)\.?\s/g, ' ')
    .replace(/\b[a-z]\.\s/g, ' ')
    .replace(/[^\p{L}\s'-]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim()
}

/** The author's display name (a WXR `dc:creator` is a login), or null for no person. */
export function authorName(source: ClinicSource, creator: string | null): string | null {
  if (!creator?.trim()) return null
  const author = source.authors.find((a) => a.login === creator)
  const name = (author?.displayName || creator).trim()
  if (GENERIC_AUTHORS.test(name.replace(/\s+/g, '')) || !/\s/.test(personKey(name))) return null
  return name
}

export function matchProvider(name: string, providers: NetworkProvider[]): NetworkProvider | null {
  const key = personKey(name)
  return providers.find((provider) => personKey(provider.name) === key) ?? null
}

export const providerDraftKey = (name: string) => `provider:${slugify(personKey(name))}`

function conditionKeys(condition: NetworkCondition): string[] {
  const keys = [condition.name, condition.slug.replace(/-/g, ' ')]
  const abbreviation = /\(([^)]+)\)/.exec(condition.name)
  if (abbreviation) {
    keys.push(abbreviation[1]!, condition.name.replace(/\s*\([^)]*\)/, ''))
  }
  return keys.map(termKey)
}

const termKey = (term: string) =>
  term
    .toLowerCase()
    .replace(/&amp;/g, '&')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .replace(/\b(disorders?|syndrome)\b/g, (word) => word.replace(/s$/, ''))
    .trim()

export function matchCondition(
  term: string,
  conditions: NetworkCondition[],
): NetworkCondition | null {
  const key = termKey(term)
  if (!key) return null
  return conditions.find((condition) => conditionKeys(condition).includes(key)) ?? null
}

/** One image's identity across posts and clinics: its URL without WordPress's size suffix. */
export function imageKey(url: string): string {
  return url.replace(/-\d+x\d+(\.[a-z0-9]+)$/i, '$1').replace(/[?#].*$/, '')
}

/** Alt text from the page, else from the WordPress attachment that holds the same file. */
export function altTextOf(image: SourceImage, source: ClinicSource): string | null {
  const fromPage = image.alt?.trim()
  if (fromPage && fromPage.length >= 3) return fromPage
  const key = imageKey(image.url)
  const attachment = source.attachments.find((a) => imageKey(a.fileUrl) === key)
  const fromExport = attachment?.alt?.trim()
  return fromExport && fromExport.length >= 3 ? fromExport : null
}

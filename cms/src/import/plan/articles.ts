import { MAX_SLUG_LENGTH, slugify, slugProblem, normalizeSlug } from '@clinic/shared/slug'

import { jaccard } from '../duplicates/normalize'
import type { ExtractedArticle, ImportIssue } from '../types'

/** Field-level helpers for planned articles: slugs, excerpts, titles, differing lines. */

const MAX_TITLE = 160
const MAX_EXCERPT = 300

export function truncate(text: string, max: number): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  const space = cut.lastIndexOf(' ')
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:.-]+$/, '')}…`
}

export const titleOf = (article: ExtractedArticle) =>
  truncate(article.title || article.text.split('\n')[0] || 'Untitled', MAX_TITLE)

/** The source's excerpt, else the article's first paragraph (the collection requires one). */
export function excerptOf(article: ExtractedArticle): string {
  const fromSource = article.item.excerpt?.trim()
  if (fromSource) return truncate(fromSource, MAX_EXCERPT)
  const first = article.text.split('\n').find((line) => line.split(' ').length >= 8)
  return truncate(first ?? article.text.split('\n')[0] ?? titleOf(article), MAX_EXCERPT)
}

/**
 * Slugs unique across the plan and the network: the old slug when it is a valid one (so paths
 * stay recognisable), else one made from the title; a clash gets the clinic's slug, then a number.
 */
export function slugAssigner(taken: Iterable<string>, issues: ImportIssue[]) {
  const used = new Set(taken)
  return (article: ExtractedArticle, clinicSuffix: string | null): string => {
    const original = article.item.slug ? normalizeSlug(decodeSafely(article.item.slug)) : ''
    let base = original && slugProblem(original) === null ? original : slugify(titleOf(article))
    if (!base) base = 'article'
    let slug = base
    if (used.has(slug) && clinicSuffix) slug = fit(base, `-${clinicSuffix}`)
    for (let n = 2; used.has(slug); n++) slug = fit(base, `-${n}`)
    used.add(slug)
    if (original && slug !== original) {
      issues.push({
        clinic: article.item.source.clinic,
        code: 'slug-changed',
        where: article.item.source.url ?? article.item.source.file,
        message: `Slug "${original}" became "${slug}" (${slugProblem(original) ?? 'already in use'}).`,
      })
    }
    return slug
  }
}

const fit = (base: string, suffix: string) =>
  `${base.slice(0, MAX_SLUG_LENGTH - suffix.length).replace(/-+$/, '')}${suffix}`

function decodeSafely(slug: string): string {
  try {
    return decodeURIComponent(slug)
  } catch {
    return slug
  }
}

/**
 * Paragraphs of a copy with no close match (word overlap under 0.6) in the kept version: what
 * that clinic had added or rewritten.
 */
export function linesNotIn(
  copy: string,
  kept: string,
  words: (text: string) => string[],
): string[] {
  const keptLines = kept.split('\n').map((line) => new Set(words(line)))
  return copy.split('\n').filter((line) => {
    const lineWords = new Set(words(line))
    if (lineWords.size === 0) return false
    return !keptLines.some((keptLine) => jaccard(lineWords, keptLine) >= 0.6)
  })
}

import type { ExtractedArticle, ImportIssue, SourceItem } from '../types'
import { autop, cleanArticleHtml } from './blocks'
import { stripShortcodes } from './chrome'
import { plainTextOf } from './dom'
import { type PagePart, readSavedPage } from './page'
import { readTextPage } from './text'

/**
 * From a source item to its article(s): post bodies are cleaned as they are; saved pages go
 * through Readability first; text files through the line rules. One item may give two articles
 * (a page showing two posts).
 */

export interface ExtractOptions {
  /** Names the clinic's old site used (network name, old site titles). */
  clinicNames: string[]
}

export interface Extraction {
  articles: ExtractedArticle[]
  issues: ImportIssue[]
}

export function keyOf(item: SourceItem, part = 0): string {
  const { clinic, wpId, url, file } = item.source
  const base = wpId !== null ? `wp:${wpId}` : url ? `url:${url}` : `file:${file}`
  return `${clinic}|${base}${part > 0 ? `#${part + 1}` : ''}`
}

export function extractItem(item: SourceItem, options: ExtractOptions): Extraction {
  const where = item.source.url ?? item.source.file
  const issues: ImportIssue[] = []
  let parts: PagePart[]
  const clinicNames = [...options.clinicNames]
  if (item.format === 'fragment') {
    parts = [{ title: item.title, html: autop(stripShortcodes(item.content)), publishedAt: null }]
  } else if (item.format === 'page') {
    const page = readSavedPage(item.content, item.source.url)
    if (page.siteName) clinicNames.push(page.siteName)
    parts = page.parts
  } else {
    parts = readTextPage(item.content, item.format === 'markdown', { clinicNames })
  }

  const articles: ExtractedArticle[] = []
  let hostile = 0
  parts.forEach((part, index) => {
    const title = plainTextOf(part.title) || item.title
    const clean = cleanArticleHtml(part.html, { title, clinicNames })
    hostile += clean.hostile
    if (clean.text.trim() === '') {
      issues.push({
        clinic: item.source.clinic,
        code: 'skipped-empty',
        where,
        message: `"${title || '(untitled)'}" has no article text once the site's chrome is removed.`,
      })
      return
    }
    articles.push({
      key: keyOf(item, index),
      item: {
        ...item,
        // A page holding several posts has one address: each post's slug comes from its title.
        slug: parts.length > 1 ? null : item.slug,
        publishedAt: index === 0 ? (item.publishedAt ?? part.publishedAt) : part.publishedAt,
      },
      title,
      html: clean.html,
      text: clean.text,
      images: clean.images,
    })
  })
  if (hostile > 0) {
    issues.push({
      clinic: item.source.clinic,
      code: 'unsafe-content-removed',
      where,
      message: `Removed ${hostile} script(s), frame(s), event handler(s) or unsafe link(s).`,
    })
  }
  return { articles, issues }
}

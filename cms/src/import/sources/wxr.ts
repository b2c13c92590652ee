import fs from 'node:fs'

import { SaxesParser } from 'saxes'

import { ImportInputError } from '../errors'
import type {
  ClinicSource,
  ImportIssue,
  SourceAttachment,
  SourceAuthor,
  SourceItem,
} from '../types'
import { assertFileSize, DEFAULT_LIMITS, looksLikeText, type ReadLimits } from './limits'
import { isoDate } from './dates'

/**
 * Reads a WordPress export (WXR, Tools -> Export) as a stream with saxes, the well-formedness
 * checking XML parser jsdom itself uses: memory grows with the posts kept, not with the file, and
 * comments (visitors' names and e-mails) are never kept at all. saxes expands no external entities
 * and reads no DTD, so an export cannot make the importer fetch or expand anything.
 *
 * Elements are matched by their conventional prefixes (`wp:`, `content:`, `dc:`): WordPress has
 * written them the same way since WXR 1.0.
 */

interface RawItem {
  fields: Map<string, string>
  terms: { domain: string; name: string }[]
  meta: Map<string, string>
  tooLarge: boolean
}

const ITEM_FIELDS = new Set([
  'title',
  'link',
  'pubDate',
  'dc:creator',
  'content:encoded',
  'excerpt:encoded',
  'wp:post_id',
  'wp:post_date',
  'wp:post_date_gmt',
  'wp:post_modified',
  'wp:post_modified_gmt',
  'wp:post_name',
  'wp:status',
  'wp:post_parent',
  'wp:post_type',
  'wp:attachment_url',
])
const AUTHOR_FIELDS = new Set(['wp:author_login', 'wp:author_display_name'])

export async function readWxr(
  file: string,
  clinic: string,
  displayPath: string,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<ClinicSource> {
  await assertFileSize(
    file,
    limits.maxFileBytes,
    'Split the export in WordPress (Tools -> Export, by date range or content type) and pass each part.',
  )
  if (!(await looksLikeText(file))) {
    throw new ImportInputError(
      `${displayPath} is not a WordPress export: it is a binary file, not XML.`,
      displayPath,
    )
  }

  const items: RawItem[] = []
  const authors: SourceAuthor[] = []
  const siteUrls: string[] = []
  let root: string | null = null
  let isWxr = false
  const stack: string[] = []
  let item: RawItem | null = null
  let author: Map<string, string> | null = null
  let metaKey = ''
  let metaValue = ''
  let termDomain = ''
  let text = ''
  let capturing = false

  const parser = new SaxesParser({ fileName: displayPath })
  parser.on('opentag', (tag) => {
    const name = tag.name
    if (root === null) root = name
    const parent = stack[stack.length - 1]
    stack.push(name)
    if (name === 'item' && parent === 'channel') {
      item = { fields: new Map(), terms: [], meta: new Map(), tooLarge: false }
    } else if (name === 'wp:author' && parent === 'channel') {
      author = new Map()
    } else if (name === 'wp:wxr_version') {
      isWxr = true
    }
    if (name === 'category' && parent === 'item') termDomain = String(tag.attributes.domain ?? '')
    text = ''
    // Text is kept only for the elements read below; everything else (comments included) is skipped.
    capturing =
      (item !== null && parent === 'item' && (ITEM_FIELDS.has(name) || name === 'category')) ||
      (item !== null && parent === 'wp:postmeta') ||
      (author !== null && parent === 'wp:author' && AUTHOR_FIELDS.has(name)) ||
      (parent === 'channel' && (name === 'link' || name === 'wp:base_blog_url'))
  })
  const onText = (chunk: string) => {
    if (!capturing) return
    if (text.length + chunk.length > limits.maxItemChars) {
      if (item) item.tooLarge = true
      return
    }
    text += chunk
  }
  parser.on('text', onText)
  parser.on('cdata', onText)
  parser.on('closetag', (tag) => {
    const name = tag.name
    stack.pop()
    const parent = stack[stack.length - 1]
    if (item && parent === 'item') {
      if (name === 'category') item.terms.push({ domain: termDomain, name: text.trim() })
      else if (name === 'wp:postmeta') item.meta.set(metaKey, metaValue)
      else if (ITEM_FIELDS.has(name)) item.fields.set(name, text)
    } else if (item && parent === 'wp:postmeta') {
      if (name === 'wp:meta_key') metaKey = text.trim()
      if (name === 'wp:meta_value') metaValue = text.trim()
    } else if (author && parent === 'wp:author') {
      author.set(name, text.trim())
    } else if (parent === 'channel' && (name === 'link' || name === 'wp:base_blog_url')) {
      if (text.trim()) siteUrls.push(text.trim())
    }
    if (name === 'item' && item && parent === 'channel') {
      items.push(item)
      item = null
    } else if (name === 'wp:author' && author && parent === 'channel') {
      const login = author.get('wp:author_login') ?? ''
      authors.push({ login, displayName: author.get('wp:author_display_name') || login })
      author = null
    }
    capturing = false
    text = ''
  })

  try {
    for await (const chunk of fs.createReadStream(file, {
      encoding: 'utf8',
      highWaterMark: 1 << 20,
    })) {
      parser.write(chunk as string)
      if (root !== null && root !== 'rss') break
    }
    if (root === null || root === 'rss') parser.close()
  } catch (error) {
    throw new ImportInputError(
      `${displayPath} is not well-formed XML: ${(error as Error).message}. Export the site again (Tools -> Export) and pass the file unchanged.`,
      displayPath,
    )
  }
  if (root !== 'rss' || !isWxr) {
    throw new ImportInputError(
      root === 'rss'
        ? `${displayPath} is an RSS feed, not a WordPress export (no wp:wxr_version): use Tools -> Export -> All content.`
        : `${displayPath} is not a WordPress export (WXR): its root element is <${root ?? 'none'}>, not <rss>.`,
      displayPath,
    )
  }
  return toClinicSource(items, authors, siteUrls, clinic, displayPath)
}

function toClinicSource(
  raw: RawItem[],
  authors: SourceAuthor[],
  siteUrls: string[],
  clinic: string,
  file: string,
): ClinicSource {
  const items: SourceItem[] = []
  const attachments: SourceAttachment[] = []
  const issues: ImportIssue[] = []
  const attachmentById = new Map<number, SourceAttachment>()
  const thumbnails = new Map<SourceItem, number>()

  for (const entry of raw) {
    const field = (name: string) => entry.fields.get(name)?.trim() ?? ''
    const wpId = Number.parseInt(field('wp:post_id'), 10)
    const type = field('wp:post_type')
    const url = field('link') || null
    if (type === 'attachment') {
      const fileUrl = field('wp:attachment_url')
      if (!fileUrl || !Number.isFinite(wpId)) continue
      const attachment: SourceAttachment = {
        clinic,
        wpId,
        fileUrl,
        pageUrl: url,
        alt: entry.meta.get('_wp_attachment_image_alt') || null,
        parentWpId: Number.parseInt(field('wp:post_parent'), 10) || null,
      }
      attachments.push(attachment)
      attachmentById.set(wpId, attachment)
      continue
    }
    // Menus, revisions, custom CSS, forms and page-builder templates are not content.
    if (type !== 'post' && type !== 'page') continue
    const where = url ?? `${file}#${wpId}`
    if (entry.tooLarge) {
      issues.push({
        clinic,
        code: 'skipped-too-large',
        where,
        message: `"${field('title')}" has a field over the per-post limit; it was not imported.`,
      })
      continue
    }
    items.push({
      source: { clinic, kind: 'wxr', url, wpId: Number.isFinite(wpId) ? wpId : null, file },
      type,
      status: field('wp:status') || 'publish',
      title: field('title'),
      slug: field('wp:post_name') || null,
      excerpt: field('excerpt:encoded') || null,
      publishedAt: isoDate(field('wp:post_date_gmt')) ?? isoDate(field('pubDate')),
      modifiedAt: isoDate(field('wp:post_modified_gmt')) ?? isoDate(field('wp:post_modified')),
      author: field('dc:creator') || null,
      categories: entry.terms.filter((t) => t.domain === 'category').map((t) => t.name),
      tags: entry.terms.filter((t) => t.domain === 'post_tag').map((t) => t.name),
      format: 'fragment',
      content: entry.fields.get('content:encoded') ?? '',
      featuredImage: null,
    })
    const thumbnail = Number.parseInt(entry.meta.get('_thumbnail_id') ?? '', 10)
    if (Number.isFinite(thumbnail)) thumbnails.set(items[items.length - 1]!, thumbnail)
  }
  // Featured images name an attachment that may come later in the file.
  for (const [item, id] of thumbnails) {
    const attachment = attachmentById.get(id)
    if (attachment) item.featuredImage = { url: attachment.fileUrl, alt: attachment.alt }
  }
  return { clinic, items, attachments, authors, siteUrls, issues }
}

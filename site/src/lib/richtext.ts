/**
 * Lexical rich text (as stored by Payload) to safe HTML, for the static sites.
 *
 * Written by hand instead of `convertLexicalToHTML` from '@payloadcms/richtext-lexical/html':
 * that module imports `payload/shared` (the CMS runtime) and the package peers on payload,
 * @payloadcms/next, react and react-dom, which the site must not depend on. It also keeps unsafe
 * links as `href="#"` (we render them as plain text), lets headings reach h1 (one h1 per page),
 * and renders uploads as bare <img> (the site needs Astro's image pipeline). The node types
 * below are the ones the CMS editor allows: paragraph, heading, list/listitem, quote,
 * link/autolink, text (with formats), linebreak, tab, horizontalrule and upload.
 */
import { isSafeHref } from '@clinic/shared/url'

export interface LexicalNode {
  type?: string
  children?: LexicalNode[]
  text?: string
  format?: number | string
  tag?: string
  listType?: string
  checked?: boolean
  start?: number
  url?: string
  fields?: {
    url?: string
    newTab?: boolean
    linkType?: string
    doc?: { relationTo?: string; value?: unknown } | null
  } & Record<string, unknown>
  relationTo?: string
  value?: unknown
  [key: string]: unknown
}

export interface LexicalDocument {
  root: LexicalNode
  [key: string]: unknown
}

export interface InternalLink {
  relationTo: string
  value: unknown
}

export interface RichTextOptions {
  /** Lowest heading level the content may use (e.g. 2 under a page's h1; 4 under an h3). */
  minHeading?: 1 | 2 | 3 | 4 | 5 | 6
  /** Root-relative or absolute URL of a linked CMS document, or undefined when it has no page. */
  resolveLink?: (doc: InternalLink) => string | undefined
  /** HTML for an upload node (trusted: the caller escapes). Missing: uploads are left out. */
  renderUpload?: (node: LexicalNode) => string
}

// Lexical's text format bit flags.
const IS_BOLD = 1
const IS_ITALIC = 1 << 1
const IS_STRIKETHROUGH = 1 << 2
const IS_UNDERLINE = 1 << 3
const IS_CODE = 1 << 4
const IS_SUBSCRIPT = 1 << 5
const IS_SUPERSCRIPT = 1 << 6

const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
}

/** Escapes text for HTML content and double- or single-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ESCAPES[char]!)
}

const ALIGN = new Set(['left', 'center', 'right', 'justify', 'start', 'end'])

function alignClass(node: LexicalNode): string {
  return typeof node.format === 'string' &&
    ALIGN.has(node.format) &&
    node.format !== 'left' &&
    node.format !== 'start'
    ? ` class="align-${node.format}"`
    : ''
}

function renderText(node: LexicalNode): string {
  let html = escapeHtml(node.text ?? '')
  const format = typeof node.format === 'number' ? node.format : 0
  if (format & IS_CODE) html = `<code>${html}</code>`
  if (format & IS_BOLD) html = `<strong>${html}</strong>`
  if (format & IS_ITALIC) html = `<em>${html}</em>`
  if (format & IS_STRIKETHROUGH) html = `<s>${html}</s>`
  if (format & IS_UNDERLINE) html = `<u>${html}</u>`
  if (format & IS_SUBSCRIPT) html = `<sub>${html}</sub>`
  if (format & IS_SUPERSCRIPT) html = `<sup>${html}</sup>`
  return html
}

function linkTarget(node: LexicalNode, options: RichTextOptions): string | undefined {
  const fields = node.fields ?? {}
  if (fields.linkType === 'internal') {
    const doc = fields.doc
    if (!doc?.relationTo || doc.value === undefined || doc.value === null) return undefined
    const href = options.resolveLink?.({ relationTo: doc.relationTo, value: doc.value })
    return href && isSafeHref(href) ? href : undefined
  }
  const url = typeof fields.url === 'string' ? fields.url : node.url
  return isSafeHref(url) ? url!.trim() : undefined
}

function renderChildren(node: LexicalNode, options: RichTextOptions): string {
  return (node.children ?? []).map((child) => renderNode(child, options)).join('')
}

function renderList(node: LexicalNode, options: RichTextOptions): string {
  const ordered = node.listType === 'number' || node.tag === 'ol'
  const tag = ordered ? 'ol' : 'ul'
  const start =
    ordered && typeof node.start === 'number' && node.start > 1
      ? ` start="${Math.floor(node.start)}"`
      : ''
  const check = node.listType === 'check' ? ' class="checklist"' : ''
  return `<${tag}${start}${check}>${renderChildren(node, options)}</${tag}>`
}

function renderListItem(node: LexicalNode, options: RichTextOptions): string {
  const children = node.children ?? []
  // Lexical nests a sub-list as the only child of its own list item; join it to the item before.
  if (children.length > 0 && children.every((child) => child.type === 'list')) {
    return `<li class="nested">${renderChildren(node, options)}</li>`
  }
  const checked =
    typeof node.checked === 'boolean'
      ? `<span class="sr-only">${node.checked ? 'Done: ' : 'To do: '}</span>`
      : ''
  return `<li>${checked}${renderChildren(node, options)}</li>`
}

export function renderNode(node: LexicalNode, options: RichTextOptions): string {
  switch (node.type) {
    case 'text':
      return renderText(node)
    case 'linebreak':
      return '<br>'
    case 'tab':
      return ' '
    case 'paragraph': {
      const inner = renderChildren(node, options)
      return inner.trim() === '' ? '' : `<p${alignClass(node)}>${inner}</p>`
    }
    case 'heading': {
      const level = Number(/^h([1-6])$/.exec(String(node.tag))?.[1] ?? 2)
      const clamped = Math.min(6, Math.max(options.minHeading ?? 2, level))
      const inner = renderChildren(node, options)
      return inner.trim() === '' ? '' : `<h${clamped}${alignClass(node)}>${inner}</h${clamped}>`
    }
    case 'quote':
      return `<blockquote>${renderChildren(node, options)}</blockquote>`
    case 'list':
      return renderList(node, options)
    case 'listitem':
      return renderListItem(node, options)
    case 'horizontalrule':
      return '<hr>'
    case 'link':
    case 'autolink': {
      const inner = renderChildren(node, options)
      const href = linkTarget(node, options)
      // Unsafe or unresolvable targets keep their words and lose the link.
      if (!href) return inner
      const newTab = node.fields?.newTab === true
      const external = /^https?:/i.test(href)
      const attributes = newTab
        ? ' target="_blank" rel="noopener noreferrer"'
        : external
          ? ' rel="noopener"'
          : ''
      const hint = newTab ? '<span class="sr-only"> (opens in a new tab)</span>' : ''
      return `<a href="${escapeHtml(href)}"${attributes}>${inner}${hint}</a>`
    }
    case 'upload':
      return options.renderUpload?.(node) ?? ''
    default:
      // Unknown element nodes keep their text; unknown leaves render nothing.
      return renderChildren(node, options)
  }
}

/** Safe HTML for a Lexical document (empty string for empty or missing content). */
export function richTextToHtml(
  data: LexicalDocument | null | undefined,
  options: RichTextOptions = {},
): string {
  if (!data?.root || !Array.isArray(data.root.children)) return ''
  return data.root.children.map((node) => renderNode(node, options)).join('')
}

const BLOCKS = new Set(['paragraph', 'heading', 'quote', 'listitem', 'list'])

/** Plain text of a Lexical document: for meta descriptions, JSON-LD answers and RSS. */
export function richTextToPlainText(data: LexicalDocument | null | undefined): string {
  const walk = (node: LexicalNode): string => {
    if (node.type === 'text') return node.text ?? ''
    if (node.type === 'linebreak') return '\n'
    if (node.type === 'tab') return ' '
    const inner = (node.children ?? []).map(walk).join('')
    return BLOCKS.has(node.type ?? '') ? `${inner}\n` : inner
  }
  if (!data?.root) return ''
  return walk(data.root)
    .replace(/[ \t]+/g, ' ')
    .replace(/\s*\n\s*/g, '\n')
    .trim()
}

/** Every upload node's value (id or populated doc), for fetching the media a page needs. */
export function uploadsIn(data: LexicalDocument | null | undefined): LexicalNode[] {
  const found: LexicalNode[] = []
  const walk = (node: LexicalNode) => {
    if (node.type === 'upload') found.push(node)
    for (const child of node.children ?? []) walk(child)
  }
  if (data?.root) walk(data.root)
  return found
}

/** Every internal link target in a document (for reference checks). */
export function internalLinksIn(data: LexicalDocument | null | undefined): InternalLink[] {
  const found: InternalLink[] = []
  const walk = (node: LexicalNode) => {
    const doc = node.fields?.doc
    if (
      (node.type === 'link' || node.type === 'autolink') &&
      node.fields?.linkType === 'internal' &&
      doc?.relationTo
    ) {
      found.push({ relationTo: doc.relationTo, value: doc.value })
    }
    for (const child of node.children ?? []) walk(child)
  }
  if (data?.root) walk(data.root)
  return found
}

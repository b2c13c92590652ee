import createDOMPurify from 'dompurify'
import { JSDOM } from 'jsdom'

import { isSafeHref } from '@clinic/shared/url'

/**
 * jsdom and DOMPurify set up once. jsdom never runs a page's scripts unless asked (we never ask)
 * and loads no subresources; DOMPurify then keeps only the elements and attributes an article
 * body needs, so script, inline event handlers, styles and iframes cannot reach the CMS.
 */

const purifierWindow = new JSDOM('').window
const purify = createDOMPurify(purifierWindow as unknown as Parameters<typeof createDOMPurify>[0])

const ALLOWED_TAGS = [
  'p',
  'br',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'a',
  'strong',
  'b',
  'em',
  'i',
  'u',
  's',
  'sub',
  'sup',
  'code',
  'blockquote',
  'img',
  'figure',
  'figcaption',
  'div',
  'section',
  'article',
  'span',
  'table',
  'tbody',
  'tr',
  'td',
  'th',
]
const ALLOWED_ATTR = ['href', 'src', 'alt', 'title']

// Counted per sanitize() call for the report: what a hostile or careless page tried to bring in.
let hostileCount = 0
const HOSTILE_TAGS = new Set(['script', 'iframe', 'object', 'embed', 'frame', 'frameset', 'base'])

purify.addHook('uponSanitizeElement', (_node, data) => {
  if (HOSTILE_TAGS.has(data.tagName)) hostileCount++
})
// Links must pass the same rule the CMS applies on save (shared/src/url.ts), not DOMPurify's own.
purify.addHook('uponSanitizeAttribute', (_node, data) => {
  if (/^on/i.test(data.attrName)) hostileCount++
  if (data.attrName === 'href' && !isSafeHref(data.attrValue)) {
    hostileCount++
    data.keepAttr = false
  }
  if (data.attrName === 'src' && !/^https?:\/\//i.test(data.attrValue)) data.keepAttr = false
})

/**
 * Allow-listed HTML. Unsafe links lose their href (the caller unwraps them); `hostile` counts
 * scripts, frames, event handlers and unsafe links removed.
 */
export function sanitizeHtml(html: string): { html: string; hostile: number } {
  hostileCount = 0
  const clean = purify.sanitize(html, {
    ALLOWED_TAGS,
    ALLOWED_ATTR,
    ALLOW_DATA_ATTR: false,
    ALLOW_ARIA_ATTR: false,
    KEEP_CONTENT: true,
    FORBID_TAGS: ['style', 'script', 'noscript', 'template', 'svg', 'math', 'form', 'button'],
  })
  return { html: clean, hostile: hostileCount }
}

/** Visible text of an HTML fragment (entities decoded), whitespace collapsed. */
export function plainTextOf(html: string): string {
  if (!/[<&]/.test(html)) return html.replace(/\s+/g, ' ').trim()
  return (JSDOM.fragment(html).textContent ?? '').replace(/\s+/g, ' ').trim()
}

/**
 * A document for one page, parsed by the one shared window's DOMParser: a JSDOM window per page
 * costs far more memory and time (1,500 pages: about 2 GB) and none of its window is needed.
 * A <base> makes relative links and images resolve against the page's old address.
 */
export function parsePage(html: string, url?: string | null): Document {
  const document = new purifierWindow.DOMParser().parseFromString(html, 'text/html')
  if (url && /^https?:/i.test(url) && !document.querySelector('base[href]')) {
    const base = document.createElement('base')
    base.setAttribute('href', url)
    document.head.prepend(base)
  }
  return document
}

/**
 * What Payload's convertHTMLToLexical asks for (`new JSDOM(html).window.document`), on the shared
 * window's DOMParser for the same reason as parsePage.
 */
export class SharedWindowDom {
  readonly window: { document: Document }
  constructor(html: string) {
    this.window = { document: new purifierWindow.DOMParser().parseFromString(html, 'text/html') }
  }
}

export { JSDOM }

import { type ChromeContext, isAboutClinicHeading, isChromeLine } from './chrome'
import { JSDOM, sanitizeHtml } from './dom'

/**
 * The second half of extraction, shared by post bodies and saved pages: sanitise, then walk the
 * blocks and drop the chrome rules' lines, so the article that reaches Lexical is the article.
 */

const BLOCKS = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption'
const HEADING = /^H[1-6]$/
const BLOCK_TAG = '<\\/?(?:ul|ol|li|p|h[1-6]|blockquote|figure|figcaption)\\b[^>]*>'
const BETWEEN_BLOCKS = new RegExp(`(${BLOCK_TAG})\\s+(?=${BLOCK_TAG})`, 'gi')
const BLOCK_CHILD = /^(P|H[1-6]|UL|OL|LI|BLOCKQUOTE|FIGURE|DIV|SECTION|ARTICLE|TABLE)$/

export interface CleanArticle {
  html: string
  text: string
  images: { url: string; alt: string | null }[]
  hostile: number
}

const BLOCK_START = /^<(p|h[1-6]|ul|ol|li|div|blockquote|figure|table|section|article|hr|!--)[\s>]/i

/** WordPress stores post bodies without <p>: blank lines separate paragraphs (its wpautop). */
export function autop(html: string): string {
  if (!/\n\s*\n/.test(html)) return html
  return html
    .split(/\n\s*\n/)
    .map((chunk) => chunk.trim())
    .filter(Boolean)
    .map((chunk) => (BLOCK_START.test(chunk) ? chunk : `<p>${chunk.replace(/\n/g, '<br>')}</p>`))
    .join('\n')
}

export function cleanArticleHtml(html: string, context: ChromeContext): CleanArticle {
  const { html: safe, hostile } = sanitizeHtml(html)
  const fragment = JSDOM.fragment(safe)
  const document = fragment.ownerDocument
  const root = document.createElement('div')
  root.append(fragment)

  for (const anchor of root.querySelectorAll('a:not([href])'))
    anchor.replaceWith(...anchor.childNodes)
  for (const image of root.querySelectorAll('img')) {
    if (!/^https?:\/\//i.test(image.getAttribute('src') ?? '')) image.remove()
  }
  normaliseContainers(root, document)
  removeChrome(root, context)
  for (const heading of root.querySelectorAll('h1')) {
    const h2 = document.createElement('h2')
    h2.append(...heading.childNodes)
    heading.replaceWith(h2)
  }
  removeEmpty(root)

  const images = [...root.querySelectorAll('img')].map((img) => ({
    url: img.getAttribute('src') ?? '',
    alt: img.getAttribute('alt')?.trim() || null,
  }))
  const text = [...root.querySelectorAll(BLOCKS)]
    .filter((block) => !block.querySelector(BLOCKS))
    .map((block) => (block.textContent ?? '').replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n')
  // Whitespace between block tags would become empty list items and paragraphs in Lexical.
  return { html: root.innerHTML.replace(BETWEEN_BLOCKS, '$1').trim(), text, images, hostile }
}

/** Page-builder divs: a div of text becomes a paragraph, a div of blocks is unwrapped. */
function normaliseContainers(root: Element, document: Document) {
  for (const container of [...root.querySelectorAll('div, section, article, span')].reverse()) {
    if (container.tagName === 'SPAN') {
      container.replaceWith(...container.childNodes)
      continue
    }
    const hasBlocks = [...container.children].some((child) => BLOCK_CHILD.test(child.tagName))
    if (hasBlocks || (container.textContent ?? '').trim() === '') {
      container.replaceWith(...container.childNodes)
    } else {
      const paragraph = document.createElement('p')
      paragraph.append(...container.childNodes)
      container.replaceWith(paragraph)
    }
  }
}

function removeChrome(root: Element, context: ChromeContext) {
  let first = true
  for (const block of [...root.querySelectorAll(BLOCKS)]) {
    // Detached root: a removed block (or one inside a removed section) has lost its way to it.
    if (!root.contains(block)) continue
    const text = (block.textContent ?? '').replace(/\s+/g, ' ').trim()
    // The title is its own field: a first heading repeating it goes.
    if (first && HEADING.test(block.tagName) && isChromeLine(text, context)) {
      block.remove()
      continue
    }
    first = false
    if (HEADING.test(block.tagName) && isAboutClinicHeading(text, context)) {
      removeSection(block)
      continue
    }
    if (block.querySelector('img')) continue
    if (isChromeLine(text, context)) {
      const list = block.tagName === 'LI' ? block.parentElement : null
      block.remove()
      if (list && list.children.length === 0) list.remove()
    }
  }
}

/** A heading and what follows it up to the next heading of the same or a higher level. */
function removeSection(heading: Element) {
  const level = Number(heading.tagName[1])
  let next = heading.nextElementSibling
  while (next && !(HEADING.test(next.tagName) && Number(next.tagName[1]) <= level)) {
    const after = next.nextElementSibling
    next.remove()
    next = after
  }
  heading.remove()
}

function removeEmpty(root: Element) {
  for (const element of [
    ...root.querySelectorAll(
      'p, h2, h3, h4, h5, h6, li, ul, ol, blockquote, figure, figcaption, strong, em, b, i, a',
    ),
  ].reverse()) {
    if ((element.textContent ?? '').trim() === '' && !element.querySelector('img, br'))
      element.remove()
  }
}

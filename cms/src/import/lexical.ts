import { createHash } from 'node:crypto'

import { convertHTMLToLexical, editorConfigFactory } from '@payloadcms/richtext-lexical'
import type { SanitizedServerEditorConfig } from '@payloadcms/richtext-lexical'
import type { Field, RichTextField, SanitizedConfig } from 'payload'

import { ARTICLES } from '../collections/slugs'
import { unsafeLinksIn } from '../hooks/rejectUnsafeLinks'
import { JSDOM, SharedWindowDom } from './extract/dom'

/**
 * Article HTML to the articles collection's Lexical JSON, with Payload's own converter and the
 * body field's own editor config: what the editor cannot hold is dropped the way the editor drops
 * it. Images are not nodes yet (a Media document must exist first): each leaves a position that
 * the apply step fills with an upload node.
 */

type LexicalNode = { type: string; children?: LexicalNode[]; text?: string; [key: string]: unknown }
export type LexicalState = { root: LexicalNode & { children: LexicalNode[] } }

export interface ConvertedBody {
  body: LexicalState
  /** For each image of the HTML (in order), the root child index it stood before, or null if it fell out. */
  imageIndexes: (number | null)[]
}

const MARKER = (n: number) => `@@import-image-${n}@@`
const MARKER_PATTERN = /^@@import-image-(\d+)@@$/

function findRichText(fields: Field[], name: string): RichTextField | undefined {
  for (const field of fields) {
    if (field.type === 'richText' && field.name === name) return field
    if (field.type === 'tabs') {
      const found = findRichText(
        field.tabs.flatMap((tab) => tab.fields),
        name,
      )
      if (found) return found
    }
    if ((field.type === 'row' || field.type === 'collapsible') && 'fields' in field) {
      const found = findRichText(field.fields, name)
      if (found) return found
    }
  }
  return undefined
}

/** The sanitized editor config of articles' `body`, from the real (sanitized) Payload config. */
export function articleBodyEditorConfig(config: SanitizedConfig): SanitizedServerEditorConfig {
  const articles = config.collections.find((collection) => collection.slug === ARTICLES)
  const field = articles && findRichText(articles.fields, 'body')
  if (!field) throw new Error('The articles collection has no rich-text body field.')
  return editorConfigFactory.fromField({ field })
}

export function htmlToLexical(
  html: string,
  editorConfig: SanitizedServerEditorConfig,
): ConvertedBody {
  const { html: marked, count } = markImages(html)
  const state = convertHTMLToLexical({
    editorConfig,
    html: marked,
    JSDOM: SharedWindowDom,
  }) as unknown as LexicalState
  const imageIndexes: (number | null)[] = Array.from({ length: count }, () => null)
  const children: LexicalNode[] = []
  for (const node of state.root.children) {
    const text = node.type === 'paragraph' ? textOf(node).trim() : ''
    const marker = MARKER_PATTERN.exec(text)
    if (marker) imageIndexes[Number(marker[1])] = children.length
    else if (!isEmpty(node)) children.push(withoutUnsafeLinks(node))
  }
  state.root.children = children
  stableNodeIds(state.root, createHash('sha1').update(html).digest('hex'))
  return { body: state, imageIndexes }
}

/** Each <img> becomes a marker paragraph after the top-level block that held it. */
function markImages(html: string): { html: string; count: number } {
  if (!/<img\b/i.test(html)) return { html, count: 0 }
  const fragment = JSDOM.fragment(`<div>${html}</div>`)
  const root = fragment.firstElementChild!
  const images = [...root.querySelectorAll('img')]
  images.forEach((img, n) => {
    let block: Element = img
    while (block.parentElement && block.parentElement !== root) block = block.parentElement
    const marker = root.ownerDocument.createElement('p')
    marker.textContent = MARKER(n)
    if (block === img) img.replaceWith(marker)
    else {
      block.after(marker)
      img.remove()
    }
  })
  return { html: root.innerHTML, count: images.length }
}

/**
 * Link nodes get a random ObjectId from the converter; the same HTML must give the same JSON (the
 * content hash decides whether a re-import changes anything), so ids are derived from the HTML.
 */
function stableNodeIds(node: LexicalNode, seed: string, counter = { n: 0 }) {
  if (typeof node.id === 'string') {
    node.id = createHash('sha1').update(`${seed}:${counter.n++}`).digest('hex').slice(0, 24)
  }
  for (const child of node.children ?? []) stableNodeIds(child, seed, counter)
}

const textOf = (node: LexicalNode): string =>
  typeof node.text === 'string' ? node.text : (node.children ?? []).map(textOf).join('')

function isEmpty(node: LexicalNode): boolean {
  if (node.type === 'list') {
    node.children = (node.children ?? []).filter((item) => textOf(item).trim() !== '')
    return node.children.length === 0
  }
  return (node.type === 'paragraph' || node.type === 'heading') && textOf(node).trim() === ''
}

/** Second line of defence: a link the save hook would refuse is unwrapped to its text. */
function withoutUnsafeLinks(node: LexicalNode): LexicalNode {
  if (!node.children) return node
  const children = node.children.flatMap((child) =>
    child.type === 'link' && unsafeLinksIn({ ...child, children: [] } as never).length > 0
      ? (child.children ?? []).map(withoutUnsafeLinks)
      : [withoutUnsafeLinks(child)],
  )
  return { ...node, children }
}

import type { Block } from './content/types'

/**
 * Converts the seed's small authoring format (./content/types.ts) into Lexical's serialized JSON,
 * the shape Payload stores for richText fields. Inline syntax: `[label](https://url)` and `**bold**`.
 */
type Node = Record<string, unknown>

const element = (type: string, children: Node[], extra: Node = {}): Node => ({
  type,
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  ...extra,
})

const text = (value: string, bold = false): Node => ({
  type: 'text',
  text: value,
  detail: 0,
  format: bold ? 1 : 0,
  mode: 'normal',
  style: '',
  version: 1,
})

const link = (label: string, url: string): Node =>
  element('link', [text(label)], { version: 3, fields: { linkType: 'custom', url, newTab: false } })

/** Splits inline text into text, bold and link nodes. */
export function inline(source: string): Node[] {
  const nodes: Node[] = []
  const pattern = /\[([^\]]+)\]\(([^)\s]+)\)|\*\*([^*]+)\*\*/g
  let last = 0
  for (const match of source.matchAll(pattern)) {
    if (match.index > last) nodes.push(text(source.slice(last, match.index)))
    if (match[1] !== undefined && match[2] !== undefined) nodes.push(link(match[1], match[2]))
    else if (match[3] !== undefined) nodes.push(text(match[3], true))
    last = match.index + match[0].length
  }
  if (last < source.length) nodes.push(text(source.slice(last)))
  return nodes
}

function block(b: Block): Node {
  if ('h2' in b) return element('heading', inline(b.h2), { tag: 'h2' })
  if ('h3' in b) return element('heading', inline(b.h3), { tag: 'h3' })
  if ('p' in b) return element('paragraph', inline(b.p), { textFormat: 0, textStyle: '' })
  if ('quote' in b) return element('quote', inline(b.quote))
  const ordered = 'ol' in b
  const items = ordered ? b.ol : b.ul
  return element(
    'list',
    items.map((item, index) => element('listitem', inline(item), { value: index + 1 })),
    { listType: ordered ? 'number' : 'bullet', start: 1, tag: ordered ? 'ol' : 'ul' },
  )
}

export interface LexicalDocument {
  root: {
    type: string
    children: { [k: string]: unknown; type: string; version: number }[]
    direction: 'ltr' | 'rtl' | null
    format: ''
    indent: number
    version: number
  }
  [k: string]: unknown
}

export function toLexical(blocks: Block[]): LexicalDocument {
  return {
    root: {
      type: 'root',
      children: blocks.map(block) as LexicalDocument['root']['children'],
      direction: 'ltr',
      format: '',
      indent: 0,
      version: 1,
    },
  }
}

/** Plain text of a block list (for word counts and summaries). */
export function plainText(blocks: Block[]): string {
  return blocks
    .map((b) =>
      'h2' in b
        ? b.h2
        : 'h3' in b
          ? b.h3
          : 'p' in b
            ? b.p
            : 'quote' in b
              ? b.quote
              : ('ol' in b ? b.ol : b.ul).join(' '),
    )
    .join('\n')
}

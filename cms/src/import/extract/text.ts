import { type ChromeContext, isBylineLine, isChromeLine } from './chrome'
import { BYLINE_DATE, type PagePart } from './page'

/**
 * A page's visible text (.txt as copied from a browser, or .md) turned into article HTML:
 * paragraphs, headings (markdown `#` or short title-case lines), lists ("- ", "* ", "1. ") and,
 * in markdown, **bold**, *emphasis* and [links](url). Chrome lines go by the same rules as HTML
 * blocks. A second title followed by a byline starts a second article.
 */

const SMALL_WORDS = new Set(
  'a an and as at but by for from in into of on or the to vs with your you what how why when is are can do does'.split(
    ' ',
  ),
)

/** Short, no closing full stop, most words capitalised: "What to Expect During Your First Infusion". */
export function isTitleCaseLine(line: string): boolean {
  const text = line.trim()
  if (text.length < 3 || text.length > 90 || /[.,;]$/.test(text)) return false
  const words = text.split(/\s+/)
  if (words.length > 12) return false
  const significant = words.filter((word) => !SMALL_WORDS.has(word.toLowerCase()))
  if (significant.length === 0) return false
  const capitalised = significant.filter((word) => /^[\p{Lu}\d"'“(]/u.test(word))
  return capitalised.length / significant.length >= 0.75 && /^[\p{Lu}\d"'“]/u.test(text)
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;')

function inlineMarkdown(text: string): string {
  return escapeHtml(text)
    .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '<a href="$2">$1</a>')
    .replace(/\*\*([^*]+)\*\*/g, '<strong>$1</strong>')
    .replace(/(^|[\s(])[*_]([^*_\s][^*_]*)[*_](?=[\s).,;:!?]|$)/g, '$1<em>$2</em>')
}

export function readTextPage(
  content: string,
  markdown: boolean,
  context: Omit<ChromeContext, 'title'>,
): PagePart[] {
  const lines = content.replace(/\r\n?/g, '\n').split('\n')
  const starts = [0]
  for (let i = 1; i < lines.length - 1; i++) {
    const nextText = lines.slice(i + 1).find((line) => line.trim() !== '') ?? ''
    const line = lines[i]!.replace(/^#+\s*/, '')
    if (isTitleCaseLine(line) && isBylineLine(nextText) && hasTextBefore(lines, starts, i)) {
      starts.push(i)
    }
  }
  return starts
    .map((start, n) => lines.slice(start, starts[n + 1] ?? lines.length))
    .map((part) => toPart(part, markdown, context))
    .filter((part): part is PagePart => part !== null)
}

const hasTextBefore = (lines: string[], starts: number[], index: number) =>
  lines
    .slice(starts[starts.length - 1], index)
    .join(' ')
    .trim().length >= 200

function toPart(
  lines: string[],
  markdown: boolean,
  context: Omit<ChromeContext, 'title'>,
): PagePart | null {
  // Chrome lines go first, so that a markdown paragraph never swallows one.
  const byline = lines.find((line) => isBylineLine(line))
  const date = byline
    ? BYLINE_DATE.exec(byline)?.[0]?.replace(/(\d)(st|nd|rd|th)/, '$1')
    : undefined
  const publishedAt =
    date && !Number.isNaN(Date.parse(date)) ? new Date(Date.parse(date)).toISOString() : null
  const chromeless = lines.map((line) =>
    isChromeLine(line, { ...context, title: '' }) ? '' : line.trim(),
  )
  const withoutChrome = (markdown ? joinWrappedLines(chromeless) : chromeless).filter(
    (line) => line !== '',
  )
  const titleLine = withoutChrome.shift()
  if (!titleLine) return null
  const title = titleLine.replace(/^#+\s*/, '')
  const inline = markdown ? inlineMarkdown : escapeHtml
  const html: string[] = []
  const list: { tag: 'ul' | 'ol' | null; items: string[] } = { tag: null, items: [] }
  const flush = () => {
    if (list.tag)
      html.push(`<${list.tag}>${list.items.map((i) => `<li>${i}</li>`).join('')}</${list.tag}>`)
    list.tag = null
    list.items = []
  }
  for (const line of withoutChrome) {
    const bullet = /^[-*•]\s+(.*)$/.exec(line)
    const numbered = /^\d+[.)]\s+(.*)$/.exec(line)
    if (bullet || numbered) {
      const tag = bullet ? 'ul' : 'ol'
      if (list.tag !== tag) flush()
      list.tag = tag
      list.items.push(inline((bullet ?? numbered)![1]!))
      continue
    }
    flush()
    const heading = /^(#{1,4})\s+(.*)$/.exec(line)
    if (heading)
      html.push(
        `<h${Math.max(2, heading[1]!.length)}>${inline(heading[2]!)}</h${Math.max(2, heading[1]!.length)}>`,
      )
    else if (line.startsWith('> ')) html.push(`<blockquote>${inline(line.slice(2))}</blockquote>`)
    else if (isTitleCaseLine(line)) html.push(`<h2>${inline(line)}</h2>`)
    else html.push(`<p>${inline(line)}</p>`)
  }
  flush()
  return { title, html: html.join('\n'), publishedAt }
}

const SPECIAL = /^(#{1,4}\s|[-*•]\s|\d+[.)]\s|>\s)/

/** Markdown paragraphs may be hard-wrapped: lines of one paragraph join until a blank line. */
function joinWrappedLines(lines: string[]): string[] {
  const joined: string[] = []
  let previousPlain = false
  for (const raw of lines) {
    const line = raw.trim()
    const plain = line !== '' && !SPECIAL.test(line)
    if (plain && previousPlain) joined[joined.length - 1] += ` ${line}`
    else joined.push(line)
    previousPlain = plain
  }
  return joined
}

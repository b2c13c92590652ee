/**
 * The rich-text renderer is the sites' last line of defence: the CMS refuses unsafe links on save,
 * but stored documents, imports and future node types reach the renderer unchecked. Whatever the
 * Lexical JSON says, the HTML out has only the renderer's own elements and attributes, safe hrefs,
 * and every piece of text escaped.
 */
import { Parser, StaticConfigLoader, type HtmlElement } from 'html-validate'
import { beforeAll, describe, expect, it } from 'vitest'

import {
  type LexicalDocument,
  type LexicalNode,
  escapeHtml,
  richTextToHtml,
  richTextToPlainText,
} from '../../site/src/lib/richtext.ts'
import { isSafeHref } from '../../shared/src/url.ts'

const text = (value: string, format = 0): LexicalNode => ({
  type: 'text',
  text: value,
  format,
  detail: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const paragraph = (...children: LexicalNode[]): LexicalNode => ({
  type: 'paragraph',
  children,
  format: '',
  indent: 0,
  version: 1,
})
const doc = (...children: LexicalNode[]): LexicalDocument => ({
  root: { type: 'root', children, format: '', indent: 0, version: 1 },
})
const link = (url: string, label = 'label', extra: Partial<LexicalNode> = {}): LexicalNode => ({
  type: 'link',
  fields: { linkType: 'custom', url, newTab: false },
  children: [text(label)],
  version: 3,
  ...extra,
})
const autolink = (url: string): LexicalNode => ({
  type: 'autolink',
  fields: { linkType: 'custom', url },
  children: [text(url)],
  version: 2,
})

const UNSAFE_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'java\tscript:alert(1)',
  'java\nscript:alert(1)',
  'java\u0000script:alert(1)',
  '\u0001javascript:alert(1)',
  'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
  'DATA:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
  'file:///etc/passwd',
  '//evil.example/x',
  '\\\\evil.example\\x',
]

const SAFE_ELEMENTS = new Set([
  'p',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'ul',
  'ol',
  'li',
  'blockquote',
  'hr',
  'br',
  'a',
  'strong',
  'em',
  's',
  'u',
  'code',
  'sub',
  'sup',
  'span',
])
const SAFE_ATTRIBUTES = new Set(['href', 'rel', 'target', 'class', 'start'])

let parser: Parser

beforeAll(async () => {
  parser = new Parser(await new StaticConfigLoader().getConfigFor('inline'))
})

/** Elements of rendered HTML (the parser adds nothing: a fragment stays a fragment). */
const elementsOf = (html: string): HtmlElement[] => parser.parseHtml(html).querySelectorAll('*')

/** Everything that would make the HTML active: unknown elements, unknown or event attributes, unsafe hrefs. */
function activeParts(html: string): string[] {
  const found: string[] = []
  for (const element of elementsOf(html)) {
    if (!SAFE_ELEMENTS.has(element.tagName)) found.push(`<${element.tagName}>`)
    for (const attribute of element.attributes) {
      if (!SAFE_ATTRIBUTES.has(attribute.key)) found.push(`${element.tagName}[${attribute.key}]`)
    }
    const href = element.getAttributeValue('href')
    if (typeof href === 'string' && !isSafeHref(href.replace(/&amp;/g, '&')))
      found.push(`href=${href}`)
  }
  return found
}

describe('richTextToHtml', () => {
  it.each(UNSAFE_URLS)('renders a link to %j as its words, without a link', (url) => {
    const html = richTextToHtml(doc(paragraph(text('See '), link(url, 'this page'))))
    expect(html).toBe('<p>See this page</p>')
  })

  it.each(UNSAFE_URLS)('renders an autolink to %j as escaped text', (url) => {
    const html = richTextToHtml(doc(paragraph(autolink(url))))
    expect(elementsOf(html).map((element) => element.tagName)).toEqual(['p'])
    expect(activeParts(html)).toEqual([])
    expect(html).toBe(`<p>${escapeHtml(url)}</p>`)
  })

  it('ignores an unsafe legacy `url` on the node itself', () => {
    const node: LexicalNode = {
      type: 'link',
      url: 'javascript:alert(1)',
      children: [text('old link')],
    }
    expect(richTextToHtml(doc(paragraph(node)))).toBe('<p>old link</p>')
  })

  it('drops an internal link whose resolver returns an unsafe URL', () => {
    const internal: LexicalNode = {
      type: 'link',
      fields: { linkType: 'internal', doc: { relationTo: 'articles', value: 7 } },
      children: [text('read')],
    }
    expect(
      richTextToHtml(doc(paragraph(internal)), { resolveLink: () => 'javascript:alert(1)' }),
    ).toBe('<p>read</p>')
    expect(richTextToHtml(doc(paragraph(internal)), { resolveLink: () => undefined })).toBe(
      '<p>read</p>',
    )
    expect(richTextToHtml(doc(paragraph(internal)), { resolveLink: () => '/articles/read/' })).toBe(
      '<p><a href="/articles/read/">read</a></p>',
    )
  })

  it.each([
    ['https://www.nimh.nih.gov/', ' rel="noopener"'],
    ['mailto:care@clinic.example', ''],
    ['tel:+15055550142', ''],
    ['/faq/', ''],
    ['#references', ''],
  ])('keeps a link to %s', (url, rel) => {
    expect(richTextToHtml(doc(paragraph(link(url))))).toBe(
      `<p><a href="${url}"${rel}>label</a></p>`,
    )
  })

  it.each(['javascript&colon;alert(1)', '&#106;avascript:alert(1)', 'jav&#x09;ascript:alert(1)'])(
    'keeps the character reference in %j literal, so the browser sees a relative URL, not a scheme',
    (url) => {
      const html = richTextToHtml(doc(paragraph(link(url))))
      const href = elementsOf(html)[1]!.getAttributeValue('href') as string
      expect(href).toBe(escapeHtml(url))
      // What the browser makes of the attribute: one level of references decoded, then resolved.
      const decoded = href.replace(/&amp;/g, '&')
      expect(new URL(decoded, 'https://albuquerque.clinic.example/articles/x/').protocol).toBe(
        'https:',
      )
    },
  )

  it('escapes quotes and angle brackets inside a safe URL so they cannot leave the href', () => {
    const url = "https://example.org/?q=\"><script>alert(1)</script>&x=' onmouseover='y"
    const html = richTextToHtml(doc(paragraph(link(url))))
    expect(html).toBe(
      '<p><a href="https://example.org/?q=&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;&amp;x=&#39; onmouseover=&#39;y" rel="noopener">label</a></p>',
    )
    const [, anchor] = elementsOf(html)
    expect(anchor!.attributes.map((attribute) => attribute.key)).toEqual(['href', 'rel'])
  })

  it('opens new-tab links safely and says so to screen readers', () => {
    const html = richTextToHtml(
      doc(
        paragraph(
          link('https://example.org/', 'site', {
            fields: { linkType: 'custom', url: 'https://example.org/', newTab: true },
          }),
        ),
      ),
    )
    expect(html).toBe(
      '<p><a href="https://example.org/" target="_blank" rel="noopener noreferrer">site<span class="sr-only"> (opens in a new tab)</span></a></p>',
    )
  })

  it('escapes script-like text in every text format', () => {
    const hostile =
      '<script>alert(1)</script> " onmouseover="x \' onfocus=\'y <img src=x onerror=alert(2)> &amp;'
    const escaped =
      '&lt;script&gt;alert(1)&lt;/script&gt; &quot; onmouseover=&quot;x &#39; onfocus=&#39;y &lt;img src=x onerror=alert(2)&gt; &amp;amp;'
    expect(richTextToHtml(doc(paragraph(text(hostile))))).toBe(`<p>${escaped}</p>`)
    // Bold, italic, strikethrough, underline, code, subscript and superscript at once.
    const html = richTextToHtml(doc(paragraph(text(hostile, 127))))
    expect(html).toContain(escaped)
    expect(activeParts(html)).toEqual([])
    expect(
      elementsOf(html)
        .map((element) => element.tagName)
        .sort(),
    ).toEqual(['code', 'em', 'p', 's', 'strong', 'sub', 'sup', 'u'])
  })

  it('escapes script-like link text and heading text', () => {
    const html = richTextToHtml(
      doc(
        { type: 'heading', tag: 'h2', children: [text('<script>alert(1)</script>')] },
        paragraph(link('https://example.org/', '" onmouseover="x')),
      ),
    )
    expect(html).toBe(
      '<h2>&lt;script&gt;alert(1)&lt;/script&gt;</h2><p><a href="https://example.org/" rel="noopener">&quot; onmouseover=&quot;x</a></p>',
    )
  })

  it('never turns attribute-like node properties into markup', () => {
    const html = richTextToHtml(
      doc(
        { type: 'heading', tag: 'h1 onclick="alert(1)"', children: [text('Heading')] },
        { type: 'heading', tag: 'script', children: [text('Heading')] },
        { type: 'paragraph', format: 'center" onclick="alert(1)', children: [text('Aligned')] },
        {
          type: 'list',
          listType: 'number" onclick="x',
          tag: 'ol',
          start: '2" onclick="x' as unknown as number,
          children: [{ type: 'listitem', children: [text('item')] }],
        },
        {
          type: 'list',
          listType: 'number',
          start: 3.7,
          children: [{ type: 'listitem', checked: true, children: [text('done')] }],
        },
      ),
    )
    expect(activeParts(html)).toEqual([])
    expect(html).toBe(
      '<h2>Heading</h2><h2>Heading</h2><p>Aligned</p><ol><li>item</li></ol><ol start="3"><li><span class="sr-only">Done: </span>done</li></ol>',
    )
  })

  it('renders unknown element nodes as their escaped text and unknown leaves as nothing', () => {
    const html = richTextToHtml(
      doc(
        { type: 'script', children: [text('alert(1)')] },
        {
          type: 'html',
          html: '<script>alert(2)</script>',
          value: '<iframe src="javascript:alert(3)">',
        },
        { type: 'iframe', src: 'javascript:alert(4)', children: [paragraph(text('<iframe>'))] },
      ),
    )
    expect(html).toBe('alert(1)<p>&lt;iframe&gt;</p>')
  })

  it('leaves uploads out unless the caller renders them', () => {
    const upload: LexicalNode = {
      type: 'upload',
      relationTo: 'media',
      value: { url: 'javascript:alert(1)' },
    }
    expect(richTextToHtml(doc(upload))).toBe('')
    expect(richTextToHtml(doc(upload), { renderUpload: () => '<figure></figure>' })).toBe(
      '<figure></figure>',
    )
  })

  it('keeps headings below the page title', () => {
    const html = richTextToHtml(
      doc(
        { type: 'heading', tag: 'h1', children: [text('Top')] },
        { type: 'heading', tag: 'h3', children: [text('Sub')] },
      ),
      { minHeading: 4 },
    )
    expect(html).toBe('<h4>Top</h4><h4>Sub</h4>')
  })

  it('returns nothing for missing or malformed documents', () => {
    expect(richTextToHtml(null)).toBe('')
    expect(richTextToHtml(undefined)).toBe('')
    expect(richTextToHtml({ root: { type: 'root' } })).toBe('')
    expect(
      richTextToHtml({ root: { type: 'root', children: 'x' as unknown as LexicalNode[] } }),
    ).toBe('')
  })

  it('produces only its own elements and attributes from a document full of hostile input', () => {
    const hostile = doc(
      paragraph(
        text('<script>alert(1)</script>'),
        ...UNSAFE_URLS.map((url) => link(url)),
        ...UNSAFE_URLS.map(autolink),
      ),
      { type: 'quote', children: [text('" onmouseover="x')] },
      {
        type: 'list',
        listType: 'bullet',
        children: [{ type: 'listitem', children: [link('https://example.org/"onmouseover="x')] }],
      },
      { type: 'horizontalrule' },
      paragraph(text('a'), { type: 'linebreak' }, { type: 'tab' }, text('b')),
    )
    const html = richTextToHtml(hostile)
    expect(activeParts(html)).toEqual([])
    expect(elementsOf(html).filter((element) => element.tagName === 'a')).toHaveLength(1)
  })
})

describe('richTextToPlainText', () => {
  it('returns the words as written, for callers that escape them (JSON-LD, meta tags, RSS)', () => {
    const plain = richTextToPlainText(
      doc(
        paragraph(text('<script>alert(1)</script>')),
        paragraph(link('javascript:alert(1)', 'words')),
      ),
    )
    expect(plain).toBe('<script>alert(1)</script>\nwords')
  })
})

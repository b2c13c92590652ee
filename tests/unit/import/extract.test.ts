import path from 'node:path'

import { beforeAll, describe, expect, it } from 'vitest'

import { extractItem } from '../../../cms/src/import/extract/index.ts'
import { readClinicSources } from '../../../cms/src/import/sources/index.ts'
import type { ClinicSource, ExtractedArticle } from '../../../cms/src/import/types.ts'

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/import')

async function extractAll(clinic: string, inputs: string[], name: string) {
  const source: ClinicSource = await readClinicSources(clinic, inputs, { cwd: fixtures })
  const extractions = source.items.map((item) => extractItem(item, { clinicNames: [name] }))
  return {
    source,
    articles: extractions.flatMap((e) => e.articles),
    issues: extractions.flatMap((e) => e.issues),
  }
}

const byTitle = (articles: ExtractedArticle[], title: string) => {
  const found = articles.find((article) => article.title === title)
  if (!found) throw new Error(`no article "${title}" in ${articles.map((a) => a.title).join(', ')}`)
  return found
}

const CHROME = [
  'Skip to content',
  'Home | Specialties',
  'Contact Us Today',
  'About Clearwater Infusion',
  '555-0117',
  'Leave a Reply',
  'This will close in',
  'Share this',
  'Facebook',
  'Recent Posts',
  'Your email address will not be published',
  'DelgadoOctober',
]

describe('extraction from a saved page with page-builder chrome', () => {
  let articles: ExtractedArticle[]
  beforeAll(async () => {
    ;({ articles } = await extractAll(
      'waxahachie',
      ['waxahachie'],
      'Clearwater Infusion Waxahachie',
    ))
  })

  it('removes menus, breadcrumbs, bylines, calls to action, the About box, share links, comments and pop-ups', () => {
    const article = byTitle(
      articles,
      'Ketamine Infusions for Chronic Pain: An Alternative to Opioids',
    )
    for (const chrome of CHROME) expect(article.text).not.toContain(chrome)
    expect(article.html).not.toMatch(/<(script|form|nav|footer|iframe)/i)
  })

  it('keeps every paragraph, heading and list item of the article', () => {
    const article = byTitle(
      articles,
      'Ketamine Infusions for Chronic Pain: An Alternative to Opioids',
    )
    expect(article.html.match(/<p>/g)).toHaveLength(8)
    expect([...article.html.matchAll(/<h2>([^<]+)<\/h2>/g)].map((m) => m[1])).toEqual([
      'How ketamine works on pain',
      'What a course of treatment looks like',
      'Is it safe?',
    ])
    expect(article.html.match(/<li>/g)).toHaveLength(4)
    expect(article.text).toContain('Many of our patients drive in from Midlothian')
    expect(article.item.publishedAt).toBe('2019-10-17T00:00:00.000Z')
  })

  it('splits a page that shows two posts into two articles', () => {
    const parts = articles.filter((a) => a.item.source.url?.endsWith('/blog/page/2/'))
    expect(parts.map((a) => a.title)).toEqual([
      'Booster Infusions: How Long Do the Effects Last?',
      'Ketamine and CRPS: Easing Nerve Pain',
    ])
    expect(parts[0]!.text).not.toContain('CRPS')
    expect(parts[1]!.text).toContain('Complex regional pain syndrome')
    expect(parts[1]!.key).not.toBe(parts[0]!.key)
    expect(parts.map((a) => a.item.publishedAt)).toEqual([
      '2020-02-03T16:00:00.000Z',
      '2020-03-09T15:00:00.000Z',
    ])
  })

  it('turns text and markdown pages into paragraphs, headings and lists without their chrome lines', () => {
    const text = byTitle(articles, 'What Ketamine Is and Why Doctors Use It')
    expect(text.html).toContain('<h2>How It Differs From Other Medicines</h2>')
    expect(text.html.match(/<li>/g)).toHaveLength(3)
    expect(text.text).not.toMatch(/Posted on|Contact Us Today|555-0117|close in 0 seconds|Skip to/)
    const markdown = byTitle(articles, 'Can I Drive After a Ketamine Infusion?')
    expect(markdown.html).toContain('<strong>you will need someone to drive you home</strong>')
    expect(markdown.html).toContain('<a href="https://www.fda.gov/drugs">FDA medication guide</a>')
    expect(markdown.html).toContain('<h2>Planning Your Ride</h2>')
    expect(markdown.text).not.toMatch(/Share this|Leave a Reply|By Rosa Delgado/)
  })

  it('takes each file’s address from urls.csv, else from its path', () => {
    const urls = articles.map((a) => a.item.source.url)
    expect(urls).toContain(
      'https://waxahachie.clearwater-infusion.example/can-i-drive-after-ketamine/',
    )
    expect(urls).toContain('/what-is-ketamine/')
  })
})

describe('extraction from export bodies', () => {
  it('drops the closing call to action and phone blurb of a WordPress post', async () => {
    const { articles } = await extractAll(
      'albuquerque',
      ['albuquerque.xml'],
      'Clearwater Infusion Albuquerque',
    )
    const article = byTitle(
      articles,
      'Ketamine Infusions for Chronic Pain: An Alternative to Opioids',
    )
    expect(article.text).not.toMatch(/Contact Us Today|555-0142/)
    expect(article.text.split('\n')[0]).toMatch(/^Living with pain/)
    // WordPress stores bodies without <p>: blank lines become paragraphs.
    expect(article.html.match(/<p>/g)).toHaveLength(8)
  })

  it('removes scripts, frames, event handlers and javascript: links from hostile HTML and says so', async () => {
    const { articles, issues } = await extractAll(
      'albuquerque',
      ['albuquerque.xml'],
      'Clearwater Infusion Albuquerque',
    )
    const article = byTitle(articles, 'Understanding Ketamine and Depression')
    expect(article.html).not.toMatch(/<script|<iframe|onclick|onmouseover|onerror|javascript:/i)
    expect(article.html).toContain('free guide')
    expect(article.html).toContain('href="https://www.nimh.nih.gov/health/topics/depression"')
    expect(article.images).toEqual([])
    expect(issues.some((issue) => issue.code === 'unsafe-content-removed')).toBe(true)
  })

  it('never keeps visitors’ comments from an export', async () => {
    const { articles } = await extractAll('albuquerque', ['albuquerque.xml'], 'x')
    expect(JSON.stringify(articles)).not.toMatch(/pat\.example@mail\.example|Pat Example/)
  })
})

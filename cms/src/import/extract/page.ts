import { Readability } from '@mozilla/readability'

import { parsePage } from './dom'

/**
 * A saved page (as a browser saved it) reduced to its article(s): the site's chrome elements go
 * first (menus, headers, footers, sidebars, comment forms, pop-ups, share bars), then
 * @mozilla/readability picks the main content. A blog page showing two posts one under the other
 * (two <article> elements, each with its own heading) becomes two articles.
 */

export interface PagePart {
  title: string
  html: string
  /** From the page's <time datetime> or article:published_time, when it has one. */
  publishedAt: string | null
}

export interface ReadPage {
  parts: PagePart[]
  /** The site's name as the page gives it (og:site_name, or the part of <title> after the dash). */
  siteName: string | null
}

const CHROME_SELECTORS = [
  'script',
  'style',
  'noscript',
  'template',
  'iframe',
  'form',
  'nav',
  'header',
  'footer',
  'aside',
  'dialog',
  '[role="navigation"]',
  '[role="banner"]',
  '[role="contentinfo"]',
  '[role="complementary"]',
  '[role="dialog"]',
].join(', ')

// Class and id words page builders and themes use for chrome; matched per word so that
// "elementor-widget-container" (which holds the article) never matches "widget".
const CHROME_WORD =
  /(^|[-_])(breadcrumbs?|share|sharing|sharedaddy|social|comments?|respond|popup|popmake|modal|cookie|sidebar|related|post-navigation|nav-links|entry-meta|post-meta|byline|author-box|author-bio|about-box|call-to-action|cta|skip-link|screen-reader-text|newsletter|subscribe|menu|site-header|site-footer)([-_]|$)/i

const POST_CONTAINERS = 'article, .hentry, .type-post, .post'

export function readSavedPage(html: string, url: string | null): ReadPage {
  const document = parsePage(html, url)
  const siteName = siteNameOf(document)
  // Dates sit in bylines, which are chrome: read them before the chrome goes.
  const dates = new Map<Element, string | null>(
    [document.documentElement, ...document.querySelectorAll(POST_CONTAINERS)].map((scope) => [
      scope,
      publishedAtOf(scope),
    ]),
  )
  removeChromeElements(document)

  const posts = separatePosts(document)
  if (posts.length >= 2) {
    return {
      siteName,
      parts: posts.map((post) => {
        const heading = post.querySelector('h1, h2')
        const title = (heading?.textContent ?? '').replace(/\s+/g, ' ').trim()
        heading?.remove()
        return { title, html: post.innerHTML, publishedAt: dates.get(post) ?? null }
      }),
    }
  }

  const single = document.querySelector(POST_CONTAINERS)
  const publishedAt = (single && dates.get(single)) || dates.get(document.documentElement) || null
  const h1 = document
    .querySelector('article h1, main h1, .entry-title, h1')
    ?.textContent?.replace(/\s+/g, ' ')
    .trim()
  const article = new Readability(document, { charThreshold: 200 }).parse()
  if (!article?.content) return { siteName, parts: [] }
  const title = h1 || stripSiteName(article.title ?? '', siteName)
  return { siteName, parts: [{ title, html: article.content, publishedAt }] }
}

function removeChromeElements(document: Document) {
  const keep = (element: Element) =>
    element.querySelector('h1, h2, main, article') !== null ||
    element.matches('main, article, body')
  for (const element of document.querySelectorAll(CHROME_SELECTORS)) {
    if (element.isConnected && !keep(element)) element.remove()
  }
  for (const element of document.querySelectorAll('[class], [id]')) {
    if (!element.isConnected || keep(element)) continue
    const words = `${element.getAttribute('class') ?? ''} ${element.id}`.split(/\s+/)
    if (words.some((word) => CHROME_WORD.test(word))) element.remove()
  }
}

/** Top-level posts (not nested in one another) that each have a heading and some text. */
function separatePosts(document: Document): Element[] {
  const candidates = [...document.querySelectorAll(POST_CONTAINERS)].filter(
    (element) => !element.parentElement?.closest(POST_CONTAINERS),
  )
  return candidates.filter(
    (element) =>
      element.querySelector('h1, h2') !== null && (element.textContent ?? '').trim().length >= 200,
  )
}

function siteNameOf(document: Document): string | null {
  const og = document.querySelector('meta[property="og:site_name"]')?.getAttribute('content')
  if (og?.trim()) return og.trim()
  const title = document.querySelector('title')?.textContent ?? ''
  const parts = title.split(/\s[-|–—]\s/)
  return parts.length > 1 ? parts[parts.length - 1]!.trim() || null : null
}

function stripSiteName(title: string, siteName: string | null): string {
  const clean = title.replace(/\s+/g, ' ').trim()
  if (!siteName) return clean
  return clean.replace(new RegExp(`\\s[-|–—]\\s${escapeRegExp(siteName)}$`), '').trim()
}

/** The first date the page states: <time datetime>, article:published_time, else a byline's text. */
function publishedAtOf(scope: Element): string | null {
  const document = scope.ownerDocument
  const raw =
    scope.querySelector('time[datetime]')?.getAttribute('datetime') ??
    (scope === document.documentElement
      ? document.querySelector('meta[property="article:published_time"]')?.getAttribute('content')
      : null) ??
    BYLINE_DATE.exec(scope.querySelector(BYLINES)?.textContent ?? '')?.[0]?.replace(
      /(\d)(st|nd|rd|th)/,
      '$1',
    )
  if (!raw) return null
  const time = Date.parse(raw)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

const BYLINES = '.entry-meta, .post-meta, .byline, .posted-on, .entry-date, .date'
// No \b before the month: bylines run names and dates together ("Rosa DelgadoOctober 17, 2019").
export const BYLINE_DATE =
  /(jan(uary)?|feb(ruary)?|mar(ch)?|apr(il)?|may|june?|july?|aug(ust)?|sep(tember)?|oct(ober)?|nov(ember)?|dec(ember)?)\.? \d{1,2}(st|nd|rd|th)?,? \d{4}/i

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

import type { ExtractedArticle } from './types'

/**
 * Which imported pages are articles. Clinic information (location, hours, team, contact) lives in
 * the clinic's own record and the site's /location/ page, so such pages are reported for an editor
 * to compare, not turned into articles; site utility pages (home, blog index, privacy, thank-you)
 * are skipped.
 */

export type PageClass =
  | { kind: 'article' }
  | { kind: 'clinic-info'; topic: 'location' | 'hours' | 'team' | 'contact' }
  | { kind: 'utility' }

const INFO_TITLES: [RegExp, 'location' | 'hours' | 'team' | 'contact'][] = [
  [
    /\b(our )?locations?\b|\bdirections\b|\bfind us\b|\bvisit us\b|\bour (office|clinic)\b/i,
    'location',
  ],
  [/\b(office |clinic )?hours\b/i, 'hours'],
  [/\b(our|the|meet (the|our)) (team|staff|providers|doctors|clinicians)\b|\babout us\b/i, 'team'],
  [/\bcontact( us)?\b|\brequest (a|an|your) (consultation|appointment)\b/i, 'contact'],
]
const UTILITY_TITLES =
  /^(home|homepage|blog|news|articles|privacy( policy)?|terms( of (use|service))?|accessibility( statement)?|sitemap|thank you|thanks|page not found|search results?|cart|checkout)$/i
const WEEKDAYS =
  /\b(monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|wed|thu|fri|sat|sun)\b/gi
const OPENING_TIME = /\b\d{1,2}(:\d{2})?\s?(am|pm)\b/gi
const STREET =
  /\b\d{2,6} [\w. ]{3,40}\b(st|street|rd|road|ave|avenue|blvd|boulevard|dr|drive|hwy|highway|suite|ste)\b/i

export function classifyArticle(article: ExtractedArticle): PageClass {
  const title = article.title.trim()
  const slug = article.item.slug ?? ''
  if (UTILITY_TITLES.test(title) || /^(privacy|terms|thank-you|sitemap)/.test(slug)) {
    return { kind: 'utility' }
  }
  const label = `${title} ${slug.replace(/-/g, ' ')}`
  // A short page whose title names clinic information; long pages with such words are articles.
  const words = article.text.split(/\s+/).length
  for (const [pattern, topic] of INFO_TITLES) {
    if (pattern.test(label) && (article.item.type === 'page' || words < 400)) {
      return { kind: 'clinic-info', topic }
    }
  }
  // Hours tables and an address dominate a page that is mostly clinic details.
  const weekdays = new Set(
    (article.text.match(WEEKDAYS) ?? []).map((d) => d.slice(0, 3).toLowerCase()),
  )
  const times = (article.text.match(OPENING_TIME) ?? []).length
  if (weekdays.size >= 4 && times >= 4 && words < 400)
    return { kind: 'clinic-info', topic: 'hours' }
  if (STREET.test(article.text) && words < 150) return { kind: 'clinic-info', topic: 'location' }
  return { kind: 'article' }
}

/**
 * The URL scheme of a clinic site: what the site generator renders at, and what links to it use
 * (canonical URLs, the CMS's links to live pages). Root-relative: each clinic's tree is served at
 * its domain root. English pages live at the root, every other language under /<locale>/ with
 * path words in that language (patients read the address bar too).
 */
import { DEFAULT_LOCALE, type Locale } from './locales.ts'

export const ARTICLES_PER_PAGE = 12

/** The path words of each language's pages (one table, so a new page type cannot miss a language). */
const WORDS = {
  en: {
    articles: 'articles',
    page: 'page',
    conditions: 'conditions',
    faq: 'faq',
    location: 'location',
    search: 'search',
  },
  es: {
    articles: 'articulos',
    page: 'pagina',
    conditions: 'condiciones',
    faq: 'preguntas-frecuentes',
    location: 'ubicacion',
    search: 'buscar',
  },
} as const satisfies Record<Locale, Record<string, string>>

/** '' for English, '/es' for Spanish: what every path of that language starts with. */
export const localePrefix = (locale: Locale = DEFAULT_LOCALE) =>
  locale === DEFAULT_LOCALE ? '' : `/${locale}`

const under = (locale: Locale, rest: string) => `${localePrefix(locale)}/${rest}`

export const homePath = (locale: Locale = DEFAULT_LOCALE) => under(locale, '')

/**
 * Article list page n. Pages 2+ live under /articles/page/<n>/ rather than /articles/<n>/: article
 * slugs may be numbers ("2" is a valid slug), and the two must never collide.
 */
export const articleIndexPath = (page: number, locale: Locale = DEFAULT_LOCALE) => {
  const words = WORDS[locale]
  return page <= 1
    ? under(locale, `${words.articles}/`)
    : under(locale, `${words.articles}/${words.page}/${page}/`)
}

export const articlePath = (slug: string, locale: Locale = DEFAULT_LOCALE) =>
  under(locale, `${WORDS[locale].articles}/${slug}/`)
export const conditionIndexPath = (locale: Locale = DEFAULT_LOCALE) =>
  under(locale, `${WORDS[locale].conditions}/`)
export const conditionPath = (slug: string, locale: Locale = DEFAULT_LOCALE) =>
  under(locale, `${WORDS[locale].conditions}/${slug}/`)
export const faqPath = (locale: Locale = DEFAULT_LOCALE) => under(locale, `${WORDS[locale].faq}/`)
export const locationPath = (locale: Locale = DEFAULT_LOCALE) =>
  under(locale, `${WORDS[locale].location}/`)
export const searchPath = (locale: Locale = DEFAULT_LOCALE) =>
  under(locale, `${WORDS[locale].search}/`)
/** The not-found page the static servers answer misses under the language's prefix with. */
export const notFoundPath = (locale: Locale = DEFAULT_LOCALE) => under(locale, '404.html')
export const rssPath = (locale: Locale = DEFAULT_LOCALE) => under(locale, 'rss.xml')

/** The language a root-relative path on a clinic site is in (by its first segment). */
export function localeOfPath(path: string): Locale {
  const first = path.split('/')[1]
  return (
    (Object.keys(WORDS) as Locale[]).find((l) => l !== DEFAULT_LOCALE && l === first) ??
    DEFAULT_LOCALE
  )
}

/** An absolute URL on a clinic's site: its site URL (with or without a trailing slash) and a path. */
export const absoluteUrl = (siteUrl: string, path: string) =>
  `${siteUrl.replace(/\/+$/, '')}${path}`

/** What a page tells the layout: titles, canonical URL, breadcrumbs and structured data. */
import type { JsonLd } from '../lib/jsonld.ts'

import type { ClinicSite, PageKey } from './clinic-site.ts'

export interface Crumb {
  name: string
  /** Root-relative path on the clinic's site. */
  path: string
}

export interface OgImage {
  /** Absolute URL. */
  url: string
  width: number
  height: number
  alt: string
}

export type Section = 'home' | 'articles' | 'conditions' | 'faq' | 'location' | 'search' | 'none'

export interface PageMeta {
  site: ClinicSite
  /** Page title without the clinic suffix. */
  title: string
  description: string
  /** Root-relative path of this page, e.g. /articles/ (no clinic prefix: each site is a domain root). */
  path: string
  /** Which page this is, whatever the language: finds its versions in the other languages. */
  page: PageKey
  section: Section
  /** Absolute canonical URL (default: this page on this clinic's domain; null: none, e.g. 404). */
  canonicalUrl?: string | null
  noindex?: boolean
  ogType?: 'website' | 'article'
  ogImage?: OgImage
  /** Trail after Home, the current page last. Omitted on the home page. */
  breadcrumbs?: Crumb[]
  /** Page-specific JSON-LD nodes (the clinic, website and breadcrumbs are added by the layout). */
  jsonLd?: JsonLd[]
  /** Index `main` for site search (Pagefind). */
  searchable?: boolean
  /** Extra Open Graph article properties. */
  article?: { publishedTime?: string | null; modifiedTime?: string | null }
}

/** Absolute URL of a path on a clinic's site. */
export const urlOn = (site: ClinicSite, path: string) => `${site.siteUrl}${path}`

/**
 * The language of images' alt texts on this page: the CMS keeps one alt text per image, written in
 * English, so on a page in another language the image says its text is English (for screen readers).
 */
export const altTextLang = (site: ClinicSite) => (site.locale === 'en' ? undefined : 'en')

/**
 * Attributes of a link from this page to a page that exists in English only (the consultation
 * form, the privacy notice): on a page in another language, the link says the target's language.
 */
export const englishOnlyLink = (site: ClinicSite) =>
  site.locale === 'en' ? {} : { hreflang: 'en' }

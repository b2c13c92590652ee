/**
 * schema.org structured data for the clinic sites. Pure functions from plain inputs (no CMS
 * types beyond the shapes below) so that tests can check them without a build.
 */
import { dayName, WEEKDAYS } from '@clinic/shared/vocabulary'

export type JsonLd = Record<string, unknown>

const DAY_URIS = new Map<string, string>(
  WEEKDAYS.map((day) => [day, `https://schema.org/${dayName(day)}`]),
)

const trimSlash = (url: string) => url.replace(/\/+$/, '')

/** The stable @id of a clinic's MedicalClinic node: the same on every page of its site. */
export const clinicId = (siteUrl: string) => `${trimSlash(siteUrl)}/#clinic`
/** The stable @id of a clinic site's WebSite node. */
export const websiteId = (siteUrl: string) => `${trimSlash(siteUrl)}/#website`
/** The @id of a provider on a clinic's site (their card on /location/). */
export const providerId = (siteUrl: string, providerSlug: string) =>
  `${trimSlash(siteUrl)}/location/#${providerSlug}`

/** Drops undefined, null, empty strings and empty arrays so the output stays minimal. */
function compact<T extends JsonLd>(node: T): T {
  return Object.fromEntries(
    Object.entries(node).filter(
      ([, value]) =>
        value !== undefined &&
        value !== null &&
        value !== '' &&
        !(Array.isArray(value) && value.length === 0),
    ),
  ) as T
}

export interface ClinicInput {
  name: string
  siteUrl: string
  description?: string | null
  phone: string
  email?: string | null
  address: { street: string; city: string; state: string; postalCode: string; country: string }
  geo?: { lat: number; lng: number } | null
  openingHours?: { day: string; opens: string; closes: string }[] | null
  /** Absolute URL of the logo, if any. */
  logoUrl?: string | null
  /** Names of conditions treated (MedicalCondition). */
  conditions?: string[]
  /** Names of treatments offered. */
  treatments?: string[]
  consultationUrl?: string | null
  /** The consultation action's name in the page's language (default English). */
  consultationLabel?: string
  mapUrl?: string | null
}

export function telephoneForSchema(phone: string): string {
  // Keep what people read ("(505) 555-0142") but give machines the E.164 form for US numbers.
  const digits = phone.replace(/\D/g, '')
  if (digits.length === 10)
    return `+1-${digits.slice(0, 3)}-${digits.slice(3, 6)}-${digits.slice(6)}`
  if (digits.length === 11 && digits.startsWith('1'))
    return `+1-${digits.slice(1, 4)}-${digits.slice(4, 7)}-${digits.slice(7)}`
  return phone
}

/** MedicalClinic with address, geo, opening hours and telephone, under a stable @id. */
export function medicalClinic(clinic: ClinicInput): JsonLd {
  const siteUrl = trimSlash(clinic.siteUrl)
  return compact({
    '@type': 'MedicalClinic',
    '@id': clinicId(siteUrl),
    name: clinic.name,
    url: `${siteUrl}/`,
    description: clinic.description ?? undefined,
    telephone: telephoneForSchema(clinic.phone),
    email: clinic.email ?? undefined,
    logo: clinic.logoUrl ?? undefined,
    image: clinic.logoUrl ?? undefined,
    hasMap: clinic.mapUrl ?? undefined,
    address: {
      '@type': 'PostalAddress',
      streetAddress: clinic.address.street,
      addressLocality: clinic.address.city,
      addressRegion: clinic.address.state,
      postalCode: clinic.address.postalCode,
      addressCountry: clinic.address.country,
    },
    geo: clinic.geo
      ? { '@type': 'GeoCoordinates', latitude: clinic.geo.lat, longitude: clinic.geo.lng }
      : undefined,
    openingHoursSpecification: (clinic.openingHours ?? [])
      .filter((row) => DAY_URIS.has(row.day))
      .map((row) => ({
        '@type': 'OpeningHoursSpecification',
        dayOfWeek: DAY_URIS.get(row.day),
        opens: row.opens,
        closes: row.closes,
      })),
    availableService: (clinic.treatments ?? []).map((name) => ({
      '@type': 'MedicalTherapy',
      name,
    })),
    knowsAbout: (clinic.conditions ?? []).map((name) => ({ '@type': 'MedicalCondition', name })),
    potentialAction: clinic.consultationUrl
      ? {
          '@type': 'ReserveAction',
          name: clinic.consultationLabel ?? 'Request a consultation',
          target: clinic.consultationUrl,
        }
      : undefined,
  })
}

/** WebSite node for a clinic site (with the Pagefind search page as its search action target). */
export function website(input: { siteUrl: string; name: string; inLanguage?: string }): JsonLd {
  const siteUrl = trimSlash(input.siteUrl)
  return {
    '@type': 'WebSite',
    '@id': websiteId(siteUrl),
    url: `${siteUrl}/`,
    name: input.name,
    publisher: { '@id': clinicId(siteUrl) },
    inLanguage: input.inLanguage ?? 'en',
  }
}

export interface Crumb {
  name: string
  /** Absolute URL. */
  url: string
}

/** BreadcrumbList: every page except home. */
export function breadcrumbList(crumbs: Crumb[]): JsonLd {
  return {
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  }
}

export interface PersonInput {
  name: string
  credentials?: string | null
  /** Absolute URL of their profile (a provider card), if any. */
  url?: string | null
  /** @id of a Physician node defined elsewhere on the page or site. */
  id?: string | null
}

const person = (input: PersonInput): JsonLd =>
  compact({
    '@type': 'Person',
    '@id': input.id ?? undefined,
    name: input.name,
    honorificSuffix: input.credentials ?? undefined,
    url: input.url ?? undefined,
  })

/** Credentials that make a provider a physician (MD or DO); others are described as people with a job title. */
export const isPhysician = (credentials: string | null | undefined) =>
  /\b(MD|DO)\b/.test(credentials ?? '')

export interface ProviderInput {
  name: string
  slug: string
  credentials?: string | null
  role?: string | null
  description?: string | null
  imageUrl?: string | null
}

/**
 * A care-team member working at the clinic: Physician for MDs and DOs; nurse practitioners,
 * anaesthetists and others are not physicians, so they are a Person with a job title.
 */
export function provider(input: ProviderInput, siteUrl: string): JsonLd {
  return compact({
    '@type': isPhysician(input.credentials) ? 'Physician' : 'Person',
    '@id': providerId(siteUrl, input.slug),
    name: input.name,
    honorificSuffix: input.credentials ?? undefined,
    jobTitle: input.role ?? undefined,
    description: input.description ?? undefined,
    image: input.imageUrl ?? undefined,
    url: providerId(siteUrl, input.slug),
    memberOf: { '@id': clinicId(siteUrl) },
  })
}

export interface ArticleInput {
  /** Absolute URL of this copy; the canonical URL may differ. */
  url: string
  canonicalUrl: string
  siteUrl: string
  title: string
  description: string
  imageUrl?: string | null
  datePublished?: string | null
  dateModified?: string | null
  /** YYYY-MM-DD or ISO date. */
  lastReviewed?: string | null
  reviewedBy?: PersonInput | null
  author?: PersonInput | null
  /** Names of the conditions the article is about. */
  about?: string[]
  breadcrumbId?: string
  /** BCP 47 language of the page (default en). */
  inLanguage?: string
}

const dateOnly = (value: string | null | undefined) => (value ? value.slice(0, 10) : undefined)

/** MedicalWebPage for an article, with reviewedBy and lastReviewed when the article was reviewed. */
export function medicalWebPage(input: ArticleInput): JsonLd {
  const siteUrl = trimSlash(input.siteUrl)
  return compact({
    '@type': 'MedicalWebPage',
    '@id': `${input.url}#webpage`,
    url: input.canonicalUrl,
    name: input.title,
    headline: input.title,
    description: input.description,
    inLanguage: input.inLanguage ?? 'en',
    isPartOf: { '@id': websiteId(siteUrl) },
    publisher: { '@id': clinicId(siteUrl) },
    image: input.imageUrl ?? undefined,
    datePublished: input.datePublished ?? undefined,
    dateModified: input.dateModified ?? undefined,
    lastReviewed: dateOnly(input.lastReviewed),
    reviewedBy: input.reviewedBy ? person(input.reviewedBy) : undefined,
    author: input.author ? person(input.author) : undefined,
    about: (input.about ?? []).map((name) => ({ '@type': 'MedicalCondition', name })),
    breadcrumb: input.breadcrumbId ? { '@id': input.breadcrumbId } : undefined,
  })
}

/** A plain WebPage node (home, lists, location...). */
export function webPage(input: {
  url: string
  siteUrl: string
  title: string
  description?: string | null
  type?: string
  inLanguage?: string
}): JsonLd {
  const siteUrl = trimSlash(input.siteUrl)
  return compact({
    '@type': input.type ?? 'WebPage',
    '@id': `${input.url}#webpage`,
    url: input.url,
    name: input.title,
    description: input.description ?? undefined,
    inLanguage: input.inLanguage ?? 'en',
    isPartOf: { '@id': websiteId(siteUrl) },
    about: { '@id': clinicId(siteUrl) },
  })
}

/** MedicalWebPage about one condition (condition pages). */
export function conditionPage(input: {
  url: string
  siteUrl: string
  name: string
  description: string
  lastReviewed?: string | null
  inLanguage?: string
}): JsonLd {
  const siteUrl = trimSlash(input.siteUrl)
  return compact({
    '@type': 'MedicalWebPage',
    '@id': `${input.url}#webpage`,
    url: input.url,
    name: input.name,
    description: input.description,
    inLanguage: input.inLanguage ?? 'en',
    isPartOf: { '@id': websiteId(siteUrl) },
    publisher: { '@id': clinicId(siteUrl) },
    about: { '@type': 'MedicalCondition', name: input.name },
    lastReviewed: dateOnly(input.lastReviewed),
  })
}

export interface FaqInput {
  question: string
  /** Plain-text answer, as shown on the page. */
  answer: string
}

/** FAQPage: only for pages that show these questions and answers. */
export function faqPage(input: { url: string; faqs: FaqInput[] }): JsonLd {
  return {
    '@type': 'FAQPage',
    '@id': `${input.url}#faq`,
    mainEntity: input.faqs.map((faq) => ({
      '@type': 'Question',
      name: faq.question,
      acceptedAnswer: { '@type': 'Answer', text: faq.answer },
    })),
  }
}

/** One JSON-LD document with several nodes. */
export function graph(nodes: (JsonLd | undefined | null | false)[]): JsonLd {
  return {
    '@context': 'https://schema.org',
    '@graph': nodes.filter((node): node is JsonLd => Boolean(node)),
  }
}

/**
 * JSON for inside <script type="application/ld+json">: `<`, `>`, `&` and the line separators
 * are escaped so no text from the CMS can close the script element or start a comment.
 */
export function serializeJsonLd(data: JsonLd): string {
  return JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
}

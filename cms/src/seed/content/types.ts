/**
 * Authoring shapes for the demo network. Content is written in these small, readable structures
 * and converted to Lexical rich text and Payload documents by the seed (see ../richText.ts).
 *
 * Inline text in `p`, list items and `quote` may contain markdown-style links `[label](https://...)`
 * and `**bold**`; nothing else is interpreted.
 */
import type { FaqTopic } from '@clinic/shared/vocabulary'

export type Block =
  | { h2: string }
  | { h3: string }
  | { p: string }
  | { ul: string[] }
  | { ol: string[] }
  | { quote: string }

export type Weekday =
  'monday' | 'tuesday' | 'wednesday' | 'thursday' | 'friday' | 'saturday' | 'sunday'

export interface SeedCondition {
  slug: string
  name: string
  category: 'mental-health' | 'pain'
  /** One or two plain sentences, shown on cards and in meta descriptions (<= 160 chars). */
  summary: string
  body: Block[]
}

export interface SeedClinic {
  slug: string
  name: string
  /** The clinic's public domain, e.g. https://www.mesaverdeketamine.example */
  siteUrl: string
  /** Fictional, 555-01xx, formatted e.g. "(505) 555-0142" */
  phone: string
  email: string
  address: { street: string; city: string; state: string; postalCode: string; country: 'US' }
  geo: { lat: number; lng: number }
  timezone: string
  /** Closed days are simply absent. Times are 24h "HH:MM" local time. */
  hours: { day: Weekday; opens: string; closes: string }[]
  /** Condition slugs treated at this clinic. */
  conditions: string[]
  /** Treatments offered, short names, e.g. "IV ketamine infusion", "Booster infusions". */
  treatments: string[]
  /** Not seeded: the demo clinics take consultation requests by phone. */
  consultationUrl?: string
  tagline: string
  about: Block[]
  accentColor: string
}

export interface SeedProvider {
  slug: string
  name: string
  /** e.g. "MD", "DO, FACEP", "PMHNP-BC", "CRNA" */
  credentials: string
  role: string
  bio: Block[]
  /** Clinic slugs where this provider practises. */
  clinics: string[]
}

/** Users with the medical-reviewer role; they appear on articles as "Medically reviewed by". */
export interface SeedReviewer {
  key: string
  name: string
  credentials: string
  email: string
}

export interface SeedArticle {
  slug: string
  title: string
  /** One or two sentences, <= 200 chars. */
  excerpt: string
  /** 'network' or the slug of the one clinic that owns a local article. */
  owner: 'network' | string
  /** For network articles: 'all' or a list of clinic slugs. Local articles: ignored (own clinic). */
  syndicatedTo: 'all' | string[]
  /** For network articles: which clinic hosts the canonical copy. */
  canonicalClinic?: string
  conditions: string[]
  /** Provider slug. */
  author: string
  /** Reviewer key. */
  reviewer: string
  /** ISO date, YYYY-MM-DD, within the last 10 months of 2026-11-21. */
  lastReviewed: string
  heroAlt: string
  body: Block[]
  references: { title: string; url: string }[]
}

export interface SeedFaq {
  question: string
  answer: Block[]
  topic: FaqTopic
  conditions: string[]
  /** 'network' or a clinic slug for a clinic-only FAQ. */
  scope: 'network' | string
  order: number
}

import type { Payload, PayloadRequest } from 'payload'

import {
  ARTICLES,
  CLINICS,
  CONDITIONS,
  CONSULTATION_INTAKES,
  FAQS,
  NETWORK_SETTINGS,
  PROVIDERS,
  USERS,
} from '../collections/slugs'
import type { Role } from '../access/roles'
import { articles } from './content/articles'
import { clinics } from './content/clinics'
import { conditions } from './content/conditions'
import { faqs } from './content/faqs'
import { providers, reviewers } from './content/people'
import { toLexical } from './richText'
import { addSpanishVersions } from './spanish'

export interface SeedUser {
  email: string
  password: string
  name: string
  roles: Role[]
  credentials?: string
  /** Clinic slugs, for clinic editors. */
  clinics?: string[]
}

export interface SeedOptions {
  users: SeedUser[]
  log?: (line: string) => void
}

export interface SeedSummary {
  created: Record<string, number>
  existing: Record<string, number>
}

/** The fictional network the demo content describes. */
export const NETWORK_NAME = 'Clearwater Infusion Network'
export const DEMO_EMAIL_DOMAIN = 'clearwater-infusion.example'

/** The day the demo content was written; review dates keep their age relative to today. */
const CONTENT_WRITTEN_ON = Date.parse('2026-11-21T12:00:00.000Z')

/** Keeps a demo review date as old as it was when written, so the demo never goes stale. */
export function reviewDateFor(authored: string, now = Date.now()): string {
  const age = CONTENT_WRITTEN_ON - Date.parse(`${authored}T12:00:00.000Z`)
  return new Date(now - Math.max(age, 0)).toISOString()
}

/** Seeding is trusted, runs without access control and tells hooks to skip side effects. */
const trusted = { overrideAccess: true, context: { seeding: true } } as const

/**
 * Creates the demo clinic network. Idempotent: documents are matched by slug (FAQs by question,
 * users by email) and existing ones are left exactly as they are, so editors' changes survive a
 * re-run.
 */
export async function seedDemoNetwork(
  payload: Payload,
  { users, log = () => {} }: SeedOptions,
): Promise<SeedSummary> {
  const summary: SeedSummary = { created: {}, existing: {} }
  const count = (kind: keyof SeedSummary, collection: string) => {
    summary[kind][collection] = (summary[kind][collection] ?? 0) + 1
  }

  /** Finds a document by a unique field or creates it; returns its id. */
  async function ensure(
    collection: string,
    where: Record<string, unknown>,
    data: () => Record<string, unknown>,
    req?: Partial<PayloadRequest>,
  ): Promise<string | number> {
    const found = await payload.find({
      collection: collection as typeof ARTICLES,
      where: where as never,
      limit: 1,
      depth: 0,
      draft: true,
      ...trusted,
      ...(req ? { req } : {}),
    })
    const existing = found.docs[0]
    if (existing) {
      count('existing', collection)
      return existing.id
    }
    const created = await payload.create({
      collection: collection as typeof ARTICLES,
      data: data() as never,
      depth: 0,
      ...trusted,
    })
    count('created', collection)
    return created.id
  }

  const ids = {
    condition: new Map<string, string | number>(),
    clinic: new Map<string, string | number>(),
    provider: new Map<string, string | number>(),
    reviewer: new Map<string, string | number>(),
  }
  const idOf = (map: Map<string, string | number>, key: string, what: string) => {
    const id = map.get(key)
    if (id === undefined) throw new Error(`Seed content refers to unknown ${what} "${key}"`)
    return id
  }

  for (const condition of conditions) {
    ids.condition.set(
      condition.slug,
      await ensure(CONDITIONS, { slug: { equals: condition.slug } }, () => ({
        ...condition,
        body: toLexical(condition.body),
      })),
    )
  }
  log(`conditions: ${conditions.length}`)

  for (const clinic of clinics) {
    ids.clinic.set(
      clinic.slug,
      await ensure(CLINICS, { slug: { equals: clinic.slug } }, () => ({
        name: clinic.name,
        slug: clinic.slug,
        siteUrl: clinic.siteUrl,
        tagline: clinic.tagline,
        phone: clinic.phone,
        email: clinic.email,
        // No booking site: the demo clinics take requests through their sites' consultation form.
        address: clinic.address,
        geo: clinic.geo,
        timezone: clinic.timezone,
        openingHours: clinic.hours,
        conditions: clinic.conditions.map((slug) => idOf(ids.condition, slug, 'condition')),
        treatments: clinic.treatments.map((name) => ({ name })),
        about: toLexical(clinic.about),
        brand: { accentColor: clinic.accentColor },
      })),
    )
  }
  log(`clinics: ${clinics.map((c) => c.name).join(', ')}`)

  // Each demo clinic takes consultation requests by email (under `npm start`: into data/outbox/).
  for (const clinic of clinics) {
    const id = idOf(ids.clinic, clinic.slug, 'clinic')
    await ensure(CONSULTATION_INTAKES, { clinic: { equals: id } }, () => ({
      clinic: id,
      email: `requests@${new URL(clinic.siteUrl).hostname}`,
    }))
  }

  for (const provider of providers) {
    ids.provider.set(
      provider.slug,
      await ensure(PROVIDERS, { slug: { equals: provider.slug } }, () => ({
        ...provider,
        bio: toLexical(provider.bio),
        clinics: provider.clinics.map((slug) => idOf(ids.clinic, slug, 'clinic')),
      })),
    )
  }
  log(`providers: ${providers.length}`)

  for (const user of users) {
    const id = await ensure(USERS, { email: { equals: user.email.toLowerCase() } }, () => ({
      email: user.email,
      password: user.password,
      name: user.name,
      credentials: user.credentials,
      roles: user.roles,
      clinics: (user.clinics ?? []).map((slug) => idOf(ids.clinic, slug, 'clinic')),
    }))
    const reviewer = reviewers.find((r) => r.email.toLowerCase() === user.email.toLowerCase())
    if (reviewer) ids.reviewer.set(reviewer.key, id)
  }
  log(`users: ${users.map((u) => `${u.email} (${u.roles.join(', ')})`).join('; ')}`)

  for (const article of articles) {
    const isLocal = article.owner !== 'network'
    await ensure(ARTICLES, { slug: { equals: article.slug } }, () => ({
      title: article.title,
      slug: article.slug,
      excerpt: article.excerpt,
      body: toLexical(article.body),
      references: article.references,
      author: idOf(ids.provider, article.author, 'provider'),
      medicalReviewer: ids.reviewer.get(article.reviewer),
      lastReviewedAt: reviewDateFor(article.lastReviewed),
      conditions: article.conditions.map((slug) => idOf(ids.condition, slug, 'condition')),
      owner: isLocal ? 'clinic' : 'network',
      ownerClinic: isLocal ? idOf(ids.clinic, article.owner, 'clinic') : undefined,
      syndication: isLocal ? undefined : article.syndicatedTo === 'all' ? 'all' : 'selected',
      clinics:
        isLocal || article.syndicatedTo === 'all'
          ? []
          : article.syndicatedTo.map((slug) => idOf(ids.clinic, slug, 'clinic')),
      canonicalClinic:
        isLocal || !article.canonicalClinic
          ? undefined
          : idOf(ids.clinic, article.canonicalClinic, 'clinic'),
      _status: 'published',
    }))
  }
  log(`articles: ${articles.length}`)

  for (const faq of faqs) {
    const isLocal = faq.scope !== 'network'
    await ensure(FAQS, { question: { equals: faq.question } }, () => ({
      question: faq.question,
      answer: toLexical(faq.answer),
      topic: faq.topic,
      conditions: faq.conditions.map((slug) => idOf(ids.condition, slug, 'condition')),
      owner: isLocal ? 'clinic' : 'network',
      ownerClinic: isLocal ? idOf(ids.clinic, faq.scope, 'clinic') : undefined,
      order: faq.order,
      _status: 'published',
    }))
  }
  log(`faqs: ${faqs.length}`)

  const translated = await addSpanishVersions(payload, {
    reviewers: ids.reviewer,
    today: reviewDateFor,
  })
  log(`Spanish versions added: ${translated}`)

  await payload.updateGlobal({
    slug: NETWORK_SETTINGS,
    data: { networkName: NETWORK_NAME },
    ...trusted,
  })
  return summary
}

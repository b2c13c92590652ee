/**
 * Loads the whole clinic network from the CMS once per build. Every getStaticPaths and endpoint
 * awaits the same promise, so each document is fetched once however many clinic sites show it.
 */
import { relationId, relationIds, type Id } from '@clinic/shared/ids'
import type {
  Article,
  Clinic,
  Condition,
  Faq,
  Media,
  NetworkSetting,
  Provider,
} from '@clinic/shared/payload-types'
import { syndicationClinicOf, type SyndicationClinic } from '@clinic/shared/syndication'

import {
  CmsClient,
  describeUrl,
  assertNoMissingReferences,
  findMissingReferences,
  idSet,
  type FieldList,
  type ReferenceRule,
} from '../lib/cms-client.ts'
import { internalLinksIn, uploadsIn, type LexicalDocument } from '../lib/richtext.ts'
import { sharedNetwork } from './network-cache.ts'

/** A clinic with the fields every page relies on present. */
export type NetworkClinic = Clinic & { slug: string }
export type NetworkArticle = Article & { slug: string }

export interface Network {
  settings: NetworkSetting
  clinics: NetworkClinic[]
  /** Clinics as the syndication rules see them (all clinics, by slug). */
  syndicationClinics: SyndicationClinic[]
  articles: NetworkArticle[]
  faqs: Faq[]
  conditions: Condition[]
  providers: Provider[]
  clinicById: Map<string, NetworkClinic>
  articleById: Map<string, NetworkArticle>
  conditionById: Map<string, Condition>
  providerById: Map<string, Provider>
  mediaById: Map<string, Media>
  stats: { requests: number; retries: number; ms: number }
}

// The fields the pages use; nothing else crosses the wire (no versions, no editors' ids).
const ARTICLE_FIELDS = [
  'title',
  'slug',
  'excerpt',
  'heroImage',
  'body',
  'references',
  'author',
  'reviewedBy',
  'lastReviewedAt',
  'meta',
  'conditions',
  'owner',
  'ownerClinic',
  'syndication',
  'clinics',
  'canonicalClinic',
  'publishedAt',
  'updatedAt',
  'createdAt',
  '_status',
] as const satisfies FieldList<Article>
const FAQ_FIELDS = [
  'question',
  'answer',
  'topic',
  'conditions',
  'owner',
  'ownerClinic',
  'order',
  'updatedAt',
  '_status',
] as const satisfies FieldList<Faq>
const CONDITION_FIELDS = [
  'name',
  'slug',
  'category',
  'summary',
  'body',
  'updatedAt',
] as const satisfies FieldList<Condition>
const CLINIC_FIELDS = [
  'name',
  'slug',
  'siteUrl',
  'tagline',
  'phone',
  'email',
  'consultationUrl',
  'address',
  'geo',
  'timezone',
  'openingHours',
  'conditions',
  'treatments',
  'about',
  'optedOutArticles',
  'brand',
  'updatedAt',
] as const satisfies FieldList<Clinic>
const PROVIDER_FIELDS = [
  'name',
  'slug',
  'credentials',
  'role',
  'photo',
  'bio',
  'clinics',
  'needsReview',
] as const satisfies FieldList<Provider>
const MEDIA_FIELDS = [
  'alt',
  'url',
  'filename',
  'mimeType',
  'width',
  'height',
  'sizes',
  'updatedAt',
] as const satisfies FieldList<Media>

/** Drafts never reach a build: the API already hides them from anonymous readers; this says so too. */
const PUBLISHED = { 'where[_status][equals]': 'published' }

const byId = <T extends { id: Id }>(docs: T[]) => new Map(docs.map((doc) => [String(doc.id), doc]))

const log = (line: string) => process.stdout.write(`[site] ${line}\n`)

/** The clinics named in env CLINICS (a partial rebuild), or undefined for all. */
export function wantedClinicSlugs(): string[] | undefined {
  const slugs = (process.env.CLINICS ?? '')
    .split(',')
    .map((slug) => slug.trim())
    .filter(Boolean)
  return slugs.length > 0 ? slugs : undefined
}

/**
 * `where` clauses (bracket form) limiting articles and FAQs to those the CLINICS show, by the
 * rules of @clinic/shared/syndication (the exact per-clinic filtering happens later, as always).
 */
async function partialScope(
  clinicsRequest: Promise<Clinic[]>,
): Promise<{ articles: Record<string, string>; faqs: Record<string, string> } | undefined> {
  const wanted = wantedClinicSlugs()
  if (!wanted) return undefined
  const ids = (await clinicsRequest)
    .filter((clinic) => clinic.slug && wanted.includes(clinic.slug))
    .map((clinic) => String(clinic.id))
  // Unknown slugs are reported by clinicsToBuild; an impossible id keeps the queries valid meanwhile.
  const list = ids.length > 0 ? ids.join(',') : '0'
  return {
    articles: {
      'where[or][0][and][0][owner][equals]': 'network',
      'where[or][0][and][1][syndication][equals]': 'all',
      'where[or][1][and][0][owner][equals]': 'network',
      'where[or][1][and][1][clinics][in]': list,
      'where[or][2][and][0][owner][equals]': 'clinic',
      'where[or][2][and][1][ownerClinic][in]': list,
    },
    faqs: {
      'where[or][0][owner][equals]': 'network',
      'where[or][1][ownerClinic][in]': list,
    },
  }
}

async function fetchNetwork(): Promise<Network> {
  const started = Date.now()
  const client = new CmsClient({
    onRetry: ({ url, attempt, delayMs, reason }) =>
      log(`retry ${attempt} in ${delayMs} ms: ${describeUrl(url)}: ${reason}`),
  })
  log(`loading the network from ${client.baseUrl} ...`)
  const clinicsRequest = client.findAll('clinics', {
    select: CLINIC_FIELDS,
    depth: 0,
    query: { joins: 'false' },
  })
  // A partial rebuild (CLINICS) reads only the articles and FAQs those clinics show: on a large
  // network that is most of a publish's rebuild time. Pages only ever use the documents of their
  // own clinic (links to other articles resolve through the clinic's own list), so the output is
  // the same as from the whole network.
  const scope = await partialScope(clinicsRequest)
  const [settings, clinicDocs, articleDocs, faqs, conditions, providers] = await Promise.all([
    client.findGlobal('network-settings'),
    clinicsRequest,
    client.findAll('articles', {
      select: ARTICLE_FIELDS,
      depth: 0,
      query: { ...PUBLISHED, ...scope?.articles },
    }),
    client.findAll('faqs', {
      select: FAQ_FIELDS,
      depth: 0,
      query: { ...PUBLISHED, ...scope?.faqs },
    }),
    client.findAll('conditions', { select: CONDITION_FIELDS, depth: 0 }),
    client.findAll('providers', { select: PROVIDER_FIELDS, depth: 0 }),
  ])

  // The API hides drafts from anonymous readers; a build that was handed one anyway (a leaking
  // proxy, a credential with draft access) stops before anything is written.
  const drafts = [...articleDocs, ...faqs].filter((doc) => doc._status !== 'published')
  if (drafts.length > 0) {
    throw new Error(
      `The CMS returned unpublished documents to the build (refusing to render drafts): ${drafts.map((doc) => doc.id).join(', ')}`,
    )
  }

  const clinicsWithoutSlug = clinicDocs.filter((clinic) => !clinic.slug)
  if (clinicsWithoutSlug.length > 0) {
    throw new Error(
      `Clinics without a slug cannot be built: ${clinicsWithoutSlug.map((c) => `${c.id} (${c.name})`).join(', ')}`,
    )
  }
  const clinics = (clinicDocs as NetworkClinic[]).sort((a, b) => a.slug.localeCompare(b.slug))
  const articles = articleDocs.filter((article): article is NetworkArticle => {
    if (article.slug) return true
    log(`warning: article ${article.id} "${article.title}" has no slug and is left out`)
    return false
  })

  // Media are fetched by id: only the images published content actually uses.
  const mediaIds = new Set<string>()
  const addMedia = (ref: unknown) => {
    const id = relationId(ref)
    if (id !== undefined) mediaIds.add(String(id))
  }
  const addUploads = (doc: LexicalDocument | null | undefined) =>
    uploadsIn(doc).forEach((node) => addMedia(node.value))
  for (const article of articles) {
    addMedia(article.heroImage)
    addMedia(article.meta?.image)
    addUploads(article.body)
  }
  for (const clinic of clinics) {
    addMedia(clinic.brand?.logo)
    addUploads(clinic.about)
  }
  for (const provider of providers) {
    addMedia(provider.photo)
    addUploads(provider.bio)
  }
  faqs.forEach((faq) => addUploads(faq.answer))
  conditions.forEach((condition) => addUploads(condition.body))
  const media =
    mediaIds.size > 0
      ? await client.findByIds('media', mediaIds, { select: MEDIA_FIELDS, depth: 0 })
      : []

  checkReferences({ clinics, articles, faqs, conditions, providers, media })

  const network: Network = {
    settings,
    clinics,
    syndicationClinics: clinics.map(syndicationClinicOf),
    articles,
    faqs,
    conditions,
    providers,
    clinicById: byId(clinics),
    articleById: byId(articles),
    conditionById: byId(conditions),
    providerById: byId(providers),
    mediaById: byId(media),
    stats: { requests: client.requests, retries: client.retries, ms: Date.now() - started },
  }
  log(
    `loaded ${clinics.length} clinics, ${articles.length} articles, ${faqs.length} FAQs, ${conditions.length} conditions, ` +
      `${providers.length} providers, ${media.length} images in ${network.stats.ms} ms (${client.requests} requests, ${client.retries} retries)`,
  )
  return network
}

/**
 * Fails the build when published content points at a document the snapshot does not have (deleted,
 * or changed while the build read it). Opt-out lists may name unpublished articles: not an error.
 * Rich-text links to unpublished articles are not errors either: they render as plain text.
 */
function checkReferences(snapshot: {
  clinics: Clinic[]
  articles: Article[]
  faqs: Faq[]
  conditions: Condition[]
  providers: Provider[]
  media: Media[]
}): void {
  const clinics = idSet(snapshot.clinics)
  const conditions = idSet(snapshot.conditions)
  const providers = idSet(snapshot.providers)
  const media = idSet(snapshot.media)
  type AnyDoc = { id: Id } & Record<string, unknown>
  const rule = <T extends { id: Id }>(
    from: string,
    docs: T[],
    field: string,
    refs: (doc: T) => unknown,
    to: string,
    targets: Set<string>,
  ): ReferenceRule<AnyDoc> => ({
    from,
    docs: docs as unknown as AnyDoc[],
    field,
    refs: refs as (doc: AnyDoc) => unknown,
    to,
    targets,
  })
  const uploads = (doc: LexicalDocument | null | undefined) =>
    uploadsIn(doc).map((node) => node.value)
  const conditionLinks = (doc: LexicalDocument | null | undefined) =>
    internalLinksIn(doc)
      .filter((link) => link.relationTo === 'conditions')
      .map((link) => link.value)

  assertNoMissingReferences(
    findMissingReferences([
      rule('article', snapshot.articles, 'author', (a) => a.author, 'provider', providers),
      rule(
        'article',
        snapshot.articles,
        'conditions',
        (a) => a.conditions,
        'condition',
        conditions,
      ),
      rule('article', snapshot.articles, 'ownerClinic', (a) => a.ownerClinic, 'clinic', clinics),
      rule('article', snapshot.articles, 'clinics', (a) => a.clinics, 'clinic', clinics),
      rule(
        'article',
        snapshot.articles,
        'canonicalClinic',
        (a) => a.canonicalClinic,
        'clinic',
        clinics,
      ),
      rule('article', snapshot.articles, 'heroImage', (a) => a.heroImage, 'media', media),
      rule('article', snapshot.articles, 'meta.image', (a) => a.meta?.image, 'media', media),
      rule('article', snapshot.articles, 'body (upload)', (a) => uploads(a.body), 'media', media),
      rule(
        'article',
        snapshot.articles,
        'body (link)',
        (a) => conditionLinks(a.body),
        'condition',
        conditions,
      ),
      rule('faq', snapshot.faqs, 'conditions', (f) => f.conditions, 'condition', conditions),
      rule('faq', snapshot.faqs, 'ownerClinic', (f) => f.ownerClinic, 'clinic', clinics),
      rule('faq', snapshot.faqs, 'answer (upload)', (f) => uploads(f.answer), 'media', media),
      rule('provider', snapshot.providers, 'clinics', (p) => p.clinics, 'clinic', clinics),
      rule('provider', snapshot.providers, 'photo', (p) => p.photo, 'media', media),
      rule('clinic', snapshot.clinics, 'conditions', (c) => c.conditions, 'condition', conditions),
      rule('clinic', snapshot.clinics, 'brand.logo', (c) => c.brand?.logo, 'media', media),
      rule(
        'condition',
        snapshot.conditions,
        'body (upload)',
        (c) => uploads(c.body),
        'media',
        media,
      ),
    ]),
  )
  // A clinic-owned document needs its owner.
  const unowned = [...snapshot.articles, ...snapshot.faqs].filter(
    (doc) => doc.owner === 'clinic' && relationIds(doc.ownerClinic).length === 0,
  )
  if (unowned.length > 0)
    throw new Error(
      `Clinic-owned documents without an owner clinic: ${unowned.map((d) => d.id).join(', ')}`,
    )
}

/** The network snapshot for this build (fetched on first use; see network-cache.ts). */
export function loadNetwork(): Promise<Network> {
  return sharedNetwork(fetchNetwork)
}

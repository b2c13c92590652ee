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
import { DEFAULT_LOCALE, LOCALE_CODES, localesFromList, type Locale } from '@clinic/shared/locales'
import { slugsFromList } from '@clinic/shared/slug'
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
import { keptDocuments, keptListings, sharedNetwork, type KeptListing } from './network-cache.ts'

/** A clinic with the fields every page relies on present. */
export type NetworkClinic = Clinic & { slug: string }
export type NetworkArticle = Article & { slug: string }

/**
 * The published network in one language: every localized field in that language, and only the
 * documents that exist in it (published in it, with their text in it). `byLocale` reaches the same
 * snapshot in each language (the language switcher and hreflang need the other one).
 */
export interface Network {
  locale: Locale
  byLocale: Record<Locale, Network>
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
export const wantedClinicSlugs = (): string[] | undefined => slugsFromList(process.env.CLINICS)

/**
 * The languages named in env SITES_LOCALES (a per-locale rebuild: the other language's pages are
 * taken unchanged from the live release, scripts/build-sites/locales.ts), or undefined for all.
 */
export const wantedLocales = (): Locale[] | undefined => localesFromList(process.env.SITES_LOCALES)

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

interface Tally {
  read: number
  kept: number
  /**
   * Lists read again in full, lists known from their recent changes alone, and those of them
   * that took a second, longer look.
   */
  listed: number
  recent: number
  longerLook: number
}

type SnapshotCollection = 'articles' | 'faqs' | 'conditions' | 'providers' | 'clinics'
type SnapshotDoc<C extends SnapshotCollection> = {
  articles: Article
  faqs: Faq
  conditions: Condition
  providers: Provider
  clinics: Clinic
}[C]
type Stamped = { id: Id; updatedAt?: string | null }

const stamp = (doc: { updatedAt?: string | null } | undefined) => doc?.updatedAt ?? ''

/**
 * How long a saved document may take to become visible after the CMS stamped it (its
 * transaction, and the writing server's clock behind this one's): a list is known from its recent
 * changes only when they reach this far back before its last listing. Env SITES_CHANGE_MARGIN_S
 * (default 300; the tests make it 0).
 */
const changeMarginMs = () => Number(process.env.SITES_CHANGE_MARGIN_S ?? 300) * 1000

/** The API's order of ids (`sort=id`): numbers by value (SQLite), ObjectIds as text (MongoDB). */
const byIdOrder = (a: string, b: string) =>
  /^\d+$/.test(a) && /^\d+$/.test(b) ? Number(a) - Number(b) : a < b ? -1 : a > b ? 1 : 0

/**
 * Every document of a list with its `updatedAt`, in the API's order, from its most recently
 * changed documents (the first page by `-updatedAt`) and its size, against the ids it had at this
 * process's last listing (`last`). Undefined when that cannot tell the list: the recent changes do
 * not reach back to `changeMarginMs` before the last listing (more changes than a page holds), or
 * the list has fewer documents than the last one's and the changed ones together (something was
 * unpublished, deleted or left the list's `where`); the caller lists it in full. A document not
 * among the recent changes has not been saved since the last listing, so it has the `updatedAt`
 * the kept copy has (`stampOf`).
 *
 * The first look asks for a tenth of a page: a publish has usually changed one document or a few,
 * and each document returned costs the CMS about a quarter of a millisecond even with only its
 * `updatedAt` selected (the three clinics' English articles on the 10,000-page benchmark network:
 * 34.7 ms for a page of 100, 13.0 ms for ten). When that does not reach back, a whole page does.
 */
async function listFromRecentChanges(
  client: CmsClient,
  collection: SnapshotCollection,
  where: Record<string, string>,
  last: KeptListing | undefined,
  stampOf: (id: string) => string | undefined,
  tally: Tally,
): Promise<Stamped[] | undefined> {
  if (!last) return undefined
  const looks = [...new Set([Math.max(1, Math.round(client.pageSize / 10)), client.pageSize])]
  for (const [look, limit] of looks.entries()) {
    const page = await client.firstPage(
      collection,
      { select: ['updatedAt'] as never, depth: 0, query: where, sort: '-updatedAt' },
      limit,
    )
    const recent = page.docs as Stamped[]
    const reachesBack =
      recent.length === page.totalDocs ||
      Date.parse(stamp(recent.at(-1))) < last.listedAt - changeMarginMs()
    if (!reachesBack) continue
    const changed = new Map(recent.map((doc) => [String(doc.id), doc]))
    const ids = new Set([...last.ids, ...changed.keys()])
    if (ids.size !== page.totalDocs) return undefined
    if (look > 0) tally.longerLook++
    return [...ids]
      .sort(byIdOrder)
      .map((id) => changed.get(id) ?? { id, updatedAt: stampOf(id) })
  }
  return undefined
}

/**
 * The documents of one list (a collection in one language, with the list's `where`) as they are
 * now, in the API's order (by id).
 *
 * The first build of a process reads them in full. A later build of the same process (the resident
 * builder keeps one per SITES_DIR) knows each document's id and updatedAt from its recent changes
 * (`listFromRecentChanges`: usually one short request) or, when that cannot tell, lists them all
 * (ids and updatedAt only), and reads in full only the documents it has not seen with that
 * updatedAt; the others are the copies it kept. On the 10,000-page benchmark network the full
 * read of a publish's articles was most of its CMS fetch: their bodies are most of the bytes; on
 * the 64,000-page one, listing the ids of the three clinics' 2,093 articles in two languages was
 * (22 of its 36 requests). The list's own query (the language, published only, a partial build's
 * scope) still decides which documents are in, so an unpublished or deleted one drops out exactly
 * as from a full listing; and Payload stamps updatedAt on every save of a document, in any
 * language.
 */
async function currentDocuments<C extends SnapshotCollection>(
  client: CmsClient,
  collection: C,
  {
    select,
    query,
    scope,
    tally,
  }: {
    select: FieldList<SnapshotDoc<C>>
    query: Record<string, string>
    scope?: Record<string, string>
    /** Counts the documents read in full and those taken from the kept copies. */
    tally: Tally
  },
): Promise<SnapshotDoc<C>[]> {
  const fields = [...new Set([...select, 'updatedAt'])] as unknown as FieldList<SnapshotDoc<C>>
  const kept = keptDocuments<SnapshotDoc<C>>(`${collection} ${JSON.stringify([fields, query])}`)
  const where = { ...query, ...scope }
  const list = `${collection} ${JSON.stringify([fields, where])}`
  const listedAt = Date.now()
  const keep = (docs: SnapshotDoc<C>[]) => {
    for (const doc of docs) kept.set(String(doc.id), { updatedAt: stamp(doc), doc })
    tally.read += docs.length
    return docs
  }
  const current = async (): Promise<SnapshotDoc<C>[]> => {
    if (kept.size === 0) {
      tally.listed++
      return keep(
        (await client.findAll(collection, {
          select: fields as never,
          depth: 0,
          query: where,
        })) as SnapshotDoc<C>[],
      )
    }
    const recent = await listFromRecentChanges(
      client,
      collection,
      where,
      keptListings().get(list),
      (id) => kept.get(id)?.updatedAt,
      tally,
    )
    if (recent) tally.recent++
    else tally.listed++
    const listed =
      recent ??
      ((await client.findAll(collection, {
        select: ['updatedAt'] as never,
        depth: 0,
        query: where,
      })) as Stamped[])
    const changed = listed.filter((doc) => kept.get(String(doc.id))?.updatedAt !== stamp(doc))
    const changedIds = new Set(changed.map((doc) => String(doc.id)))
    const fresh = byId(
      changed.length === 0
        ? []
        : keep(
            (await client.findByIds(
              collection,
              changed.map((doc) => doc.id),
              { select: fields as never, depth: 0, query },
            )) as SnapshotDoc<C>[],
          ),
    )
    return listed.flatMap((doc) => {
      const id = String(doc.id)
      // Read again: as it is now (saved once more meanwhile, it is newer than listed: still current);
      // unpublished or deleted between the two reads, it is left out, as the next list would.
      if (changedIds.has(id)) return fresh.has(id) ? [fresh.get(id)!] : []
      tally.kept++
      return [kept.get(id)!.doc]
    })
  }
  const docs = await current()
  keptListings().set(list, { ids: docs.map((doc) => String(doc.id)), listedAt })
  return docs
}

/**
 * One language's documents as the API gives them: `locale` with no fallback, so a field without a
 * translation comes back empty (never in English), and `_status` is that language's status
 * (per-locale publishing: see cms/src/localization.ts).
 */
async function fetchLocale(
  client: CmsClient,
  locale: Locale,
  scope: Awaited<ReturnType<typeof partialScope>>,
  clinicsRequest: Promise<Clinic[]>,
  tally: Tally,
) {
  const inLocale = { locale, 'fallback-locale': 'none' }
  const [clinicDocs, articleDocs, faqs, conditions, providers] = await Promise.all([
    clinicsRequest,
    currentDocuments(client, 'articles', {
      select: ARTICLE_FIELDS,
      query: { ...inLocale, ...PUBLISHED },
      scope: scope?.articles,
      tally,
    }),
    currentDocuments(client, 'faqs', {
      select: FAQ_FIELDS,
      query: { ...inLocale, ...PUBLISHED },
      scope: scope?.faqs,
      tally,
    }),
    currentDocuments(client, 'conditions', { select: CONDITION_FIELDS, query: inLocale, tally }),
    currentDocuments(client, 'providers', { select: PROVIDER_FIELDS, query: inLocale, tally }),
  ])
  return { clinicDocs, articleDocs, faqs, conditions, providers }
}

/**
 * A document exists in a language when its text does: a translation published with an empty
 * required field (an import, a migration) still has no page in that language rather than an
 * English or empty one.
 */
const hasText = {
  article: (a: Article) => Boolean(a.title && a.excerpt && a.body),
  faq: (f: Faq) => Boolean(f.question && f.answer),
  condition: (c: Condition) => Boolean(c.name && c.summary),
}

/**
 * A clinic in one language: list entries without a translation (treatments) are left out, and so
 * is the tagline in every language but English (it is not localized: English text).
 */
const clinicInLocale = (clinic: Clinic, locale: Locale): Clinic => ({
  ...clinic,
  tagline: locale === DEFAULT_LOCALE ? clinic.tagline : null,
  treatments: (clinic.treatments ?? []).filter((treatment) => treatment.name),
})

async function fetchNetwork(): Promise<Network> {
  const started = Date.now()
  const client = new CmsClient({
    // Env SITES_CMS_PAGE_SIZE: documents per request, 10-100 (default 100, the most the CMS gives
    // anonymous readers; the tests make it small to list networks of a few documents in pages).
    pageSize: Number(process.env.SITES_CMS_PAGE_SIZE) || undefined,
    onRetry: ({ url, attempt, delayMs, reason }) =>
      log(`retry ${attempt} in ${delayMs} ms: ${describeUrl(url)}: ${reason}`),
  })
  log(`loading the network from ${client.baseUrl} ...`)
  const tally: Tally = { read: 0, kept: 0, listed: 0, recent: 0, longerLook: 0 }
  const clinicsRequest = (locale: Locale) =>
    currentDocuments(client, 'clinics', {
      select: CLINIC_FIELDS,
      query: { joins: 'false', locale, 'fallback-locale': 'none' },
      tally,
    })
  const defaultClinics = clinicsRequest(DEFAULT_LOCALE)
  // A partial rebuild (CLINICS) reads only the articles and FAQs those clinics show: on a large
  // network that is most of a publish's rebuild time. Pages only ever use the documents of their
  // own clinic (links to other articles resolve through the clinic's own list), so the output is
  // the same as from the whole network.
  const scope = await partialScope(defaultClinics)
  const [settings, ...perLocale] = await Promise.all([
    client.findGlobal('network-settings'),
    ...LOCALE_CODES.map((locale) =>
      fetchLocale(
        client,
        locale,
        scope,
        locale === DEFAULT_LOCALE ? defaultClinics : clinicsRequest(locale),
        tally,
      ),
    ),
  ])
  const raw = new Map(LOCALE_CODES.map((locale, i) => [locale, perLocale[i]!]))
  const [mediaIds, media] = [new Set<string>(), [] as Media[]]
  for (const docs of raw.values()) collectMedia(docs, mediaIds)
  if (mediaIds.size > 0)
    media.push(...(await client.findByIds('media', mediaIds, { select: MEDIA_FIELDS, depth: 0 })))

  const byLocale = {} as Record<Locale, Network>
  for (const [locale, docs] of raw) {
    byLocale[locale] = shapeNetwork(locale, docs, { settings, media, byLocale })
  }
  const stats = { requests: client.requests, retries: client.retries, ms: Date.now() - started }
  for (const network of Object.values(byLocale)) network.stats = stats
  log(
    `loaded ${byLocale[DEFAULT_LOCALE].clinics.length} clinics, ${LOCALE_CODES.map((locale) => {
      const n = byLocale[locale]
      return `${locale}: ${n.articles.length} articles, ${n.faqs.length} FAQs, ${n.conditions.length} conditions`
    }).join('; ')}; ${byLocale[DEFAULT_LOCALE].providers.length} providers, ${media.length} images in ${stats.ms} ms ` +
      `(${client.requests} requests, ${client.retries} retries; ${tally.read} documents read in full, ${tally.kept} kept from an earlier build; ${tally.recent} of ${tally.recent + tally.listed} lists known from their recent changes, ${tally.longerLook} of them at a second look)`,
  )
  return byLocale[DEFAULT_LOCALE]
}

type LocaleDocs = Awaited<ReturnType<typeof fetchLocale>>

/** Media are fetched by id: only the images published content actually uses. */
function collectMedia(
  { clinicDocs, articleDocs, faqs, conditions, providers }: LocaleDocs,
  mediaIds: Set<string>,
): void {
  const addMedia = (ref: unknown) => {
    const id = relationId(ref)
    if (id !== undefined) mediaIds.add(String(id))
  }
  const addUploads = (doc: LexicalDocument | null | undefined) =>
    uploadsIn(doc).forEach((node) => addMedia(node.value))
  for (const article of articleDocs) {
    addMedia(article.heroImage)
    addMedia(article.meta?.image)
    addUploads(article.body)
  }
  for (const clinic of clinicDocs) {
    addMedia(clinic.brand?.logo)
    addUploads(clinic.about)
  }
  for (const provider of providers) {
    addMedia(provider.photo)
    addUploads(provider.bio)
  }
  faqs.forEach((faq) => addUploads(faq.answer))
  conditions.forEach((condition) => addUploads(condition.body))
}

function shapeNetwork(
  locale: Locale,
  { clinicDocs, articleDocs, faqs: faqDocs, conditions: conditionDocs, providers }: LocaleDocs,
  {
    settings,
    media,
    byLocale,
  }: { settings: NetworkSetting; media: Media[]; byLocale: Record<Locale, Network> },
): Network {

  // The API hides drafts from anonymous readers; a build that was handed one anyway (a leaking
  // proxy, a credential with draft access) stops before anything is written.
  const drafts = [...articleDocs, ...faqDocs].filter((doc) => doc._status !== 'published')
  if (drafts.length > 0) {
    throw new Error(
      `The CMS returned unpublished documents (${locale}) to the build (refusing to render drafts): ${drafts.map((doc) => doc.id).join(', ')}`,
    )
  }

  const clinicsWithoutSlug = clinicDocs.filter((clinic) => !clinic.slug)
  if (clinicsWithoutSlug.length > 0) {
    throw new Error(
      `Clinics without a slug cannot be built: ${clinicsWithoutSlug.map((c) => `${c.id} (${c.name})`).join(', ')}`,
    )
  }
  const clinics = (clinicDocs.map((clinic) => clinicInLocale(clinic, locale)) as NetworkClinic[]).sort((a, b) =>
    a.slug.localeCompare(b.slug),
  )
  const translated = articleDocs.filter(hasText.article)
  const articles = translated.filter((article): article is NetworkArticle => {
    if (article.slug) return true
    log(`warning: article ${article.id} "${article.title}" has no ${locale} slug and is left out`)
    return false
  })
  // References are checked on every document the API returned, translated or not: a reference to
  // a condition without a translation is not broken, the condition just has no page in `locale`.
  checkReferences({
    clinics,
    articles,
    faqs: faqDocs,
    conditions: conditionDocs,
    providers,
    media,
  })
  const faqs = faqDocs.filter(hasText.faq)
  const conditions = conditionDocs.filter(hasText.condition)

  return {
    locale,
    byLocale,
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
    stats: { requests: 0, retries: 0, ms: 0 },
  }
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

/** The network snapshot for this build, in one language (fetched on first use; see network-cache.ts). */
export async function loadNetwork(locale: Locale = DEFAULT_LOCALE): Promise<Network> {
  return (await sharedNetwork(fetchNetwork)).byLocale[locale]
}

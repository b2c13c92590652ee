/**
 * Hooks that queue a rebuild of exactly the clinic sites a change alters.
 *
 * The job is queued with the change's `req`, so it is written in the same database transaction:
 * it exists if and only if the change committed, and the runner (cms/src/publishing/publisher.ts)
 * only ever sees it after the commit, so the build reads the new data. Draft saves (autosave
 * included) leave the published row alone and queue nothing.
 */
import type {
  CollectionAfterChangeHook,
  CollectionAfterDeleteHook,
  CollectionBeforeChangeHook,
  CollectionBeforeDeleteHook,
  Field,
  GlobalAfterChangeHook,
  PayloadRequest,
} from 'payload'

import { relationId } from '@clinic/shared/ids'
import { LOCALE_CODES, type Locale } from '@clinic/shared/locales'

import {
  ALL_CLINICS,
  clinicsMentioningCondition,
  clinicsOfProvider,
  clinicsShowingArticle,
  clinicsShowingArticlesWhere,
  clinicsShowingFaq,
  clinicsShowingImage,
  publishedLocales,
  publishedRow,
  syndicationClinics,
  type Doc,
} from './affected'
import { REBUILD_SITES_QUEUE, REBUILD_SITES_TASK, type RebuildSitesInput } from './task'

/**
 * Why a rebuild was asked for, for the build log: "articles 12 published by user 3". Ids only: clinic
 * editors read the builds of their clinics, and other users' emails are private.
 */
function describe(
  collection: string,
  id: string | number | undefined,
  change: string,
  req: PayloadRequest,
): string {
  const who = req.user ? ` by user ${req.user.id}` : ' (scheduled or system)'
  return `${collection}${id === undefined ? '' : ` ${id}`} ${change}${who}`.slice(0, 300)
}

/** Queues the rebuild in the caller's transaction (nothing when no clinic is affected). */
export async function queueRebuild(
  req: PayloadRequest,
  clinics: Iterable<string>,
  removals: boolean,
  reason: string,
  locales?: Locale[],
): Promise<void> {
  if (req.context.seeding || req.context.skipSiteRebuild) return
  const unique = [...new Set(clinics)].sort()
  if (unique.length === 0) return
  const input: RebuildSitesInput = {
    clinics: unique.includes(ALL_CLINICS) ? [ALL_CLINICS] : unique,
    removals,
    reason,
    ...(locales ? { locales } : {}),
  }
  await req.payload.jobs.queue({ task: REBUILD_SITES_TASK, queue: REBUILD_SITES_QUEUE, input, req })
}

/**
 * What a before-hook saw, for the after-hook of the same request. Kept per request object rather
 * than in `req.context`: on a REST delete, values written to `req.context` in beforeDelete did not
 * reach afterDelete (Payload 3.90), while the request object is the same for both.
 */
const seen = new WeakMap<PayloadRequest, Map<string, unknown>>()
const remember = (req: PayloadRequest, key: string, value: unknown) => {
  let values = seen.get(req)
  if (!values) seen.set(req, (values = new Map()))
  values.set(key, value)
}
const recall = (req: PayloadRequest, key: string): unknown => seen.get(req)?.get(key)

const beforeKey = (collection: string, id: string | number) =>
  `publishing:before:${collection}:${id}`

/**
 * Versioned collections (articles, FAQs): remembers the published row as it was before this
 * write, since `previousDoc` may be the latest draft rather than what visitors see.
 */
export const rememberPublishedRow: CollectionBeforeChangeHook = async ({
  collection,
  operation,
  originalDoc,
  req,
}) => {
  if (operation !== 'update' || !originalDoc?.id || req.context.seeding) return
  remember(
    req,
    beforeKey(collection.slug, originalDoc.id as string | number),
    await publishedRow(req, collection.slug, originalDoc.id as string | number),
  )
}

/** Articles and FAQs: rebuild the clinics the published document was on and is on now. */
export const rebuildAfterPublishedChange: CollectionAfterChangeHook = async ({
  collection,
  doc,
  operation,
  req,
}) => {
  if (req.context.seeding) return
  const before = (recall(req, beforeKey(collection.slug, doc.id)) as Doc | null | undefined) ?? null
  const after = await publishedRow(req, collection.slug, doc.id)
  // Neither version visible (a draft of an unpublished document), or the published row untouched
  // (a draft saved over a published document): visitors see no difference.
  if (!before && !after) return
  if (before && after && before.updatedAt === after.updatedAt) return
  const clinics = await syndicationClinics(req)
  const showing = collection.slug === 'articles' ? clinicsShowingArticle : clinicsShowingFaq
  const was = showing(before, clinics)
  const now = new Set(showing(after, clinics))
  const removals = was.some((slug) => !now.has(slug))
  const change = !after
    ? 'unpublished'
    : !before
      ? 'published'
      : operation === 'create'
        ? 'created'
        : 'republished'
  await queueRebuild(
    req,
    [...was, ...now],
    removals,
    describe(collection.slug, doc.id, change, req),
    changedLocales(req, before, after, was, [...now], {
      // An article's page links to its other languages' versions; a FAQ has no page of its own.
      linkedAcrossLocales: collection.slug === 'articles',
      fields: collection.fields,
    }),
  )
}

/** A row's slug in one locale (rows read with `locale: 'all'` have one per locale). */
const slugIn = (row: Doc | null, locale: Locale): unknown => {
  const slug = row?.slug as unknown
  return slug && typeof slug === 'object' ? (slug as Record<string, unknown>)[locale] : slug
}

/** Fields whose change no page shows: Payload restamps `updatedAt` on every save, in any locale. */
const UNSHOWN_FIELDS = new Set(['updatedAt'])

/**
 * What a row says in one locale: each localized value (a `{ en, es }` map in a row read in every
 * locale) replaced by that locale's, through groups, tabs, rows and arrays, by the collection's
 * field config (not by the value's shape: a non-localized JSON value may look like a locale map).
 */
export function rowInLocale(row: unknown, locale: Locale, fields: readonly Field[]): unknown {
  if (!row || typeof row !== 'object') return row
  const source = row as Record<string, unknown>
  const out: Record<string, unknown> = {}
  for (const field of fields) {
    if (field.type === 'tabs') {
      for (const tab of field.tabs) {
        if ('name' in tab && tab.name)
          out[tab.name] = rowInLocale(source[tab.name], locale, tab.fields)
        else Object.assign(out, rowInLocale(row, locale, tab.fields))
      }
      continue
    }
    if (!('name' in field) || !field.name) {
      if ('fields' in field) Object.assign(out, rowInLocale(row, locale, field.fields))
      continue
    }
    if (UNSHOWN_FIELDS.has(field.name)) continue
    let value = source[field.name]
    if ('localized' in field && field.localized && value && typeof value === 'object')
      value = (value as Record<string, unknown>)[locale]
    if (field.type === 'group') value = rowInLocale(value, locale, field.fields)
    else if (field.type === 'array' && Array.isArray(value))
      value = value.map((item) => rowInLocale(item, locale, field.fields))
    out[field.name] = value
  }
  return out
}

/**
 * The locales whose pages a write to a published article or FAQ changed: the locale written; any
 * locale whose version appeared, disappeared or moved (was published, unpublished, or its slug
 * changed) and, for articles, every other locale the article is published in, since those pages
 * link to that version (the language switcher, hreflang); every locale the document is published
 * in when the clinics showing it changed or what it says in that locale did (a field shared by
 * every locale, such as the hero image or the article's date, changes every locale's pages). A
 * Spanish-only edit of a published Spanish text rebuilds only Spanish; publishing the first
 * Spanish version of a live English article rebuilds both; republishing the English of a
 * translated article rebuilds both, since its date (publishedAt) is on the Spanish pages too.
 */
export function changedLocales(
  req: Pick<PayloadRequest, 'locale'>,
  before: Doc | null,
  after: Doc | null,
  was: string[],
  now: string[],
  { linkedAcrossLocales, fields }: { linkedAcrossLocales: boolean; fields: readonly Field[] },
): Locale[] {
  const publishedBefore = publishedLocales(before)
  const publishedAfter = publishedLocales(after)
  const published = (locale: Locale) =>
    publishedBefore.includes(locale) || publishedAfter.includes(locale)
  const moved = LOCALE_CODES.filter(
    (locale) =>
      publishedBefore.includes(locale) !== publishedAfter.includes(locale) ||
      (publishedAfter.includes(locale) && slugIn(before, locale) !== slugIn(after, locale)),
  )
  const sameClinics = was.length === now.length && was.every((slug) => now.includes(slug))
  const says = (row: Doc | null, locale: Locale) =>
    JSON.stringify(rowInLocale(row, locale, fields) ?? null)
  return LOCALE_CODES.filter(
    (locale) =>
      locale === req.locale ||
      moved.includes(locale) ||
      (linkedAcrossLocales && moved.length > 0 && published(locale)) ||
      (!sameClinics && published(locale)) ||
      (published(locale) && says(before, locale) !== says(after, locale)),
  )
}

/** Articles and FAQs: a deleted published document disappears from its clinics. */
export const rebuildAfterPublishedDelete: CollectionAfterDeleteHook = async ({
  collection,
  doc,
  req,
}) => {
  const published = recall(req, beforeKey(collection.slug, doc.id)) as Doc | null | undefined
  if (!published) return
  const clinics = await syndicationClinics(req)
  const was =
    collection.slug === 'articles'
      ? clinicsShowingArticle(published, clinics)
      : clinicsShowingFaq(published, clinics)
  await queueRebuild(
    req,
    was,
    true,
    describe(collection.slug, doc.id, 'deleted', req),
    publishedLocales(published),
  )
}

/**
 * Articles and FAQs: the published row before a delete, in every locale (the deleted `doc` the
 * after-hook gets is read in the request's locale, which may not be the published one).
 */
export const rememberPublishedRowBeforeDelete: CollectionBeforeDeleteHook = async ({
  collection,
  id,
  req,
}) => {
  remember(req, beforeKey(collection.slug, id), await publishedRow(req, collection.slug, id))
}

/** Providers: their clinics' care-team pages, and every clinic showing an article they wrote. */
export const rebuildAfterProviderChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (req.context.seeding) return
  const clinics = await syndicationClinics(req)
  const was = operation === 'update' ? clinicsOfProvider(previousDoc, clinics) : []
  const now = new Set(clinicsOfProvider(doc, clinics))
  const authored =
    operation === 'update'
      ? await clinicsShowingArticlesWhere(req, { author: { equals: doc.id } }, clinics)
      : []
  await queueRebuild(
    req,
    [...was, ...now, ...authored],
    was.some((slug) => !now.has(slug)),
    describe('providers', doc.id, operation === 'create' ? 'created' : 'changed', req),
  )
}

export const rebuildAfterProviderDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  const clinics = await syndicationClinics(req)
  const authored = await clinicsShowingArticlesWhere(req, { author: { equals: doc.id } }, clinics)
  await queueRebuild(
    req,
    [...clinicsOfProvider(doc, clinics), ...authored],
    true,
    describe('providers', doc.id, 'deleted', req),
  )
}

/** Conditions: the clinics treating them and those showing articles or FAQs about them. */
export const rebuildAfterConditionChange: CollectionAfterChangeHook = async ({
  doc,
  operation,
  req,
}) => {
  if (req.context.seeding || operation === 'create') return
  const clinics = await syndicationClinics(req)
  await queueRebuild(
    req,
    await clinicsMentioningCondition(req, doc.id, clinics),
    false,
    describe('conditions', doc.id, 'changed', req),
  )
}

const conditionKey = (id: string | number) => `publishing:condition-delete:${id}`

/** Before the delete, while the references still say where the condition appeared. */
export const rememberConditionClinics: CollectionBeforeDeleteHook = async ({ id, req }) => {
  remember(
    req,
    conditionKey(id),
    await clinicsMentioningCondition(req, id, await syndicationClinics(req)),
  )
}

/** After the delete: queued once the row is gone (Payload runs SQLite without transactions). */
export const rebuildAfterConditionDelete: CollectionAfterDeleteHook = async ({ id, req }) => {
  const clinics = (recall(req, conditionKey(id)) as string[] | undefined) ?? []
  await queueRebuild(req, clinics, true, describe('conditions', id, 'deleted', req))
}

/** Fields of a clinic that other clinics' pages show (canonical links, syndication, the network index). */
const NETWORK_VISIBLE_FIELDS = ['slug', 'siteUrl', 'name'] as const

/**
 * The opted-out articles as sorted ids: `doc` is populated to the request's depth (REST's default
 * is 2) while `previousDoc` is read at depth 0, so the raw values never compare equal.
 */
const optedOutIds = (clinic: Record<string, unknown> | undefined) =>
  JSON.stringify(
    (Array.isArray(clinic?.optedOutArticles) ? (clinic.optedOutArticles as unknown[]) : [])
      .map((ref) => String(relationId(ref)))
      .sort(),
  )

export const rebuildAfterClinicChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (req.context.seeding) return
  const optOutsChanged = operation === 'update' && optedOutIds(doc) !== optedOutIds(previousDoc)
  const networkVisible =
    operation === 'create' ||
    optOutsChanged ||
    NETWORK_VISIBLE_FIELDS.some(
      (field) =>
        JSON.stringify(doc[field] ?? null) !== JSON.stringify(previousDoc?.[field] ?? null),
    )
  const removals = optOutsChanged
  await queueRebuild(
    req,
    networkVisible ? [ALL_CLINICS] : [String(doc.slug)],
    removals,
    describe('clinics', doc.id, operation === 'create' ? 'created' : 'changed', req),
  )
}

export const rebuildAfterClinicDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await queueRebuild(req, [ALL_CLINICS], true, describe('clinics', doc.id, 'deleted', req))
}

/** Images: a changed alt text or file shows wherever the image does (see clinicsShowingImage). */
export const rebuildAfterImageChange: CollectionAfterChangeHook = async ({
  doc,
  operation,
  req,
}) => {
  if (req.context.seeding || operation === 'create') return
  await queueRebuild(
    req,
    await clinicsShowingImage(req, doc.id, await syndicationClinics(req)),
    false,
    describe('media', doc.id, 'changed', req),
  )
}

/** Network settings (network name, noindex of syndicated copies) show on every site. */
export const rebuildAfterSettingsChange: GlobalAfterChangeHook = async ({ req }) => {
  if (req.context.seeding) return
  await queueRebuild(
    req,
    [ALL_CLINICS],
    false,
    describe('network-settings', undefined, 'changed', req),
  )
}

/** The clinic slug of a redirect's owner clinic (every redirect names one). */
async function redirectClinic(req: PayloadRequest, doc: { ownerClinic?: unknown }) {
  const id = relationId(doc.ownerClinic)
  if (id === undefined || id === null) return []
  const clinic = await req.payload.findByID({
    collection: 'clinics',
    id,
    depth: 0,
    overrideAccess: true,
    disableErrors: true,
    req,
  })
  return clinic?.slug ? [clinic.slug] : []
}

/**
 * Redirects live in their clinic's release (site/scripts/build-sites/redirects.ts): an edit by
 * hand rebuilds that clinic (fallback pages are not counted as pages: no removal). An import writes
 * them with skipSiteRebuild; its articles' publishing rebuilds the clinics they lead to.
 */
export const rebuildAfterRedirectChange: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (req.context.seeding) return
  const clinics = new Set([
    ...(await redirectClinic(req, doc)),
    ...(operation === 'update' ? await redirectClinic(req, previousDoc ?? {}) : []),
  ])
  await queueRebuild(
    req,
    clinics,
    false,
    describe('redirects', doc.id, operation === 'create' ? 'created' : 'changed', req),
  )
}

export const rebuildAfterRedirectDelete: CollectionAfterDeleteHook = async ({ doc, req }) => {
  await queueRebuild(
    req,
    await redirectClinic(req, doc),
    false,
    describe('redirects', doc.id, 'deleted', req),
  )
}

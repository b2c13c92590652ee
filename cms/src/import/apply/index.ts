import type { Payload, PayloadRequest } from 'payload'

import { ARTICLES, CLINICS, MEDIA, PROVIDERS, REDIRECTS } from '../../collections/slugs'
import { contentHashOf } from '../hash'
import type { ImportPlan } from '../plan/types'
import type { LocalArticlePlan, NetworkArticlePlan } from '../types'
import { withImages } from './body'
import { articleSlugs, awaitingReview, type Existing, importedDocs } from './lookups'
import { fetchImage, type ImageFetcher } from './media'
import {
  type ApplyCounts,
  type ApplyLine,
  type ApplyPhase,
  type ApplyProgress,
  type ApplyResult,
  ImportCancelled,
} from './types'

/**
 * Writes a plan into the CMS: images, provider drafts, articles, redirects, in that order (each
 * refers to the ones before). Everything arrives as a draft; nothing is ever published here.
 *
 * Resumable, not all-or-nothing: each document is written on its own and remembers its import key
 * and the hash of what was written (fields/importSource.ts). A run that stops (killed, cancelled,
 * a crash) leaves only complete drafts, which nobody sees on a site; the next run of the same
 * import finds them by key, skips what is already there and writes the rest. SQLite runs Payload
 * without transactions, and one transaction over 1,500 articles would hold the database's only
 * writer lock for minutes on the adapters that have them, so per document it is.
 *
 * Re-running: the same hash changes nothing; a new hash updates the draft while nobody has edited
 * it since the import (`editedAfterImport`), otherwise it is a conflict and the document is left
 * as the editor left it.
 */

export interface ApplyOptions {
  /** Checked between documents: the job's cancel and the tests' "kill mid-run". */
  signal?: AbortSignal
  onProgress?: (progress: ApplyProgress) => void
  fetchImage?: ImageFetcher
  /** A request to run in (the job's), so hooks see its context. */
  req?: Partial<PayloadRequest>
}

type Id = string | number

const emptyCounts = (): ApplyCounts => ({
  created: 0,
  updated: 0,
  unchanged: 0,
  conflicts: 0,
  skipped: 0,
})

export async function applyPlan(
  payload: Payload,
  plan: ImportPlan,
  options: ApplyOptions = {},
): Promise<ApplyResult> {
  const result: ApplyResult = {
    counts: {
      media: emptyCounts(),
      providers: emptyCounts(),
      articles: emptyCounts(),
      redirects: emptyCounts(),
    },
    conflicts: [],
    skipped: [],
    awaitingReview: [],
  }
  const context = { importApply: true, skipSiteRebuild: true }
  const common = { overrideAccess: true, depth: 0, context } as const
  // Before each document: report, then honour a cancel (so `done` documents are written).
  const step = (phase: ApplyPhase, done: number, total: number) => {
    options.onProgress?.({ phase, done, total })
    if (options.signal?.aborted) throw new ImportCancelled()
  }

  const clinics = await payload.find({ collection: CLINICS, ...common, pagination: false })
  const clinicId = new Map(clinics.docs.map((c) => [c.slug ?? String(c.id), c.id as Id]))
  const clinicOf = (slug: string) => {
    const id = clinicId.get(slug)
    if (id === undefined) throw new Error(`The plan names clinic "${slug}", which does not exist.`)
    return id
  }

  // A new article takes the planned slug, or `<slug>-<n>` when another document has it.
  let usedSlugs: Set<string> | undefined

  /** One import-aware write: create, update while unedited, or report a conflict. */
  async function upsert(
    phase: ApplyPhase,
    collection: typeof ARTICLES | typeof PROVIDERS | typeof REDIRECTS,
    existing: Map<string, Existing>,
    line: Omit<ApplyLine, 'message'>,
    hash: string,
    data: Record<string, unknown>,
  ): Promise<Id | null> {
    const counts = result.counts[phase]
    const found = existing.get(line.key)
    const importSource = {
      key: line.key,
      contentHash: hash,
      importedAt: new Date().toISOString(),
      editedAfterImport: false,
      sources: data.sourcesForReport ?? null,
    }
    const { sourcesForReport: _omit, ...fields } = data
    const drafts = collection === ARTICLES ? ({ draft: true } as const) : {}
    if (!found) {
      if (typeof fields.slug === 'string') {
        usedSlugs ??= await articleSlugs(payload)
        let slug = fields.slug
        for (let n = 2; usedSlugs.has(slug); n++) slug = `${fields.slug}-${n}`
        usedSlugs.add(slug)
        fields.slug = slug
      }
      const doc = await payload.create({
        collection,
        ...common,
        ...drafts,
        data: { ...fields, importSource } as never,
      })
      counts.created++
      existing.set(line.key, { id: doc.id, hash, edited: false })
      return doc.id
    }
    if (found.hash === hash) {
      counts.unchanged++
      return found.id
    }
    if (found.edited) {
      counts.conflicts++
      result.conflicts.push({
        ...line,
        message:
          'Changed at the source, but edited in the CMS since the last import: left as it is.',
      })
      return found.id
    }
    // An existing document keeps its slug: its address may already be known.
    const { slug: _slug, ...changed } = fields
    await payload.update({
      collection,
      id: found.id,
      ...common,
      ...drafts,
      data: { ...changed, importSource } as never,
    })
    counts.updated++
    found.hash = hash
    return found.id
  }

  // ------------------------------------------------------------------ media
  const mediaIds = new Map<string, Id>()
  {
    const fetcher = options.fetchImage ?? fetchImage
    const urls = plan.media.map((m) => m.sourceUrl)
    const known = urls.length
      ? await payload.find({
          collection: MEDIA,
          ...common,
          pagination: false,
          where: { sourceUrl: { in: urls } },
          select: { sourceUrl: true },
        })
      : { docs: [] }
    const bySource = new Map(known.docs.map((m) => [m.sourceUrl as string, m.id as Id]))
    for (const [n, media] of plan.media.entries()) {
      step('media', n, plan.media.length)
      const found = bySource.get(media.sourceUrl)
      if (found !== undefined) {
        mediaIds.set(media.key, found)
        result.counts.media.unchanged++
        continue
      }
      let file
      try {
        file = await fetcher(media.sourceUrl)
      } catch (error) {
        result.counts.media.skipped++
        result.skipped.push({
          kind: 'media',
          key: media.key,
          label: media.sourceUrl,
          message: `Image not imported (${(error as Error).message}); the articles that used it are imported without it.`,
        })
        continue
      }
      const doc = await payload.create({
        collection: MEDIA,
        ...common,
        data: {
          alt: media.alt,
          sourceUrl: media.sourceUrl,
          // Generated types say number (SQLite); MongoDB's string ids pass through the same way.
          ownerClinic: (media.ownerClinic ? clinicOf(media.ownerClinic) : null) as number | null,
        },
        file: { ...file, size: file.data.length },
      })
      mediaIds.set(media.key, doc.id)
      result.counts.media.created++
    }
  }

  // ------------------------------------------------------------------ providers
  const providerIds = new Map<string, Id>()
  {
    const existing = await importedDocs(payload, PROVIDERS)
    for (const [n, provider] of plan.providers.entries()) {
      step('providers', n, plan.providers.length)
      const hash = contentHashOf({ name: provider.name })
      const id = await upsert(
        'providers',
        PROVIDERS,
        existing,
        { kind: 'provider', key: provider.key, label: provider.name },
        hash,
        {
          name: provider.name,
          // The clinics whose articles they wrote (ownership rules: an author works at the
          // article's clinic); team pages leave out providers that need review.
          clinics: provider.clinics.map(clinicOf) as number[],
          needsReview: true,
          sourcesForReport: { clinics: provider.clinics, sourceNames: provider.sourceNames },
        },
      )
      if (id !== null) providerIds.set(provider.key, id)
    }
  }

  // ------------------------------------------------------------------ articles
  const articleIds = new Map<string, Id>()
  {
    const existing = await importedDocs(payload, ARTICLES)
    const articles: (NetworkArticlePlan | LocalArticlePlan)[] = [
      ...plan.networkArticles,
      ...plan.localArticles,
    ]
    for (const [n, article] of articles.entries()) {
      step('articles', n, articles.length)
      const images = article.images.flatMap((image) => {
        const id = mediaIds.get(image.mediaKey)
        return id === undefined ? [] : [{ index: image.index, mediaId: id }]
      })
      const hero = article.heroImage ? (mediaIds.get(article.heroImage) ?? null) : null
      const author = !article.author
        ? null
        : 'providerId' in article.author
          ? article.author.providerId
          : (providerIds.get(article.author.providerKey) ?? null)
      const ownership =
        article.owner === 'network'
          ? {
              owner: 'network',
              syndication: 'selected',
              clinics: article.clinics.map(clinicOf),
              canonicalClinic: clinicOf(article.canonicalClinic),
            }
          : { owner: 'clinic', ownerClinic: clinicOf(article.clinic) }
      const data = {
        title: article.title,
        slug: article.slug,
        excerpt: article.excerpt,
        body: withImages(article.body, images, article.key),
        heroImage: hero,
        author,
        conditions: article.conditions,
        ...ownership,
        _status: 'draft',
        sourcesForReport: article.sources,
      }
      // What this run would write, images and author resolved (a newly fetched image changes it);
      // not the slug, which an existing document keeps.
      const { title, excerpt, body, conditions } = article
      const hash = contentHashOf({
        title,
        excerpt,
        body,
        conditions,
        ownership,
        images,
        hero,
        author,
      })
      const id = await upsert(
        'articles',
        ARTICLES,
        existing,
        { kind: 'article', key: article.key, label: article.title },
        hash,
        data,
      )
      if (id !== null) articleIds.set(article.key, id)
    }
  }

  // ------------------------------------------------------------------ redirects
  {
    const existing = await importedDocs(payload, REDIRECTS)
    const byAddress = await payload.find({
      collection: REDIRECTS,
      ...common,
      pagination: false,
      select: { from: true, ownerClinic: true, importSource: true },
    })
    const taken = new Set(
      byAddress.docs
        .filter((r) => !r.importSource?.key)
        .map((r) => `${String(r.ownerClinic)}\u0000${r.from}`),
    )
    for (const [n, redirect] of plan.redirects.entries()) {
      step('redirects', n, plan.redirects.length)
      const key = `${redirect.clinic}:${redirect.from}`
      const ownerClinic = clinicOf(redirect.clinic)
      const line = { kind: 'redirect' as const, key, label: `${redirect.clinic} ${redirect.from}` }
      if (taken.has(`${String(ownerClinic)}\u0000${redirect.from}`)) {
        result.counts.redirects.skipped++
        result.skipped.push({
          ...line,
          message: 'The clinic already redirects this address by hand: kept.',
        })
        continue
      }
      const article = redirect.articleKey ? articleIds.get(redirect.articleKey) : undefined
      const to =
        article !== undefined
          ? { type: 'reference', reference: { relationTo: ARTICLES, value: article } }
          : { type: 'custom', url: redirect.to }
      const hash = contentHashOf({ to, kind: redirect.kind })
      await upsert('redirects', REDIRECTS, existing, line, hash, {
        from: redirect.from,
        ownerClinic,
        kind: redirect.kind,
        to,
      })
    }
  }

  result.awaitingReview = await awaitingReview(payload, [...articleIds.values()], clinicId)
  return result
}

/**
 * Draft preview: one unpublished article or FAQ laid over the published network and shown on one
 * clinic's site, exactly as that site would render it once published. Only the preview page
 * (src/preview/pages/index.astro, built by scripts/render-preview.ts for the CMS's /preview route)
 * imports this module: production builds never read PREVIEW_FILE and never see a draft.
 */
import fs from 'node:fs'

import { relationId, sameId, type Id } from '@clinic/shared/ids'
import { DEFAULT_LOCALE, isLocale, type Locale } from '@clinic/shared/locales'
import type { Article, Faq } from '@clinic/shared/payload-types'
import {
  isArticleOnClinic,
  isOwnedDocOnClinic,
  syndicationClinicOf,
} from '@clinic/shared/syndication'

import { CmsClient } from '../lib/cms-client.ts'
import { uploadsIn } from '../lib/richtext.ts'
import { shapeClinic, type ArticleView, type ClinicSite } from './clinic-site.ts'
import { loadNetwork, type Network, type NetworkArticle, type NetworkClinic } from './network.ts'

/**
 * The renderer's input (JSON in the file PREVIEW_FILE names), written by the CMS
 * (cms/src/preview/renderer.ts): the current draft as the Local API returns it at depth 0, and the
 * slug of the clinic whose site shows it.
 */
export type PreviewInput = (
  | { collection: 'articles'; doc: Article; clinic: string }
  | { collection: 'faqs'; doc: Faq; clinic: string }
) & {
  /** The draft's language: it is shown on that language's site (absent: English). */
  locale?: Locale
}

export type PreviewPage =
  | { collection: 'articles'; site: ClinicSite; view: ArticleView }
  | { collection: 'faqs'; site: ClinicSite; faq: Faq }

export function readPreviewInput(file = process.env.PREVIEW_FILE): PreviewInput {
  if (!file)
    throw new Error('PREVIEW_FILE is not set: the preview renderer needs the draft to render')
  const input = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<PreviewInput>
  if (input.collection !== 'articles' && input.collection !== 'faqs')
    throw new Error(`PREVIEW_FILE: cannot preview "${String(input.collection)}"`)
  if (typeof input.doc !== 'object' || input.doc === null || relationId(input.doc.id) === undefined)
    throw new Error('PREVIEW_FILE: no document')
  if (typeof input.clinic !== 'string' || !input.clinic) throw new Error('PREVIEW_FILE: no clinic')
  if (input.locale !== undefined && !isLocale(input.locale))
    throw new Error(`PREVIEW_FILE: unknown locale "${String(input.locale)}"`)
  return input as PreviewInput
}

/**
 * The draft as the site's pages expect a published document. Drafts are saved without validation,
 * so the fields every page relies on may still be empty.
 */
function asPublishedArticle(doc: Article): NetworkArticle {
  return {
    ...doc,
    _status: 'published',
    title: doc.title || 'Untitled draft',
    slug: doc.slug || `draft-${doc.id}`,
    excerpt: doc.excerpt ?? '',
  }
}

function asPublishedFaq(doc: Faq): Faq {
  return {
    ...doc,
    _status: 'published',
    question: doc.question || 'Untitled question',
    topic: doc.topic ?? 'general',
  }
}

/**
 * Makes the chosen clinic show the document even when its syndication says otherwise (a network
 * article not shared with any clinic yet, an opted-out clinic, or settings changed since the link
 * was made): the editor asked to see it there. The published snapshot is left untouched.
 */
function showArticleOn(
  article: NetworkArticle,
  clinic: NetworkClinic,
  network: Network,
): { article: NetworkArticle; clinics: NetworkClinic[] } {
  const syndicationClinic = network.syndicationClinics.find((c) => sameId(c.id, clinic.id))
  if (syndicationClinic && isArticleOnClinic(article, syndicationClinic))
    return { article, clinics: network.clinics }
  if (article.owner === 'clinic')
    return { article: { ...article, ownerClinic: clinic.id }, clinics: network.clinics }
  const shown =
    article.syndication === 'all'
      ? article
      : { ...article, clinics: [...(article.clinics ?? []), clinic.id] }
  const clinics = network.clinics.map((c) =>
    sameId(c.id, clinic.id)
      ? {
          ...c,
          optedOutArticles: (c.optedOutArticles ?? []).filter((ref) => !sameId(ref, article.id)),
        }
      : c,
  )
  return { article: shown, clinics }
}

/** Images the draft uses that published content does not (a new hero image, say): media are public. */
async function addMissingMedia(network: Network, refs: unknown[]): Promise<Network['mediaById']> {
  const missing = new Set<Id>()
  for (const ref of refs) {
    const id = relationId(ref)
    if (id !== undefined && !network.mediaById.has(String(id))) missing.add(id)
  }
  if (missing.size === 0) return network.mediaById
  const client = new CmsClient({ attempts: 2 })
  const media = await client.findByIds('media', missing, { depth: 0 }).catch((error: Error) => {
    // A missing image must not block the preview of the words: the page renders without it.
    process.stdout.write(
      `[preview] the draft's new images could not be loaded, rendering without them: ${error.message}\n`,
    )
    return []
  })
  return new Map([...network.mediaById, ...media.map((doc) => [String(doc.id), doc] as const)])
}

/** The published network with the draft in place of its published version (or added, if it has none). */
export async function overlayDraft(
  published: Network,
  input: PreviewInput,
  clinic: NetworkClinic,
): Promise<Network> {
  if (input.collection === 'articles') {
    const { article, clinics } = showArticleOn(asPublishedArticle(input.doc), clinic, published)
    const articles = [...published.articles.filter((a) => !sameId(a.id, article.id)), article]
    const mediaById = await addMissingMedia(published, [
      article.heroImage,
      article.meta?.image,
      ...uploadsIn(article.body).map((node) => node.value),
    ])
    return {
      ...published,
      articles,
      articleById: new Map(articles.map((a) => [String(a.id), a])),
      clinics,
      clinicById: new Map(clinics.map((c) => [String(c.id), c])),
      syndicationClinics: clinics.map(syndicationClinicOf),
      mediaById,
    }
  }
  let faq = asPublishedFaq(input.doc)
  if (!isOwnedDocOnClinic(faq, clinic)) faq = { ...faq, ownerClinic: clinic.id }
  const faqs = [...published.faqs.filter((f) => !sameId(f.id, faq.id)), faq]
  const mediaById = await addMissingMedia(
    published,
    uploadsIn(faq.answer).map((node) => node.value),
  )
  return { ...published, faqs, mediaById }
}

/** What the preview page renders: the draft's article page, or the FAQ page of the clinic with the draft in it. */
export async function previewPage(input = readPreviewInput()): Promise<PreviewPage> {
  const published = await loadNetwork(input.locale ?? DEFAULT_LOCALE)
  const chosen = published.clinics.find((clinic) => clinic.slug === input.clinic)
  if (!chosen) throw new Error(`The CMS has no clinic "${input.clinic}" to preview on`)
  const network = await overlayDraft(published, input, chosen)
  const site = shapeClinic(network, network.clinicById.get(String(chosen.id))!)
  if (input.collection === 'faqs') {
    const faq = site.faqs.find((f) => sameId(f.id, input.doc.id))
    if (!faq) throw new Error(`The FAQ ${input.doc.id} is not on ${chosen.slug}'s FAQ page`)
    return { collection: 'faqs', site, faq }
  }
  const view = site.articleById.get(String(input.doc.id))
  if (!view) throw new Error(`The article ${input.doc.id} is not on ${chosen.slug}'s site`)
  return { collection: 'articles', site, view }
}

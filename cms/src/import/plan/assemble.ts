import { contentHashOf } from '../hash'
import {
  altTextOf,
  authorName,
  imageKey,
  matchCondition,
  matchProvider,
  providerDraftKey,
} from '../mapping'
import type {
  ClinicSource,
  ExtractedArticle,
  ImportIssue,
  PlannedArticle,
  PlannedMedia,
  PlannedProvider,
  SourceImage,
} from '../types'
import { excerptOf, titleOf } from './articles'
import type { BodyConverter, ImportPlan, NetworkData } from './types'

export interface ArticleDraft {
  key: string
  /** The copy whose text is kept. */
  kept: ExtractedArticle
  /** Every copy (the kept one included): their categories and tags all count. */
  copies: ExtractedArticle[]
  slug: string
}

/**
 * Builds planned articles and collects what they refer to: provider drafts for unknown authors,
 * Media for images that have alt text, report lines for images without it and for categories
 * and tags that match no condition.
 */
export class Assembler {
  private readonly providerDrafts = new Map<string, PlannedProvider>()
  private readonly mediaByKey = new Map<string, PlannedMedia>()
  private readonly unmatchedTerms = new Map<
    string,
    { clinic: string; term: string; count: number }
  >()

  constructor(
    private readonly sources: ClinicSource[],
    private readonly network: NetworkData,
    private readonly convert: BodyConverter,
    private readonly issues: ImportIssue[],
  ) {}

  article(draft: ArticleDraft): PlannedArticle {
    const { kept } = draft
    const source = this.sourceOf(kept)
    const where = kept.item.source.url ?? kept.item.source.file
    const converted = this.convert(kept.html)
    const images = kept.images.flatMap((image, n) => {
      const mediaKey = this.mediaFor(image, source, draft.key, where)
      const index = converted.imageIndexes[n]
      return mediaKey && index !== null && index !== undefined ? [{ mediaKey, index }] : []
    })
    const hero = kept.item.featuredImage
      ? this.mediaFor(kept.item.featuredImage, source, draft.key, where)
      : null
    const fields = {
      title: titleOf(kept),
      slug: draft.slug,
      excerpt: excerptOf(kept),
      body: converted.body as unknown as Record<string, unknown>,
      author: this.authorFor(kept, source),
      conditions: this.conditionsFor(draft.copies),
      heroImage: hero,
      images,
    }
    return {
      key: draft.key,
      ...fields,
      originalPublishedAt: kept.item.publishedAt,
      sources: draft.copies.map((copy) => copy.item.source),
      contentHash: contentHashOf(fields),
    }
  }

  providers(): PlannedProvider[] {
    return [...this.providerDrafts.values()]
  }

  /** Media with the clinic that owns it: one clinic's local articles only, else the network. */
  media(plan: ImportPlan): PlannedMedia[] {
    const localClinic = new Map(plan.localArticles.map((a) => [a.key, a.clinic]))
    return [...this.mediaByKey.values()].map((media) => {
      const owners = new Set(media.usedBy.map((key) => localClinic.get(key) ?? null))
      const [only] = [...owners]
      return { ...media, ownerClinic: owners.size === 1 && only ? only : null }
    })
  }

  termIssues(): ImportIssue[] {
    return [...this.unmatchedTerms.values()].map(({ clinic, term, count }) => ({
      clinic,
      code: 'unmatched-category',
      where: term,
      message: `Category or tag "${term}" (${count} article${count === 1 ? '' : 's'}) matches no condition; add the condition or link the articles by hand.`,
    }))
  }

  private sourceOf(article: ExtractedArticle): ClinicSource {
    return this.sources.find((source) => source.clinic === article.item.source.clinic)!
  }

  private authorFor(article: ExtractedArticle, source: ClinicSource): PlannedArticle['author'] {
    const name = authorName(source, article.item.author)
    if (!name) return null
    const provider = matchProvider(name, this.network.providers)
    if (provider) return { providerId: provider.id }
    const key = providerDraftKey(name)
    const clinic = article.item.source.clinic
    const existing = this.providerDrafts.get(key)
    if (existing) {
      if (!existing.clinics.includes(clinic)) existing.clinics.push(clinic)
      if (!existing.sourceNames.includes(name)) existing.sourceNames.push(name)
    } else {
      this.providerDrafts.set(key, { key, name, clinics: [clinic], sourceNames: [name] })
      this.issues.push({
        clinic,
        code: 'provider-draft',
        where: name,
        message: `Author "${name}" matches no provider: a provider draft is planned (no user account).`,
      })
    }
    return { providerKey: key }
  }

  private conditionsFor(copies: ExtractedArticle[]): (string | number)[] {
    const ids = new Set<string | number>()
    for (const copy of copies) {
      for (const term of [...copy.item.categories, ...copy.item.tags]) {
        const condition = matchCondition(term, this.network.conditions)
        if (condition) {
          ids.add(condition.id)
          continue
        }
        if (/^uncategori[sz]ed$/i.test(term.trim())) continue
        const id = `${copy.item.source.clinic}|${term.toLowerCase()}`
        const entry = this.unmatchedTerms.get(id)
        if (entry) entry.count++
        else this.unmatchedTerms.set(id, { clinic: copy.item.source.clinic, term, count: 1 })
      }
    }
    return [...ids]
  }

  private mediaFor(
    image: SourceImage,
    source: ClinicSource,
    articleKey: string,
    where: string,
  ): string | null {
    const alt = altTextOf(image, source)
    if (!alt) {
      this.issues.push({
        clinic: source.clinic,
        code: 'needs-alt-text',
        where,
        message: `Image ${image.url} has no alt text: it was left out of the article. Describe it and add it by hand.`,
      })
      return null
    }
    const key = `media:${imageKey(image.url)}`
    const media = this.mediaByKey.get(key)
    if (media) {
      if (!media.usedBy.includes(articleKey)) media.usedBy.push(articleKey)
    } else {
      this.mediaByKey.set(key, {
        key,
        sourceUrl: image.url,
        alt,
        ownerClinic: null,
        usedBy: [articleKey],
      })
    }
    return key
  }
}

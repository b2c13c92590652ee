/**
 * One clinic's view of the network: what its site shows, shaped once per clinic and cached.
 * Which articles and FAQs a clinic shows, and each article's canonical copy, come from the shared
 * rules in @clinic/shared/syndication (the CMS's preview links use the same ones).
 */
import { createHash } from 'node:crypto'

import { relationId, relationIds, sameId } from '@clinic/shared/ids'
import { articlePath, conditionPath } from '@clinic/shared/paths'
import type { Condition, Faq, Media, NetworkSetting, Provider } from '@clinic/shared/payload-types'
import {
  canonicalFor,
  isArticleOnClinic,
  isOwnedDocOnClinic,
  type CanonicalDecision,
  type SyndicationClinic,
} from '@clinic/shared/syndication'
import { FAQ_TOPICS } from '@clinic/shared/vocabulary'

import { brandColors, type BrandColors } from './brand.ts'
import {
  loadNetwork,
  wantedClinicSlugs,
  type Network,
  type NetworkArticle,
  type NetworkClinic,
} from './network.ts'

export interface ArticleView {
  article: NetworkArticle
  path: string
  canonical: CanonicalDecision
  author?: Provider
  conditions: Condition[]
  /** FAQs on this clinic's site about the article's conditions. */
  relatedFaqs: Faq[]
  heroImage?: Media
  /** ISO date the article was published (falls back to creation). */
  date: string
}

export interface ConditionView {
  condition: Condition & { slug: string }
  path: string
  /** True when the clinic lists the condition as one it treats. */
  treated: boolean
  articles: ArticleView[]
  faqs: Faq[]
}

export interface ClinicSite {
  clinic: NetworkClinic
  /** Site URL without a trailing slash. */
  siteUrl: string
  settings: NetworkSetting
  network: Network
  colors: BrandColors
  logo?: Media
  /** Newest first. */
  articles: ArticleView[]
  articleById: Map<string, ArticleView>
  /** Conditions with a page on this site: those treated, then those its articles and FAQs cover. */
  conditions: ConditionView[]
  conditionById: Map<string, ConditionView>
  /** Sorted by topic, then order. */
  faqs: Faq[]
  careTeam: Provider[]
  /** The network as the syndication rules see it. */
  syndicationClinics: SyndicationClinic[]
}

const topicRank = new Map(FAQ_TOPICS.map((topic, index) => [topic.value, index]))
const byFaqOrder = (a: Faq, b: Faq) =>
  (topicRank.get(a.topic) ?? 99) - (topicRank.get(b.topic) ?? 99) ||
  (a.order ?? 100) - (b.order ?? 100) ||
  a.question.localeCompare(b.question)

const intersects = (a: unknown, b: Set<string>) => relationIds(a).some((id) => b.has(String(id)))

/** Shapes one clinic's view of a network snapshot (exported for the draft preview, src/data/preview.ts). */
export function shapeClinic(network: Network, clinic: NetworkClinic): ClinicSite {
  const siteUrl = clinic.siteUrl.replace(/\/+$/, '')
  const syndicated = network.syndicationClinics.find((c) => sameId(c.id, clinic.id))!
  const noindexCopies = network.settings.noindexSyndicatedCopies === true

  const faqs = network.faqs.filter((faq) => isOwnedDocOnClinic(faq, clinic)).sort(byFaqOrder)

  const articles: ArticleView[] = network.articles
    .filter((article) => isArticleOnClinic(article, syndicated))
    .map((article) => {
      const conditionIds = new Set(relationIds(article.conditions).map(String))
      const heroId = relationId(article.heroImage)
      return {
        article,
        path: articlePath(article.slug),
        canonical: canonicalFor(article, syndicated, network.syndicationClinics, { noindexCopies }),
        author: network.providerById.get(String(relationId(article.author))),
        conditions: [...conditionIds]
          .map((id) => network.conditionById.get(id))
          .filter((c): c is Condition => Boolean(c)),
        relatedFaqs: faqs.filter((faq) => intersects(faq.conditions, conditionIds)).slice(0, 6),
        heroImage: heroId === undefined ? undefined : network.mediaById.get(String(heroId)),
        date: article.publishedAt ?? article.createdAt,
      }
    })
    .sort((a, b) => b.date.localeCompare(a.date) || a.article.title.localeCompare(b.article.title))

  const treatedIds = relationIds(clinic.conditions).map(String)
  const treated = new Set(treatedIds)
  const coveredIds = [
    ...articles.flatMap((view) => view.conditions.map((c) => String(c.id))),
    ...faqs.flatMap((faq) => relationIds(faq.conditions).map(String)),
  ]
  const otherIds = [...new Set(coveredIds)].filter((id) => !treated.has(id))
  const otherConditions = otherIds
    .map((id) => network.conditionById.get(id))
    .filter((c): c is Condition => Boolean(c))
    .sort((a, b) => a.name.localeCompare(b.name))
  const conditions: ConditionView[] = [
    ...treatedIds
      .map((id) => network.conditionById.get(id))
      .filter((c): c is Condition => Boolean(c)),
    ...otherConditions,
  ]
    .filter((condition): condition is Condition & { slug: string } => Boolean(condition.slug))
    .map((condition) => {
      const id = new Set([String(condition.id)])
      return {
        condition,
        path: conditionPath(condition.slug),
        treated: treated.has(String(condition.id)),
        articles: articles.filter((view) => intersects(view.article.conditions, id)),
        faqs: faqs.filter((faq) => intersects(faq.conditions, id)),
      }
    })

  // A provider an import made from a WordPress author is on no team page until staff check it.
  const careTeam = network.providers
    .filter((provider) => !provider.needsReview)
    .filter((provider) => relationIds(provider.clinics).some((id) => sameId(id, clinic.id)))
    .sort((a, b) => a.name.localeCompare(b.name))
  const logoId = relationId(clinic.brand?.logo)

  return {
    clinic,
    siteUrl,
    settings: network.settings,
    network,
    colors: brandColors(clinic.brand?.accentColor),
    logo: logoId === undefined ? undefined : network.mediaById.get(String(logoId)),
    articles,
    articleById: new Map(articles.map((view) => [String(view.article.id), view])),
    conditions,
    conditionById: new Map(conditions.map((view) => [String(view.condition.id), view])),
    faqs,
    careTeam,
    syndicationClinics: network.syndicationClinics,
  }
}

const cache = new WeakMap<Network, Map<string, ClinicSite>>()

/** The shaped site of one clinic (by slug). */
export async function clinicSite(slug: string): Promise<ClinicSite> {
  const network = await loadNetwork()
  let sites = cache.get(network)
  if (!sites) cache.set(network, (sites = new Map()))
  let site = sites.get(slug)
  if (!site) {
    const clinic = network.clinics.find((c) => c.slug === slug)
    if (!clinic) throw new Error(`No clinic with slug "${slug}" in the CMS`)
    site = shapeClinic(network, clinic)
    sites.set(slug, site)
  }
  return site
}

/**
 * The clinics this build renders: all, or those named in env CLINICS (comma-separated slugs) for a
 * partial rebuild. Unknown slugs fail the build rather than silently building nothing.
 */
export async function clinicsToBuild(): Promise<ClinicSite[]> {
  const network = await loadNetwork()
  const wanted = wantedClinicSlugs() ?? []
  const known = new Set(network.clinics.map((clinic) => clinic.slug))
  const unknown = wanted.filter((slug) => !known.has(slug))
  if (unknown.length > 0)
    throw new Error(
      `CLINICS names clinics the CMS does not have: ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
    )
  const slugs = wanted.length > 0 ? wanted : [...known]
  return Promise.all(slugs.map(clinicSite))
}

const articleDigests = new WeakMap<object, string>()
const siteDigests = new WeakMap<ClinicSite, { chrome: string; content: string }>()

/** SHA-256 of `value` as JSON; an article view inside it counts by its own (memoised) digest. */
function digest(value: unknown): string {
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return [...item]
    if (item && typeof item === 'object' && 'canonical' in item && 'article' in item) {
      let known = articleDigests.get(item)
      if (known === undefined) {
        const { article, ...view } = item as ArticleView
        articleDigests.set(item, (known = digest([article, view])))
      }
      return known
    }
    return item
  })
  return createHash('sha256').update(json).digest('base64url')
}

/**
 * What every page of a clinic reads besides its own props (the layout, images, the team, links
 * to articles and conditions), and what a page without props of its own reads (all the content).
 */
function siteDigest(site: ClinicSite): { chrome: string; content: string } {
  let known = siteDigests.get(site)
  if (!known) {
    const { clinic, siteUrl, settings, colors, logo, careTeam, network } = site
    const chrome = digest({
      ...{ clinic, siteUrl, settings, colors, logo, careTeam, clinics: network.clinics },
      media: network.mediaById,
      // Links resolve by id: the list's order (newest first) is no page's concern here.
      articles: site.articles.map((view) => `${view.article.id} ${view.path}`).sort(),
      conditions: site.conditions.map((view) => [view.condition, view.path, view.treated]),
    })
    const content = digest({ articles: site.articles, conditions: site.conditions, faqs: site.faqs })
    siteDigests.set(site, (known = { chrome, content }))
  }
  return known
}

/**
 * getStaticPaths helper: one entry per clinic and item, with `clinic` in params and the site in
 * props. Its `cacheKey` is the page's dependency record: a digest of everything the page renders
 * from, so Astro's incremental build (scripts/build-sites/render.ts) re-renders exactly the pages
 * whose key changed and restores the others.
 */
export async function pathsPerClinic<
  P extends Record<string, string | undefined>,
  T extends Record<string, unknown>,
>(each: (site: ClinicSite) => { params: P; props?: T }[]) {
  const sites = await clinicsToBuild()
  return sites.flatMap((site) => {
    const { chrome, content } = siteDigest(site)
    return each(site).map(({ params, props }) => {
      // A page given no item of its own (home, sitemap, FAQ...) reads the whole site.
      const ownItem = Object.values(props ?? {}).some((v) => typeof v === 'object' && v !== null)
      return {
        params: { clinic: site.clinic.slug, ...params },
        props: { site, ...(props ?? ({} as T)) },
        cacheKey: digest([chrome, params, props, ownItem ? null : content]),
      }
    })
  })
}

/**
 * One clinic's view of the network: what its site shows, shaped once per clinic and cached.
 * Which articles and FAQs a clinic shows, and each article's canonical copy, come from the shared
 * rules in @clinic/shared/syndication (the CMS's preview links use the same ones).
 */
import { createHash } from 'node:crypto'

import { relationId, relationIds, sameId } from '@clinic/shared/ids'
import { DEFAULT_LOCALE, LOCALE_CODES, type Locale } from '@clinic/shared/locales'
import {
  ARTICLES_PER_PAGE,
  articleIndexPath,
  articlePath,
  conditionIndexPath,
  conditionPath,
  faqPath,
  homePath,
  locationPath,
  notFoundPath,
  searchPath,
} from '@clinic/shared/paths'
import { CONSULTATION_PATH, CONSULTATION_THANKS_PATH, PRIVACY_PATH } from '@clinic/shared/consultation'
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
import { documentDigest } from './network-cache.ts'
import { listPage, pageFile } from './page-keys.ts'
import {
  loadNetwork,
  wantedClinicSlugs,
  wantedLocales,
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
  /** The language of this view: every text in it is in this language, or absent. */
  locale: Locale
  /** This clinic's site in another language (the same snapshot), for the switcher and hreflang. */
  inLocale: (locale: Locale) => ClinicSite
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

/**
 * Shapes one clinic's view of a network snapshot in the snapshot's language (exported for the
 * draft preview, src/data/preview.ts). `inLocale` gives the view in another language; by default
 * it is shaped from the same snapshot's other language.
 */
export function shapeClinic(
  network: Network,
  clinic: NetworkClinic,
  inLocale?: (locale: Locale) => ClinicSite,
): ClinicSite {
  const { locale } = network
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
        path: articlePath(article.slug, locale),
        canonical: canonicalFor(article, syndicated, network.syndicationClinics, {
          noindexCopies,
          locale,
        }),
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
        path: conditionPath(condition.slug, locale),
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

  const site: ClinicSite = {
    locale,
    inLocale: (other) => {
      if (other === locale) return site
      if (inLocale) return inLocale(other)
      const sibling = network.byLocale[other].clinicById.get(String(clinic.id))!
      return shapeClinic(network.byLocale[other], sibling, (back) =>
        back === locale ? site : shapeClinic(network.byLocale[back], sibling),
      )
    },
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
  return site
}

const cache = new WeakMap<Network, Map<string, ClinicSite>>()

/** The shaped site of one clinic (by slug) in one language; each is shaped once per build. */
export async function clinicSite(slug: string, locale: Locale = DEFAULT_LOCALE): Promise<ClinicSite> {
  const network = await loadNetwork(locale)
  const cached = (l: Locale): ClinicSite => {
    const snapshot = network.byLocale[l]
    let sites = cache.get(snapshot)
    if (!sites) cache.set(snapshot, (sites = new Map()))
    let site = sites.get(slug)
    if (!site) {
      const clinic = snapshot.clinics.find((c) => c.slug === slug)
      if (!clinic) throw new Error(`No clinic with slug "${slug}" in the CMS`)
      site = shapeClinic(snapshot, clinic, cached)
      sites.set(slug, site)
    }
    return site
  }
  return cached(locale)
}

/**
 * A page of a clinic site, named independently of its language: the same key finds the page's
 * version in each language (or none), for the language switcher, hreflang and the sitemap.
 */
export type PageKey =
  | { kind: 'home' | 'conditions' | 'faq' | 'location' | 'search' | 'notFound' }
  | { kind: 'consultation' | 'consultationThanks' | 'privacy' }
  | { kind: 'articles'; page: number }
  | { kind: 'article'; id: string | number }
  | { kind: 'condition'; id: string | number }

/**
 * Languages the consultation form and privacy notice exist in: the form is answered by the CMS,
 * whose validation messages are English (cms/src/server/consultation), so they stay English-only
 * until the CMS answers in Spanish too.
 */
const ENGLISH_ONLY = new Set<PageKey['kind']>(['consultation', 'consultationThanks', 'privacy'])

/** The page's path on this site in the site's language, or undefined when it has no such page. */
export function pathOf(site: ClinicSite, key: PageKey): string | undefined {
  const { locale } = site
  if (ENGLISH_ONLY.has(key.kind) && locale !== DEFAULT_LOCALE) return undefined
  switch (key.kind) {
    case 'home':
      return homePath(locale)
    case 'conditions':
      return conditionIndexPath(locale)
    case 'faq':
      return faqPath(locale)
    case 'location':
      return locationPath(locale)
    case 'search':
      return searchPath(locale)
    case 'notFound':
      return notFoundPath(locale)
    case 'consultation':
      return CONSULTATION_PATH
    case 'consultationThanks':
      return CONSULTATION_THANKS_PATH
    case 'privacy':
      return PRIVACY_PATH
    case 'articles':
      return key.page <= articlePageCount(site) ? articleIndexPath(key.page, locale) : undefined
    case 'article':
      return site.articleById.get(String(key.id))?.path
    case 'condition':
      return site.conditionById.get(String(key.id))?.path
  }
}

/** Pages of the article list (at least one, even when empty). */
export const articlePageCount = (site: ClinicSite) =>
  Math.max(1, Math.ceil(site.articles.length / ARTICLES_PER_PAGE))

/**
 * getStaticPaths entries of a site's article list in its language: the `page` rest parameter is
 * what articleIndexPath puts after the list's own path (undefined for page 1, e.g. `page/2` or
 * `pagina/2`), so the route files cannot disagree with the links to them.
 */
export function articleIndexPages(site: ClinicSite) {
  const totalPages = articlePageCount(site)
  const first = articleIndexPath(1, site.locale)
  return Array.from({ length: totalPages }, (_, i) => ({
    params: { page: i === 0 ? undefined : articleIndexPath(i + 1, site.locale).slice(first.length, -1) },
    props: {
      page: i + 1,
      totalPages,
      articles: site.articles.slice(i * ARTICLES_PER_PAGE, (i + 1) * ARTICLES_PER_PAGE),
    },
  }))
}

/** The page's path in every language it exists in (this site's language included). */
export function alternatesOf(site: ClinicSite, key: PageKey): Partial<Record<Locale, string>> {
  const found: Partial<Record<Locale, string>> = {}
  for (const locale of LOCALE_CODES) {
    const path = pathOf(site.inLocale(locale), key)
    if (path) found[locale] = path
  }
  return found
}

/**
 * The clinics this build renders: all, or those named in env CLINICS (comma-separated slugs) for a
 * partial rebuild. Unknown slugs fail the build rather than silently building nothing.
 */
export async function clinicsToBuild(locale: Locale = DEFAULT_LOCALE): Promise<ClinicSite[]> {
  const network = await loadNetwork()
  const wanted = wantedClinicSlugs() ?? []
  const known = new Set(network.clinics.map((clinic) => clinic.slug))
  const unknown = wanted.filter((slug) => !known.has(slug))
  if (unknown.length > 0)
    throw new Error(
      `CLINICS names clinics the CMS does not have: ${unknown.join(', ')} (known: ${[...known].join(', ')})`,
    )
  const slugs = wanted.length > 0 ? wanted : [...known]
  return Promise.all(slugs.map((slug) => clinicSite(slug, locale)))
}

const articleDigests = new WeakMap<object, string>()
/** The parts of a site's content a page without an item of its own may read (`pathsPerClinic`). */
export type ContentPart = 'articles' | 'conditions' | 'faqs'
const CONTENT_PARTS: readonly ContentPart[] = ['articles', 'conditions', 'faqs']
interface SiteDigest {
  chrome: string
  links: string
  content: Record<ContentPart, string>
}
const siteDigests = new WeakMap<ClinicSite, SiteDigest>()

/**
 * SHA-256 of `value` as JSON; an article view inside it counts by its own (memoised) digest, and
 * the article document inside that by its own, kept across this process's builds
 * (`documentDigest`: hashing every article's body again took 0.35 s of a publish at 64,342 pages).
 */
function digest(value: unknown): string {
  const json = JSON.stringify(value, (_key, item: unknown) => {
    if (item instanceof Map) return [...item]
    if (item && typeof item === 'object' && 'canonical' in item && 'article' in item) {
      let known = articleDigests.get(item)
      if (known === undefined) {
        const { article, ...view } = item as ArticleView
        articleDigests.set(item, (known = digest([documentDigest(article, digest), view])))
      }
      return known
    }
    return item
  })
  return createHash('sha256').update(json).digest('base64url')
}

/**
 * What every page of a clinic's site in one language reads besides its own props (the layout,
 * images, the team), the links it can make (articles and conditions by id, which also decide the
 * language switcher and hreflang of the other languages' pages), and each part of the content a
 * page without props of its own may read.
 */
function siteDigest(site: ClinicSite): SiteDigest {
  let known = siteDigests.get(site)
  if (!known) {
    const { locale, clinic, siteUrl, settings, colors, logo, careTeam, network } = site
    const chrome = digest({
      ...{ locale, clinic, siteUrl, settings, colors, logo, careTeam, clinics: network.clinics },
      media: network.mediaById,
      conditions: site.conditions.map((view) => [view.condition, view.path, view.treated]),
    })
    // Links resolve by id: the list's order (newest first) is no page's concern here.
    const links = digest({
      articles: site.articles.map((view) => `${view.article.id} ${view.path}`).sort(),
      conditions: site.conditions.map((view) => `${view.condition.id} ${view.path}`),
    })
    const content = {
      articles: digest(site.articles),
      conditions: digest(site.conditions),
      faqs: digest(site.faqs),
    }
    siteDigests.set(site, (known = { chrome, links, content }))
  }
  return known
}

/**
 * getStaticPaths helper: one entry per clinic and item of the route `routePattern` (Astro gives it
 * to getStaticPaths), with `clinic` in params and the site (in `locale`) in props. A per-locale
 * rebuild (SITES_LOCALES) renders no page of another language; `shared` pages (the sitemap, which
 * lists both) are rendered whatever the languages.
 *
 * Each entry's `cacheKey` is the page's dependency record: a digest of everything the page renders
 * from. A publish lists only the pages whose key differs from the live release's (page-keys.ts);
 * a full build lists every page, and Astro's incremental build (scripts/build-sites/render-cache.ts)
 * re-renders those whose key changed and restores the others. Every page reads the site's chrome
 * and the links of every language (its switcher and hreflang); a page without an item of its own
 * also reads the parts of its language's content named in `reads` (all of them unless it says
 * otherwise), or of every language when it is shared. A page that names fewer parts than its view reads is not
 * rendered again when those change: tests/site/equivalence.test.ts compares publishes with fresh
 * builds to catch that.
 */
export async function pathsPerClinic<
  P extends Record<string, string | undefined>,
  T extends Record<string, unknown>,
>(
  routePattern: string,
  each: (site: ClinicSite) => { params: P; props?: T }[],
  {
    locale = DEFAULT_LOCALE,
    shared = false,
    reads = CONTENT_PARTS,
  }: { locale?: Locale; shared?: boolean; reads?: readonly ContentPart[] } = {},
) {
  if (!shared && !(wantedLocales() ?? LOCALE_CODES).includes(locale)) return []
  const sites = await clinicsToBuild(locale)
  const partsOf = (content: SiteDigest['content']) => reads.map((part) => content[part])
  return sites.flatMap((site) => {
    const { chrome, content } = siteDigest(site)
    const inEach = LOCALE_CODES.map((code) => siteDigest(site.inLocale(code)))
    const links = inEach.map((known) => known.links)
    const readContent = shared ? inEach.map((known) => partsOf(known.content)) : partsOf(content)
    const slug = site.clinic.slug
    return each(site).flatMap(({ params, props }) => {
      // A page given no item of its own (home, sitemap, FAQ...) reads the site's content.
      const ownItem = Object.values(props ?? {}).some((v) => typeof v === 'object' && v !== null)
      const cacheKey = digest([chrome, links, params, props, ownItem ? null : readContent])
      // A publish lists only the pages whose key changed since the live release (page-keys.ts).
      if (!listPage(slug, pageFile(routePattern, { clinic: slug, ...params }), cacheKey)) return []
      return [
        {
          params: { clinic: slug, ...params },
          props: { site, ...(props ?? ({} as T)) },
          cacheKey,
        },
      ]
    })
  })
}

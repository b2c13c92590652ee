import { articlePath } from '@clinic/shared/paths'

import { classifyArticle } from '../classify'
import { findDuplicates } from '../duplicates/groups'
import { makeNormaliser } from '../duplicates/normalize'
import { ImportInputError, networkClinics } from '../errors'
import { PHONE } from '../extract/chrome'
import { extractItem } from '../extract'
import type { ClinicSource, ExtractedArticle, ImportIssue } from '../types'
import { linesNotIn, slugAssigner } from './articles'
import { type ArticleDraft, Assembler } from './assemble'
import { buildReport } from './report'
import { planRedirects, type RedirectTarget } from './redirects'
import {
  type BodyConverter,
  DEFAULT_PLAN_OPTIONS,
  type ImportPlan,
  type ImportReport,
  type NetworkData,
  type PlanOptions,
} from './types'

const STATUSES_WITH_DRAFTS = new Set(['publish', 'draft', 'pending', 'future', 'private'])

/**
 * The import plan: from what the sources hold and what the network has, everything the apply
 * step will create (all as drafts), every old URL's redirect and the report. Reads nothing and
 * writes nothing; the same input gives the same plan.
 */
export function buildPlan(
  sources: ClinicSource[],
  network: NetworkData,
  convert: BodyConverter,
  partial: Partial<PlanOptions> = {},
): ImportPlan {
  const options = { ...DEFAULT_PLAN_OPTIONS, ...partial }
  // Alphabetical: lists in the plan (and ties between copies of the same date) do not depend on
  // the order the database returned the clinics in.
  const clinicOrder = network.clinics.map((clinic) => clinic.slug).sort()
  for (const source of sources) {
    if (!clinicOrder.includes(source.clinic)) {
      throw new ImportInputError(
        `Unknown clinic "${source.clinic}": ${networkClinics(clinicOrder)}`,
        source.clinic,
      )
    }
  }
  const issues: ImportIssue[] = sources.flatMap((source) => source.issues)
  const infoPages: ImportReport['clinicInfoPages'] = []
  const redirectTargets: RedirectTarget[] = []
  const articles: ExtractedArticle[] = []
  let itemsRead = 0

  for (const source of sources) {
    const clinic = network.clinics.find((c) => c.slug === source.clinic)!
    const clinicNames = [clinic.name]
    for (const item of source.items) {
      itemsRead++
      const allowed = options.includeDrafts
        ? STATUSES_WITH_DRAFTS.has(item.status)
        : item.status === 'publish'
      if (!allowed) {
        issues.push({
          clinic: source.clinic,
          code: 'skipped-status',
          where: item.source.url ?? item.source.file,
          message: `"${item.title}" is ${item.status}; ${options.includeDrafts ? 'never imported' : 'pass --include-drafts to import drafts'}.`,
        })
        continue
      }
      const extraction = extractItem(item, { clinicNames })
      issues.push(...extraction.issues)
      for (const article of extraction.articles) {
        const kind = classifyArticle(article)
        const where = article.item.source.url ?? article.item.source.file
        if (kind.kind === 'article') articles.push(article)
        else if (kind.kind === 'clinic-info') {
          infoPages.push({
            clinic: source.clinic,
            url: article.item.source.url,
            title: article.title,
            topic: kind.topic,
          })
          issues.push({
            clinic: source.clinic,
            code: 'clinic-info-page',
            where,
            message: `"${article.title}" is clinic information (${kind.topic}): compare it with the clinic's record; it redirects to /location/.`,
          })
          redirectTargets.push({
            item: article.item,
            to: '/location/',
            articleKey: null,
            kind: 'clinic-info',
          })
        } else {
          issues.push({
            clinic: source.clinic,
            code: 'skipped-not-article',
            where,
            message: `"${article.title}" is a site page, not an article.`,
          })
        }
      }
    }
  }

  const names = network.clinics.flatMap((clinic) => [clinic.name, ...(clinic.places ?? [])])
  const duplicates = findDuplicates(
    articles.map((article) => ({
      clinic: article.item.source.clinic,
      title: article.title,
      text: article.text,
      publishedAt: article.item.publishedAt,
    })),
    { ...options.duplicates, names },
  )
  const words = makeNormaliser(names)
  const assembler = new Assembler(sources, network, convert, issues)
  const assignSlug = slugAssigner(network.takenSlugs ?? [], issues)
  const plan: ImportPlan = {
    format: 'clinic-import-plan/1',
    options,
    networkArticles: [],
    localArticles: [],
    providers: [],
    media: [],
    redirects: [],
    report: undefined as unknown as ImportReport,
  }
  const mergedGroups: ImportReport['mergedGroups'] = []
  const grouped = new Set<number>()

  for (const group of duplicates.groups) {
    const order = orderCopies(group.members, articles, clinicOrder, options.canonical)
    group.members.forEach((i) => grouped.add(i))
    const members = order.map((i) => articles[i]!)
    const kept = members[0]!
    const draft: ArticleDraft = {
      key: `network:${kept.key}`,
      kept,
      copies: members,
      slug: assignSlug(kept, null),
    }
    const planned = assembler.article(draft)
    const clinics = sortByOrder(
      members.map((m) => m.item.source.clinic),
      clinicOrder,
    )
    plan.networkArticles.push({
      ...planned,
      owner: 'network',
      clinics,
      canonicalClinic: kept.item.source.clinic,
      similarity: { min: round(group.min), mean: round(group.mean) },
    })
    flagClinicSpecificText(kept, network, issues)
    mergedGroups.push({
      articleKey: planned.key,
      title: planned.title,
      canonicalClinic: kept.item.source.clinic,
      clinics,
      similarity: { min: round(group.min), mean: round(group.mean) },
      copies: members.map((copy, n) => ({
        clinic: copy.item.source.clinic,
        url: copy.item.source.url,
        title: copy.title,
        publishedAt: copy.item.publishedAt,
        similarityToKept: n === 0 ? 1 : round(duplicates.textSimilarity(order[0]!, order[n]!)),
        linesNotInKept: copy === kept ? [] : linesNotIn(copy.text, kept.text, words),
      })),
    })
    for (const copy of members) {
      redirectTargets.push({
        item: copy.item,
        to: articlePath(planned.slug),
        articleKey: planned.key,
        kind: 'article',
      })
    }
  }

  articles.forEach((article, index) => {
    if (grouped.has(index)) return
    const clinic = article.item.source.clinic
    const planned = assembler.article({
      key: `local:${article.key}`,
      kept: article,
      copies: [article],
      slug: assignSlug(article, clinic),
    })
    plan.localArticles.push({ ...planned, owner: 'clinic', clinic })
    redirectTargets.push({
      item: article.item,
      to: articlePath(planned.slug),
      articleKey: planned.key,
      kind: 'article',
    })
  })

  for (const pair of duplicates.withinClinic) {
    const [a, b] = [articles[pair.a]!, articles[pair.b]!]
    issues.push({
      clinic: a.item.source.clinic,
      code: 'duplicate-within-clinic',
      where: a.item.source.url ?? a.item.source.file,
      message: `"${a.title}" and "${b.title}" (${b.item.source.url ?? b.item.source.file}) are ${Math.round(pair.text * 100)}% alike; both were kept as local articles.`,
    })
  }

  plan.providers = assembler.providers()
  plan.media = assembler.media(plan)
  plan.redirects = planRedirects(redirectTargets, sources, issues)
  plan.report = buildReport({
    plan,
    sources,
    itemsRead,
    mergedGroups,
    infoPages,
    issues: [...issues, ...assembler.termIssues()],
    related: duplicates.related.map((pair) => ({
      a: identity(articles[pair.a]!),
      b: identity(articles[pair.b]!),
      similarity: { text: round(pair.text), title: round(pair.title) },
    })),
  })
  return plan
}

const round = (value: number) => Math.round(value * 1000) / 1000

const identity = (article: ExtractedArticle) => ({
  clinic: article.item.source.clinic,
  url: article.item.source.url,
  title: article.title,
})

function sortByOrder(slugs: string[], order: string[]) {
  return [...slugs].sort((a, b) => order.indexOf(a) - order.indexOf(b))
}

/** Oldest (or newest) first; undated copies last; ties in the network's clinic order. */
function orderCopies(
  members: number[],
  articles: ExtractedArticle[],
  order: string[],
  canonical: PlanOptions['canonical'],
): number[] {
  const time = (index: number) => {
    const published = articles[index]!.item.publishedAt
    const parsed = published ? Date.parse(published) : Number.NaN
    if (Number.isNaN(parsed)) return Number.POSITIVE_INFINITY
    return canonical === 'oldest' ? parsed : -parsed
  }
  const clinicRank = (index: number) => order.indexOf(articles[index]!.item.source.clinic)
  return [...members].sort((a, b) => time(a) - time(b) || clinicRank(a) - clinicRank(b))
}

/** A shared article should not name one clinic: such lines are reported for an editor. */
function flagClinicSpecificText(
  kept: ExtractedArticle,
  network: NetworkData,
  issues: ImportIssue[],
) {
  const names = network.clinics.flatMap((clinic) => [clinic.name, ...(clinic.places ?? [])])
  const lines = kept.text
    .split('\n')
    .filter((line) => PHONE.test(line) || names.some((name) => line.includes(name)))
  if (lines.length === 0) return
  issues.push({
    clinic: kept.item.source.clinic,
    code: 'clinic-specific-text',
    where: kept.item.source.url ?? kept.item.source.file,
    message: `The shared article "${kept.title}" names a clinic or a phone number: ${lines
      .slice(0, 3)
      .map((line) => `"${line.slice(0, 100)}"`)
      .join('; ')}`,
  })
}

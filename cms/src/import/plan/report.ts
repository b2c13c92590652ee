import type { ClinicSource, ImportIssue } from '../types'
import type { ImportPlan, ImportReport } from './types'

interface ReportInput {
  plan: ImportPlan
  sources: ClinicSource[]
  itemsRead: number
  mergedGroups: ImportReport['mergedGroups']
  infoPages: ImportReport['clinicInfoPages']
  related: ImportReport['related']
  issues: ImportIssue[]
}

const SKIPPED = new Set([
  'skipped-status',
  'skipped-not-article',
  'skipped-empty',
  'skipped-too-large',
  'unreadable-item',
])

export function buildReport(input: ReportInput): ImportReport {
  const { plan, issues } = input
  const articles = plan.networkArticles.length + plan.localArticles.length
  return {
    summary: {
      clinics: input.sources.length,
      itemsRead: input.itemsRead,
      networkArticles: plan.networkArticles.length,
      localArticles: plan.localArticles.length,
      mergedCopies: input.mergedGroups.reduce((sum, group) => sum + group.copies.length, 0),
      clinicInfoPages: input.infoPages.length,
      skipped: issues.filter((issue) => SKIPPED.has(issue.code)).length,
      providerDrafts: plan.providers.length,
      media: plan.media.length,
      imagesNeedingAltText: issues.filter((issue) => issue.code === 'needs-alt-text').length,
      redirects: plan.redirects.length,
      awaitingReview: articles,
    },
    mergedGroups: input.mergedGroups,
    related: input.related,
    clinicInfoPages: input.infoPages,
    issues,
  }
}

const percent = (value: number) => `${Math.round(value * 100)}%`

/** The report as a person reads it at the end of a run. */
export function formatReport(plan: ImportPlan): string {
  const { summary, mergedGroups, related, clinicInfoPages, issues } = plan.report
  const lines = [
    `Read ${summary.itemsRead} posts and pages from ${summary.clinics} clinic(s).`,
    `Network articles: ${summary.networkArticles} (merged from ${summary.mergedCopies} copies)`,
    `Local articles: ${summary.localArticles}`,
    `Clinic information pages (reported, not imported): ${summary.clinicInfoPages}`,
    `Skipped: ${summary.skipped}`,
    `Provider drafts: ${summary.providerDrafts}; media: ${summary.media}; images needing alt text: ${summary.imagesNeedingAltText}`,
    `Redirects: ${summary.redirects}`,
    `Awaiting medical review (every article arrives as a draft): ${summary.awaitingReview}`,
  ]
  if (mergedGroups.length > 0) {
    lines.push('', 'Merged into network articles:')
    for (const group of mergedGroups) {
      lines.push(
        `  "${group.title}": ${group.clinics.join(', ')} (canonical ${group.canonicalClinic}; similarity min ${percent(group.similarity.min)}, mean ${percent(group.similarity.mean)})`,
      )
      for (const copy of group.copies.slice(1)) {
        lines.push(`    ${copy.clinic}: ${percent(copy.similarityToKept)} alike`)
        for (const line of copy.linesNotInKept.slice(0, 5))
          lines.push(`      + ${line.slice(0, 140)}`)
      }
    }
  }
  if (related.length > 0) {
    lines.push('', 'Related, kept separate:')
    for (const pair of related.slice(0, 50)) {
      lines.push(
        `  ${pair.a.clinic} "${pair.a.title}" ~ ${pair.b.clinic} "${pair.b.title}" (text ${percent(pair.similarity.text)}, title ${percent(pair.similarity.title)})`,
      )
    }
  }
  if (clinicInfoPages.length > 0) {
    lines.push('', 'Clinic information pages:')
    for (const page of clinicInfoPages)
      lines.push(`  ${page.clinic}: "${page.title}" (${page.topic}) ${page.url ?? ''}`)
  }
  if (issues.length > 0) {
    lines.push('', 'Report lines:')
    for (const issue of issues)
      lines.push(`  [${issue.code}] ${issue.clinic}: ${issue.message} (${issue.where})`)
  }
  return lines.join('\n')
}

import type { ClinicSource, ImportIssue, PlannedRedirect, SourceItem } from '../types'

/**
 * Every old address of an imported page, as a redirect on the same clinic's new site: the
 * permalink, WordPress's `?p=<id>` / `?page_id=<id>` short links and the attachment pages of its
 * images. A redirect only ever names a path on the clinic's own site (never another host), never
 * leads to itself, and never shadows a page the new site serves.
 */

export interface RedirectTarget {
  item: SourceItem
  to: string
  articleKey: string | null
  kind: 'article' | 'clinic-info'
}

/** Path and query of an old URL, or null when it is not a usable same-site path. */
export function oldPath(url: string | null): string | null {
  if (!url) return null
  let parsed: URL
  try {
    parsed = new URL(url, 'http://old-site.invalid')
  } catch {
    return null
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return null
  const path = parsed.pathname.replace(/\/{2,}/g, '/')
  return `${path}${parsed.search}`
}

/** A redirect from a path to itself (with or without the trailing slash) would loop. */
const sameTarget = (from: string, to: string) =>
  (from.replace(/\/+$/, '') || '/') === (to.replace(/\/+$/, '') || '/')

export function planRedirects(
  targets: RedirectTarget[],
  sources: ClinicSource[],
  issues: ImportIssue[],
): PlannedRedirect[] {
  const redirects: PlannedRedirect[] = []
  const byClinic = new Map<string, Map<string, PlannedRedirect>>()
  const pagesByClinic = new Map<string, Set<string>>()
  for (const target of targets) {
    const clinic = target.item.source.clinic
    if (!pagesByClinic.has(clinic)) pagesByClinic.set(clinic, new Set())
    pagesByClinic.get(clinic)!.add(target.to)
  }

  const add = (target: RedirectTarget, from: string | null, kind: PlannedRedirect['kind']) => {
    const clinic = target.item.source.clinic
    if (!from || !from.startsWith('/') || from.startsWith('//')) return
    if (!target.to.startsWith('/') || target.to.startsWith('//')) return
    const where = target.item.source.url ?? target.item.source.file
    if (sameTarget(from, target.to)) return
    if (pagesByClinic.get(clinic)!.has(from) || pagesByClinic.get(clinic)!.has(`${from}/`)) {
      issues.push({
        clinic,
        code: 'redirect-dropped',
        where,
        message: `The old address ${from} is a page of the new site; no redirect is made from it.`,
      })
      return
    }
    if (!byClinic.has(clinic)) byClinic.set(clinic, new Map())
    const existing = byClinic.get(clinic)!.get(from)
    if (existing) {
      if (existing.to !== target.to) {
        issues.push({
          clinic,
          code: 'redirect-dropped',
          where,
          message: `${from} already redirects to ${existing.to}; not also to ${target.to}.`,
        })
      }
      return
    }
    const redirect: PlannedRedirect = {
      clinic,
      from,
      to: target.to,
      kind: target.kind === 'clinic-info' ? 'clinic-info' : kind,
      articleKey: target.articleKey,
    }
    byClinic.get(clinic)!.set(from, redirect)
    redirects.push(redirect)
  }

  for (const target of targets) {
    const { item } = target
    add(target, oldPath(item.source.url), 'permalink')
    const id = item.source.wpId
    if (id === null) continue
    add(target, item.type === 'page' ? `/?page_id=${id}` : `/?p=${id}`, 'short-link')
    const source = sources.find((s) => s.clinic === item.source.clinic)
    for (const attachment of source?.attachments ?? []) {
      if (attachment.parentWpId !== id) continue
      add(target, oldPath(attachment.pageUrl), 'attachment-page')
      add(target, `/?attachment_id=${attachment.wpId}`, 'attachment-page')
    }
  }
  return redirects
}

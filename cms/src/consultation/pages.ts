/**
 * The pages the CMS answers on a clinic host, made from the clinic's live release: the form page
 * the site build rendered (`<SITES_DIR>/<clinic>/consultation/index.html`, the clinic's own layout)
 * with a fresh form token, and for a refusal the same page with an error summary, each field's
 * error and `aria-invalid` where the site left markers for them (shared/src/consultation.ts).
 * Only fixed texts are inserted: nothing a visitor typed ever comes back.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import {
  CONSULTATION_PATH,
  ERROR_SUMMARY_MARKER,
  TOKEN_PLACEHOLDER,
  fieldControlAttribute,
  fieldErrorMarker,
  fieldId,
  type FieldName,
} from '@clinic/shared/consultation'

import { messagePage } from '../preview/page'
import type { Problem } from './validate'

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  )

interface Cached {
  release: string
  html: string
}
const cache = new Map<string, Cached>()

/** The clinic's live form page, or undefined when its site has not been built with one. */
export async function formTemplate(sitesDir: string, slug: string): Promise<string | undefined> {
  const file = path.join(sitesDir, slug, CONSULTATION_PATH, 'index.html')
  // The live link moves on every publish: the resolved path names the release.
  const release = await fs.realpath(file).catch(() => undefined)
  if (!release) return undefined
  const cached = cache.get(slug)
  if (cached?.release === release) return cached.html
  const html = await fs.readFile(release, 'utf8').catch(() => undefined)
  if (!html?.includes(`value="${TOKEN_PLACEHOLDER}"`)) return undefined
  cache.set(slug, { release, html })
  return html
}

export function stampToken(html: string, token: string): string {
  return html.replace(`value="${TOKEN_PLACEHOLDER}"`, `value="${escapeHtml(token)}"`)
}

function errorSummary(problems: Problem[], intro: string): string {
  const items = problems
    .map((problem) =>
      problem.field
        ? `<li><a href="#${fieldId(problem.field)}">${escapeHtml(problem.message)}</a></li>`
        : `<li>${escapeHtml(problem.message)}</li>`,
    )
    .join('')
  return (
    `<div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex="-1">` +
    `<h2 id="error-summary-title">Your request was not sent</h2>` +
    `<p>${escapeHtml(intro)}</p><ul>${items}</ul></div>`
  )
}

const PRIVACY_NOTE =
  'To protect your privacy, what you typed is not shown again: fill in the form below, or use your browser\u2019s Back button to return to your answers and correct them.'

/**
 * The form page as a refusal: title marked, the summary above the form, each field's message in
 * its label and the control marked invalid. `intro` replaces the privacy note when the form
 * itself was fine (a limit, an expired page).
 */
export function refusalPage(html: string, problems: Problem[], intro = PRIVACY_NOTE): string {
  let page = html.replace(/<title>/, '<title>Error: ')
  page = page.replace(ERROR_SUMMARY_MARKER, errorSummary(problems, intro))
  const seen = new Set<FieldName>()
  for (const problem of problems) {
    if (!problem.field || seen.has(problem.field)) continue
    seen.add(problem.field)
    page = page.replace(
      fieldErrorMarker(problem.field),
      `<span class="field-error">Error: ${escapeHtml(problem.message)}</span>`,
    )
    page = page.replaceAll(
      fieldControlAttribute(problem.field),
      `${fieldControlAttribute(problem.field)} aria-invalid="true"`,
    )
  }
  return page
}

/** When the clinic's site has no form page yet (not built): a plain page, same words. */
export function plainRefusal(problems: Problem[], phone?: string): string {
  const text = problems.map((problem) => problem.message).join(' ')
  return messagePage(
    'Your request was not sent',
    `${text}${phone ? ` You can also call us at ${phone}.` : ''}`,
  )
}

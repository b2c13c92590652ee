/**
 * A visitor of a clinic site served by the CMS at `<clinic>.localhost:<port>` (by Host header):
 * opens the consultation form, posts it, reads the answer. Plus a stand-in for the clinic's built
 * form page (the int tests do not build the sites; tests/site and tests/e2e use the real one) and a
 * search of the SQLite files for text that must not be there.
 */
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import {
  CONSULTATION_PATH,
  ERROR_SUMMARY_MARKER,
  FIELD,
  TOKEN_PLACEHOLDER,
  fieldControlAttribute,
  fieldErrorMarker,
  fieldId,
  type FieldName,
} from '../../shared/src/consultation.ts'

export interface Answer {
  status: number
  headers: http.IncomingHttpHeaders
  body: string
}

export function clinicRequest(
  cmsUrl: string,
  clinic: string,
  options: { method?: string; path?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(cmsUrl)
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        hostname,
        port,
        method: options.method ?? 'GET',
        path: options.path ?? CONSULTATION_PATH,
        headers: { host: `${clinic}.localhost:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = []
        res.on('data', (chunk: Buffer) => chunks.push(chunk))
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString('utf8'),
          }),
        )
      },
    )
    req.on('error', reject)
    req.end(options.body)
  })
}

export const siteOrigin = (cmsUrl: string, clinic: string) =>
  `http://${clinic}.localhost:${new URL(cmsUrl).port}`

/** The form token in a served page. */
export function tokenIn(html: string): string {
  const match = new RegExp(`name="${FIELD.token}" value="([^"]*)"`).exec(html)
  if (!match) throw new Error(`no form token in the page:\n${html.slice(0, 400)}`)
  return match[1]!
}

export async function openForm(cmsUrl: string, clinic: string): Promise<string> {
  const page = await clinicRequest(cmsUrl, clinic)
  if (page.status !== 200) throw new Error(`GET ${CONSULTATION_PATH} answered ${page.status}`)
  return tokenIn(page.body)
}

export type Fields = Partial<Record<FieldName, string | string[]>>

export function validFields(location: string, overrides: Fields = {}): Fields {
  return {
    [FIELD.name]: 'Jordan Example',
    [FIELD.phone]: '(505) 555-0188',
    [FIELD.email]: 'jordan@example.com',
    [FIELD.contactMethod]: 'phone',
    [FIELD.contactTime]: 'morning',
    [FIELD.location]: location,
    [FIELD.message]: 'Is there parking near the clinic?',
    [FIELD.consent]: 'yes',
    [FIELD.honeypot]: '',
    ...overrides,
  }
}

export function formBody(fields: Fields): string {
  const body = new URLSearchParams()
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined) continue
    for (const one of Array.isArray(value) ? value : [value]) body.append(name, one)
  }
  return body.toString()
}

/** Posts the form as a browser on the clinic's site does (same-origin Origin header). */
export function submitForm(
  cmsUrl: string,
  clinic: string,
  fields: Fields,
  headers: Record<string, string> = {},
): Promise<Answer> {
  return clinicRequest(cmsUrl, clinic, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      origin: siteOrigin(cmsUrl, clinic),
      'sec-fetch-site': 'same-origin',
      ...headers,
    },
    body: formBody(fields),
  })
}

/**
 * The clinic's live form page as far as the CMS relies on it: title, the markers and attributes
 * shared/src/consultation.ts defines, the token placeholder. Written where a build would put it.
 */
export function writeFormPage(sitesDir: string, slug: string, label = slug): void {
  const fieldMarkup = (field: FieldName) =>
    `<label for="${fieldId(field)}">${field}${fieldErrorMarker(field)}</label>` +
    `<input id="${fieldId(field)}" name="${field}" ${fieldControlAttribute(field)}>`
  const html =
    `<!doctype html><html lang="en"><head><title>Request a consultation | ${label}</title></head><body>` +
    `<main><h1>Request a consultation at ${label}</h1>${ERROR_SUMMARY_MARKER}<form method="post" action="${CONSULTATION_PATH}">` +
    [FIELD.name, FIELD.phone, FIELD.email, FIELD.contactMethod, FIELD.message, FIELD.consent]
      .map(fieldMarkup)
      .join('') +
    `<input type="hidden" name="${FIELD.token}" value="${TOKEN_PLACEHOLDER}"></form></main></body></html>`
  const dir = path.join(sitesDir, slug, 'consultation')
  fs.mkdirSync(dir, { recursive: true })
  fs.writeFileSync(path.join(dir, 'index.html'), html)
}

/** Which of `needles` occur in the SQLite database file or its write-ahead log (as UTF-8 bytes). */
export function foundInDatabase(databaseUri: string, needles: string[]): string[] {
  const file = databaseUri.replace(/^file:/, '')
  const contents = [file, `${file}-wal`, `${file}-journal`]
    .filter((candidate) => fs.existsSync(candidate))
    .map((candidate) => fs.readFileSync(candidate))
  return needles.filter((needle) =>
    contents.some((bytes) => bytes.includes(Buffer.from(needle, 'utf8'))),
  )
}

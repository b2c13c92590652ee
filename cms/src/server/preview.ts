/**
 * Draft previews on the CMS's origin (paths in cms/src/preview/links.ts):
 *
 * - GET /preview/open/<collection>/<id>[?clinic=<slug>]: the admin's Preview button. Needs the
 *   editor's session and read access to the draft itself; answers 303 to a fresh signed link.
 * - GET /preview/<collection>/<id>?clinic=&expires=&signature=: the signed link. Renders the
 *   current draft with the clinic site's real layout (site/scripts/render-preview.ts, into a
 *   temporary folder: never SITES_DIR) under a banner linking the other clinics that show it.
 *
 * Every answer is `no-store` and `noindex`, sends no Referer (the link is the credential) and may
 * run no script. A bad, tampered or expired link gets 401 and a page without any document text.
 */
import express from 'express'
import type { NextFunction, Request, Response } from 'express'
import type { Payload } from 'payload'

import { DEFAULT_LOCALE, LOCALE_CODES, isLocale, type Locale } from '@clinic/shared/locales'
import type { Article, Faq } from '@clinic/shared/payload-types'

import { canPreviewDraft } from '../preview/access'
import { previewClinics, type PreviewClinic } from '../preview/clinics'
import { PREVIEW_PATH, signedPreviewPath } from '../preview/links'
import { decoratePreview, messagePage } from '../preview/page'
import { PreviewBusyError, PreviewRenderer } from '../preview/renderer'
import {
  isPreviewCollection,
  previewClaims,
  previewTtlSeconds,
  verifyPreview,
  type PreviewCollection,
} from '../preview/token'

const HEADERS = {
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex, nofollow',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'cross-origin-resource-policy': 'same-origin',
  // The page is the site's static HTML: inline styles, images from the CMS (media) or https, no script.
  'content-security-policy':
    "default-src 'none'; img-src 'self' data: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
} as const

const ID = /^[A-Za-z0-9_-]{1,64}$/

function send(
  res: Response,
  status: number,
  title: string,
  message: string,
  link?: { href: string; text: string },
): void {
  res
    .status(status)
    .type('html')
    .send(messagePage(title, message, link))
}

function webHeaders(req: Request): Headers {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  return headers
}

/** The preview routes, mounted at PREVIEW_PATH (`app.use(draftPreview(...))`). */
export function draftPreview({
  payload,
  cmsUrl,
}: {
  payload: Payload
  cmsUrl: () => string
}): express.Router {
  const secret = payload.config.secret
  // Read once at start: a bad PREVIEW_TTL_SECONDS stops the server rather than every link.
  const ttlSeconds = previewTtlSeconds()
  const renderer = new PreviewRenderer({ cmsUrl, log: (line) => payload.logger.info(line) })
  const editPath = (collection: PreviewCollection, id: string) =>
    `${payload.config.routes.admin}/collections/${collection}/${encodeURIComponent(id)}`
  // In the language being previewed, without fallback: an untranslated field stays empty.
  const findDraft = (collection: PreviewCollection, id: string, locale: Locale = DEFAULT_LOCALE) =>
    payload.findByID({
      collection,
      id,
      draft: true,
      locale,
      fallbackLocale: false,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
    }) as Promise<Article | Faq | null>

  const router = express.Router()
  router.use((req: Request, res: Response, next: NextFunction) => {
    res.set(HEADERS)
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.set('allow', 'GET, HEAD')
      return send(res, 405, 'Method not allowed', 'Previews are opened with GET.')
    }
    next()
  })

  router.get(
    '/open/:collection/:id',
    async (req: Request<{ collection: string; id: string }>, res: Response) => {
      const { collection, id } = req.params
      if (!isPreviewCollection(collection) || !ID.test(id))
        return send(res, 404, 'Nothing to preview', 'Only articles and FAQs have previews.')
      const clinicParam = req.query.clinic
      if (clinicParam !== undefined && typeof clinicParam !== 'string')
        return send(res, 400, 'Bad request', 'Name one clinic in "clinic".')
      const localeParam = req.query.locale
      if (localeParam !== undefined && !isLocale(localeParam))
        return send(
          res,
          400,
          'Bad request',
          `Name one language in "locale": ${LOCALE_CODES.join(' or ')}.`,
        )
      const locale = localeParam ?? DEFAULT_LOCALE

      const { user } = await payload.auth({ headers: webHeaders(req) })
      if (!user) {
        return send(
          res,
          401,
          'Sign in to preview',
          'Sign in to the admin, then use the Preview button again.',
          {
            href: payload.config.routes.admin,
            text: 'Sign in',
          },
        )
      }
      // Not found and not allowed look the same: the answer says nothing about documents one may not read.
      if (!(await canPreviewDraft(payload, user, collection, id)))
        return send(res, 404, 'Nothing to preview', 'There is no draft here that you may preview.')
      const draft = await findDraft(collection, id, locale)
      if (!draft)
        return send(res, 404, 'Nothing to preview', 'There is no draft here that you may preview.')

      const { choices, default: fallback } = await previewClinics(payload, collection, draft, user)
      const clinic = clinicParam ? choices.find((c) => c.slug === clinicParam) : fallback
      if (!clinic) {
        if (!clinicParam)
          return send(
            res,
            409,
            'No clinic to preview on',
            'The network has no clinic site to show this draft on.',
          )
        return send(
          res,
          400,
          'Not shown on that clinic',
          `This draft would not be shown on "${clinicParam}". Clinics that show it: ${choices.map((c) => c.slug).join(', ')}.`,
        )
      }
      const claims = previewClaims(
        { collection, id, clinic: clinic.slug, ...(locale !== DEFAULT_LOCALE ? { locale } : {}) },
        ttlSeconds,
      )
      payload.logger.info(
        `[preview] link to ${collection}/${id} on ${clinic.slug} for user ${user.id}, valid ${ttlSeconds} s`,
      )
      res.redirect(303, signedPreviewPath(claims, secret))
    },
  )

  router.get(
    '/:collection/:id',
    async (req: Request<{ collection: string; id: string }>, res: Response) => {
      const { clinic: clinicSlug, locale: localeParam, expires, signature } = req.query
      const verdict = verifyPreview(
        { ...req.params, clinic: clinicSlug, locale: localeParam, expires, signature },
        secret,
        { ttlSeconds },
      )
      if (!verdict.ok) {
        res.set('www-authenticate', 'PreviewLink realm="draft preview"')
        return verdict.reason === 'expired'
          ? send(
              res,
              401,
              'Preview link expired',
              'Preview links last a short while. Open the preview again from the editor.',
            )
          : send(
              res,
              401,
              'Invalid preview link',
              'This preview link is not valid. Open the preview from the editor.',
            )
      }
      const { collection, id, locale } = verdict.claims
      const draft = await findDraft(collection, id, locale)
      if (!draft)
        return send(
          res,
          404,
          'Document deleted',
          'The document of this preview link no longer exists.',
        )
      const { choices, all } = await previewClinics(payload, collection, draft)
      // Any clinic of the network: one no longer among the choices (syndication changed since the
      // link was made) still shows the draft, the link was made for it (site/src/data/preview.ts).
      const clinic = all.find((c) => c.slug === verdict.claims.clinic)
      if (!clinic)
        return send(
          res,
          404,
          'Clinic not found',
          'The clinic of this preview link no longer exists.',
        )

      let html: string
      try {
        html = await renderer.render({ collection, doc: draft, clinic: clinic.slug, locale })
      } catch (error) {
        if (error instanceof PreviewBusyError) {
          res.set('retry-after', '10')
          return send(
            res,
            503,
            'Preview busy',
            'Several previews are being prepared. Reload this page in a few seconds.',
          )
        }
        payload.logger.error(
          { err: error },
          `[preview] ${collection}/${id} on ${clinic.slug} could not be rendered`,
        )
        return send(
          res,
          500,
          'Preview failed',
          'The preview could not be rendered. The error is in the CMS log; try again in a moment.',
        )
      }
      const linkTo = (other: PreviewClinic) =>
        signedPreviewPath({ ...verdict.claims, clinic: other.slug }, secret)
      const listed = choices.some((c) => c.slug === clinic.slug) ? choices : [clinic, ...choices]
      res
        .status(200)
        .type('html')
        .send(
          decoratePreview(html, {
            collection,
            id,
            clinic,
            // Same expiry as this link: switching clinics never extends access.
            choices: listed.map((other) => ({ clinic: other, href: linkTo(other) })),
            expires: verdict.claims.expires,
            editHref: editPath(collection, id),
          }),
        )
    },
  )

  router.use((_req: Request, res: Response) =>
    send(res, 404, 'Not found', 'There is no preview at this address.'),
  )
  router.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    payload.logger.error({ err: error }, '[preview] request failed')
    if (!res.headersSent)
      send(res, 500, 'Preview failed', 'Something went wrong. Try again in a moment.')
  })
  return express.Router().use(PREVIEW_PATH, router)
}

/**
 * `/consultation/` on every clinic host, the one path a clinic's web server forwards to the CMS
 * (deploy/nginx: `location = /consultation/`; locally, `<clinic>.localhost`):
 *
 * - GET/HEAD: the clinic's form page from its live release, with a fresh signed form token.
 * - POST: a submission. Checked in this order, each refusal a page in the clinic's layout that says
 *   what to fix and repeats nothing typed: per-address rate limit (429), origin (403), body size
 *   and type (413/415), honeypot (answered as accepted, nothing stored), form token (400), the
 *   fields (400), the clinic's intake (503) and hourly cap (429). Accepted: sealed into the
 *   delivery queue, then 303 to the static thanks page.
 *
 * Same origin on purpose: the form is posted to the clinic's own domain, so the sites' CSP names
 * one form target on their own origin, the thanks redirect is relative, a refusal is shown at the
 * clinic's address, and the CMS's own origin needs no CORS or cross-site cookie rules for it.
 * Submitted values never reach a URL, a log line or an error message.
 */
import { randomUUID } from 'node:crypto'

import express from 'express'
import type { NextFunction, Request, Response } from 'express'
import { MemoryStore, rateLimit, type Options } from 'express-rate-limit'
import type { Payload } from 'payload'

import { CONSULTATION_PATH, CONSULTATION_THANKS_PATH, FIELD } from '@clinic/shared/consultation'

import { clinicSiteHeaders } from '../lib/siteHeaders'
import { type ClinicDirectory, type SiteOfRequest } from './clinics'
import { checkFormToken, formToken } from './crypto'
import { queueRequest } from './job'
import { formTemplate, plainRefusal, refusalPage, stampToken } from './pages'
import type { ConsultationSettings } from './settings'
import { validateSubmission, type Problem } from './validate'

const BODY_LIMIT = '16kb'

interface Locals {
  site: SiteOfRequest
}

export interface ConsultationRoutesOptions {
  payload: Payload
  directory: ClinicDirectory
  sitesDir: string
  settings: ConsultationSettings
  /** Called once a request is stored (the runner starts delivering it). */
  onQueued: () => void
  log: (line: string) => void
}

export function consultationRoutes({
  payload,
  directory,
  sitesDir,
  settings,
  onQueued,
  log,
}: ConsultationRoutesOptions) {
  const secret = payload.config.secret
  const clinicCap = new MemoryStore()
  clinicCap.init({ windowMs: 3_600_000 } as Options)

  function headers(res: Response, site: SiteOfRequest, cache: string) {
    res.set({
      ...clinicSiteHeaders({ siteOrigin: site.origin }),
      'cache-control': cache,
      'x-robots-tag': 'noindex',
    })
  }

  async function refuse(
    res: Response,
    status: number,
    problems: Problem[],
    intro?: string,
    extra: Record<string, string> = {},
  ) {
    const { site } = res.locals as Locals
    headers(res, site, 'no-store')
    res.status(status).set(extra).type('html')
    const template = await formTemplate(sitesDir, site.clinic.slug)
    if (!template) {
      res.send(plainRefusal(problems, site.clinic.phone))
      return
    }
    res.send(
      stampToken(refusalPage(template, problems, intro), formToken(site.clinic.slug, secret)),
    )
  }

  const callUs = (res: Response) => `call us at ${(res.locals as Locals).site.clinic.phone}`

  const perAddress = rateLimit({
    windowMs: settings.ipWindowMs,
    limit: settings.ipLimit,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    handler: (_req, res) =>
      void refuse(res, 429, [
        {
          field: null,
          message: `Too many requests were sent from your internet connection. Please wait ${Math.ceil(settings.ipWindowMs / 60_000)} minutes and try again, or ${callUs(res)}.`,
        },
      ]),
  })

  const parseForm = express.urlencoded({ extended: false, limit: BODY_LIMIT, parameterLimit: 40 })

  async function showForm(res: Response) {
    const { site } = res.locals as Locals
    const template = await formTemplate(sitesDir, site.clinic.slug)
    if (!template) {
      headers(res, site, 'no-store')
      res
        .status(503)
        .type('html')
        .send(
          plainRefusal(
            [{ field: null, message: 'The request form is not available yet.' }],
            site.clinic.phone,
          ),
        )
      return
    }
    // Revalidated on every visit (a new token), yet kept for Back: the browser restores what the
    // visitor typed when they return from a refusal.
    headers(res, site, 'private, no-cache')
    res.type('html').send(stampToken(template, formToken(site.clinic.slug, secret)))
  }

  /** Same-origin only: the browser's Origin (else Referer) must be the clinic site's own. */
  function fromClinicSite(req: Request, site: SiteOfRequest): boolean {
    const fetchSite = req.get('sec-fetch-site')
    if (fetchSite && fetchSite !== 'same-origin') return false
    const origin = req.get('origin')
    if (origin) return origin === site.origin
    try {
      return new URL(req.get('referer') ?? '').origin === site.origin
    } catch {
      return false
    }
  }

  async function submit(req: Request, res: Response) {
    const { site } = res.locals as Locals
    const body = (req.body ?? {}) as Record<string, unknown>

    if (typeof body[FIELD.honeypot] === 'string' && body[FIELD.honeypot] !== '') {
      log(`[consultation] a submission on "${site.clinic.slug}" filled the hidden field: not sent`)
      res.set('cache-control', 'no-store').redirect(303, CONSULTATION_THANKS_PATH)
      return
    }

    const token = checkFormToken(
      typeof body[FIELD.token] === 'string' ? (body[FIELD.token] as string) : undefined,
      site.clinic.slug,
      secret,
      { minFillMs: settings.minFillMs, maxAgeMs: settings.formMaxAgeMs },
    )
    if (token !== 'ok') {
      const message =
        token === 'too-soon'
          ? 'The form was sent a moment too quickly. Please check your answers and send it again.'
          : token === 'expired'
            ? 'This form was opened too long ago. Please fill it in again and send it.'
            : 'The form could not be checked. Please fill it in again on this page and send it.'
      await refuse(res, 400, [{ field: null, message }])
      return
    }

    const clinics = await directory.all()
    const verdict = validateSubmission(
      body,
      clinics.map((clinic) => clinic.slug),
    )
    if (!verdict.fields) {
      await refuse(res, 400, verdict.problems)
      return
    }
    const target = clinics.find((clinic) => clinic.slug === verdict.fields.location)!

    const channels = await directory.channelsOf(target.id)
    if (channels.length === 0) {
      log(`[consultation] "${target.slug}" has no intake set up: a request was refused`)
      await refuse(
        res,
        503,
        [
          {
            field: null,
            message: `${target.name} cannot take requests online at the moment. Please call ${target.phone}.`,
          },
        ],
        'Nothing was sent.',
      )
      return
    }

    const { totalHits, resetTime } = await clinicCap.increment(target.slug)
    if (totalHits > settings.clinicHourlyCap) {
      log(`[consultation] "${target.slug}" reached its hourly cap: a request was refused`)
      const minutes = Math.max(
        1,
        Math.ceil(((resetTime?.getTime() ?? Date.now()) - Date.now()) / 60_000),
      )
      await refuse(
        res,
        429,
        [
          {
            field: null,
            message: `${target.name} has received an unusual number of online requests in the last hour. Please call ${target.phone}, or try again in ${minutes} minutes.`,
          },
        ],
        'Nothing was sent.',
        { 'retry-after': String(minutes * 60) },
      )
      return
    }

    try {
      await queueRequest(
        payload,
        {
          ...verdict.fields,
          id: randomUUID(),
          receivedAt: new Date().toISOString(),
          site: { slug: site.clinic.slug, origin: site.origin },
        },
        target,
        channels,
      )
    } catch (error) {
      // The error is the database's (ids and ciphertext only): its name is enough here.
      log(
        `[consultation] a request for "${target.slug}" could not be stored: ${(error as Error).name}`,
      )
      await refuse(
        res,
        503,
        [
          {
            field: null,
            message: `We could not take your request just now. Please try again in a few minutes, or call ${target.phone}.`,
          },
        ],
        'Nothing was sent.',
      )
      return
    }
    onQueued()
    res.set('cache-control', 'no-store').redirect(303, CONSULTATION_THANKS_PATH)
  }

  const router = express.Router()
  router.all(CONSULTATION_PATH, async (req: Request, res: Response, next: NextFunction) => {
    try {
      const site = await directory.siteOf(req.headers.host)
      if (!site) return next()
      ;(res.locals as Locals).site = site
      if (req.method === 'GET' || req.method === 'HEAD') return await showForm(res)
      if (req.method !== 'POST') {
        res.status(405).set('allow', 'GET, HEAD, POST').end()
        return
      }
      perAddress(req, res, async (limitError?: unknown) => {
        try {
          if (limitError) throw limitError
          if (!fromClinicSite(req, site)) {
            await refuse(res, 403, [
              {
                field: null,
                message:
                  'Requests are taken only from the form on this page. Please fill it in here and send it.',
              },
            ])
            return
          }
          if (!req.is('application/x-www-form-urlencoded')) {
            await refuse(res, 415, [
              { field: null, message: 'Please use the form on this page to send your request.' },
            ])
            return
          }
          parseForm(req, res, async (parseError?: unknown) => {
            try {
              if (parseError) {
                const tooLarge = (parseError as { type?: string }).type === 'entity.too.large'
                await refuse(res, tooLarge ? 413 : 400, [
                  {
                    field: tooLarge ? FIELD.message : null,
                    message: tooLarge
                      ? 'Your request is longer than the form allows. Please shorten your message.'
                      : 'Please use the form on this page to send your request.',
                  },
                ])
                return
              }
              await submit(req, res)
            } catch (error) {
              next(error)
            }
          })
        } catch (error) {
          next(error)
        }
      })
    } catch (error) {
      next(error)
    }
  })
  // Never Express's default error page: it would name the error, and the error might quote input.
  router.use((error: unknown, _req: Request, res: Response, next: NextFunction) => {
    if (res.headersSent) return next(error)
    log(`[consultation] the form could not be answered: ${(error as Error)?.name ?? 'error'}`)
    res
      .status(500)
      .set('cache-control', 'no-store')
      .type('text/plain')
      .send('Something went wrong. Nothing was sent.')
  })
  return router
}

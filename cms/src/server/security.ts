import type { NextFunction, Request, Response } from 'express'
import { rateLimit } from 'express-rate-limit'
import helmet from 'helmet'

export function securityHeaders({ dev, https }: { dev: boolean; https: boolean }) {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        // Next.js streams its RSC payload through inline scripts; dev mode also needs eval for HMR.
        'script-src': ["'self'", "'unsafe-inline'", ...(dev ? ["'unsafe-eval'"] : [])],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        'connect-src': ["'self'", ...(dev ? ['ws:', 'wss:'] : [])],
        'frame-src': ["'self'"],
        'frame-ancestors': ["'self'"],
        'object-src': ["'none'"],
        'base-uri': ["'self'"],
        'form-action': ["'self'"],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 31_536_000, includeSubDomains: true } : false,
    crossOriginEmbedderPolicy: false,
    referrerPolicy: { policy: 'strict-origin-when-cross-origin' },
  })
}

function jsonError(res: Response, status: number, message: string) {
  res.status(status).json({ errors: [{ message }] })
}

/** Rate limits for credential endpoints (per client IP). Tests raise them through the env. */
export function authRateLimits() {
  const perWindow = Number(process.env.AUTH_RATE_LIMIT ?? 10)
  const windowMs = Number(process.env.AUTH_RATE_WINDOW_MS ?? 60_000)
  const limiter = (limit: number) =>
    rateLimit({
      windowMs,
      limit,
      standardHeaders: 'draft-8',
      legacyHeaders: false,
      handler: (_req, res) =>
        jsonError(res, 429, 'Too many attempts. Wait a minute and try again.'),
    })
  return {
    login: limiter(perWindow),
    forgotPassword: limiter(Math.max(1, Math.ceil(perWindow / 2))),
  }
}

/**
 * Turns body-parser failures (malformed JSON, too large) into the API's JSON error shape. A body
 * over its limit was already answered by server/bodyLimit.ts; its reader then sees it aborted.
 */
export function bodyErrors(err: unknown, _req: Request, res: Response, next: NextFunction) {
  if (res.headersSent) return
  const error = err as { status?: number; type?: string; message?: string }
  if (error?.type === 'entity.too.large') return jsonError(res, 413, 'Request body is too large.')
  if (error?.status && error.status >= 400 && error.status < 500)
    return jsonError(res, error.status, error.message ?? 'Bad request.')
  next(err)
}

/**
 * The security headers of every clinic site page, wherever it is served from: the local server
 * (server/localSites.ts), the consultation form's own answers (consultation/endpoint.ts), and nginx in
 * production (deploy/nginx/nginx.conf carries the same policy, with the form target per clinic).
 *
 * The sites run no script but Pagefind's on /search/ (WebAssembly), and post one form: the
 * consultation request, to `<the clinic's own origin>/consultation/`, the only form target allowed.
 */
import { CONSULTATION_PATH } from '@clinic/shared/consultation'

export function clinicSiteCsp({
  siteOrigin,
  wasm = false,
}: {
  siteOrigin: string
  wasm?: boolean
}) {
  return [
    "default-src 'self'",
    `script-src 'self'${wasm ? " 'wasm-unsafe-eval'" : ''}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: https:",
    "object-src 'none'",
    "base-uri 'self'",
    "frame-ancestors 'none'",
    `form-action ${siteOrigin}${CONSULTATION_PATH}`,
  ].join('; ')
}

/** Every header but Cache-Control, which depends on the file. */
export function clinicSiteHeaders(options: { siteOrigin: string; wasm?: boolean }) {
  return {
    'content-security-policy': clinicSiteCsp(options),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
    'x-frame-options': 'DENY',
  }
}

/**
 * The clinic virtual hosts of the `web` service (docker-compose.yml), generated from the clinics in
 * the CMS so that a clinic's domain never has to be typed twice. The CMS writes the file to a volume
 * it shares with nginx; deploy/nginx/entrypoint.sh applies it after `nginx -t` and reloads nginx.
 *
 * Only server blocks are generated. Policies shared by every clinic (the cache-control and CSP maps,
 * gzip, TLS protocols) live in deploy/nginx/nginx.conf, which includes this file.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import type { Payload, PayloadRequest } from 'payload'

import { CONSULTATION_PATH } from '@clinic/shared/consultation'
import { DEFAULT_LOCALE, LOCALE_CODES } from '@clinic/shared/locales'
import { localePrefix, notFoundPath } from '@clinic/shared/paths'
import { slugProblem } from '@clinic/shared/slug'

import { CLINICS } from '../collections/slugs'
import { sitesDir } from '../lib/paths'

/** A clinic as the web server sees it: the host name of its site URL, served from its slug's folder. */
export interface ClinicHost {
  slug: string
  siteUrl: string
}

/**
 * - `off`: plain HTTP only (a local trial).
 * - `proxy`: TLS ends at a proxy or load balancer in front of nginx; https clinics get HSTS.
 * - `nginx`: nginx terminates TLS itself with certbot-layout certificates
 *   (`<certificatesDir>/<host>/fullchain.pem` and `privkey.pem`) and redirects HTTP to HTTPS;
 *   until a host's certificate exists, deploy/nginx/entrypoint.sh serves it over plain HTTP.
 */
export type NginxTlsMode = 'off' | 'proxy' | 'nginx'
export const NGINX_TLS_MODES: readonly NginxTlsMode[] = ['off', 'proxy', 'nginx']

export interface NginxSitesOptions {
  /** The sites folder as nginx sees it: each clinic is served from `<sitesRoot>/<slug>`. */
  sitesRoot: string
  tls?: NginxTlsMode
  certificatesDir?: string
  /** Where certbot's webroot challenges are served from (TLS mode `nginx`). */
  acmeWebroot?: string
  /** Hosts no clinic may take (the CMS's own domain). */
  reservedHosts?: string[]
  httpPort?: number
  httpsPort?: number
}

export interface PlannedHost {
  slug: string
  host: string
  https: boolean
  /** The site URL's origin, as browsers see the clinic site. */
  origin: string
}

export interface SkippedHost {
  slug: string
  siteUrl: string
  reason: string
}

/** One year: the usual HSTS lifetime. Without includeSubDomains: a clinic's other subdomains may be run by vendors. */
const HSTS = 'max-age=31536000'
const HOSTNAME =
  /^(?=.{1,253}$)[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/
// Characters that would end or extend an nginx token; paths are also refused with whitespace.
const UNSAFE_PATH = /[\s;{}"'$\\#]/

/** Text from the database may end up in a comment: never let it start a new line. */
const printable = (text: string) => text.replace(/[^\x20-\x7e]/g, '?').slice(0, 200)

/** Which clinics get a virtual host, and why the others do not. Sorted by slug, so the output is stable. */
export function planNginxSites(
  clinics: ClinicHost[],
  options: Pick<NginxSitesOptions, 'reservedHosts'> = {},
) {
  const sites: PlannedHost[] = []
  const skipped: SkippedHost[] = []
  const taken = new Map<string, string>(
    (options.reservedHosts ?? []).map((host) => [host.toLowerCase(), 'the CMS']),
  )
  const sorted = [...clinics].sort((a, b) => (a.slug < b.slug ? -1 : a.slug > b.slug ? 1 : 0))
  for (const clinic of sorted) {
    const skip = (reason: string) =>
      skipped.push({ slug: clinic.slug, siteUrl: clinic.siteUrl, reason })
    // The slug becomes a path on disk: the CMS's own slug rule (letters, digits, single hyphens) keeps it one segment.
    const problem = typeof clinic.slug === 'string' ? slugProblem(clinic.slug) : 'Slug is missing.'
    if (problem) {
      skip(`unusable slug: ${problem}`)
      continue
    }
    let url: URL
    try {
      url = new URL(clinic.siteUrl)
    } catch {
      skip('site URL is not a URL')
      continue
    }
    const host = url.hostname.toLowerCase()
    if (url.protocol !== 'https:' && url.protocol !== 'http:') skip('site URL is not http(s)')
    else if (url.username || url.password || url.search || url.hash)
      skip('site URL carries credentials, a query or a fragment')
    else if (url.pathname !== '/')
      skip('site URL has a path: each clinic site is served at the root of its own host')
    else if (!HOSTNAME.test(host)) skip(`"${host}" is not a DNS host name`)
    else if (taken.has(host)) skip(`host ${host} already belongs to ${taken.get(host)}`)
    else {
      taken.set(host, `clinic "${clinic.slug}"`)
      sites.push({ slug: clinic.slug, host, https: url.protocol === 'https:', origin: url.origin })
    }
  }
  return { sites, skipped }
}

function checkedPath(name: string, value: string): string {
  if (!path.isAbsolute(value) || UNSAFE_PATH.test(value))
    throw new Error(
      `${name} must be an absolute path without spaces or nginx syntax: ${JSON.stringify(value)}`,
    )
  return value.replace(/\/+$/, '') || '/'
}

function checkedPort(port: number): number {
  if (!Number.isInteger(port) || port < 1 || port > 65_535) throw new Error(`Not a port: ${port}`)
  return port
}

/** The variable a clinic's redirect map sets (slugs are [a-z0-9-]; nginx names take no dashes). */
const redirectVar = (site: PlannedHost, key: 'uri' | 'request_uri') =>
  `$clinic_redirect_${key}_${site.slug.replace(/-/g, '_')}`

/** The nginx `server` blocks for every clinic (see deploy/nginx/nginx.conf for the shared maps). */
export function renderNginxSites(clinics: ClinicHost[], options: NginxSitesOptions): string {
  const tls = options.tls ?? 'off'
  if (!NGINX_TLS_MODES.includes(tls))
    throw new Error(`Unknown TLS mode "${tls}": use ${NGINX_TLS_MODES.join(', ')}.`)
  const sitesRoot = checkedPath('The sites root', options.sitesRoot)
  const certificatesDir = checkedPath(
    'The certificates folder',
    options.certificatesDir ?? '/etc/letsencrypt/live',
  )
  const acmeWebroot = checkedPath('The ACME webroot', options.acmeWebroot ?? '/var/www/acme')
  const httpPort = checkedPort(options.httpPort ?? 80)
  const httpsPort = checkedPort(options.httpsPort ?? 443)
  const { sites, skipped } = planNginxSites(clinics, options)

  const out: string[] = [
    '# Clinic sites: generated by cms/src/webServer/nginx.ts from the clinics in the CMS. Do not edit;',
    '# the CMS rewrites this file when a clinic is added, removed or changes its slug or site URL.',
    `# ${sites.length} clinic site(s); TLS mode: ${tls}.`,
    ...skipped.map(
      (s) =>
        `# skipped clinic "${printable(s.slug)}" (${printable(s.siteUrl)}): ${printable(s.reason)}`,
    ),
  ]

  const body = (site: PlannedHost, hsts: boolean) => [
    `    root ${path.posix.join(sitesRoot, site.slug)};`,
    // Old addresses (the redirects collection): the maps above, one hop, same host.
    `    if (${redirectVar(site, 'request_uri')}) { return 301 ${redirectVar(site, 'request_uri')}; }`,
    `    if (${redirectVar(site, 'uri')}) { return 301 ${redirectVar(site, 'uri')}; }`,
    '    index index.html;',
    '    error_page 404 /404.html;',
    // The one form target the CSP allows (nginx.conf's $clinic_csp).
    `    set $clinic_form_action "${site.origin}${CONSULTATION_PATH}";`,
    '',
    // No add_header below this level: nginx drops inherited headers from any block that adds its own.
    '    add_header Cache-Control $clinic_cache_control always;',
    '    add_header Content-Security-Policy $clinic_csp always;',
    '    add_header X-Content-Type-Options nosniff always;',
    '    add_header Referrer-Policy strict-origin-when-cross-origin always;',
    '    add_header X-Frame-Options DENY always;',
    ...(hsts ? [`    add_header Strict-Transport-Security "${HSTS}" always;`] : []),
    '',
    // No try_files: the static module answers /articles with a redirect to /articles/ (the sites'
    // canonical form) instead of serving the same page at two URLs.
    '    location / {',
    '        limit_except GET { deny all; }',
    '    }',
    // A miss under another language's prefix gets that language's 404 page.
    ...LOCALE_CODES.filter((locale) => locale !== DEFAULT_LOCALE).flatMap((locale) => [
      `    location ${localePrefix(locale)}/ {`,
      '        limit_except GET { deny all; }',
      `        error_page 404 ${notFoundPath(locale)};`,
      '    }',
    ]),
    // The consultation form: the page (stamped with a fresh token) and the requests posted to it
    // come from the CMS (cms/src/consultation/endpoint.ts), which finds the clinic by Host. nginx
    // keeps adding the security headers above (the CMS's own copies are dropped); its
    // Cache-Control and X-Robots-Tag pass through ($clinic_cache_control is empty here).
    '    location = /consultation/ {',
    '        limit_except GET POST { deny all; }',
    '        client_max_body_size 16k;',
    '        proxy_hide_header Content-Security-Policy;',
    '        proxy_hide_header X-Content-Type-Options;',
    '        proxy_hide_header Referrer-Policy;',
    '        proxy_hide_header X-Frame-Options;',
    '        include generated/cms-proxy.conf;',
    '    }',
    // Dotfiles (and any bookkeeping a release builder keeps) are never part of a site.
    '    location ~ /\\.(?!well-known/) { return 404; }',
  ]
  const acme = `    location /.well-known/acme-challenge/ { root ${acmeWebroot}; }`

  for (const site of sites) {
    out.push('', `# clinic "${site.slug}"`)
    // The live release's redirects (site/scripts/build-sites/redirects.ts writes the map bodies);
    // a glob, so a clinic built before it had redirects is no error. entrypoint.sh reloads nginx
    // when a release changes them.
    const maps = path.posix.join(sitesRoot, site.slug, '.redirects')
    for (const key of ['request_uri', 'uri'] as const) {
      out.push(
        `map $${key} ${redirectVar(site, key)} { include ${maps}/nginx-${key.replace('_', '-')}*.map; }`,
      )
    }
    if (tls !== 'nginx' || !site.https) {
      out.push(
        'server {',
        `    listen ${httpPort};`,
        `    server_name ${site.host};`,
        ...body(site, site.https && tls === 'proxy'),
        '}',
      )
      continue
    }
    // Two variants; deploy/nginx/entrypoint.sh keeps the TLS one once the host's certificate exists
    // and the plain one (which answers certbot's challenge) until then, so a clinic waiting for its
    // certificate is served over HTTP instead of making `nginx -t` reject every clinic's change.
    const target = `https://${site.host}${httpsPort === 443 ? '' : `:${httpsPort}`}`
    out.push(
      `# >>> tls ${site.host}`,
      'server {',
      `    listen ${httpPort};`,
      `    server_name ${site.host};`,
      acme,
      `    location / { return 301 ${target}$request_uri; }`,
      '}',
      'server {',
      `    listen ${httpsPort} ssl http2;`,
      `    server_name ${site.host};`,
      `    ssl_certificate ${certificatesDir}/${site.host}/fullchain.pem;`,
      `    ssl_certificate_key ${certificatesDir}/${site.host}/privkey.pem;`,
      ...body(site, true),
      '}',
      '# <<< tls',
      `# >>> plain ${site.host}`,
      'server {',
      `    listen ${httpPort};`,
      `    server_name ${site.host};`,
      acme,
      ...body(site, false),
      '}',
      '# <<< plain',
    )
  }
  return `${out.join('\n')}\n`
}

/** Options and target file from the environment (see .env.example and docs/DEPLOYMENT.md). */
export function nginxSitesConfigFromEnv(
  env: NodeJS.ProcessEnv = process.env,
): NginxSitesOptions & { file: string | undefined } {
  const tls = (env.NGINX_TLS?.trim() || 'off') as NginxTlsMode
  const cmsDomain = env.CMS_DOMAIN?.trim().toLowerCase()
  return {
    file: env.NGINX_SITES_FILE?.trim() || undefined,
    sitesRoot: env.NGINX_SITES_ROOT?.trim() || sitesDir,
    tls,
    certificatesDir: env.NGINX_TLS_CERTS_DIR?.trim() || undefined,
    acmeWebroot: env.NGINX_ACME_WEBROOT?.trim() || undefined,
    reservedHosts: cmsDomain ? [cmsDomain] : [],
  }
}

export interface WriteNginxSitesOptions extends Partial<NginxSitesOptions> {
  /** Defaults to NGINX_SITES_FILE; without either nothing is written (the embedded default). */
  file?: string
  /** Pass the hook's `req` so the read sees the change being saved (same transaction). */
  req?: PayloadRequest
}

// One write at a time per process, so an older render can never be renamed over a newer one.
let queue: Promise<unknown> = Promise.resolve()

/**
 * Renders the clinic virtual hosts from the clinics in the database and writes them to
 * NGINX_SITES_FILE atomically (temporary file + rename), only when the text changed.
 * Returns true when the file was (re)written. Without NGINX_SITES_FILE it does nothing.
 */
export function writeNginxSites(
  payload: Payload,
  options: WriteNginxSitesOptions = {},
): Promise<boolean> {
  const run = queue.then(() => write(payload, options))
  queue = run.catch(() => undefined)
  return run
}

async function write(
  payload: Payload,
  { req, file: fileOption, ...overrides }: WriteNginxSitesOptions,
): Promise<boolean> {
  const { file: fileFromEnv, ...fromEnv } = nginxSitesConfigFromEnv()
  const file = fileOption ?? fileFromEnv
  if (!file) return false
  const options: NginxSitesOptions = { ...fromEnv, ...overrides }

  const { docs } = await payload.find({
    collection: CLINICS,
    overrideAccess: true,
    depth: 0,
    pagination: false,
    select: { slug: true, siteUrl: true },
    ...(req ? { req } : {}),
  })
  const clinics = docs.map((doc) => ({
    slug: String(doc.slug ?? ''),
    siteUrl: String(doc.siteUrl ?? ''),
  }))
  for (const skipped of planNginxSites(clinics, options).skipped) {
    payload.logger.warn(
      `[nginx] no virtual host for clinic "${skipped.slug}" (${skipped.siteUrl}): ${skipped.reason}`,
    )
  }
  const text = renderNginxSites(clinics, options)

  const current = await fs.readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (current === text) return false

  await fs.mkdir(path.dirname(file), { recursive: true })
  // Same folder, so the rename is atomic; the name does not end in .conf, so nginx's include glob ignores it.
  const temp = path.join(
    path.dirname(file),
    `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  )
  try {
    const handle = await fs.open(temp, 'w', 0o644)
    try {
      await handle.writeFile(text)
      await handle.sync()
    } finally {
      await handle.close()
    }
    await fs.rename(temp, file)
  } catch (error) {
    await fs.rm(temp, { force: true })
    throw error
  }
  payload.logger.info(`[nginx] wrote ${file} (${clinics.length} clinic(s))`)
  return true
}

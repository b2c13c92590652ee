/**
 * What a redirect of a clinic site may say: the CMS validates on save, the site build checks again
 * before writing nginx maps and fallback pages (a redirect is data any staff member can edit).
 */
// nginx.conf's map_hash_bucket_size holds keys this long.
const MAX_PATH = 500

// Quotes, backslashes, `$`, `;`, braces and whitespace would need escaping in an nginx map key;
// old WordPress addresses carry none of them unencoded.
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const UNSAFE = /[\u0000-\u0020\u007F"'\\$;{}<>`#]/

function pathProblem(path: string, what: string): string | null {
  if (path.length === 0) return `${what} is empty.`
  if (path.length > MAX_PATH) return `${what} is longer than ${MAX_PATH} characters.`
  if (!path.startsWith('/') || /^[/\\]{2}/.test(path))
    return `${what} must be a path on the clinic's own site, starting with one "/" (no host).`
  if (/(^|\/)\.\.?(\/|$|\?)/.test(path)) return `${what} may not contain "." or ".." segments.`
  if (UNSAFE.test(path))
    return `${what} contains spaces, quotes or other characters a URL path may not.`
  return null
}

/** Why `from` is not a usable old address, or null. */
export const redirectFromProblem = (from: string) => pathProblem(from, 'The old address')

/** Why `to` is not a usable target on the same site, or null. */
export function redirectToProblem(to: string): string | null {
  const problem = pathProblem(to, 'The target')
  if (problem) return problem
  if (to.includes('?')) return 'The target is a page of the new site: a path without a query.'
  return null
}

/** `/a/b` and `/a/b/` are the same address to a visitor. */
export const sameAddress = (a: string, b: string) =>
  (a.replace(/\/+$/, '') || '/') === (b.replace(/\/+$/, '') || '/')

/** One redirect of a clinic site as the build resolved it: an old address and a path, or why not. */
export interface ResolvedRedirect {
  from: string
  /** The target path on this site, or null when it has none (the reason says why). */
  to: string | null
  reason?: string
}

export interface RedirectRule {
  from: string
  to: string
}

export interface ClinicRedirectRules {
  rules: RedirectRule[]
  /** Redirects left out, one line each, for the build log. */
  problems: string[]
}

const MAX_HOPS = 5

/**
 * The redirects a clinic's release serves: a pure function of the release's data (the redirects
 * with their targets resolved to paths, and the paths the release's tree serves), so whichever
 * build path writes a release writes the same files. Left out, and reported: invalid addresses, a
 * target the site does not serve (its article was unpublished, removed from the clinic or deleted),
 * an old address the new site serves itself (a redirect would hide the page), and loops. A chain
 * (a -> b, b -> c) is followed to its end, so every rule answers with one hop.
 */
export function clinicRedirectRules(
  redirects: ResolvedRedirect[],
  servedPaths: ReadonlySet<string>,
): ClinicRedirectRules {
  const problems: string[] = []
  const serves = (path: string) =>
    servedPaths.has(path) || servedPaths.has(path.endsWith('/') ? path : `${path}/`)
  const direct = new Map<string, string>()
  for (const redirect of redirects) {
    const fromProblem = redirectFromProblem(redirect.from)
    if (fromProblem) {
      problems.push(`${redirect.from}: ${fromProblem}`)
      continue
    }
    if (redirect.to === null) {
      problems.push(`${redirect.from}: ${redirect.reason ?? 'its target no longer exists'}`)
      continue
    }
    const toProblem = redirectToProblem(redirect.to)
    if (toProblem) {
      problems.push(`${redirect.from}: ${toProblem}`)
      continue
    }
    if (!redirect.from.includes('?') && serves(redirect.from)) {
      problems.push(`${redirect.from}: the new site serves this address itself; no redirect.`)
      continue
    }
    if (direct.has(redirect.from)) {
      problems.push(`${redirect.from}: redirected twice; the first is kept.`)
      continue
    }
    direct.set(redirect.from, redirect.to)
  }
  const rules: RedirectRule[] = []
  for (const [from, first] of direct) {
    let to = first
    const seen = new Set([from])
    let hops = 0
    while (!serves(to) && direct.has(to) && hops < MAX_HOPS && !seen.has(to)) {
      seen.add(to)
      to = direct.get(to)!
      hops++
    }
    if (sameAddress(from, to) || seen.has(to)) {
      problems.push(`${from}: the redirect leads back to itself (a loop); left out.`)
      continue
    }
    if (!serves(to)) {
      problems.push(`${from}: ${to} is not a page of this site (its target disappeared); left out.`)
      continue
    }
    rules.push({ from, to })
  }
  rules.sort((a, b) => (a.from < b.from ? -1 : a.from > b.from ? 1 : 0))
  return { rules, problems }
}

/** The decoded path nginx matches `$uri` against, or null when it cannot be a map key. */
function decodedPath(path: string): string | null {
  try {
    const decoded = decodeURIComponent(path)
    return redirectFromProblem(decoded) === null ? decoded : null
  } catch {
    return null
  }
}

/**
 * How a request finds its redirect, in nginx (`map`s) and the local server alike. Addresses with
 * a query (`/?p=123`) match the raw request URI, query included; the others match the decoded,
 * normalised path without the query (so a visitor's `?utm_source=` does not defeat them), with
 * and without the trailing slash.
 */
export function redirectTable(rules: RedirectRule[]): {
  byUri: Map<string, string>
  byRequestUri: Map<string, string>
} {
  const byUri = new Map<string, string>()
  const byRequestUri = new Map<string, string>()
  const froms = new Set(rules.map((rule) => rule.from))
  for (const { from, to } of rules) {
    if (from.includes('?')) {
      byRequestUri.set(from, to)
      continue
    }
    const path = decodedPath(from)
    if (path === null) continue
    byUri.set(path, to)
    const other = path.endsWith('/') ? path.replace(/\/+$/, '') : `${path}/`
    if (other && !byUri.has(other) && !froms.has(other)) byUri.set(other, to)
  }
  return { byUri, byRequestUri }
}

/** The bodies of the two nginx `map`s (`$uri` and `$request_uri`) of a clinic. */
export function nginxRedirectMaps(rules: RedirectRule[]): { byUri: string; byRequestUri: string } {
  const table = redirectTable(rules)
  const body = (map: Map<string, string>) =>
    [...map].map(([from, to]) => `"${from}" "${to}";\n`).join('')
  return { byUri: body(table.byUri), byRequestUri: body(table.byRequestUri) }
}

const escapeHtml = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;')

/** For hosts that cannot redirect: `<from>/index.html` sends the browser on and names the canonical page. */
export function redirectFallbackPage(rule: RedirectRule, siteUrl: string): string {
  const target = `${siteUrl.replace(/\/+$/, '')}${rule.to}`
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Moved</title>
<meta name="robots" content="noindex">
<link rel="canonical" href="${escapeHtml(target)}">
<meta http-equiv="refresh" content="0; url=${escapeHtml(rule.to)}">
</head>
<body>
<p>This page has moved to <a href="${escapeHtml(rule.to)}">${escapeHtml(target)}</a>.</p>
</body>
</html>
`
}

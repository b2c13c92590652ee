/**
 * Which link targets may reach an href or src. Used by the CMS to refuse unsafe links on save
 * and by the site as a second line of defence when rendering.
 */
const ALLOWED_SCHEMES = new Set(['http:', 'https:', 'mailto:', 'tel:'])

/** Strips what browsers ignore inside a scheme ("java\tscript:", leading spaces, controls). */
function canonicalScheme(url: string): string | null {
  // eslint-disable-next-line no-control-regex -- control characters are what this strips
  const cleaned = url.replace(/[\u0000-\u0020\u007F-\u009F\u200B-\u200F\u2028-\u202F\uFEFF]/g, '')
  const match = /^([a-z][a-z0-9+.-]*):/i.exec(cleaned)
  return match ? `${match[1]!.toLowerCase()}:` : null
}

/**
 * True for http(s), mailto and tel URLs and for relative links (`/path`, `#anchor`, `?q`).
 * False for javascript:, data:, vbscript:, file: and anything else with a scheme, and for
 * protocol-relative `//host` links (they silently follow the page's scheme to any host).
 */
export function isSafeHref(url: string | null | undefined): boolean {
  if (typeof url !== 'string') return false
  const trimmed = url.trim()
  if (trimmed === '') return false
  if (/^[/\\]{2}/.test(trimmed)) return false
  const scheme = canonicalScheme(trimmed)
  if (scheme === null) {
    // No scheme: relative. A colon before any / ? # would make browsers read a scheme anyway.
    const beforePath = trimmed.split(/[/?#]/)[0] ?? ''
    // eslint-disable-next-line no-control-regex -- control characters are what this looks for
    return !beforePath.includes(':') && !/[\u0000-\u001F]/.test(trimmed)
  }
  return ALLOWED_SCHEMES.has(scheme)
}

/** True for absolute http(s) URLs only: for references and clinic websites. */
export function isHttpUrl(url: string | null | undefined): boolean {
  if (typeof url !== 'string') return false
  try {
    const parsed = new URL(url)
    return (
      (parsed.protocol === 'https:' || parsed.protocol === 'http:') && parsed.hostname.includes('.')
    )
  } catch {
    return false
  }
}

/**
 * What a redirect of a clinic site may say: the CMS validates on save, the site build checks again
 * before writing nginx maps and fallback pages (a redirect is data any staff member can edit).
 */
const MAX_PATH = 1000

// Quotes, backslashes, `$`, `;`, braces and whitespace would need escaping in an nginx map key;
// old WordPress addresses carry none of them unencoded.
// eslint-disable-next-line no-control-regex -- control characters are what this refuses
const UNSAFE = /[\u0000-\u0020\u007F"'\\$;{}<>`#]/

function pathProblem(path: string, what: string): string | null {
  if (path.length === 0) return `${what} is empty.`
  if (path.length > MAX_PATH) return `${what} is longer than ${MAX_PATH} characters.`
  if (!path.startsWith('/') || /^[/\\]{2}/.test(path))
    return `${what} must be a path on the clinic's own site, starting with one "/" (no host).`
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

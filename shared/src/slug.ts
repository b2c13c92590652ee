/**
 * Slug rules shared by the CMS (generation and validation) and the site (URLs).
 *
 * Slugs are NFC-normalised, lower-case, hyphen-separated runs of letters and digits. Letters
 * outside ASCII are kept (a clinic may publish in Spanish), but invisible characters never are:
 * zero-width and bidirectional controls make two slugs that look identical point at different
 * pages, so a slug typed with them is refused rather than silently "fixed".
 */

/** Zero-width, bidi-control, BOM, soft hyphen and other format characters (Unicode category Cf). */
const INVISIBLE = /[\p{Cf}\u034F\u115F\u1160\u3164\uFFA0]/u
const INVISIBLE_GLOBAL = new RegExp(INVISIBLE.source, 'gu')
const CONTROL = /\p{Cc}/u
const SEPARATORS = /[^\p{L}\p{N}]+/gu
// Not \s: JavaScript counts the invisible U+FEFF as whitespace, and that must be refused, not "fixed".
const VISIBLE_SPACES = /[ \t\r\n\u00A0\u2000-\u200A\u3000_]+/gu
const SLUG_PATTERN = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u

export const MAX_SLUG_LENGTH = 96

/** The slugs of a comma-separated list (env CLINICS), or undefined when it names none. */
export function slugsFromList(list: string | undefined): string[] | undefined {
  const slugs = (list ?? '')
    .split(',')
    .map((slug) => slug.trim())
    .filter(Boolean)
  return slugs.length > 0 ? slugs : undefined
}

/** Builds a slug from free text such as a title: invisible characters are dropped. */
export function slugify(text: string): string {
  const base = text
    .normalize('NFC')
    .replace(INVISIBLE_GLOBAL, '')
    .toLocaleLowerCase('en-US')
    // Apostrophes join words ("what's" -> "whats") instead of splitting them.
    .replace(/['\u2019]/g, '')
    .replace(SEPARATORS, '-')
    .replace(/^-+|-+$/g, '')
  return trimToLength(base)
}

function trimToLength(slug: string): string {
  if (slug.length <= MAX_SLUG_LENGTH) return slug
  const cut = slug.slice(0, MAX_SLUG_LENGTH)
  const lastHyphen = cut.lastIndexOf('-')
  return lastHyphen > MAX_SLUG_LENGTH / 2 ? cut.slice(0, lastHyphen) : cut
}

/**
 * Normalises a slug an editor typed: NFC, lower case, whitespace and underscores to hyphens.
 * Invisible characters are kept so that `slugProblem` can refuse them.
 */
export function normalizeSlug(input: string): string {
  return input
    .normalize('NFC')
    .replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
    .toLocaleLowerCase('en-US')
    .replace(VISIBLE_SPACES, '-')
    .replace(/-{2,}/g, '-')
}

/** Why a (normalised) slug is not acceptable, or null when it is. */
export function slugProblem(slug: string): string | null {
  if (slug.length === 0) return 'Slug is required.'
  if (INVISIBLE.test(slug) || CONTROL.test(slug)) {
    return 'Slug contains invisible or control characters (zero-width or bidirectional marks). Retype it or generate it from the title.'
  }
  if (slug.length > MAX_SLUG_LENGTH) return `Slug is longer than ${MAX_SLUG_LENGTH} characters.`
  if (slug !== slug.normalize('NFC')) return 'Slug is not in Unicode NFC form.'
  if (slug !== slug.toLocaleLowerCase('en-US')) return 'Slug must be lower case.'
  if (!SLUG_PATTERN.test(slug)) {
    return 'Slug may contain only letters, digits and single hyphens between them (e.g. "what-to-expect").'
  }
  return null
}

import { PHONE } from '../extract/chrome'

/**
 * Text as the duplicate finder compares it: what clinics change when they copy an article (their
 * name, city and region, phone numbers, links, e-mail addresses) is taken out, the rest lower-cased
 * and split into words.
 */

const URL_PATTERN = /\b(?:https?:\/\/|www\.)\S+/gi
const EMAIL = /\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b/g
const PHONES = new RegExp(PHONE.source, 'g')

const STOP_WORDS = new Set(
  (
    'a an and are as at be by can do does for from has have how i if in into is it its may more ' +
    'most not of on or our so than that the their them there these they this to was we what when ' +
    'which who why will with you your'
  ).split(' '),
)

/** Builds a normaliser that removes the given names (clinic names, cities, regions) as phrases. */
export function makeNormaliser(names: string[]) {
  const phrases = [...new Set(names.map((name) => name.trim().toLowerCase()).filter(Boolean))]
    // Longest first, so "Clearwater Infusion Albuquerque" goes before "Albuquerque".
    .sort((a, b) => b.length - a.length)
    .map((name) => name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\s+/g, '\\s+'))
  const namePattern = phrases.length > 0 ? new RegExp(`\\b(?:${phrases.join('|')})\\b`, 'g') : null

  return function words(text: string): string[] {
    let clean = text
      .normalize('NFKC')
      .toLowerCase()
      .replace(/[\u2018\u2019]/g, "'")
      .replace(URL_PATTERN, ' ')
      .replace(EMAIL, ' ')
      .replace(PHONES, ' ')
    if (namePattern) clean = clean.replace(namePattern, ' ')
    return clean
      .replace(/'s\b/g, '')
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 0)
  }
}

/** Content words of a title, for topic closeness ("related, kept separate"). */
export function titleWords(title: string): Set<string> {
  return new Set(
    title
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter((word) => word.length > 2 && !STOP_WORDS.has(word))
      .map((word) => word.replace(/(ies|es|s)$/, '')),
  )
}

export function jaccard<T>(a: Set<T>, b: Set<T>): number {
  if (a.size === 0 && b.size === 0) return 0
  const [small, large] = a.size <= b.size ? [a, b] : [b, a]
  let shared = 0
  for (const value of small) if (large.has(value)) shared++
  return shared / (a.size + b.size - shared)
}

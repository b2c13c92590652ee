/** The languages content is written in; English is the original every translation is reviewed against. */
export const LOCALES = [
  { code: 'en', label: 'English', htmlLang: 'en' },
  { code: 'es', label: 'Español', htmlLang: 'es' },
] as const

export type Locale = (typeof LOCALES)[number]['code']

export const DEFAULT_LOCALE: Locale = 'en'

export const LOCALE_CODES: readonly Locale[] = LOCALES.map(({ code }) => code)

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALE_CODES as readonly string[]).includes(value)
}

/**
 * The languages a comma-separated list names (env SITES_LOCALES: a rebuild of some languages
 * only), or undefined when it names none or all of them. Unknown codes throw: a typo must not
 * build nothing.
 */
export function localesFromList(list: string | undefined): Locale[] | undefined {
  const codes = (list ?? '')
    .split(',')
    .map((code) => code.trim())
    .filter(Boolean)
  if (codes.length === 0) return undefined
  const unknown = codes.filter((code) => !isLocale(code))
  if (unknown.length > 0)
    throw new Error(`Unknown languages: ${unknown.join(', ')} (known: ${LOCALE_CODES.join(', ')})`)
  const wanted = codes as Locale[]
  return LOCALE_CODES.every((code) => wanted.includes(code)) ? undefined : wanted
}

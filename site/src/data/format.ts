/** How dates, times, hours and phone numbers read on the sites (US English, US Spanish). */
import { CONSULTATION_PATH } from '@clinic/shared/consultation'
import { DEFAULT_LOCALE, type Locale } from '@clinic/shared/locales'
import type { Clinic } from '@clinic/shared/payload-types'
import { WEEKDAYS, type Weekday } from '@clinic/shared/vocabulary'

import { dayNameIn } from './strings.ts'

/** The Intl locale of a site language: the clinics are in the US. */
const intlLocale = (locale: Locale) => `${locale}-US`

// Intl formatters are slow to create and pages format many dates: one per timezone and style.
const formatters = new Map<string, Intl.DateTimeFormat | null>()
function formatter(
  key: string,
  locale: string,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat | null {
  let format = formatters.get(key)
  if (format === undefined) {
    try {
      format = new Intl.DateTimeFormat(locale, options)
    } catch {
      format = null
    }
    formatters.set(key, format)
  }
  return format
}

const validTimeZone = (timeZone: string | null | undefined) =>
  timeZone && formatter(`zone:${timeZone}`, 'en-US', { timeZone }) ? timeZone : undefined

/** "March 4, 2026" / "4 de marzo de 2026" in the clinic's timezone (a review date is a day where the clinic is). */
export function formatDate(
  iso: string | null | undefined,
  timeZone?: string | null,
  locale: Locale = DEFAULT_LOCALE,
): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const zone = validTimeZone(timeZone) ?? 'UTC'
  return formatter(`long:${zone}:${locale}`, intlLocale(locale), {
    dateStyle: 'long',
    timeZone: zone,
  })!.format(date)
}

/** YYYY-MM-DD of an instant in the clinic's timezone, for <time datetime>. */
export function isoDay(iso: string | null | undefined, timeZone?: string | null): string {
  if (!iso) return ''
  const date = new Date(iso)
  if (Number.isNaN(date.getTime())) return ''
  const zone = validTimeZone(timeZone) ?? 'UTC'
  return formatter(`day:${zone}`, 'en-CA', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: zone,
  })!.format(date)
}

/** "8:00 AM" (English) or "8:00 a.m." (Spanish, as Intl writes it) from "08:00". */
export function formatTime(hhmm: string, locale: Locale = DEFAULT_LOCALE): string {
  const match = /^(\d{2}):(\d{2})$/.exec(hhmm)
  if (!match) return hhmm
  const hours = Number(match[1])
  if (locale === DEFAULT_LOCALE) {
    const suffix = hours < 12 ? 'AM' : 'PM'
    const twelve = hours % 12 === 0 ? 12 : hours % 12
    return `${twelve}:${match[2]} ${suffix}`
  }
  return formatter(`time:${locale}`, intlLocale(locale), {
    hour: 'numeric',
    minute: '2-digit',
    timeZone: 'UTC',
  })!.format(new Date(Date.UTC(2024, 0, 1, hours, Number(match[2]))))
}

const zoneNames = new Map<string, string>()

/** "Mountain Time" / "hora de las Montañas Rocosas" for America/Denver (the generic name, right in summer and winter). */
export function timeZoneName(
  timeZone: string | null | undefined,
  locale: Locale = DEFAULT_LOCALE,
): string {
  const zone = validTimeZone(timeZone)
  if (!zone) return ''
  let name = zoneNames.get(`${zone}:${locale}`)
  if (name === undefined) {
    const part = formatter(`name:${zone}:${locale}`, intlLocale(locale), {
      timeZone: zone,
      timeZoneName: 'longGeneric',
    })!
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName')
    name = part?.value ?? zone
    zoneNames.set(`${zone}:${locale}`, name)
  }
  return name
}

export interface DayHours {
  day: Weekday
  name: string
  /** Empty when closed. */
  ranges: { opens: string; closes: string }[]
}

/** The week Monday to Sunday, closed days included, from the clinic's rows. */
export function weekHours(
  clinic: Pick<Clinic, 'openingHours'>,
  locale: Locale = DEFAULT_LOCALE,
): DayHours[] {
  const rows = clinic.openingHours ?? []
  return WEEKDAYS.map((day) => ({
    day,
    name: dayNameIn(locale, day, WEEKDAYS),
    ranges: rows
      .filter((row) => row.day === day)
      .map((row) => ({ opens: row.opens, closes: row.closes }))
      .sort((a, b) => a.opens.localeCompare(b.opens)),
  }))
}

/** tel: URL for a displayed phone number ("+15055550142" for US numbers). */
export function telHref(phone: string): string {
  const digits = phone.replace(/[^\d+]/g, '')
  if (/^\d{10}$/.test(digits)) return `tel:+1${digits}`
  if (/^1\d{10}$/.test(digits)) return `tel:+${digits}`
  return `tel:${digits}`
}

/** OpenStreetMap link centred on the clinic. */
export function mapUrl(geo: { lat: number; lng: number }): string {
  return `https://www.openstreetmap.org/?mlat=${geo.lat}&mlon=${geo.lng}#map=17/${geo.lat}/${geo.lng}`
}

/** OpenStreetMap directions to the clinic (the visitor enters their start). */
export function directionsUrl(geo: { lat: number; lng: number }): string {
  return `https://www.openstreetmap.org/directions?route=%3B${geo.lat}%2C${geo.lng}`
}

/** One line of a US postal address. */
export function addressLine(address: Clinic['address']): string {
  return `${address.street}, ${address.city}, ${address.state} ${address.postalCode}`
}

/** Up to `max` characters, cut at a word, for meta descriptions. */
export function truncate(text: string, max = 160): string {
  const clean = text.replace(/\s+/g, ' ').trim()
  if (clean.length <= max) return clean
  const cut = clean.slice(0, max - 1)
  // No dangling punctuation before the ellipsis ("alongside,…").
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), max / 2)).replace(/[\s,;:.–—-]+$/u, '')}…`
}

/**
 * Where "Request a consultation" goes: the consultation form every clinic site has (a clinic's
 * external booking page, if it has one, is offered on that page). The clinic argument is kept so
 * every call site reads the same whatever the rule.
 */
export function consultationHref(_clinic: Pick<Clinic, 'consultationUrl'>): string {
  return CONSULTATION_PATH
}

/** A phone number as displayed: never broken across lines (non-breaking spaces and hyphens). */
export function phoneText(phone: string): string {
  return phone.replace(/ /g, '\u00a0').replace(/-/g, '\u2011')
}

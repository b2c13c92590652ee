/**
 * Signed preview links: an HMAC-SHA256 over (collection, id, clinic, expiry) with a key derived
 * from PAYLOAD_SECRET. The link is the authorisation (whoever holds it sees that draft on that
 * clinic's layout until it expires), so every part of it is signed and the expiry is short.
 */
import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto'

import { DEFAULT_LOCALE, isLocale, type Locale } from '@clinic/shared/locales'

export const PREVIEW_COLLECTIONS = ['articles', 'faqs'] as const
export type PreviewCollection = (typeof PREVIEW_COLLECTIONS)[number]

export const isPreviewCollection = (value: unknown): value is PreviewCollection =>
  PREVIEW_COLLECTIONS.includes(value as PreviewCollection)

export interface PreviewClaims {
  collection: PreviewCollection
  id: string
  /** Slug of the clinic whose layout shows the draft. */
  clinic: string
  /** The language of the draft shown (absent: English). */
  locale?: Locale
  /** Unix time (seconds) after which the link is refused. */
  expires: number
}

export const DEFAULT_PREVIEW_TTL_SECONDS = 15 * 60

/** Lifetime of a new link: 15 minutes, or PREVIEW_TTL_SECONDS (tests), at most a day. */
export function previewTtlSeconds(env: Record<string, string | undefined> = process.env): number {
  const raw = env.PREVIEW_TTL_SECONDS?.trim()
  if (!raw) return DEFAULT_PREVIEW_TTL_SECONDS
  const seconds = Number(raw)
  if (!Number.isInteger(seconds) || seconds < 1 || seconds > 86_400) {
    throw new Error(
      `PREVIEW_TTL_SECONDS must be a whole number of seconds from 1 to 86400, not "${raw}"`,
    )
  }
  return seconds
}

const keys = new Map<string, Buffer>()
/** A key of its own (HKDF), so that a preview signature can never stand in for another use of the secret. */
function keyFor(secret: string): Buffer {
  let key = keys.get(secret)
  if (!key) {
    if (!secret) throw new Error('Preview links need a secret (PAYLOAD_SECRET)')
    key = Buffer.from(hkdfSync('sha256', secret, 'clinic-network', 'draft-preview-link/v1', 32))
    keys.set(secret, key)
  }
  return key
}

/**
 * JSON of the fields: unambiguous whatever characters an id or slug holds. The locale is signed
 * too (a link for the English draft cannot be turned into one for the Spanish); English links keep
 * the form they had before there were languages.
 */
const signedText = (claims: PreviewClaims) =>
  JSON.stringify([
    'preview/v1',
    claims.collection,
    claims.id,
    claims.clinic,
    claims.expires,
    ...(claims.locale && claims.locale !== DEFAULT_LOCALE ? [claims.locale] : []),
  ])

export function signPreview(claims: PreviewClaims, secret: string): string {
  return createHmac('sha256', keyFor(secret)).update(signedText(claims)).digest('base64url')
}

/** A new link's claims: expiring `ttlSeconds` from `now`. */
export function previewClaims(
  fields: Omit<PreviewClaims, 'expires'>,
  ttlSeconds = previewTtlSeconds(),
  now = Date.now(),
): PreviewClaims {
  return { ...fields, expires: Math.floor(now / 1000) + ttlSeconds }
}

/** What a link carries, as received (path parameters and query values, unparsed). */
export interface PreviewLinkParts {
  collection?: unknown
  id?: unknown
  clinic?: unknown
  locale?: unknown
  expires?: unknown
  signature?: unknown
}

export type PreviewVerdict =
  { ok: true; claims: PreviewClaims } | { ok: false; reason: 'malformed' | 'signature' | 'expired' }

const ID = /^[A-Za-z0-9_-]{1,64}$/
const EXPIRES = /^\d{1,12}$/
const SIGNATURE = /^[A-Za-z0-9_-]{43}$/
// Clinic slugs may hold letters outside ASCII (see @clinic/shared/slug); the signature covers them.
const CLINIC = /^[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)*$/u

/**
 * Checks a link: well-formed, signed with this secret (constant-time comparison), not expired, and
 * not claiming a lifetime longer than links are given (a signature alone never extends access).
 */
export function verifyPreview(
  parts: PreviewLinkParts,
  secret: string,
  { now = Date.now(), ttlSeconds = previewTtlSeconds() } = {},
): PreviewVerdict {
  const { collection, id, clinic, locale, expires, signature } = parts
  if (
    (locale !== undefined && !isLocale(locale)) ||
    !isPreviewCollection(collection) ||
    typeof id !== 'string' ||
    !ID.test(id) ||
    typeof clinic !== 'string' ||
    clinic.length > 100 ||
    !CLINIC.test(clinic) ||
    typeof expires !== 'string' ||
    !EXPIRES.test(expires) ||
    typeof signature !== 'string' ||
    !SIGNATURE.test(signature)
  ) {
    return { ok: false, reason: 'malformed' }
  }
  const claims: PreviewClaims = {
    collection,
    id,
    clinic,
    ...(locale !== undefined && locale !== DEFAULT_LOCALE ? { locale } : {}),
    expires: Number(expires),
  }
  const expected = Buffer.from(signPreview(claims, secret), 'base64url')
  const given = Buffer.from(signature, 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected))
    return { ok: false, reason: 'signature' }
  const nowSeconds = Math.floor(now / 1000)
  // A minute of grace on the upper bound for clocks of several CMS instances.
  if (claims.expires <= nowSeconds || claims.expires > nowSeconds + ttlSeconds + 60)
    return { ok: false, reason: 'expired' }
  return { ok: true, claims }
}

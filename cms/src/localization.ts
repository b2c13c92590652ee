import { APIError } from 'payload'
import type { CollectionBeforeOperationHook, LocalizationConfig } from 'payload'

import { LOCALES, DEFAULT_LOCALE } from '@clinic/shared/locales'

/**
 * English and Spanish. No fallback (see `locales` below): a Spanish read of a field that has no Spanish comes back
 * empty, never in English, so nothing can show a visitor English text as if it were Spanish.
 *
 * Per-locale publishing uses Payload's `experimental.localizeStatus` (PR #14667) on the
 * collections with drafts (articles, FAQs), chosen over a status field of our own because it is
 * the only way Payload keeps a locale's draft out of the published document when another locale
 * is published (it merges just the published locale into the live row) on both adapters: on
 * SQLite `_status` moves into the `_locales` tables, on MongoDB it becomes `{ en, es }`, and the
 * read access `{ _status: { equals: 'published' } }` then applies to the locale being read.
 * Its known limits, and how they are contained here:
 * - bug #17923: with `locale=all` a `_status` filter matches no document (on both adapters the
 *   where clause compares the whole per-locale value). Readers without an account get a clear
 *   400 instead of an empty list (`oneLocaleForReaders` below); the sites read each locale with
 *   `?locale=es`, which lists every document published in Spanish.
 * - `payload/migrations`' localizeStatus migration is written for Postgres (information_schema):
 *   our SQLite data move is hand-written (migrations/20261202_*_localization.ts).
 * - Generated types still say `_status` is a string (#17923): true for every read of one locale,
 *   which is the only kind of read our code makes.
 */
export const localization: LocalizationConfig = {
  // Each locale falls back to no locale at all ([]). `fallback: false` would say the same, but
  // Payload then leaves the locale of a REST or GraphQL request that names none unset (instead of
  // the default), and such reads of localized fields fail or find nothing (payload's
  // sanitizeLocales): `fallback: true` makes an unnamed or unknown locale English.
  locales: LOCALES.map(({ code, label }) => ({ code, label, fallbackLocale: [] })),
  defaultLocale: DEFAULT_LOCALE,
  fallback: true,
}

/** Query values that ask for every locale at once. */
const ALL_LOCALES = new Set(['all', '*'])

/**
 * Readers without an account read one locale at a time, with no fallback. A read of every locale
 * would return each locale's text regardless of whether that locale is published (the access
 * rule's `_status` filter cannot apply per locale there, #17923), and a fallback would show
 * English text in a Spanish answer.
 */
export const oneLocaleForReaders: CollectionBeforeOperationHook = ({ args, operation, req }) => {
  if (operation !== 'read' || req.user || (args as { overrideAccess?: boolean }).overrideAccess)
    return args
  if (req.locale && ALL_LOCALES.has(req.locale)) {
    throw new APIError(
      `Read one locale at a time (locale=${LOCALES.map(({ code }) => code).join(' or locale=')}): each locale is published separately.`,
      400,
      undefined,
      true,
    )
  }
  // Operations read the fallback from the request (REST `fallback-locale`, GraphQL `fallbackLocale`).
  req.fallbackLocale = 'null'
  return args
}

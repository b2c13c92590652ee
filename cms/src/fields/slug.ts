import { ValidationError } from 'payload'
import type { CollectionSlug, FieldHook, TextField, Validate } from 'payload'

import { normalizeSlug, slugify, slugProblem } from '@clinic/shared/slug'

interface SlugFieldOptions {
  /** The field the slug is generated from when left empty. */
  from: string
  /** Unique across the collection (all clinic sites share one URL space per collection). */
  unique?: boolean
  /** One slug per language (articles, conditions): unique within each locale. */
  localized?: boolean
  overrides?: Partial<TextField>
}

// Payload skips validation of drafts; the hook below still refuses invisible characters then.
const validateSlug: Validate<string | null | undefined> = (value) =>
  slugProblem(value ?? '') ?? true

/** Generates the slug from `from` when empty; otherwise normalises what the editor typed. */
const formatSlug =
  (from: string): FieldHook =>
  ({ value, data, originalDoc, path, collection }) => {
    if (typeof value === 'string' && value.trim() !== '') {
      const slug = normalizeSlug(value)
      const problem = slugProblem(slug)
      if (problem !== null) {
        throw new ValidationError({
          collection: collection?.slug,
          errors: [{ message: problem, path: path.join('.') }],
        })
      }
      return slug
    }
    const source = (data?.[from] ?? originalDoc?.[from]) as unknown
    if (typeof source === 'string' && source.trim() !== '') return slugify(source)
    return value
  }

/**
 * A localized slug lives in the `_locales` table, written after the document's own row: on SQLite
 * (no transaction by default) a duplicate slug would fail there and leave the new document's row
 * behind. So the slug is checked in its locale first, drafts and copies included, with a clear 400.
 */
const slugFreeInLocale: FieldHook = async ({ value, originalDoc, path, collection, req }) => {
  if (typeof value !== 'string' || value === '' || !collection || !req.locale) return value
  const id = (originalDoc as { id?: string | number } | undefined)?.id
  const { totalDocs } = await req.payload.count({
    collection: collection.slug as CollectionSlug,
    where: {
      and: [{ slug: { equals: value } }, ...(id === undefined ? [] : [{ id: { not_equals: id } }])],
    },
    locale: req.locale as never,
    overrideAccess: true,
    req,
  })
  if (totalDocs === 0) return value
  throw new ValidationError({
    collection: collection.slug,
    errors: [
      {
        message: 'Another document already uses this slug in this language.',
        path: path.join('.'),
      },
    ],
  })
}

export function slugField({
  from,
  unique = true,
  localized = false,
  overrides = {},
}: SlugFieldOptions): TextField {
  return {
    name: 'slug',
    type: 'text',
    localized,
    index: true,
    unique,
    validate: validateSlug,
    admin: {
      position: 'sidebar',
      description: localized
        ? `Used in the page address, one per language. Left empty, it is generated from the ${from} in that language.`
        : `Used in the page address. Left empty, it is generated from the ${from}.`,
    },
    hooks: {
      beforeValidate: localized ? [formatSlug(from), slugFreeInLocale] : [formatSlug(from)],
    },
    ...overrides,
  } as TextField
}

import { ValidationError } from 'payload'
import type { FieldHook, TextField, Validate } from 'payload'

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
    hooks: { beforeValidate: [formatSlug(from)] },
    ...overrides,
  } as TextField
}

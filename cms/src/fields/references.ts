import { ValidationError } from 'payload'
import type { ArrayField, FieldHook } from 'payload'

import { isHttpUrl } from '@clinic/shared/url'

const URL_MESSAGE = 'Enter a full http(s) address, for example https://www.nimh.nih.gov/.'

// Payload skips field validation for drafts, and drafts reach the preview: refuse unsafe URLs there too.
const refuseNonHttpUrl: FieldHook = ({ value, path, collection }) => {
  if (typeof value === 'string' && value.trim() !== '' && !isHttpUrl(value)) {
    throw new ValidationError({
      collection: collection?.slug,
      errors: [{ message: URL_MESSAGE, path: path.join('.') }],
    })
  }
  return value
}

/** Sources cited by medical content: a title and an http(s) URL. */
export function referencesField(): ArrayField {
  return {
    name: 'references',
    type: 'array',
    labels: { singular: 'Reference', plural: 'References' },
    fields: [
      { name: 'title', type: 'text', required: true, localized: true },
      {
        name: 'url',
        type: 'text',
        required: true,
        validate: (value: string | null | undefined) => isHttpUrl(value) || URL_MESSAGE,
        hooks: { beforeValidate: [refuseNonHttpUrl] },
      },
    ],
  }
}

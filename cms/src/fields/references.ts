import type { ArrayField } from 'payload'

import { isHttpUrl } from '@clinic/shared/url'

/** Sources cited by medical content: a title and an http(s) URL. */
export function referencesField(): ArrayField {
  return {
    name: 'references',
    type: 'array',
    labels: { singular: 'Reference', plural: 'References' },
    fields: [
      { name: 'title', type: 'text', required: true },
      {
        name: 'url',
        type: 'text',
        required: true,
        validate: (value: string | null | undefined) =>
          isHttpUrl(value) || 'Enter a full http(s) address, for example https://www.nimh.nih.gov/.',
      },
    ],
  }
}

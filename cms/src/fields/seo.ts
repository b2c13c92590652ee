import type { Field } from 'payload'

import { MEDIA } from '../collections/slugs'

/**
 * Search and social metadata. Written here rather than with @payloadcms/plugin-seo because that
 * plugin's latest release lags the other @payloadcms packages (3.90.1 vs 3.90.2) and every
 * @payloadcms package must stay on one version; these four fields are all the site needs.
 */
export function seoFields(): Field {
  return {
    name: 'meta',
    type: 'group',
    label: 'Search & social',
    admin: { description: 'Left empty, the title, excerpt and hero image are used.' },
    fields: [
      { name: 'title', type: 'text', maxLength: 70, localized: true },
      { name: 'description', type: 'textarea', maxLength: 200, localized: true },
      { name: 'image', type: 'upload', relationTo: MEDIA },
    ],
  }
}

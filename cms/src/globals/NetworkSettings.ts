import type { GlobalConfig } from 'payload'

import { anyone } from '../access/anyone'
import { isAdmin } from '../access/isAdmin'
import { NETWORK_SETTINGS } from '../collections/slugs'
import { rebuildAfterSettingsChange } from '../publishing/hooks'

export const NetworkSettings: GlobalConfig = {
  slug: NETWORK_SETTINGS,
  access: { read: anyone, update: isAdmin },
  admin: { group: 'Network' },
  fields: [
    { name: 'networkName', type: 'text', required: true, defaultValue: 'Clinic network' },
    {
      name: 'noindexSyndicatedCopies',
      type: 'checkbox',
      defaultValue: false,
      admin: {
        description:
          'Also mark non-canonical copies of shared articles noindex (canonical links are always set).',
      },
    },
    {
      name: 'reviewIntervalMonths',
      type: 'number',
      defaultValue: 12,
      min: 1,
      max: 36,
      admin: {
        description: 'How old a medical review may be before an article cannot be published.',
      },
    },
  ],
  hooks: { afterChange: [rebuildAfterSettingsChange] },
}

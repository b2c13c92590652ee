import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { networkStaff } from '../access/networkStaff'
import { slugField } from '../fields/slug'
import { rejectUnsafeLinks } from '../hooks/rejectUnsafeLinks'
import { oneLocaleForReaders } from '../localization'
import {
  rebuildAfterConditionChange,
  rebuildAfterConditionDelete,
  rememberConditionClinics,
} from '../publishing/hooks'
import { CONDITIONS } from './slugs'

export const Conditions: CollectionConfig = {
  slug: CONDITIONS,
  access: {
    read: anyone,
    create: networkStaff,
    update: networkStaff,
    delete: networkStaff,
  },
  defaultPopulate: { name: true, slug: true, category: true, summary: true },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'category', 'slug'],
    group: 'Content',
  },
  fields: [
    { name: 'name', type: 'text', required: true, localized: true },
    slugField({ from: 'name', localized: true }),
    {
      name: 'category',
      type: 'select',
      required: true,
      options: [
        { label: 'Mental health', value: 'mental-health' },
        { label: 'Pain', value: 'pain' },
      ],
    },
    { name: 'summary', type: 'textarea', required: true, maxLength: 200, localized: true },
    { name: 'body', type: 'richText', localized: true },
  ],
  hooks: {
    beforeOperation: [oneLocaleForReaders],
    beforeValidate: [rejectUnsafeLinks],
    afterChange: [rebuildAfterConditionChange],
    beforeDelete: [rememberConditionClinics],
    afterDelete: [rebuildAfterConditionDelete],
  },
}

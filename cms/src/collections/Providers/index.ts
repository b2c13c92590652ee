import type { CollectionConfig } from 'payload'

import { anyone } from '../../access/anyone'
import { createProviders, writeOwnProviders } from '../../access/providerAccess'
import { mediaForProvider } from '../../plugins/clinicOwnership/filterOptions'
import { importSourceField } from '../../fields/importSource'
import { slugField } from '../../fields/slug'
import { markEditedAfterImport } from '../../hooks/markEditedAfterImport'
import { rejectUnsafeLinks } from '../../hooks/rejectUnsafeLinks'
import { oneLocaleForReaders } from '../../localization'
import { rebuildAfterProviderChange, rebuildAfterProviderDelete } from '../../publishing/hooks'
import { CLINICS, MEDIA, PROVIDERS } from '../slugs'
import {
  enforceProviderClinics,
  enforceProviderClinicsOnDelete,
} from './hooks/enforceProviderClinics'

export const Providers: CollectionConfig = {
  slug: PROVIDERS,
  access: {
    read: anyone,
    create: createProviders,
    update: writeOwnProviders,
    delete: writeOwnProviders,
  },
  defaultPopulate: { name: true, slug: true, credentials: true, role: true, photo: true },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'credentials', 'role'],
    group: 'Network',
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    slugField({ from: 'name' }),
    {
      type: 'row',
      fields: [
        { name: 'credentials', type: 'text', admin: { description: 'e.g. MD, DO, PMHNP-BC' } },
        {
          name: 'role',
          type: 'text',
          localized: true,
          admin: { description: 'e.g. Medical Director' },
        },
      ],
    },
    { name: 'photo', type: 'upload', relationTo: MEDIA, filterOptions: mediaForProvider },
    { name: 'bio', type: 'richText', localized: true },
    { name: 'clinics', type: 'relationship', relationTo: CLINICS, hasMany: true, index: true },
    {
      // Providers are public and keep no drafts: the importer creates an unknown WordPress author
      // with this flag, and the sites leave flagged providers off team pages until staff check them.
      name: 'needsReview',
      type: 'checkbox',
      defaultValue: false,
      label: 'Needs review (created by an import)',
      admin: {
        position: 'sidebar',
        description: 'Check the name, add credentials, role and clinics, then untick.',
      },
    },
    importSourceField(),
  ],
  hooks: {
    beforeOperation: [oneLocaleForReaders],
    beforeValidate: [rejectUnsafeLinks],
    beforeChange: [enforceProviderClinics, markEditedAfterImport],
    beforeDelete: [enforceProviderClinicsOnDelete],
    afterChange: [rebuildAfterProviderChange],
    afterDelete: [rebuildAfterProviderDelete],
  },
}

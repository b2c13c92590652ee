import type { CollectionConfig } from 'payload'

import { authenticated } from '../../access/authenticated'
import { publishedOrAuthenticated } from '../../access/publishedOrAuthenticated'
import { ownershipFields } from '../../fields/ownership'
import { referencesField } from '../../fields/references'
import { seoFields } from '../../fields/seo'
import { slugField } from '../../fields/slug'
import { rejectUnsafeLinks } from '../../hooks/rejectUnsafeLinks'
import { ARTICLES, CLINICS, CONDITIONS, MEDIA, PROVIDERS, USERS } from '../slugs'

export const Articles: CollectionConfig = {
  slug: ARTICLES,
  access: {
    read: publishedOrAuthenticated,
    create: authenticated,
    update: authenticated,
    delete: authenticated,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'owner', 'lastReviewedAt', '_status', 'updatedAt'],
    group: 'Content',
  },
  fields: [
    { name: 'title', type: 'text', required: true, maxLength: 160 },
    slugField({ from: 'title' }),
    { name: 'excerpt', type: 'textarea', required: true, maxLength: 300 },
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Content',
          fields: [
            { name: 'heroImage', type: 'upload', relationTo: MEDIA },
            { name: 'body', type: 'richText', required: true },
            referencesField(),
          ],
        },
        {
          label: 'Medical review',
          fields: [
            { name: 'author', type: 'relationship', relationTo: PROVIDERS },
            {
              name: 'medicalReviewer',
              type: 'relationship',
              relationTo: USERS,
              filterOptions: { roles: { contains: 'medical-reviewer' } },
            },
            { name: 'lastReviewedAt', type: 'date', admin: { date: { pickerAppearance: 'dayOnly' } } },
          ],
        },
        { label: 'SEO', fields: [seoFields()] },
      ],
    },
    { name: 'conditions', type: 'relationship', relationTo: CONDITIONS, hasMany: true, admin: { position: 'sidebar' } },
    ...ownershipFields({ description: 'Network articles can be shared with several clinics.' }),
    {
      name: 'syndication',
      type: 'radio',
      defaultValue: 'selected',
      options: [
        { label: 'All clinics (including future ones)', value: 'all' },
        { label: 'Selected clinics', value: 'selected' },
      ],
      admin: { position: 'sidebar', condition: (_, siblingData) => siblingData?.owner !== 'clinic' },
    },
    {
      name: 'clinics',
      type: 'relationship',
      relationTo: CLINICS,
      hasMany: true,
      index: true,
      label: 'Published on',
      admin: {
        position: 'sidebar',
        condition: (_, siblingData) => siblingData?.owner !== 'clinic' && siblingData?.syndication !== 'all',
      },
    },
    {
      name: 'canonicalClinic',
      type: 'relationship',
      relationTo: CLINICS,
      admin: {
        position: 'sidebar',
        description: 'The clinic site whose copy search engines should treat as the original.',
        condition: (_, siblingData) => siblingData?.owner !== 'clinic',
      },
    },
  ],
  hooks: {
    beforeValidate: [rejectUnsafeLinks],
  },
  versions: {
    drafts: {
      autosave: { interval: 2000 },
      schedulePublish: true,
    },
    maxPerDoc: 50,
  },
}

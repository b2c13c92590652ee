import type { CollectionConfig } from 'payload'

import { createOwnedContent } from '../access/createOwnedContent'
import { readOwnedContent } from '../access/readOwnedContent'
import { readOwnedVersions } from '../access/readOwnedVersions'
import { writeOwnedContent } from '../access/writeOwnedContent'
import { clinicEditorsCreateForTheirClinic } from '../hooks/clinicEditorsCreateForTheirClinic'
import { duplicatesStartAsDrafts } from '../hooks/duplicatesStartAsDrafts'
import { enforceClinicScope } from '../hooks/enforceClinicScope'
import {
  listNetworkContentAsPublished,
  showOwnClinicDraftsInLists,
} from '../hooks/listNetworkContentAsPublished'
import { publishedOnlyForAnonymous } from '../hooks/publishedOnlyForAnonymous'
import { ownershipFields } from '../fields/ownership'
import { rejectUnsafeLinks } from '../hooks/rejectUnsafeLinks'
import { previewButton } from '../preview/adminPreview'
import {
  rebuildAfterPublishedChange,
  rebuildAfterPublishedDelete,
  rememberPublishedRow,
} from '../publishing/hooks'
import { CONDITIONS, FAQS } from './slugs'

export const FAQ_TOPICS = [
  { label: 'Before treatment', value: 'before' },
  { label: 'During treatment', value: 'during' },
  { label: 'After treatment', value: 'after' },
  { label: 'Safety', value: 'safety' },
  { label: 'Cost & insurance', value: 'cost' },
  { label: 'General', value: 'general' },
]

export const Faqs: CollectionConfig = {
  slug: FAQS,
  access: {
    read: readOwnedContent,
    readVersions: readOwnedVersions,
    create: createOwnedContent,
    update: writeOwnedContent,
    delete: writeOwnedContent,
  },
  admin: {
    useAsTitle: 'question',
    defaultColumns: ['question', 'topic', 'owner', '_status'],
    group: 'Content',
    // The clinic's FAQ page with this draft in it, through a signed link made when the button is clicked.
    preview: previewButton(FAQS),
  },
  labels: { singular: 'FAQ', plural: 'FAQs' },
  defaultSort: 'order',
  fields: [
    { name: 'question', type: 'text', required: true, maxLength: 200 },
    { name: 'answer', type: 'richText', required: true },
    {
      name: 'topic',
      type: 'select',
      required: true,
      options: FAQ_TOPICS,
      admin: { position: 'sidebar' },
    },
    {
      name: 'conditions',
      type: 'relationship',
      relationTo: CONDITIONS,
      hasMany: true,
      admin: { position: 'sidebar' },
    },
    ...ownershipFields({ description: 'Network FAQs appear on every clinic site.' }),
    {
      name: 'order',
      type: 'number',
      defaultValue: 100,
      admin: { position: 'sidebar', description: 'Lower comes first within a topic.' },
    },
  ],
  hooks: {
    beforeOperation: [
      publishedOnlyForAnonymous,
      listNetworkContentAsPublished,
      duplicatesStartAsDrafts,
      clinicEditorsCreateForTheirClinic,
    ],
    beforeValidate: [rejectUnsafeLinks],
    beforeChange: [enforceClinicScope, rememberPublishedRow],
    afterOperation: [showOwnClinicDraftsInLists],
    afterChange: [rebuildAfterPublishedChange],
    afterDelete: [rebuildAfterPublishedDelete],
  },
  indexes: [{ fields: ['_status', 'createdAt'] }],
  versions: {
    drafts: {
      autosave: { interval: 2000 },
      schedulePublish: true,
    },
    maxPerDoc: 50,
  },
}

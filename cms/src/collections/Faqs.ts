import type { CollectionConfig } from 'payload'

import { FAQ_TOPICS } from '@clinic/shared/vocabulary'

import { duplicatesStartAsDrafts } from '../hooks/duplicatesStartAsDrafts'
import {
  listNetworkContentAsPublished,
  showOwnClinicDraftsInLists,
} from '../hooks/listNetworkContentAsPublished'
import { publishedOnlyForAnonymous } from '../hooks/publishedOnlyForAnonymous'
import { rejectUnsafeLinks } from '../hooks/rejectUnsafeLinks'
import { oneLocaleForReaders } from '../localization'
import { previewButton } from '../preview/adminPreview'
import {
  rebuildAfterPublishedChange,
  rebuildAfterPublishedDelete,
  rememberPublishedRow,
  rememberPublishedRowBeforeDelete,
} from '../publishing/hooks'
import { CONDITIONS, FAQS } from './slugs'

/** Clinic-owned: payload.config.ts's clinicOwnership plugin adds the ownership fields, access and hooks. */
export const Faqs: CollectionConfig = {
  slug: FAQS,
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
    { name: 'question', type: 'text', required: true, maxLength: 200, localized: true },
    { name: 'answer', type: 'richText', required: true, localized: true },
    {
      name: 'topic',
      type: 'select',
      required: true,
      options: FAQ_TOPICS.map(({ label, value }) => ({ label, value })),
      admin: { position: 'sidebar' },
    },
    {
      name: 'conditions',
      type: 'relationship',
      relationTo: CONDITIONS,
      hasMany: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'order',
      type: 'number',
      defaultValue: 100,
      admin: { position: 'sidebar', description: 'Lower comes first within a topic.' },
    },
  ],
  hooks: {
    beforeOperation: [
      oneLocaleForReaders,
      publishedOnlyForAnonymous,
      listNetworkContentAsPublished,
      duplicatesStartAsDrafts,
    ],
    beforeValidate: [rejectUnsafeLinks],
    beforeChange: [rememberPublishedRow],
    afterOperation: [showOwnClinicDraftsInLists],
    afterChange: [rebuildAfterPublishedChange],
    beforeDelete: [rememberPublishedRowBeforeDelete],
    afterDelete: [rebuildAfterPublishedDelete],
  },
  // No compound (_status, createdAt) index: `_status` is per locale (in the `_locales` table on
  // SQLite) and SQL indexes cannot span tables; `_status` and `createdAt` keep their own indexes.
  versions: {
    drafts: {
      autosave: { interval: 2000 },
      schedulePublish: true,
      // Each language is published on its own (localization.ts says why this option).
      localizeStatus: true,
    },
    maxPerDoc: 50,
  },
}

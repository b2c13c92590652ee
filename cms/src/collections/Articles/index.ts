import type { CollectionConfig, PayloadRequest } from 'payload'

import { relationId } from '@clinic/shared/ids'

import { hasRole } from '../../access/roles'
import { referencesField } from '../../fields/references'
import { separateReviewFromEditing } from '../../fields/reviewFields'
import { seoFields } from '../../fields/seo'
import { slugField } from '../../fields/slug'
import { duplicatesStartAsDrafts } from '../../hooks/duplicatesStartAsDrafts'
import { importSourceField } from '../../fields/importSource'
import { markEditedAfterImport } from '../../hooks/markEditedAfterImport'
import {
  listNetworkContentAsPublished,
  showOwnClinicDraftsInLists,
} from '../../hooks/listNetworkContentAsPublished'
import { publishedOnlyForAnonymous } from '../../hooks/publishedOnlyForAnonymous'
import { rejectUnsafeLinks } from '../../hooks/rejectUnsafeLinks'
import { oneLocaleForReaders } from '../../localization'
import { previewButton } from '../../preview/adminPreview'
import {
  rebuildAfterPublishedChange,
  rebuildAfterPublishedDelete,
  rememberPublishedRow,
  rememberPublishedRowBeforeDelete,
} from '../../publishing/hooks'
import { ARTICLES, CLINICS, CONDITIONS, MEDIA, PROVIDERS, USERS } from '../slugs'
import { updateArticles } from './access/updateArticles'
import { copyReviewerCredit } from './hooks/copyReviewerCredit'
import { auditPublish, recordPublisher } from './hooks/recordPublisher'
import { requireMedicalReview } from './hooks/requireMedicalReview'
import { reviewersRecordOwnReview } from './hooks/reviewersRecordOwnReview'
import { reviewersLeavePublishedAlone, reviewersSaveDrafts } from './hooks/reviewersSaveDrafts'

/** Clinic-owned: payload.config.ts's clinicOwnership plugin adds the ownership fields, access and hooks. */
export const Articles: CollectionConfig = {
  slug: ARTICLES,
  access: {
    // Medical reviewers update any article (review fields only); editors by ownership.
    update: updateArticles,
  },
  admin: {
    useAsTitle: 'title',
    defaultColumns: ['title', 'owner', 'lastReviewedAt', '_status', 'publishedIn', 'updatedAt'],
    group: 'Content',
    // The draft on a clinic's real layout, through a signed link made when the button is clicked.
    preview: previewButton(ARTICLES),
  },
  fields: separateReviewFromEditing([
    { name: 'title', type: 'text', required: true, maxLength: 160, localized: true },
    slugField({ from: 'title', localized: true }),
    { name: 'excerpt', type: 'textarea', required: true, maxLength: 300, localized: true },
    {
      type: 'tabs',
      tabs: [
        {
          label: 'Content',
          fields: [
            {
              name: 'heroImage',
              type: 'upload',
              relationTo: MEDIA,
            },
            { name: 'body', type: 'richText', required: true, localized: true },
            referencesField(),
          ],
        },
        {
          label: 'Medical review',
          description:
            'Required before publishing, in each language: a translation needs its own review (the reviewer attests that it says what the reviewed English says). Only medical reviewers and admins can set the reviewer and the review date.',
          fields: [
            {
              name: 'author',
              type: 'relationship',
              relationTo: PROVIDERS,
            },
            {
              name: 'medicalReviewer',
              type: 'relationship',
              relationTo: USERS,
              // Per language: each translation has its own review (localization.ts).
              localized: true,
              // Only admins may query users by role; anyone else can only read their own account anyway.
              filterOptions: ({ req }) =>
                hasRole(req.user, 'admin') ? { roles: { contains: 'medical-reviewer' } } : true,
              // The default validation checks filterOptions with the saving user's read access, and
              // accounts are private: no editor could save a reviewed article. Check the role itself.
              validate: async (value: unknown, { req }: { req: PayloadRequest }) => {
                const id = relationId(value)
                if (id === undefined || id === null) return true
                const user = await req.payload.findByID({
                  collection: USERS,
                  id,
                  depth: 0,
                  overrideAccess: true,
                  disableErrors: true,
                  req,
                })
                return user?.roles?.includes('medical-reviewer')
                  ? true
                  : 'Choose a user with the medical-reviewer role.'
              },
            },
            {
              name: 'lastReviewedAt',
              type: 'date',
              localized: true,
              admin: { date: { pickerAppearance: 'dayOnly' } },
            },
            {
              name: 'reviewedBy',
              type: 'group',
              localized: true,
              admin: {
                readOnly: true,
                description:
                  'Shown on the page as "Medically reviewed by"; copied from the reviewer\'s account on save.',
              },
              fields: [
                { name: 'name', type: 'text' },
                { name: 'credentials', type: 'text' },
              ],
            },
          ],
        },
        { label: 'SEO', fields: [seoFields()] },
      ],
    },
    {
      name: 'conditions',
      type: 'relationship',
      relationTo: CONDITIONS,
      hasMany: true,
      admin: { position: 'sidebar' },
    },
    {
      name: 'syndication',
      type: 'radio',
      defaultValue: 'selected',
      options: [
        { label: 'All clinics (including future ones)', value: 'all' },
        { label: 'Selected clinics', value: 'selected' },
      ],
      admin: {
        position: 'sidebar',
        condition: (_, siblingData) => siblingData?.owner !== 'clinic',
      },
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
        condition: (_, siblingData) =>
          siblingData?.owner !== 'clinic' && siblingData?.syndication !== 'all',
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
    {
      name: 'publishedBy',
      type: 'relationship',
      relationTo: USERS,
      admin: { position: 'sidebar', readOnly: true, description: 'Set on every publish.' },
    },
    {
      // A list column only: the languages the article is live in (the list's status column shows
      // the locale selected at the top).
      name: 'publishedIn',
      type: 'ui',
      label: 'Published in',
      admin: {
        components: { Cell: '/components/PublishedLocales#PublishedLocalesCell' },
      },
    },
    {
      name: 'publishedAt',
      type: 'date',
      admin: { position: 'sidebar', readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    importSourceField(),
  ]),
  hooks: {
    beforeOperation: [
      oneLocaleForReaders,
      reviewersLeavePublishedAlone,
      publishedOnlyForAnonymous,
      listNetworkContentAsPublished,
      duplicatesStartAsDrafts,
    ],
    beforeValidate: [rejectUnsafeLinks],
    beforeChange: [
      reviewersSaveDrafts,
      reviewersRecordOwnReview,
      requireMedicalReview,
      copyReviewerCredit,
      recordPublisher,
      rememberPublishedRow,
      markEditedAfterImport,
    ],
    afterOperation: [showOwnClinicDraftsInLists],
    afterChange: [auditPublish, rebuildAfterPublishedChange],
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

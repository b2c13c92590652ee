import path from 'node:path'

import { redirectsPlugin } from '@payloadcms/plugin-redirects'
import { LinkFeature, lexicalEditor, UploadFeature } from '@payloadcms/richtext-lexical'
import { buildConfig } from 'payload'
import sharp from 'sharp'

import { hardenConfig } from './access/hardenConfig'
import { hasRole, isNetworkStaff } from './access/roles'
import { Articles } from './collections/Articles'
import { Clinics } from './collections/Clinics'
import { Conditions } from './collections/Conditions'
import { Faqs } from './collections/Faqs'
import { Media } from './collections/Media'
import { Providers } from './collections/Providers'
import { redirectsOptions } from './collections/Redirects'
import { SiteBuilds } from './collections/SiteBuilds'
import { ARTICLES, CONDITIONS, FAQS, MEDIA, REDIRECTS, USERS } from './collections/slugs'
import { Users } from './collections/Users'
import {
  consultationCollections,
  consultationEmail,
  consultationWorkflows,
} from './consultation/config'
import { NetworkSettings } from './globals/NetworkSettings'
import { malformedIdsAreNotFound } from './plugins/malformedIds'
import { databaseAdapter } from './lib/adapter'
import { rebuildSitesTask } from './publishing/task'
import { ImportRuns } from './import/job/collection'
import { importClinicsTask } from './import/job/task'
import { allowedOrigins, databaseUri, payloadSecret } from './lib/env'
import { cmsDir } from './lib/paths'
import { limits } from './limits/settings'
import { clinicOwnership } from './plugins/clinicOwnership'
import { localization } from './localization'

const serverURL = process.env.SERVER_URL?.replace(/\/$/, '') || undefined
const origins = allowedOrigins(serverURL)

export default buildConfig({
  admin: {
    user: USERS,
    // The default Gravatar avatar calls an external service; clinics' networks may block it.
    avatar: 'default',
    importMap: { baseDir: path.join(cmsDir, 'src') },
    meta: { titleSuffix: ' · Clinic network CMS' },
    components: {
      beforeDashboard: [
        '/components/SitePublishingPanel#SitePublishingPanel',
        '/consultation/DeliveriesPanel#ConsultationDeliveriesPanel',
        '/components/ReviewDue#ReviewDue',
        '/components/ImportedAwaitingReview#ImportedAwaitingReview',
        '/components/TranslationsDue#TranslationsDue',
      ],
      afterNavLinks: ['/import/admin/ImportView#ImportNavLink'],
      // Network staff only (the view answers 404 to anyone else).
      views: { import: { Component: '/import/admin/ImportView#ImportView', path: '/import' } },
    },
  },
  collections: [
    ...[Articles, Faqs, Conditions, Clinics, Providers, Media, Users, SiteBuilds, ImportRuns],
    ...consultationCollections,
  ],
  globals: [NetworkSettings],
  localization,
  // Per-locale publishing (an article live in English while its Spanish is a draft): see
  // cms/src/localization.ts for why this experimental option and how its known bugs are contained.
  experimental: { localizeStatus: true },
  plugins: [
    // Old addresses of each clinic's site (imports make them); the site build serves them as 301s.
    redirectsPlugin(redirectsOptions),
    // The collections that belong to the network or to one clinic (a plugin that creates a
    // collection goes before this one).
    clinicOwnership({
      collections: {
        [ARTICLES]: { description: 'Network articles can be shared with several clinics.' },
        [FAQS]: { description: 'Network FAQs appear on every clinic site.' },
        [MEDIA]: {
          network: 'noOwnerClinic',
          description: 'Empty: a network image any document may use.',
        },
        // Required (collections/Redirects/hooks.ts): every old address belongs to one clinic's site.
        [REDIRECTS]: {
          network: 'noOwnerClinic',
          description: 'The clinic whose site this address is on.',
        },
      },
    }),
    // Last, so that it covers the collections plugins add.
    malformedIdsAreNotFound(),
  ],
  editor: lexicalEditor({
    features: ({ defaultFeatures }) => [
      // Relationship embeds could pull any collection (users included) into public pages.
      ...defaultFeatures.filter(
        (feature) => !['relationship', 'link', 'upload'].includes(feature.key),
      ),
      LinkFeature({ enabledCollections: [ARTICLES, CONDITIONS], maxDepth: 1 }),
      UploadFeature({ enabledCollections: [MEDIA], maxDepth: 1 }),
    ],
  }),
  secret: payloadSecret(),
  db: await databaseAdapter(databaseUri()),
  sharp,
  serverURL,
  cors: origins,
  csrf: origins,
  // Deeper population multiplies queries and widens what one request can read (API_MAX_DEPTH;
  // anonymous readers: API_MAX_DEPTH_ANONYMOUS, limits/queries.ts).
  maxDepth: limits.maxDepth,
  defaultDepth: 1,
  graphQL: {
    // Checked first, lists multiplied, by cms/src/server/graphqlCost.ts; Payload's own count
    // (lists not multiplied) then applies the same maximum.
    maxComplexity: limits.graphqlCost,
    disablePlaygroundInProduction: true,
  },
  upload: { limits: { fileSize: limits.uploadFileBytes } },
  typescript: {
    outputFile: path.join(cmsDir, '..', 'shared', 'src', 'payload-types.ts'),
  },
  jobs: {
    access: {
      // Running the queue by hand is an operator's job; editors queue (schedule) their own publishes,
      // which then run with the scheduling editor's permissions.
      run: ({ req: { user } }) => hasRole(user, 'admin'),
      queue: ({ req: { user } }) => Boolean(user),
      cancel: ({ req: { user } }) => isNetworkStaff(user),
    },
    // Site rebuilds (queue "sites") are run by the server's publisher (cms/src/publishing/publisher.ts)
    // right after each write and every few seconds, never by the cron below.
    // Imports from the admin (queue "imports") run as soon as they are uploaded (import/job/).
    tasks: [rebuildSitesTask, importClinicsTask],
    // Consultation requests (queue "consultation") are run by their own runner in the server.
    workflows: consultationWorkflows,
    // The server started by `npm start` runs due jobs (scheduled publishing) every 10 seconds.
    autoRun: [{ cron: '*/10 * * * * *', queue: 'default', limit: 20 }],
    shouldAutoRun: () => process.env.JOBS_AUTORUN !== 'false',
  },
  email: consultationEmail(),
  telemetry: false,
}).then(hardenConfig)

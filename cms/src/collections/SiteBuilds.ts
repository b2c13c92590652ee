import type { Access, CollectionConfig } from 'payload'

import { clinicIdsOf, hasRole, isNetworkStaff } from '../access/roles'
import { CLINICS, SITE_BUILDS } from './slugs'

/** Network staff see every build; a clinic editor sees the builds of their clinics; nobody writes. */
const readBuilds: Access = ({ req: { user } }) => {
  if (isNetworkStaff(user)) return true
  if (hasRole(user, 'clinic-editor')) return { clinics: { in: clinicIdsOf(user) } }
  return false
}
const nobody: Access = () => false

/**
 * One row per site build run by the publisher (cms/src/publishing/publisher.ts): what triggered it,
 * which clinics it rebuilt, whether their new releases went live, and the error when not.
 * Written by the server only; read-only in the admin.
 */
export const SiteBuilds: CollectionConfig = {
  slug: SITE_BUILDS,
  labels: { singular: 'Site build', plural: 'Site builds' },
  access: { read: readBuilds, create: nobody, update: nobody, delete: nobody },
  admin: {
    group: 'Publishing',
    useAsTitle: 'summary',
    defaultColumns: ['summary', 'status', 'startedAt', 'durationMs'],
    description:
      'Rebuilds of the clinic sites after publishing. A failed build leaves the live site as it was and is retried.',
  },
  defaultSort: '-startedAt',
  fields: [
    { name: 'summary', type: 'text', required: true, admin: { readOnly: true } },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      options: [
        { label: 'Building', value: 'building' },
        { label: 'Live', value: 'live' },
        { label: 'Failed', value: 'failed' },
      ],
      admin: { readOnly: true },
    },
    {
      name: 'clinics',
      type: 'relationship',
      relationTo: CLINICS,
      hasMany: true,
      admin: { readOnly: true },
    },
    {
      name: 'reasons',
      type: 'textarea',
      admin: { readOnly: true, description: 'The changes this build published (coalesced).' },
    },
    {
      name: 'startedAt',
      type: 'date',
      required: true,
      index: true,
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'finishedAt',
      type: 'date',
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    { name: 'durationMs', type: 'number', admin: { readOnly: true } },
    { name: 'pages', type: 'number', admin: { readOnly: true } },
    {
      name: 'releases',
      type: 'json',
      admin: { readOnly: true, description: 'Release id per clinic that went live.' },
    },
    { name: 'error', type: 'textarea', admin: { readOnly: true } },
  ],
}

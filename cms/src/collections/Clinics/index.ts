import type { CollectionConfig, FieldAccess } from 'payload'

import { isHttpUrl } from '@clinic/shared/url'
import { dayName, WEEKDAYS } from '@clinic/shared/vocabulary'

import { anyone } from '../../access/anyone'
import { isAdmin } from '../../access/isAdmin'
import { networkStaff } from '../../access/networkStaff'
import { clinicIdsOf, isClinicScoped, isNetworkStaff } from '../../access/roles'
import { mediaForClinic } from '../../plugins/clinicOwnership/filterOptions'
import { slugField } from '../../fields/slug'
import { rejectUnsafeLinks } from '../../hooks/rejectUnsafeLinks'
import { oneLocaleForReaders } from '../../localization'
import { rebuildAfterClinicChange, rebuildAfterClinicDelete } from '../../publishing/hooks'
import { updateWebServerConfig, updateWebServerConfigOnDelete } from './hooks/updateWebServerConfig'
import { ARTICLES, CLINICS, CONDITIONS, MEDIA, PROVIDERS } from '../slugs'

const networkStaffField: FieldAccess = ({ req: { user } }) => isNetworkStaff(user)

const time = (value: string | null | undefined) =>
  /^([01]\d|2[0-3]):[0-5]\d$/.test(value ?? '') || 'Use 24-hour HH:MM, for example 08:30.'

export const Clinics: CollectionConfig = {
  slug: CLINICS,
  access: {
    read: anyone,
    create: networkStaff,
    // Clinic editors keep their own clinic's profile up to date.
    update: ({ req: { user } }) =>
      isNetworkStaff(user) || (isClinicScoped(user) && { id: { in: clinicIdsOf(user) } }),
    delete: isAdmin,
  },
  // A relationship to a clinic populates its identity, not its whole profile and care team.
  defaultPopulate: { name: true, slug: true, siteUrl: true, phone: true },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'phone', 'siteUrl'],
    group: 'Network',
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    slugField({ from: 'name', overrides: { access: { update: networkStaffField } } }),
    {
      name: 'siteUrl',
      type: 'text',
      required: true,
      unique: true,
      // The clinic's domain and URL slug decide where its site lives: network decisions.
      access: { update: networkStaffField },
      admin: {
        description: "The clinic site's public address, e.g. https://albuquerque.example.com",
      },
      validate: (value: string | null | undefined) =>
        isHttpUrl(value) || 'Enter the full https:// address of the clinic site.',
    },
    { name: 'tagline', type: 'text' },
    {
      type: 'row',
      fields: [
        {
          name: 'phone',
          type: 'text',
          required: true,
          validate: (value: string | null | undefined) =>
            /^[+()\d][\d ()+.-]{6,}$/.test(value ?? '') ||
            'Enter a phone number, for example (505) 555-0142.',
        },
        { name: 'email', type: 'email', required: true },
      ],
    },
    {
      name: 'consultationUrl',
      type: 'text',
      validate: (value: string | null | undefined) =>
        !value || isHttpUrl(value) || 'Enter a full https:// address.',
    },
    {
      name: 'address',
      type: 'group',
      fields: [
        { name: 'street', type: 'text', required: true },
        {
          type: 'row',
          fields: [
            { name: 'city', type: 'text', required: true },
            { name: 'state', type: 'text', required: true, maxLength: 2 },
            { name: 'postalCode', type: 'text', required: true },
          ],
        },
        { name: 'country', type: 'text', required: true, defaultValue: 'US', maxLength: 2 },
      ],
    },
    {
      name: 'geo',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [
            { name: 'lat', type: 'number', required: true, min: -90, max: 90 },
            { name: 'lng', type: 'number', required: true, min: -180, max: 180 },
          ],
        },
      ],
    },
    {
      name: 'timezone',
      type: 'text',
      required: true,
      defaultValue: 'America/Denver',
      validate: (value: string | null | undefined) => {
        try {
          new Intl.DateTimeFormat('en-US', { timeZone: value ?? '' })
          return Boolean(value) || 'Timezone is required.'
        } catch {
          return 'Use an IANA timezone such as America/Chicago.'
        }
      },
    },
    {
      name: 'openingHours',
      type: 'array',
      admin: { description: 'One row per open day; closed days are left out.' },
      fields: [
        {
          type: 'row',
          fields: [
            {
              name: 'day',
              type: 'select',
              required: true,
              options: WEEKDAYS.map((day) => ({ label: dayName(day), value: day })),
            },
            { name: 'opens', type: 'text', required: true, validate: time },
            { name: 'closes', type: 'text', required: true, validate: time },
          ],
        },
        {
          name: 'note',
          type: 'text',
          localized: true,
          maxLength: 120,
          admin: { description: 'Shown with the day, e.g. "Infusions by appointment only".' },
        },
      ],
    },
    { name: 'conditions', type: 'relationship', relationTo: CONDITIONS, hasMany: true },
    {
      name: 'treatments',
      type: 'array',
      fields: [{ name: 'name', type: 'text', required: true, localized: true }],
    },
    { name: 'about', type: 'richText', localized: true },
    {
      name: 'careTeam',
      type: 'join',
      collection: PROVIDERS,
      on: 'clinics',
      admin: { description: 'Providers who list this clinic.' },
    },
    {
      name: 'optedOutArticles',
      type: 'relationship',
      relationTo: ARTICLES,
      hasMany: true,
      label: 'Network articles not shown on this site',
      filterOptions: { owner: { equals: 'network' } },
      admin: {
        description:
          'Opt this clinic out of network articles it would otherwise show (the article itself is unchanged).',
      },
    },
    {
      name: 'brand',
      type: 'group',
      fields: [
        { name: 'logo', type: 'upload', relationTo: MEDIA, filterOptions: mediaForClinic },
        {
          name: 'accentColor',
          type: 'text',
          defaultValue: '#1f5f8b',
          validate: (value: string | null | undefined) =>
            !value || /^#[0-9a-f]{6}$/i.test(value) || 'Use a hex colour like #1f5f8b.',
        },
      ],
    },
  ],
  hooks: {
    beforeOperation: [oneLocaleForReaders],
    beforeValidate: [rejectUnsafeLinks],
    afterChange: [updateWebServerConfig, rebuildAfterClinicChange],
    afterDelete: [updateWebServerConfigOnDelete, rebuildAfterClinicDelete],
  },
}

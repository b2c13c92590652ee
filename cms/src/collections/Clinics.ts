import type { CollectionConfig } from 'payload'

import { isHttpUrl } from '@clinic/shared/url'

import { anyone } from '../access/anyone'
import { authenticated } from '../access/authenticated'
import { isAdmin } from '../access/isAdmin'
import { slugField } from '../fields/slug'
import { rejectUnsafeLinks } from '../hooks/rejectUnsafeLinks'
import { CLINICS, CONDITIONS, MEDIA, PROVIDERS } from './slugs'

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const

const time = (value: string | null | undefined) =>
  /^([01]\d|2[0-3]):[0-5]\d$/.test(value ?? '') || 'Use 24-hour HH:MM, for example 08:30.'

export const Clinics: CollectionConfig = {
  slug: CLINICS,
  access: {
    read: anyone,
    create: isAdmin,
    update: authenticated,
    delete: isAdmin,
  },
  admin: {
    useAsTitle: 'name',
    defaultColumns: ['name', 'slug', 'phone', 'siteUrl'],
    group: 'Network',
  },
  fields: [
    { name: 'name', type: 'text', required: true },
    slugField({ from: 'name' }),
    {
      name: 'siteUrl',
      type: 'text',
      required: true,
      unique: true,
      admin: { description: "The clinic site's public address, e.g. https://albuquerque.example.com" },
      validate: (value: string | null | undefined) => isHttpUrl(value) || 'Enter the full https:// address of the clinic site.',
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
            /^[+()\d][\d ()+.-]{6,}$/.test(value ?? '') || 'Enter a phone number, for example (505) 555-0142.',
        },
        { name: 'email', type: 'email', required: true },
      ],
    },
    {
      name: 'consultationUrl',
      type: 'text',
      validate: (value: string | null | undefined) => !value || isHttpUrl(value) || 'Enter a full https:// address.',
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
            { name: 'day', type: 'select', required: true, options: WEEKDAYS.map((d) => ({ label: d[0]!.toUpperCase() + d.slice(1), value: d })) },
            { name: 'opens', type: 'text', required: true, validate: time },
            { name: 'closes', type: 'text', required: true, validate: time },
          ],
        },
      ],
    },
    { name: 'conditions', type: 'relationship', relationTo: CONDITIONS, hasMany: true },
    { name: 'treatments', type: 'array', fields: [{ name: 'name', type: 'text', required: true }] },
    { name: 'about', type: 'richText' },
    {
      name: 'careTeam',
      type: 'join',
      collection: PROVIDERS,
      on: 'clinics',
      admin: { description: 'Providers who list this clinic.' },
    },
    {
      name: 'brand',
      type: 'group',
      fields: [
        { name: 'logo', type: 'upload', relationTo: MEDIA },
        {
          name: 'accentColor',
          type: 'text',
          defaultValue: '#1f5f8b',
          validate: (value: string | null | undefined) => !value || /^#[0-9a-f]{6}$/i.test(value) || 'Use a hex colour like #1f5f8b.',
        },
      ],
    },
  ],
  hooks: {
    beforeValidate: [rejectUnsafeLinks],
  },
}

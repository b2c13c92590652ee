import type { Access, CollectionConfig } from 'payload'

import { clinicIdsOf, hasRole, isNetworkStaff } from '../../access/roles'
import { CLINICS, CONSULTATION_DELIVERIES } from '../../collections/slugs'

/** Network staff see every record; a clinic editor those of their clinics. */
const readDeliveries: Access = ({ req: { user } }) => {
  if (isNetworkStaff(user)) return true
  if (hasRole(user, 'clinic-editor')) return { clinic: { in: clinicIdsOf(user) } }
  return false
}
const nobody: Access = () => false

export const DELIVERY_STATUSES = [
  { label: 'Waiting', value: 'queued' },
  { label: 'Retrying', value: 'retrying' },
  { label: 'Delivered', value: 'delivered' },
  { label: 'Dropped', value: 'dropped' },
] as const
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number]['value']

export const CHANNELS = [
  { label: 'Email', value: 'email' },
  { label: 'Webhook', value: 'webhook' },
] as const
export type Channel = (typeof CHANNELS)[number]['value']

/**
 * One row per consultation request and intake channel: that a request for a clinic arrived, and
 * what became of its delivery. Never any of its content (who, how to reach them, what they wrote):
 * the request itself exists only encrypted in its delivery job, deleted once delivered. Written by
 * the server only; read-only in the admin and the API.
 */
export const ConsultationDeliveries: CollectionConfig = {
  slug: CONSULTATION_DELIVERIES,
  labels: { singular: 'Consultation delivery', plural: 'Consultation deliveries' },
  access: { read: readDeliveries, create: nobody, update: nobody, delete: nobody },
  admin: {
    group: 'Consultation requests',
    useAsTitle: 'request',
    defaultColumns: ['createdAt', 'clinic', 'channel', 'status', 'attempts', 'lastError'],
    description:
      'Requests from the clinic sites\u2019 consultation form and their delivery to each clinic. No request content is kept here: a request exists only encrypted until it is delivered, then it is deleted.',
  },
  defaultSort: '-createdAt',
  fields: [
    {
      // Not required in the schema: a deleted clinic leaves its records (clinic emptied), it is
      // not blocked by them. The server always sets it.
      name: 'clinic',
      type: 'relationship',
      relationTo: CLINICS,
      index: true,
      admin: { readOnly: true },
    },
    {
      name: 'channel',
      type: 'select',
      required: true,
      options: [...CHANNELS],
      admin: { readOnly: true },
    },
    {
      name: 'status',
      type: 'select',
      required: true,
      index: true,
      defaultValue: 'queued',
      options: [...DELIVERY_STATUSES],
      admin: { readOnly: true },
    },
    { name: 'attempts', type: 'number', defaultValue: 0, admin: { readOnly: true } },
    {
      name: 'lastAttemptAt',
      type: 'date',
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'deliveredAt',
      type: 'date',
      admin: { readOnly: true, date: { pickerAppearance: 'dayAndTime' } },
    },
    {
      name: 'lastError',
      type: 'text',
      admin: {
        readOnly: true,
        description: 'Why the last attempt failed (the mail server or webhook answer, no content).',
      },
    },
    {
      name: 'request',
      type: 'text',
      required: true,
      index: true,
      label: 'Request ID',
      admin: {
        readOnly: true,
        description:
          'Also in the email (Message-ID) and the webhook (X-Consultation-Id), to match a delivery with what the clinic received.',
      },
    },
  ],
  indexes: [{ fields: ['clinic', 'createdAt'] }],
}

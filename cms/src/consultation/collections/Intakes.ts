import { randomBytes } from 'node:crypto'

import type { CollectionBeforeChangeHook, CollectionConfig } from 'payload'

import { networkStaff } from '../../access/networkStaff'
import { CLINICS, CONSULTATION_INTAKES } from '../../collections/slugs'

export const MIN_WEBHOOK_SECRET_LENGTH = 32

/**
 * https anywhere; plain http only to this machine (a receiver on loopback: local trials, tests),
 * where nothing crosses a network.
 */
export function webhookUrlProblem(value: string): string | null {
  let url: URL
  try {
    url = new URL(value)
  } catch {
    return 'Enter the full https:// address of the receiving system.'
  }
  if (url.username || url.password)
    return 'Leave credentials out of the URL: the request is signed with the secret below.'
  if (url.protocol === 'https:') return null
  if (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname))
    return null
  return 'Use an https:// address (plain http is accepted only for a receiver on this machine).'
}

/** A receiver needs a secret to check signatures: one is made when none is given. */
const ensureSecretAndTitle: CollectionBeforeChangeHook = async ({ data, originalDoc, req }) => {
  const webhookUrl = data.webhookUrl ?? originalDoc?.webhookUrl
  if (webhookUrl && !(data.webhookSecret ?? originalDoc?.webhookSecret))
    data.webhookSecret = randomBytes(32).toString('base64url')
  const clinicId = data.clinic ?? originalDoc?.clinic
  if (clinicId) {
    const clinic = await req.payload
      .findByID({
        collection: CLINICS,
        id: typeof clinicId === 'object' ? clinicId.id : clinicId,
        depth: 0,
        select: { name: true },
        req,
      })
      .catch(() => null)
    if (clinic) data.title = clinic.name
  }
  return data
}

/**
 * Where each clinic's consultation requests go: an email address (sent over SMTP with TLS) and/or
 * the HTTPS webhook of the clinic's CRM or practice system, signed with HMAC-SHA256. Set by admins
 * and network editors only, and never readable by anyone else: clinics are public, this is not.
 */
export const ConsultationIntakes: CollectionConfig = {
  slug: CONSULTATION_INTAKES,
  labels: { singular: 'Consultation intake', plural: 'Consultation intakes' },
  access: { read: networkStaff, create: networkStaff, update: networkStaff, delete: networkStaff },
  admin: {
    group: 'Consultation requests',
    useAsTitle: 'title',
    defaultColumns: ['title', 'email', 'webhookUrl', 'updatedAt'],
    description:
      'Where each clinic receives the requests from its site\u2019s consultation form. A clinic without an intake cannot take requests online: its form refuses them and asks visitors to call.',
  },
  fields: [
    {
      name: 'clinic',
      type: 'relationship',
      relationTo: CLINICS,
      unique: true,
      index: true,
      // Checked here rather than `required` (NOT NULL): deleting a clinic empties the field
      // instead of being refused by the database.
      validate: (value: unknown) => Boolean(value) || 'Choose the clinic.',
      admin: { description: 'One intake per clinic.' },
    },
    {
      name: 'email',
      type: 'email',
      label: 'Intake email address',
      admin: {
        description:
          'Requests arrive here as plain-text emails (SMTP with TLS). Use a mailbox covered by the clinic\u2019s business associate agreement.',
      },
      validate: (value: string | null | undefined, { siblingData }: { siblingData: unknown }) => {
        const webhook = (siblingData as { webhookUrl?: string | null }).webhookUrl
        if (!value && !webhook) return 'Give an intake email address, a webhook URL, or both.'
        if (
          value &&
          !/^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]+$/.test(value)
        )
          return 'Enter an email address like intake@clinic.example.'
        return true
      },
    },
    {
      name: 'webhookUrl',
      type: 'text',
      label: 'Webhook URL',
      admin: {
        description:
          'Requests are POSTed here as JSON, signed in the X-Consultation-Signature header (see the README), and retried with backoff until the receiver answers 2xx.',
      },
      validate: (value: string | null | undefined) => !value || (webhookUrlProblem(value) ?? true),
    },
    {
      name: 'webhookSecret',
      type: 'text',
      label: 'Webhook signing secret',
      admin: {
        description: `The receiving system checks signatures with it. Made for you when you set a webhook URL; replace it with your own (${MIN_WEBHOOK_SECRET_LENGTH}+ characters) or clear it to make a new one.`,
      },
      validate: (value: string | null | undefined) =>
        !value ||
        value.length >= MIN_WEBHOOK_SECRET_LENGTH ||
        `Use at least ${MIN_WEBHOOK_SECRET_LENGTH} characters, or leave it empty to have one made.`,
    },
    { name: 'title', type: 'text', admin: { hidden: true } },
  ],
  hooks: { beforeChange: [ensureSecretAndTitle] },
}

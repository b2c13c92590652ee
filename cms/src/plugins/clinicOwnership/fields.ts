import type { Field } from 'payload'

import { CLINICS } from '../../collections/slugs'

/** The owner clinic alone (images): empty means a network document any document may use. */
export function ownerClinicField({ description }: { description: string }): Field {
  return {
    name: 'ownerClinic',
    type: 'relationship',
    relationTo: CLINICS,
    index: true,
    admin: { position: 'sidebar', description },
  }
}

/**
 * Who owns a document: the network, or exactly one clinic. A clinic-owned document appears on that
 * clinic's site only; network documents appear where `syndication` says (articles) or everywhere.
 */
export function ownershipFields({ description }: { description: string }): Field[] {
  return [
    {
      name: 'owner',
      type: 'radio',
      required: true,
      defaultValue: 'network',
      options: [
        { label: 'Network', value: 'network' },
        { label: 'One clinic', value: 'clinic' },
      ],
      admin: { position: 'sidebar', layout: 'horizontal', description },
    },
    {
      name: 'ownerClinic',
      type: 'relationship',
      relationTo: CLINICS,
      index: true,
      admin: {
        position: 'sidebar',
        condition: (_, siblingData) => siblingData?.owner === 'clinic',
      },
      validate: (value: unknown, { siblingData }: { siblingData: Record<string, unknown> }) => {
        if (siblingData?.owner === 'clinic' && !value)
          return 'Choose the clinic that owns this document.'
        if (siblingData?.owner !== 'clinic' && value)
          return 'Network documents have no owner clinic.'
        return true
      },
    },
  ]
}

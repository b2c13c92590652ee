import { ValidationError } from 'payload'
import type { CollectionBeforeChangeHook } from 'payload'

import { relationId } from '@clinic/shared/ids'
import { sameAddress } from '@clinic/shared/redirects'

import { REDIRECTS } from '../slugs'

type RedirectData = {
  from?: string
  ownerClinic?: unknown
  to?: { type?: string; url?: string | null }
}

const merged = (data: unknown, originalDoc: unknown): RedirectData => ({
  ...(originalDoc as RedirectData | undefined),
  ...(data as RedirectData | undefined),
})

/** A redirect is an address of one clinic's site: it always names that clinic. */
export const redirectsBelongToAClinic: CollectionBeforeChangeHook = ({ data, originalDoc }) => {
  const doc = merged(data, originalDoc)
  if (relationId(doc.ownerClinic) === undefined || relationId(doc.ownerClinic) === null) {
    throw new ValidationError({
      collection: REDIRECTS,
      errors: [{ path: 'ownerClinic', message: 'Choose the clinic whose old address this is.' }],
    })
  }
  return data
}

/**
 * One redirect per old address and clinic (the compound unique index is the last line; this
 * names the problem), and none from an address to itself.
 */
export const oneRedirectPerAddress: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
}) => {
  const doc = merged(data, originalDoc)
  if (!doc.from) return data
  if (doc.to?.type === 'custom' && doc.to.url && sameAddress(doc.from, doc.to.url)) {
    throw new ValidationError({
      collection: REDIRECTS,
      errors: [{ path: 'to.url', message: 'A redirect to its own address would loop.' }],
    })
  }
  const clash = await req.payload.find({
    collection: REDIRECTS,
    where: {
      and: [
        { from: { equals: doc.from } },
        { ownerClinic: { equals: relationId(doc.ownerClinic) } },
        ...(originalDoc?.id ? [{ id: { not_equals: originalDoc.id } }] : []),
      ],
    },
    limit: 1,
    depth: 0,
    overrideAccess: true,
    req,
  })
  if (clash.totalDocs > 0) {
    throw new ValidationError({
      collection: REDIRECTS,
      errors: [{ path: 'from', message: `This clinic already redirects ${doc.from}.` }],
    })
  }
  return data
}

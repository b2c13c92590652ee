import type { CollectionAfterOperationHook, CollectionBeforeOperationHook } from 'payload'

import { relationId } from '@clinic/shared/ids'

import { clinicIdsOf, isClinicScoped } from '../access/roles'

/** Marks a list that was read from published documents instead of latest versions. */
const LISTED_AS_PUBLISHED = Symbol('listedAsPublished')
/** The nested read of the editor's own latest drafts must not be rewritten again. */
const OWN_DRAFTS = 'listingOwnClinicDrafts'

/**
 * The admin lists documents in draft mode: each document's latest version, filtered by read
 * access. A clinic editor may not read network drafts, so a network article that network staff
 * are editing (its latest version a draft) vanished from the editor's list, although their sites
 * show it and they must open it to opt out. For a clinic editor, a draft-mode list is read from
 * the documents as published (network content) or as last saved (their clinics' own), filtered
 * and sorted on that, so a network draft can neither show nor be found by its text; the editor's
 * own documents are then replaced by their latest versions, which they may read.
 */
export const listNetworkContentAsPublished: CollectionBeforeOperationHook = ({
  args,
  operation,
  req,
}) => {
  const a = args as { draft?: boolean; id?: unknown; overrideAccess?: boolean }
  if (
    operation !== 'read' ||
    a.id !== undefined ||
    a.draft !== true ||
    a.overrideAccess === true ||
    req.context[OWN_DRAFTS] ||
    !isClinicScoped(req.user)
  )
    return args
  return { ...args, draft: false, [LISTED_AS_PUBLISHED]: true }
}

export const showOwnClinicDraftsInLists: CollectionAfterOperationHook = async ({
  args,
  collection,
  operation,
  req,
  result,
}) => {
  if (operation !== 'find' || !(args as Record<symbol, unknown>)[LISTED_AS_PUBLISHED]) return result
  const page = result as { docs: { id: string | number; ownerClinic?: unknown }[] }
  const mine = new Set(clinicIdsOf(req.user).map(String))
  const own = page.docs
    .filter((doc) => mine.has(String(relationId(doc.ownerClinic))))
    .map((doc) => doc.id)
  if (own.length === 0) return result
  const { depth, select } = args as { depth?: number; select?: Record<string, unknown> }
  const latest = await req.payload.find({
    collection: collection.slug as 'articles',
    where: { id: { in: own } },
    draft: true,
    depth,
    select: select as never,
    limit: own.length,
    pagination: false,
    overrideAccess: false,
    user: req.user,
    context: { [OWN_DRAFTS]: true },
  })
  const byId = new Map(
    (latest.docs as { id: string | number }[]).map((doc) => [String(doc.id), doc]),
  )
  page.docs = page.docs.map((doc) => byId.get(String(doc.id)) ?? doc) as typeof page.docs
  return result
}

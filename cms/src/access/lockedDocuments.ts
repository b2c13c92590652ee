import type { Access, PayloadRequest, Where } from 'payload'

import { relationId, sameId } from '@clinic/shared/ids'

import { hasRole } from './roles'

/**
 * Access to Payload's document locks (`payload-locked-documents`), which otherwise lets every
 * signed-in user list, rewrite and delete every lock. A lock names a document (or a global) and
 * the user editing it:
 *
 * - read: locks on documents and globals the user may read;
 * - create: in the user's own name, on a document or global the user may edit;
 * - update: locks on documents the user may edit, left in the user's own name (the admin's
 *   "take over" rewrites the lock to the new editor);
 * - delete: the user's own locks (the admin releases its lock when the editor leaves); admins any.
 *
 * The admin creates and refreshes locks itself through the database adapter; these rules govern
 * every other way in (REST, GraphQL, the Local API without overrideAccess).
 */

const LOCKS = 'payload-locked-documents'
/** Matches no lock (an empty `in` is not valid on every database adapter). */
const NONE: Where = { id: { exists: false } }

interface LockTarget {
  collection?: string
  id?: string | number
  global?: string
}
type Permission = 'read' | 'update'

function targetOf(lock: { document?: unknown; globalSlug?: unknown }): LockTarget {
  const document = lock.document as { relationTo?: string; value?: unknown } | null | undefined
  if (document?.relationTo && document.value !== undefined && document.value !== null)
    return { collection: document.relationTo, id: relationId(document.value) }
  if (typeof lock.globalSlug === 'string' && lock.globalSlug) return { global: lock.globalSlug }
  return {}
}

/** The ids among `ids` of `collection` that the requester may read or update. */
async function permittedIds(
  req: PayloadRequest,
  collection: string,
  ids: (string | number)[],
  permission: Permission,
): Promise<Set<string>> {
  const config = req.payload.collections[collection as 'articles']?.config
  if (!config || ids.length === 0) return new Set()
  const access = config.access[permission]
  const result = access ? await access({ req }) : Boolean(req.user)
  if (result === false) return new Set()
  const where: Where = { id: { in: ids } }
  const { docs } = await req.payload.find({
    collection: collection as 'articles',
    where: result === true ? where : { and: [where, result] },
    overrideAccess: true,
    depth: 0,
    limit: ids.length,
    pagination: false,
    select: {},
    req,
  })
  return new Set(docs.map((doc) => String(doc.id)))
}

async function globalPermitted(req: PayloadRequest, slug: string, permission: Permission) {
  const global = req.payload.config.globals.find((candidate) => candidate.slug === slug)
  const access = global?.access[permission]
  if (!global) return false
  return (access ? await access({ req }) : Boolean(req.user)) === true
}

async function mayTouch(req: PayloadRequest, target: LockTarget, permission: Permission) {
  if (target.global) return globalPermitted(req, target.global, permission)
  if (!target.collection || target.id === undefined) return false
  const ids = await permittedIds(req, target.collection, [target.id], permission)
  return ids.has(String(target.id))
}

/** Ids of the existing locks whose document the requester may read or update. */
async function lockIds(req: PayloadRequest, permission: Permission): Promise<Where> {
  const { docs } = await req.payload.find({
    collection: LOCKS,
    overrideAccess: true,
    depth: 0,
    pagination: false,
    select: { document: true, globalSlug: true },
    req,
  })
  const byCollection = new Map<string, (string | number)[]>()
  const globals = new Map<string, boolean>()
  for (const lock of docs) {
    const target = targetOf(lock)
    if (target.collection && target.id !== undefined)
      byCollection.set(target.collection, [
        ...(byCollection.get(target.collection) ?? []),
        target.id,
      ])
    if (target.global && !globals.has(target.global))
      globals.set(target.global, await globalPermitted(req, target.global, permission))
  }
  const permitted = new Map<string, Set<string>>()
  for (const [collection, ids] of byCollection)
    permitted.set(collection, await permittedIds(req, collection, ids, permission))
  const ids = docs
    .filter((lock) => {
      const target = targetOf(lock)
      if (target.global) return globals.get(target.global) === true
      return Boolean(target.collection && permitted.get(target.collection)?.has(String(target.id)))
    })
    .map((lock) => lock.id)
  return ids.length > 0 ? { id: { in: ids } } : NONE
}

const isOwnName = (req: PayloadRequest, user: unknown) => {
  const ref = user as { relationTo?: string; value?: unknown } | null | undefined
  return ref?.relationTo === req.user?.collection && sameId(ref?.value, req.user?.id)
}

export const readLocks: Access = ({ req }) => (req.user ? lockIds(req, 'read') : false)

export const createLocks: Access = async ({ req, data }) => {
  if (!req.user) return false
  // Without data the admin asks whether to offer "Create" (locks have no admin screen).
  if (!data) return true
  return isOwnName(req, data.user) && mayTouch(req, targetOf(data), 'update')
}

export const updateLocks: Access = async ({ req, data }) => {
  if (!req.user) return false
  if (data?.user !== undefined && !isOwnName(req, data.user)) return false
  if ((data?.document !== undefined || data?.globalSlug !== undefined) && data) {
    if (!(await mayTouch(req, targetOf(data), 'update'))) return false
  }
  const editable = await lockIds(req, 'update')
  // Without a new user, the lock stays in its owner's name: only the owner may change it.
  if (data?.user === undefined)
    return {
      and: [editable, { 'user.value': { equals: req.user.id } }],
    }
  return editable
}

export const deleteLocks: Access = ({ req }) => {
  if (!req.user) return false
  if (hasRole(req.user, 'admin')) return true
  const own: Where = {
    and: [
      { 'user.relationTo': { equals: req.user.collection } },
      { 'user.value': { equals: req.user.id } },
    ],
  }
  return own
}

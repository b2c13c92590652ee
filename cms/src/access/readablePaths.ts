import { QueryError } from 'payload'
import type {
  CollectionBeforeOperationHook,
  FlattenedField,
  PayloadRequest,
  SanitizedCollectionConfig,
} from 'payload'

/** Fields of an auth collection that no query may reach, whether or not they are hidden. */
const AUTH_SECRETS = new Set([
  'hash',
  'salt',
  'loginAttempts',
  'lockUntil',
  'resetPasswordToken',
  'resetPasswordExpiration',
  'apiKey',
  'apiKeyIndex',
  'enableAPIKey',
  '_verified',
  '_verificationToken',
  'sessions',
])
/** Fields of a version document that are not the document's own. */
const VERSION_META = new Set(['parent', 'latest', 'autosave', 'snapshot', 'publishedLocale'])

/**
 * Whether a read lists versions: Payload gives `beforeOperation` the same operation name ('read')
 * for documents and their versions, so version reads are told by their paths (`version.title`,
 * `parent`), which a document read would not accept.
 */
export function readsVersions(
  collection: SanitizedCollectionConfig,
  where: unknown,
  sort: unknown,
): boolean {
  if (!collection.versions) return false
  return [...wherePaths(where), ...sortPaths(sort)].some((path) => {
    const first = path.replace(/__/g, '.').split('.')[0]!
    return first === 'version' || VERSION_META.has(first)
  })
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

function wherePaths(where: unknown, out: string[] = []): string[] {
  if (!isPlainObject(where)) return out
  for (const [key, value] of Object.entries(where)) {
    if (/^(and|or)$/i.test(key) && Array.isArray(value)) {
      for (const item of value) wherePaths(item, out)
    } else out.push(key)
  }
  return out
}

function sortPaths(sort: unknown): string[] {
  const list = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  return list
    .filter((item): item is string => typeof item === 'string')
    .map((item) => item.trim().replace(/^-/, ''))
    .filter(Boolean)
}

/** Whether the requester may read every document of a collection (memoised per request). */
const readableCache = new WeakMap<PayloadRequest, Map<string, Promise<boolean>>>()
function readsEverything(req: PayloadRequest, collection: SanitizedCollectionConfig) {
  let cache = readableCache.get(req)
  if (!cache) readableCache.set(req, (cache = new Map()))
  let result = cache.get(collection.slug)
  if (!result) {
    const access = collection.access.read
    result = Promise.resolve(access ? access({ req }) : Boolean(req.user)).then((r) => r === true)
    cache.set(collection.slug, result)
  }
  return result
}

function fieldsOf(req: PayloadRequest, field: FlattenedField): FlattenedField[] | undefined {
  if (field.type === 'blocks') {
    const blocks = field.blockReferences ?? field.blocks
    return blocks.flatMap((block) =>
      typeof block === 'string'
        ? ((req.payload.blocks as Record<string, { flattenedFields: FlattenedField[] }>)[block]
            ?.flattenedFields ?? [])
        : block.flattenedFields,
    )
  }
  return 'flattenedFields' in field ? field.flattenedFields : undefined
}

/**
 * Walks a `where` or `sort` path through the collection's fields and across relationships, and
 * refuses it (400, Payload's own QueryError) when it reaches a hidden field, an authentication
 * secret of an account, a field the requester may not read, or any field of a collection the
 * requester may read only in part. Payload checks `where` paths itself but lets `sort` through
 * a relationship reach hidden fields, and scopes a related collection's filter without refusing
 * the sort: the order of the answer is then an oracle on the hidden value.
 */
async function assertReadable(
  req: PayloadRequest,
  start: SanitizedCollectionConfig,
  path: string,
  versions: boolean,
) {
  const segments = path.replace(/__/g, '.').split('.')
  if (versions && start.versions) {
    if (VERSION_META.has(segments[0]!)) return
    if (segments[0] === 'version') segments.shift()
  }
  let collection = start
  let fields: FlattenedField[] = collection.flattenedFields
  let acrossRelationship = false
  for (const [index, segment] of segments.entries()) {
    const field = fields.find((candidate) => candidate.name === segment)
    // Unknown paths: Payload refuses them in a where and ignores them in a sort.
    if (!field) return
    const refused =
      ('hidden' in field && field.hidden) ||
      (Boolean(collection.auth) && AUTH_SECRETS.has(field.name)) ||
      (acrossRelationship && !(await readsEverything(req, collection))) ||
      (field.access?.read && !(await field.access.read({ req })))
    if (refused) throw new QueryError([{ path }])
    if (index === segments.length - 1) return
    if (field.type === 'relationship' || field.type === 'upload') {
      // Polymorphic relationships can only be queried by relationTo and value.
      if (typeof field.relationTo !== 'string') return
      // Through a localized relationship (an article's medical reviewer, one per language) Payload's
      // SQL adapters build a join they cannot run (a 500): refused on every adapter instead.
      if (field.localized) throw new QueryError([{ path }])
      collection = req.payload.collections[field.relationTo]!.config
      fields = collection.flattenedFields
      acrossRelationship = true
    } else if (field.type === 'join') {
      if (typeof field.collection !== 'string') return
      collection = req.payload.collections[field.collection]!.config
      fields = collection.flattenedFields
      acrossRelationship = true
    } else {
      const nested = fieldsOf(req, field)
      if (!nested) return
      fields = nested
    }
  }
}

/** Every collection, every transport: `where` and `sort` reach only what the requester may read. */
export const readablePathsOnly: CollectionBeforeOperationHook = async ({
  args,
  collection,
  operation,
  req,
}) => {
  const a = args as Record<string, unknown>
  if (a.overrideAccess === true) return args
  const versions =
    operation === 'countVersions' ||
    (operation === 'read' && readsVersions(collection, a.where, a.sort))
  const paths = [...wherePaths(a.where), ...sortPaths(a.sort)]
  for (const path of paths) await assertReadable(req, collection, path, versions)
  if (isPlainObject(a.joins)) {
    for (const [name, join] of Object.entries(a.joins)) {
      const field = collection.flattenedFields.find((f) => f.name === name)
      if (!isPlainObject(join) || field?.type !== 'join' || typeof field.collection !== 'string')
        continue
      const joined = req.payload.collections[field.collection]!.config
      for (const path of [...wherePaths(join.where), ...sortPaths(join.sort)])
        await assertReadable(req, joined, path, false)
    }
  }
  return args
}

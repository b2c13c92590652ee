import { NotFound } from 'payload'
import type { CollectionBeforeOperationHook, Plugin } from 'payload'

/** With SQLite, ids are integers: Payload turns `/api/articles/abc` into NaN and the driver throws (500). Answer 404. */
export const rejectMalformedIds: CollectionBeforeOperationHook = ({ args, req }) => {
  const id = (args as { id?: unknown }).id
  if (typeof id === 'number' && !Number.isFinite(id)) throw new NotFound(req.t)
  return args
}

/** Every collection of the config: a malformed id is a missing document (404), not a driver error (500). */
export const malformedIdsAreNotFound = (): Plugin => (config) => ({
  ...config,
  collections: config.collections?.map((collection) => ({
    ...collection,
    hooks: {
      ...collection.hooks,
      beforeOperation: [rejectMalformedIds, ...(collection.hooks?.beforeOperation ?? [])],
    },
  })),
})

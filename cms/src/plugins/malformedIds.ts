import { NotFound } from 'payload'
import type { CollectionBeforeOperationHook } from 'payload'

/** With SQLite, ids are integers: Payload turns `/api/articles/abc` into NaN and the driver throws (500). Answer 404. */
export const rejectMalformedIds: CollectionBeforeOperationHook = ({ args, req }) => {
  const id = (args as { id?: unknown }).id
  if (typeof id === 'number' && !Number.isFinite(id)) throw new NotFound(req.t)
  return args
}

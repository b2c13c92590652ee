import type { CollectionBeforeOperationHook } from 'payload'

import { clinicIdsOf, isClinicScoped } from '../../../access/roles'

/**
 * A clinic editor's new article or FAQ that names no owner belongs to their clinic (their first,
 * when they have several). The admin creates an autosaving document the moment its create view
 * opens, with no data: the field default (network) would be refused, and the editor would get a
 * blank page. Only a missing owner is filled in; asking for network ownership is still refused.
 * (A function `defaultValue` would do the same but change the SQLite schema, and SQLite migrations
 * that rebuild a table inside Payload's migration transaction drop the rows that reference it.)
 */
export const clinicEditorsCreateForTheirClinic: CollectionBeforeOperationHook = ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'create' || !isClinicScoped(req.user)) return args
  const data = ((args as { data?: Record<string, unknown> }).data ?? {}) as Record<string, unknown>
  if (
    data.owner !== undefined ||
    (args as { duplicateFromID?: unknown }).duplicateFromID !== undefined
  )
    return args
  const clinic = clinicIdsOf(req.user)[0]
  if (clinic === undefined) return args
  return { ...args, data: { ...data, owner: 'clinic', ownerClinic: data.ownerClinic ?? clinic } }
}

import { docAccessOperation, docAccessOperationGlobal, Forbidden } from 'payload'
import type { CollectionBeforeOperationHook, PayloadRequest, Where } from 'payload'

interface ScheduleInput {
  doc?: { relationTo?: string; value?: string | number } | null
  global?: string | null
}

/** Whether the requester may publish the document or global a scheduled publish names. */
async function mayPublish(req: PayloadRequest, input: ScheduleInput): Promise<boolean> {
  const data = { _status: 'published' }
  if (input.doc?.relationTo && input.doc.value !== undefined) {
    const collection = req.payload.collections[input.doc.relationTo as 'articles']
    if (!collection) return false
    const permissions = await docAccessOperation({ id: input.doc.value, collection, data, req })
    return Boolean(permissions.update)
  }
  const globalConfig = req.payload.config.globals.find((g) => g.slug === input.global)
  if (!globalConfig) return false
  return Boolean((await docAccessOperationGlobal({ data, globalConfig, req })).update)
}

/**
 * The admin's schedule drawer cancels a scheduled publish through the Local API with access
 * overridden (`payload.delete` on payload-jobs, by id): anyone signed in could cancel any
 * clinic's schedule. A scheduled publish is cancelled only by who may publish its document, the
 * rule Payload applies to listing them. Checked before the delete runs, so that a refusal fails
 * the whole call (a bulk delete would only report it per document). Server code without a user
 * (the job runner) is not affected.
 */
export const cancelOnlyOwnSchedules: CollectionBeforeOperationHook = async ({
  args,
  operation,
  req,
}) => {
  if (operation !== 'delete' || !req.user) return args
  const { id, where } = args as { id?: string | number; where?: Where }
  const { docs } = await req.payload.find({
    collection: 'payload-jobs',
    where: id !== undefined ? { id: { equals: id } } : (where ?? {}),
    depth: 0,
    pagination: false,
    overrideAccess: true,
    req,
  })
  for (const job of docs as { taskSlug?: string; input?: ScheduleInput }[]) {
    if (job.taskSlug !== 'schedulePublish' || !job.input) continue
    if (!(await mayPublish(req, job.input))) throw new Forbidden(req.t)
  }
  return args
}

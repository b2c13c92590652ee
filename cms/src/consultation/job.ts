/**
 * The delivery job: one per request and intake channel, on its own queue, run by the runner
 * (runner.ts) through the workflow in workflow.ts. Its input is the sealed request plus ids;
 * nothing else of the request is stored anywhere.
 */
import type { Payload } from 'payload'

import { CONSULTATION_DELIVERIES } from '../collections/slugs'
import type { Channel } from './collections/Deliveries'
import { seal } from './crypto'
import type { ConsultationRequest } from './message'

export const CONSULTATION_QUEUE = 'consultation'
export const DELIVER_WORKFLOW = 'deliverConsultationRequest'
export const JOBS = 'payload-jobs'

export interface DeliveryJobInput {
  /** The delivery record's id. */
  delivery: string
  clinic: string
  channel: Channel
  /** The request's id (not secret: it is in the delivery record too). */
  request: string
  /** The request, sealed (crypto.ts) and bound to the fields above. */
  sealed: string
}

/** What the sealed request is bound to: opened under any other request, clinic or channel, it fails. */
export const sealedFor = (input: Pick<DeliveryJobInput, 'request' | 'clinic' | 'channel'>) =>
  JSON.stringify(['consultation/v1', input.request, input.clinic, input.channel])

/**
 * Stores the delivery records and sealed jobs of one request: either every channel will be tried,
 * or the submission fails and nothing is left stored.
 */
export async function queueRequest(
  payload: Payload,
  request: ConsultationRequest,
  clinic: { id: string | number },
  channels: Channel[],
): Promise<void> {
  // Single-statement writes, no transaction: with SQLite, a transaction held open across awaits
  // makes every other write of the process wait inside the driver (see runner.ts). A job that
  // cannot be stored takes the records written for this request back with it.
  const written: (string | number)[] = []
  try {
    for (const channel of channels) {
      const now = new Date().toISOString()
      const record = await payload.db.create({
        collection: CONSULTATION_DELIVERIES,
        data: {
          clinic: clinic.id,
          channel,
          status: 'queued',
          attempts: 0,
          request: request.id,
          createdAt: now,
          updatedAt: now,
        },
      })
      written.push(record.id)
      const ids = { request: request.id, clinic: String(clinic.id), channel }
      const input: DeliveryJobInput = {
        ...ids,
        delivery: String(record.id),
        sealed: seal(request, payload.config.secret, sealedFor(ids)),
      }
      await payload.jobs.queue({
        workflow: DELIVER_WORKFLOW as never,
        queue: CONSULTATION_QUEUE,
        input: input as never,
      })
    }
  } catch (error) {
    await payload.db
      .deleteMany({ collection: CONSULTATION_DELIVERIES, where: { id: { in: written } } })
      .catch(() => undefined)
    throw error
  }
}

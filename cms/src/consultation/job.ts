/**
 * The delivery job: one per request and intake channel, on its own queue, run by the runner
 * (runner.ts) through the workflow in workflow.ts. Its input is the sealed request plus ids;
 * nothing else of the request is stored anywhere.
 */
import {
  commitTransaction,
  createLocalReq,
  initTransaction,
  killTransaction,
  type Payload,
} from 'payload'

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
 * Stores the delivery records and sealed jobs of one request in one transaction: either every
 * channel will be tried, or the submission fails and nothing is stored.
 */
export async function queueRequest(
  payload: Payload,
  request: ConsultationRequest,
  clinic: { id: string | number },
  channels: Channel[],
): Promise<void> {
  const req = await createLocalReq({}, payload)
  const owns = await initTransaction(req)
  try {
    for (const channel of channels) {
      const record = await payload.create({
        collection: CONSULTATION_DELIVERIES,
        data: {
          clinic: clinic.id as number,
          channel,
          status: 'queued',
          attempts: 0,
          request: request.id,
        },
        depth: 0,
        req,
      })
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
        req,
      })
    }
    if (owns) await commitTransaction(req)
  } catch (error) {
    if (owns) await killTransaction(req)
    throw error
  }
}

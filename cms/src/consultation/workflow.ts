/**
 * The delivery job's workflow, registered in payload.config.ts.
 *
 * A workflow rather than a task: Payload copies a task's input into the job's log on every attempt
 * (a new copy of the sealed request per retry, for up to 72 hours of retries); a workflow whose
 * handler does the work itself keeps the input once, and an attempt's error (content-free, see
 * channels/errors.ts) replaces the previous one.
 */
import type { WorkflowConfig } from 'payload'

import { deliverConsultationRequest } from './deliver'
import { CONSULTATION_QUEUE, DELIVER_WORKFLOW, type DeliveryJobInput } from './job'
import { consultationSettings } from './settings'

export const deliverConsultationWorkflow: WorkflowConfig = {
  slug: DELIVER_WORKFLOW,
  label: 'Deliver a consultation request',
  queue: CONSULTATION_QUEUE,
  inputSchema: [
    { name: 'delivery', type: 'text', required: true },
    { name: 'clinic', type: 'text', required: true },
    { name: 'channel', type: 'text', required: true },
    { name: 'request', type: 'text', required: true },
    { name: 'sealed', type: 'text', required: true },
  ],
  // The request's age ends the retries (CONSULTATION_MAX_AGE_HOURS), not a count; the runner caps
  // this doubling backoff at CONSULTATION_RETRY_MAX_MINUTES.
  retries: {
    attempts: 1_000_000,
    backoff: { type: 'exponential', delay: consultationSettings().retryBaseMs },
  },
  handler: async ({ job, req }) => {
    await deliverConsultationRequest(req.payload, {
      id: job.id,
      createdAt: job.createdAt,
      totalTried: job.totalTried ?? 0,
      input: job.input as unknown as DeliveryJobInput,
    })
  },
}

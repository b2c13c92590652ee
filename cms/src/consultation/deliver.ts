/**
 * One delivery attempt: open the sealed request, send it through the channel the clinic's intake
 * names today, and record the outcome on the delivery record. A failure is thrown (content-free)
 * for the runner to record on the job and retry; a request past the maximum age, or one that can
 * no longer be delivered at all, is dropped with an alert line instead.
 */
import type { Payload } from 'payload'

import type { Clinic, ConsultationDelivery, ConsultationIntake } from '@clinic/shared/payload-types'

import { CLINICS, CONSULTATION_DELIVERIES, CONSULTATION_INTAKES } from '../collections/slugs'
import { deliverByEmail } from './channels/email'
import { DeliveryError } from './channels/errors'
import { deliverByWebhook } from './channels/webhook'
import type { DeliveryStatus } from './collections/Deliveries'
import { open } from './crypto'
import { sealedFor, type DeliveryJobInput } from './job'
import type { ConsultationRequest } from './message'
import { consultationSettings, durationText } from './settings'

export interface DeliveryJob {
  id: string | number
  createdAt: string
  /** Attempts before this one. */
  totalTried: number
  input: DeliveryJobInput
}

type RecordUpdate = {
  status: DeliveryStatus
  attempts: number
  lastError?: string | null
  deliveredAt?: string
}

/** Bookkeeping on the server's own record: straight to the database, as the jobs queue does. */
export async function updateRecord(payload: Payload, id: string, data: RecordUpdate) {
  const now = new Date().toISOString()
  await payload.db.updateOne({
    collection: CONSULTATION_DELIVERIES,
    id,
    data: { ...data, lastAttemptAt: now, updatedAt: now },
    returning: false,
  })
}

/** Marks the request as dropped and says so loudly: a clinic never got it. */
export async function dropDelivery(
  payload: Payload,
  input: Pick<DeliveryJobInput, 'delivery' | 'channel' | 'request' | 'clinic'>,
  attempts: number,
  reason: string,
): Promise<void> {
  const record = await payload.db.findOne<ConsultationDelivery>({
    collection: CONSULTATION_DELIVERIES,
    where: { id: { equals: input.delivery } },
  })
  // Delivered by a run that stopped before removing its job: nothing was lost.
  if (record?.status === 'delivered') return
  await updateRecord(payload, input.delivery, {
    status: 'dropped',
    attempts,
    lastError: reason.slice(0, 300),
  }).catch(() => undefined)
  const clinic = await payload.db
    .findOne<Clinic>({ collection: CLINICS, where: { id: { equals: input.clinic } } })
    .catch(() => null)
  console.error(
    `[consultation] ALERT: the consultation request ${input.request} for ${clinic?.slug ? `clinic "${clinic.slug}"` : `clinic id ${input.clinic}`} was DROPPED undelivered (${input.channel}, ${attempts} attempt(s)): ${reason}. Ask the clinic to call the visitor back if the request reaches them some other way; its content is gone.`,
  )
}

function unexpected(error: unknown, channel: string): DeliveryError {
  // A bug, not a delivery failure: the stack (code locations) helps; the message could quote data.
  const e = error as Error
  console.error(
    `[consultation] unexpected ${e?.name ?? 'error'} while delivering by ${channel}:\n${String(
      e?.stack ?? '',
    )
      .split('\n')
      .slice(1, 6)
      .join('\n')}`,
  )
  return new DeliveryError(`${channel}: delivery failed (${e?.name ?? 'error'} in the CMS)`)
}

export async function deliverConsultationRequest(
  payload: Payload,
  job: DeliveryJob,
): Promise<void> {
  const { input } = job
  const attempt = job.totalTried + 1
  const settings = consultationSettings()

  const record = await payload.db.findOne<ConsultationDelivery>({
    collection: CONSULTATION_DELIVERIES,
    where: { id: { equals: input.delivery } },
  })
  // Sent by an earlier run that stopped before its job was removed: never send it twice.
  if (record?.status === 'delivered' || record?.status === 'dropped') return

  if (Date.now() - Date.parse(job.createdAt) > settings.maxAgeMs) {
    await dropDelivery(
      payload,
      input,
      job.totalTried,
      `not delivered within ${durationText(settings.maxAgeMs)}`,
    )
    return
  }

  try {
    let request: ConsultationRequest
    try {
      request = open<ConsultationRequest>(input.sealed, payload.config.secret, sealedFor(input))
    } catch (error) {
      throw new DeliveryError((error as Error).message, { retryable: false })
    }
    const clinic = await payload.db.findOne<Clinic>({
      collection: CLINICS,
      where: { id: { equals: input.clinic } },
    })
    if (!clinic) throw new DeliveryError('the clinic no longer exists', { retryable: false })
    const intake = await payload.db.findOne<ConsultationIntake>({
      collection: CONSULTATION_INTAKES,
      where: { clinic: { equals: input.clinic } },
    })

    let where = ''
    if (input.channel === 'email') {
      if (!intake?.email)
        throw new DeliveryError(
          'email: the clinic has no intake email address (set one in the admin)',
        )
      const { outboxFile } = await deliverByEmail(
        payload,
        request,
        { slug: clinic.slug!, name: clinic.name },
        intake.email,
      )
      if (outboxFile) where = ` to ${outboxFile}`
    } else {
      if (!intake?.webhookUrl || !intake.webhookSecret)
        throw new DeliveryError('webhook: the clinic has no webhook URL (set one in the admin)')
      await deliverByWebhook(
        request,
        { slug: clinic.slug!, name: clinic.name },
        { url: intake.webhookUrl, secret: intake.webhookSecret },
        settings.webhookTimeoutMs,
      )
    }
    await updateRecord(payload, input.delivery, {
      status: 'delivered',
      attempts: attempt,
      lastError: null,
      deliveredAt: new Date().toISOString(),
    })
    console.log(
      `[consultation] delivered request ${input.request} for "${clinic.slug}" by ${input.channel}${where} (attempt ${attempt})`,
    )
  } catch (error) {
    const failure = error instanceof DeliveryError ? error : unexpected(error, input.channel)
    if (!failure.retryable) {
      await dropDelivery(payload, input, attempt, failure.message)
      return
    }
    await updateRecord(payload, input.delivery, {
      status: 'retrying',
      attempts: attempt,
      lastError: failure.message.slice(0, 300),
    })
    throw failure
  }
}

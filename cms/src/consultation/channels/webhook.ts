import { createHmac } from 'node:crypto'

import { webhookDocument, type ClinicInfo, type ConsultationRequest } from '../message'
import { DeliveryError, webhookFailure } from './errors'

export const SIGNATURE_HEADER = 'x-consultation-signature'
export const TIMESTAMP_HEADER = 'x-consultation-timestamp'
export const ID_HEADER = 'x-consultation-id'

/** `sha256=<hex HMAC-SHA256 of "<timestamp>.<body>" with the intake's secret>` */
export function webhookSignature(secret: string, timestamp: number, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`
}

/**
 * POSTs the request as JSON to the clinic's receiver. Delivered means a 2xx answer; anything
 * else (redirects included: the configured URL must be the final one) is a failed attempt.
 */
export async function deliverByWebhook(
  request: ConsultationRequest,
  clinic: ClinicInfo,
  target: { url: string; secret: string },
  timeoutMs: number,
): Promise<void> {
  const body = JSON.stringify(webhookDocument(request, clinic))
  const timestamp = Math.floor(Date.now() / 1000)
  let response: Response
  try {
    response = await fetch(target.url, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'user-agent': 'clinic-network-consultations/1',
        [ID_HEADER]: request.id,
        [TIMESTAMP_HEADER]: String(timestamp),
        [SIGNATURE_HEADER]: webhookSignature(target.secret, timestamp, body),
      },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(timeoutMs),
    })
  } catch (error) {
    throw webhookFailure(error, timeoutMs)
  }
  // The answer's body is never read into a log: it is discarded so the connection can be reused.
  await response.body?.cancel().catch(() => undefined)
  if (response.status < 200 || response.status > 299)
    throw new DeliveryError(`webhook: the receiver answered HTTP ${response.status}`)
}

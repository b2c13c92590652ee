import type { Payload } from 'payload'

import { mailSetup } from '../mail'
import { emailSubject, emailText, type ClinicInfo, type ConsultationRequest } from '../message'
import { DeliveryError, smtpFailure } from './errors'

/** Sends the request to the clinic's intake address through Payload's email adapter. */
export async function deliverByEmail(
  payload: Payload,
  request: ConsultationRequest,
  clinic: ClinicInfo,
  to: string,
): Promise<{ outboxFile?: string }> {
  const mail = mailSetup()
  if (mail.kind === 'none')
    throw new DeliveryError('email: this server has no mail server configured (SMTP_HOST)')
  let info: { path?: string } | undefined
  try {
    info = (await payload.sendEmail({
      to,
      subject: emailSubject(clinic),
      text: emailText(request, clinic),
      // The clinic answers the visitor directly; the address was validated (one line, no brackets).
      ...(request.email ? { replyTo: { name: request.name, address: request.email } } : {}),
      // The same request id in every attempt: a mailbox or CRM can drop a duplicate by it.
      messageId: `<${request.id}@consultation.clinic-network>`,
      headers: { 'X-Consultation-Id': request.id, 'Auto-Submitted': 'auto-generated' },
    })) as { path?: string } | undefined
  } catch (error) {
    throw smtpFailure(error)
  }
  return { outboxFile: mail.kind === 'outbox' ? info?.path : undefined }
}

/**
 * A consultation request as the clinic receives it: the plain-text email and the webhook's JSON
 * carry the same facts. Both are built in memory at delivery time from the opened request; the
 * subject line, headers and file names carry no personal data (mail notifications and logs show
 * them).
 */
import {
  CONTACT_METHODS,
  CONTACT_TIMES,
  CONSULTATION_PATH,
  PRIVACY_PATH,
} from '@clinic/shared/consultation'

import type { ConsultationFields } from './validate'

/** What is sealed into the delivery job: the visitor's answers and where they came from. */
export interface ConsultationRequest extends ConsultationFields {
  /** Random id: the email's Message-ID and the webhook's X-Consultation-Id (for deduplication). */
  id: string
  /** ISO time the CMS accepted it (the visitor gave their consent then). */
  receivedAt: string
  /** The clinic site the form was sent from: its slug and public origin. */
  site: { slug: string; origin: string }
}

export interface ClinicInfo {
  slug: string
  name: string
}

const labelOf = (options: readonly { value: string; label: string }[], value: string) =>
  options.find((option) => option.value === value)?.label ?? value

/** The webhook's JSON body (also documented in the README). */
export function webhookDocument(request: ConsultationRequest, clinic: ClinicInfo) {
  return {
    type: 'consultation.request',
    id: request.id,
    receivedAt: request.receivedAt,
    clinic: { slug: clinic.slug, name: clinic.name },
    contact: {
      name: request.name,
      phone: request.phone,
      email: request.email,
      preferredMethod: request.contactMethod,
      preferredTime: request.contactTime,
    },
    message: request.message,
    consent: {
      agreed: true,
      at: request.receivedAt,
      notice: `${request.site.origin}${PRIVACY_PATH}`,
    },
    form: `${request.site.origin}${CONSULTATION_PATH}`,
  }
}

export function emailSubject(clinic: ClinicInfo): string {
  return `Consultation request for ${clinic.name}`
}

export function emailText(request: ConsultationRequest, clinic: ClinicInfo): string {
  const rows = [
    `A visitor asked ${clinic.name} for a consultation through the website form.`,
    '',
    `Name:             ${request.name}`,
    `Phone:            ${request.phone ?? '(not given)'}`,
    `Email:            ${request.email ?? '(not given)'}`,
    `Contact by:       ${labelOf(CONTACT_METHODS, request.contactMethod)}`,
    `Best time:        ${labelOf(CONTACT_TIMES, request.contactTime)}`,
    `Clinic location:  ${clinic.name}`,
    '',
    'Message:',
    request.message ?? '(none)',
    '',
    `Consent: the visitor agreed to be contacted about this request at ${request.receivedAt}`,
    `(privacy notice: ${request.site.origin}${PRIVACY_PATH}).`,
    `Sent from: ${request.site.origin}${CONSULTATION_PATH}`,
    `Request ID: ${request.id}`,
    '',
    'The website keeps no copy of this request. Keep it only in systems the clinic uses for patient information.',
  ]
  return `${rows.join('\n')}\n`
}

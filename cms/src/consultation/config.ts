/**
 * What payload.config.ts takes from the consultation requests feature: its two collections, the
 * delivery workflow and the email adapter.
 */
import { ConsultationDeliveries } from './collections/Deliveries'
import { ConsultationIntakes } from './collections/Intakes'
import { mailSetup } from './mail'
import { deliverConsultationWorkflow } from './workflow'

export const consultationCollections = [ConsultationIntakes, ConsultationDeliveries]
export const consultationWorkflows = [deliverConsultationWorkflow]
/** Payload's `email` option: SMTP, the demo's outbox, or none (see mail.ts). */
export const consultationEmail = () => mailSetup().adapter

/**
 * What the CMS server (cms/src/server/start.ts) runs for consultation requests: the form's route
 * on every clinic host and the delivery runner. Kept out of the Payload config, which the admin's
 * Next.js build also loads.
 */
import type { Payload } from 'payload'

import { clinicDirectory } from './clinics'
import { consultationRoutes } from './endpoint'
import { mailSetup } from './mail'
import { startConsultationRunner } from './runner'
import { consultationSettings } from './settings'

export async function startConsultations({
  payload,
  sitesDir,
  log,
}: {
  payload: Payload
  sitesDir: string
  log: (line: string) => void
}) {
  const settings = consultationSettings()
  const mail = mailSetup()
  log(`[consultation] requests from the clinic sites' forms: ${mail.describe}`)
  const runner = startConsultationRunner({ payload, settings, log })
  const routes = consultationRoutes({
    payload,
    directory: clinicDirectory(payload),
    sitesDir,
    settings,
    onQueued: runner.kick,
    log,
  })
  return {
    routes,
    /** Stops taking new deliveries, lets the running ones finish, closes the mail connections. */
    close: async () => {
      await runner.close()
      mail.close()
    },
  }
}

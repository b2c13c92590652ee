/** Inputs for the shared JSON-LD builders (@clinic/shared/jsonld) from a clinic's site. */
import { CONSULTATION_PATH } from '@clinic/shared/consultation'

import type { ClinicInput } from '../lib/jsonld.ts'
import { richTextToPlainText } from '../lib/richtext.ts'

import type { ClinicSite } from './clinic-site.ts'
import { mapUrl, truncate } from './format.ts'
import { absoluteImageUrl, clinicLogo } from './media.ts'
import { stringsFor } from './strings.ts'

const inputs = new WeakMap<ClinicSite, Promise<ClinicInput>>()

/** The clinic's MedicalClinic input (the same on every page of its site: computed once). */
export function clinicJsonLdInput(site: ClinicSite): Promise<ClinicInput> {
  let input = inputs.get(site)
  if (!input) {
    input = buildInput(site)
    inputs.set(site, input)
  }
  return input
}

async function buildInput(site: ClinicSite): Promise<ClinicInput> {
  const { clinic } = site
  const logo = await clinicLogo(site)
  return {
    name: clinic.name,
    siteUrl: site.siteUrl,
    description: clinic.tagline ?? truncate(richTextToPlainText(clinic.about), 200),
    phone: clinic.phone,
    email: clinic.email,
    address: clinic.address,
    geo: clinic.geo,
    openingHours: clinic.openingHours,
    logoUrl: logo ? absoluteImageUrl(site.siteUrl, logo.src) : undefined,
    conditions: site.conditions.filter((view) => view.treated).map((view) => view.condition.name),
    treatments: (clinic.treatments ?? []).map((treatment) => treatment.name),
    consultationUrl: `${site.siteUrl}${CONSULTATION_PATH}`,
    consultationLabel: stringsFor(site.locale).requestConsultation,
    mapUrl: mapUrl(clinic.geo),
  }
}

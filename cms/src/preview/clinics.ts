import type { Payload, TypedUser } from 'payload'

import { sameId } from '@clinic/shared/ids'
import type { Article, Clinic, Faq } from '@clinic/shared/payload-types'
import {
  canonicalClinicOf,
  clinicsShowing,
  isOwnedDocOnClinic,
  syndicationClinicOf,
} from '@clinic/shared/syndication'

import { CLINICS } from '../collections/slugs'
import type { PreviewCollection } from './token'

export type PreviewClinic = Pick<Clinic, 'id' | 'name' | 'siteUrl' | 'timezone'> & { slug: string }

export interface PreviewClinics {
  /** The clinics a link may name: those whose site would show the draft once published (by name), or the default alone. */
  choices: PreviewClinic[]
  /** Where the Preview button opens the draft; undefined only when the network has no clinic. */
  default: PreviewClinic | undefined
  /** Every clinic, by slug. */
  all: PreviewClinic[]
}

type ClinicRow = PreviewClinic & Pick<Clinic, 'optedOutArticles'>

/**
 * Which clinics show a draft, by the same rules as the site generator (@clinic/shared/syndication),
 * as if it were published. The default is the owner clinic, or for network documents the canonical
 * (else first) clinic showing it; a draft no clinic shows yet (a network article not shared with
 * any clinic) opens on its owner or chosen canonical clinic, else the first clinic by slug.
 */
export function previewChoices(
  collection: PreviewCollection,
  doc: Article | Faq,
  clinics: ClinicRow[],
): PreviewClinics {
  const bySlug = [...clinics].sort((a, b) => a.slug.localeCompare(b.slug))
  const syndicationClinics = bySlug.map(syndicationClinicOf)
  const find = (ref: unknown) => bySlug.find((c) => sameId(c.id, ref))
  let showing: ClinicRow[]
  let preferred: ClinicRow | undefined
  if (collection === 'articles') {
    const article = { ...(doc as Article), _status: 'published' as const }
    showing = clinicsShowing(article, syndicationClinics).map((c) => find(c.id)!)
    preferred =
      find(canonicalClinicOf(article, syndicationClinics)?.id) ??
      find(article.owner === 'clinic' ? article.ownerClinic : article.canonicalClinic)
  } else {
    const faq = doc as Faq
    showing = bySlug.filter((c) => isOwnedDocOnClinic(faq, c))
    preferred = faq.owner === 'clinic' ? find(faq.ownerClinic) : undefined
  }
  const fallback = preferred ?? showing[0] ?? bySlug[0]
  const pick = (c: ClinicRow): PreviewClinic => ({
    id: c.id,
    name: c.name,
    slug: c.slug,
    siteUrl: c.siteUrl,
    timezone: c.timezone,
  })
  const choices = (showing.length > 0 ? showing : fallback ? [fallback] : [])
    .map(pick)
    .sort((a, b) => a.name.localeCompare(b.name))
  return { choices, default: fallback && pick(fallback), all: bySlug.map(pick) }
}

/**
 * The preview choices of a draft. With `user`, only clinics that user may read are considered
 * (clinics are public today; the rule stays right if that changes).
 */
export async function previewClinics(
  payload: Payload,
  collection: PreviewCollection,
  doc: Article | Faq,
  user?: TypedUser,
): Promise<PreviewClinics> {
  const { docs } = await payload.find({
    collection: CLINICS,
    depth: 0,
    pagination: false,
    select: { name: true, slug: true, siteUrl: true, timezone: true, optedOutArticles: true },
    ...(user ? { overrideAccess: false, user } : { overrideAccess: true }),
  })
  const clinics = (docs as ClinicRow[]).filter((clinic) => Boolean(clinic.slug))
  return previewChoices(collection, doc, clinics)
}

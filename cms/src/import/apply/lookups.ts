import type { Payload, Where } from 'payload'

import { ARTICLES, type PROVIDERS, type REDIRECTS } from '../../collections/slugs'

/** What the apply step reads once per run: existing slugs, earlier imports, drafts awaiting review. */

type Id = string | number
export interface Existing {
  id: Id
  hash: string | null
  edited: boolean
}

/** Every article slug, drafts included: read once per run (one query, not one per article). */
export async function articleSlugs(payload: Payload): Promise<Set<string>> {
  const used = await payload.find({
    collection: ARTICLES,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    draft: true,
    select: { slug: true },
  })
  return new Set(used.docs.flatMap((doc) => (doc.slug ? [doc.slug] : [])))
}

/** Documents an earlier import created, by import key. */
export async function importedDocs(
  payload: Payload,
  collection: typeof ARTICLES | typeof PROVIDERS | typeof REDIRECTS,
): Promise<Map<string, Existing>> {
  const where: Where = { 'importSource.key': { exists: true } }
  const found = await payload.find({
    collection,
    where,
    pagination: false,
    depth: 0,
    overrideAccess: true,
    // The newest draft: that is what an editor may have changed.
    ...(collection === ARTICLES ? { draft: true } : {}),
    select: { importSource: true },
  })
  const out = new Map<string, Existing>()
  for (const doc of found.docs) {
    const source = doc.importSource
    if (!source?.key) continue
    out.set(source.key, {
      id: doc.id,
      hash: source.contentHash ?? null,
      edited: Boolean(source.editedAfterImport),
    })
  }
  return out
}

/** Imported articles that are drafts: the report's and the dashboard's "awaiting medical review". */
export async function awaitingReview(payload: Payload, ids: Id[], clinicId: Map<string, Id>) {
  if (ids.length === 0) return []
  const slugOf = new Map([...clinicId].map(([slug, id]) => [String(id), slug]))
  const docs = await payload.find({
    collection: ARTICLES,
    where: { and: [{ id: { in: ids } }, { _status: { equals: 'draft' } }] },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    draft: true,
    select: { title: true, owner: true, ownerClinic: true, clinics: true },
  })
  return docs.docs.map((doc) => ({
    id: doc.id,
    title: doc.title,
    owner: doc.owner ?? 'network',
    clinics: (doc.owner === 'clinic' ? [doc.ownerClinic] : (doc.clinics ?? [])).map(
      (id) => slugOf.get(String(id)) ?? String(id),
    ),
  }))
}

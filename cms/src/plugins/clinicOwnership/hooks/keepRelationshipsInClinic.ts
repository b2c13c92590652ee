import { ValidationError } from 'payload'
import type { CollectionBeforeChangeHook } from 'payload'

import { relationId, sameId } from '@clinic/shared/ids'

import { MEDIA, PROVIDERS } from '../../../collections/slugs'

/**
 * A clinic's article may use network images or that clinic's, and name an author who works there;
 * a network article, network images only. filterOptions say the same, but Payload checks them only
 * on published saves (drafts skip validation) and meta.image has none: this checks every save.
 */
export const keepRelationshipsInClinic: CollectionBeforeChangeHook = async ({
  data,
  originalDoc,
  req,
  collection,
}) => {
  const doc = { ...originalDoc, ...data }
  const clinic = doc.owner === 'clinic' ? relationId(doc.ownerClinic) : undefined
  const changed = (now: unknown, before: unknown) =>
    relationId(now) !== undefined && !sameId(now, before)
  const errors: { path: string; message: string }[] = []
  const images: [string, unknown, unknown][] = [
    ['heroImage', doc.heroImage, originalDoc?.heroImage],
    ['meta.image', doc.meta?.image, originalDoc?.meta?.image],
  ]
  for (const [path, now, before] of images) {
    if (!changed(now, before)) continue
    const image = await req.payload.findByID({
      collection: MEDIA,
      id: relationId(now)!,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    const owner = relationId(image?.ownerClinic)
    if (!image || (owner !== undefined && owner !== null && !sameId(owner, clinic))) {
      errors.push({ path, message: "Use a network image or one of this clinic's images." })
    }
  }
  if (clinic !== undefined && changed(doc.author, originalDoc?.author)) {
    const author = await req.payload.findByID({
      collection: PROVIDERS,
      id: relationId(doc.author)!,
      depth: 0,
      overrideAccess: true,
      disableErrors: true,
      req,
    })
    if (!(author?.clinics ?? []).some((c: unknown) => sameId(c, clinic))) {
      errors.push({
        path: 'author',
        message: 'The author must work at the clinic that owns this article.',
      })
    }
  }
  if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors })
  return data
}

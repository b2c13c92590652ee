import { ValidationError } from 'payload'
import type { CollectionBeforeChangeHook } from 'payload'

import { relationId, relationIds, sameId } from '@clinic/shared/ids'

import { MEDIA, PROVIDERS } from '../../../collections/slugs'

/** The value at a dotted path (`meta.image`). */
const at = (doc: Record<string, unknown> | undefined, path: string): unknown =>
  path
    .split('.')
    .reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], doc)

/** Ids in `now` that `before` did not hold: only what a save changes is checked. */
const added = (now: unknown, before: unknown) =>
  relationIds(now).filter((id) => !relationIds(before).some((old) => sameId(old, id)))

/**
 * A clinic's document may use network images or that clinic's, and name providers who work
 * there; a network document, network images only. The filter options say the same, but Payload
 * checks them only on published saves (drafts skip validation): this checks every save. The
 * plugin passes the paths of the collection's relationships to images and to providers.
 */
export const keepRelationshipsInClinic =
  ({ images, providers }: { images: string[]; providers: string[] }): CollectionBeforeChangeHook =>
  async ({ data, originalDoc, req, collection }) => {
    const doc = { ...originalDoc, ...data }
    const clinic = doc.owner === 'clinic' ? relationId(doc.ownerClinic) : undefined
    const errors: { path: string; message: string }[] = []
    for (const path of images) {
      for (const id of added(at(doc, path), at(originalDoc, path))) {
        const image = await req.payload.findByID({
          collection: MEDIA,
          id,
          depth: 0,
          overrideAccess: true,
          disableErrors: true,
          req,
        })
        const owner = relationId(image?.ownerClinic)
        if (!image || (owner !== undefined && !sameId(owner, clinic)))
          errors.push({ path, message: "Use a network image or one of this clinic's images." })
      }
    }
    if (clinic !== undefined) {
      for (const path of providers) {
        for (const id of added(at(doc, path), at(originalDoc, path))) {
          const provider = await req.payload.findByID({
            collection: PROVIDERS,
            id,
            depth: 0,
            overrideAccess: true,
            disableErrors: true,
            req,
          })
          if (!(provider?.clinics ?? []).some((works: unknown) => sameId(works, clinic)))
            errors.push({
              path,
              message: `The ${path.split('.').at(-1)} must work at the clinic that owns this document.`,
            })
        }
      }
    }
    if (errors.length > 0) throw new ValidationError({ collection: collection.slug, errors })
    return data
  }

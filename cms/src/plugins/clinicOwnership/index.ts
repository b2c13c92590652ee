/**
 * Clinic ownership as a Payload plugin, in the shape of @payloadcms/plugin-multi-tenant: each
 * collection named in the options gets the ownership fields, the access rules, the hooks and the
 * relationship filters that keep a clinic's documents to that clinic. A new clinic-owned
 * collection is one more line of options in payload.config.ts.
 *
 * What it adds to a collection:
 * - fields: `owner` (network or one clinic) and `ownerClinic`, first in the sidebar; or, with
 *   `network: 'noOwnerClinic'`, `ownerClinic` alone, empty for network documents (images);
 * - access: network staff everything, clinic editors their clinics' documents (access/); for a
 *   collection with drafts, reads as readOwnedContent says. An operation the collection defines
 *   itself keeps its own rule (articles let medical reviewers update);
 * - hooks: enforceClinicScope first among beforeChange (what a clinic editor's document may
 *   become), then keepRelationshipsInClinic where it relates to images or providers; and last
 *   among beforeOperation, clinicEditorsCreateForTheirClinic (`owner` collections);
 * - filter options on every relationship to images and providers (filterOptions.ts), so the
 *   admin's pickers offer what the hooks accept.
 */
import type { CollectionConfig, Config, Plugin } from 'payload'

import { MEDIA, PROVIDERS } from '../../collections/slugs'
import { createOwnedContent } from './access/createOwnedContent'
import { createOwnedImages } from './access/createOwnedImages'
import { readOwnedContent } from './access/readOwnedContent'
import { readOwnedVersions } from './access/readOwnedVersions'
import { writeOwnedContent } from './access/writeOwnedContent'
import { ownerClinicField, ownershipFields } from './fields'
import { mediaForOwnedDoc, providersForOwnedDoc, withFilter } from './filterOptions'
import { clinicEditorsCreateForTheirClinic } from './hooks/clinicEditorsCreateForTheirClinic'
import { enforceClinicScope } from './hooks/enforceClinicScope'
import { keepRelationshipsInClinic } from './hooks/keepRelationshipsInClinic'
import { mapRelationships, relationshipPaths } from './relationships'

export interface ClinicOwnedCollection {
  /** Shown under the ownership field in the admin. */
  description: string
  /**
   * How a document belongs to the network rather than to one clinic: `owner` (the default), a
   * choice between the network and one clinic; `noOwnerClinic`, an empty owner clinic (images
   * any document may use).
   */
  network?: 'owner' | 'noOwnerClinic'
}

export interface ClinicOwnershipOptions {
  collections: Record<string, ClinicOwnedCollection>
}

type CollectionAccess = NonNullable<CollectionConfig['access']>

function ownershipAccess(
  collection: CollectionConfig,
  owned: ClinicOwnedCollection,
): CollectionAccess {
  const drafts = typeof collection.versions === 'object' && Boolean(collection.versions.drafts)
  const rules: Pick<CollectionAccess, 'create' | 'delete' | 'read' | 'readVersions' | 'update'> =
    owned.network === 'noOwnerClinic'
      ? { create: createOwnedImages, update: writeOwnedContent, delete: writeOwnedContent }
      : {
          ...(drafts ? { read: readOwnedContent, readVersions: readOwnedVersions } : {}),
          create: createOwnedContent,
          update: writeOwnedContent,
          delete: writeOwnedContent,
        }
  const access = { ...rules, ...collection.access }
  if (!access.read)
    throw new Error(
      `clinicOwnership: "${collection.slug}" has no drafts, so it says itself who may read it (access.read).`,
    )
  return access
}

function clinicOwned(collection: CollectionConfig, owned: ClinicOwnedCollection): CollectionConfig {
  const byOwner = owned.network !== 'noOwnerClinic'
  const ownership = byOwner
    ? ownershipFields({ description: owned.description })
    : [ownerClinicField({ description: owned.description })]
  const firstInSidebar = collection.fields.findIndex(
    (field) => 'admin' in field && field.admin?.position === 'sidebar',
  )
  const fields = [...collection.fields]
  fields.splice(firstInSidebar === -1 ? fields.length : firstInSidebar, 0, ...ownership)

  const images = relationshipPaths(fields, MEDIA)
  const providers = byOwner ? relationshipPaths(fields, PROVIDERS) : []
  const filtered = byOwner
    ? mapRelationships(fields, (field) =>
        field.relationTo === MEDIA
          ? withFilter(field, mediaForOwnedDoc)
          : field.relationTo === PROVIDERS
            ? withFilter(field, providersForOwnedDoc)
            : field,
      )
    : fields

  const hooks = collection.hooks ?? {}
  return {
    ...collection,
    access: ownershipAccess(collection, owned),
    fields: filtered,
    hooks: {
      ...hooks,
      beforeOperation: [
        ...(hooks.beforeOperation ?? []),
        ...(byOwner ? [clinicEditorsCreateForTheirClinic] : []),
      ],
      beforeChange: [
        enforceClinicScope,
        ...(images.length > 0 || providers.length > 0
          ? [keepRelationshipsInClinic({ images, providers })]
          : []),
        ...(hooks.beforeChange ?? []),
      ],
    },
  }
}

export const clinicOwnership =
  (options: ClinicOwnershipOptions): Plugin =>
  (config: Config): Config => {
    const missing = Object.keys(options.collections).filter(
      (slug) => !config.collections?.some((collection) => collection.slug === slug),
    )
    if (missing.length > 0)
      throw new Error(
        `clinicOwnership: no collection ${missing.join(', ')} (add the plugin after those that create it)`,
      )
    return {
      ...config,
      collections: config.collections?.map((collection) => {
        const owned = options.collections[collection.slug]
        return owned ? clinicOwned(collection, owned) : collection
      }),
    }
  }

/**
 * What the clinicOwnership plugin (cms/src/plugins/clinicOwnership/) adds to a collection's config.
 * What those rules then allow and refuse is the access matrix's business (tests/int/access/).
 */
import type { CollectionConfig, Config, Field } from 'payload'
import { describe, expect, it } from 'vitest'

import { clinicOwnership } from '../../cms/src/plugins/clinicOwnership/index.ts'
import { createOwnedContent } from '../../cms/src/plugins/clinicOwnership/access/createOwnedContent.ts'
import { readOwnedContent } from '../../cms/src/plugins/clinicOwnership/access/readOwnedContent.ts'
import { writeOwnedContent } from '../../cms/src/plugins/clinicOwnership/access/writeOwnedContent.ts'
import { clinicEditorsCreateForTheirClinic } from '../../cms/src/plugins/clinicOwnership/hooks/clinicEditorsCreateForTheirClinic.ts'
import { enforceClinicScope } from '../../cms/src/plugins/clinicOwnership/hooks/enforceClinicScope.ts'
import { relationshipPaths } from '../../cms/src/plugins/clinicOwnership/relationships.ts'

const anyone = () => true
const ownHook = () => undefined

/** A future clinic-owned collection: URL redirects, network-wide or one clinic's, no drafts. */
const redirects: CollectionConfig = {
  slug: 'redirects',
  access: { read: anyone },
  fields: [
    { name: 'from', type: 'text', required: true },
    { name: 'to', type: 'text', required: true },
    { name: 'note', type: 'text', admin: { position: 'sidebar' } },
  ],
  hooks: { beforeChange: [ownHook], beforeOperation: [ownHook] },
}

/** A document with images and a provider at several depths. */
const guides: CollectionConfig = {
  slug: 'guides',
  versions: { drafts: true },
  fields: [
    { name: 'title', type: 'text' },
    {
      type: 'tabs',
      tabs: [
        { label: 'Content', fields: [{ name: 'cover', type: 'upload', relationTo: 'media' }] },
        {
          name: 'people',
          fields: [{ name: 'host', type: 'relationship', relationTo: 'providers' }],
        },
      ],
    },
    {
      name: 'meta',
      type: 'group',
      fields: [
        {
          type: 'row',
          fields: [{ name: 'image', type: 'upload', relationTo: 'media', filterOptions: {} }],
        },
      ],
    },
    { name: 'topics', type: 'relationship', relationTo: 'conditions', hasMany: true },
  ],
}

const withPlugin = (
  collections: CollectionConfig[],
  options: Parameters<typeof clinicOwnership>[0],
) => clinicOwnership(options)({ collections } as Config) as Config

const names = (fields: Field[]) =>
  fields.map((field) => ('name' in field ? field.name : field.type))

describe('clinicOwnership', () => {
  it('makes a new collection clinic-owned from one line of options', () => {
    const [result] = withPlugin([redirects], {
      collections: { redirects: { description: 'Network redirects apply to every clinic site.' } },
    }).collections!
    // The owner choice comes first in the sidebar.
    expect(names(result!.fields)).toEqual(['from', 'to', 'owner', 'ownerClinic', 'note'])
    expect(result!.access).toMatchObject({
      read: anyone,
      create: createOwnedContent,
      update: writeOwnedContent,
      delete: writeOwnedContent,
    })
    // Its own hooks keep their place: the scope check runs first, the owner default last.
    expect(result!.hooks!.beforeChange).toEqual([enforceClinicScope, ownHook])
    expect(result!.hooks!.beforeOperation).toEqual([ownHook, clinicEditorsCreateForTheirClinic])
  })

  it('reads drafts by ownership, and asks a collection without drafts to say who reads it', () => {
    const [guide] = withPlugin([guides], {
      collections: { guides: { description: 'x' } },
    }).collections!
    expect(guide!.access!.read).toBe(readOwnedContent)
    expect(() =>
      withPlugin([{ ...redirects, access: {} }], {
        collections: { redirects: { description: 'x' } },
      }),
    ).toThrow(/redirects" has no drafts/)
  })

  it('refuses options naming a collection the config does not have', () => {
    expect(() =>
      withPlugin([redirects], { collections: { redirect: { description: 'x' } } }),
    ).toThrow(/no collection redirect/)
  })

  it("finds every relationship to images and providers, and filters each by the document's owner", () => {
    expect(relationshipPaths(guides.fields, 'media')).toEqual(['cover', 'meta.image'])
    expect(relationshipPaths(guides.fields, 'providers')).toEqual(['people.host'])
    const [guide] = withPlugin([guides], {
      collections: { guides: { description: 'x' } },
    }).collections!
    const filters: Record<string, unknown> = {}
    const collect = (fields: Field[]) => {
      for (const field of fields) {
        if ((field.type === 'upload' || field.type === 'relationship') && 'name' in field)
          filters[field.name] = field.filterOptions
        if ('fields' in field) collect(field.fields)
        if (field.type === 'tabs') field.tabs.forEach((tab) => collect(tab.fields))
      }
    }
    collect(guide!.fields)
    expect(typeof filters.cover).toBe('function')
    expect(typeof filters.image).toBe('function')
    expect(typeof filters.host).toBe('function')
    expect(filters.topics).toBeUndefined()
    // The scope check, then the relationship check, then the collection's own hooks.
    expect(guide!.hooks!.beforeChange![0]).toBe(enforceClinicScope)
    expect(guide!.hooks!.beforeChange).toHaveLength(2)
  })
})

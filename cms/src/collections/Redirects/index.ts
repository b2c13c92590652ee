import type { RedirectsPluginConfig } from '@payloadcms/plugin-redirects/types'
import type { Field } from 'payload'

import { redirectFromProblem, redirectToProblem } from '@clinic/shared/redirects'

import { ARTICLES, REDIRECTS } from '../slugs'
import { importSourceField } from '../../fields/importSource'
import { markEditedAfterImport } from '../../hooks/markEditedAfterImport'
import { rebuildAfterRedirectChange, rebuildAfterRedirectDelete } from '../../publishing/hooks'
import { oneRedirectPerAddress, redirectsBelongToAClinic } from './hooks'

/**
 * Old addresses of a clinic's site (imported WordPress permalinks, `?p=<id>` short links,
 * attachment pages, or added by hand) and where they now lead: an article, or a fixed path of the
 * same site. The official plugin makes the collection and its `from`/`to` fields; these options
 * make `from` unique per clinic instead of across the network (each clinic has its own site), keep
 * targets on the clinic's own site, and the clinicOwnership plugin (payload.config.ts) scopes it
 * to its clinic like any other clinic-owned document. The site build turns them into 301s
 * (site/scripts/build-sites/redirects.ts).
 */
export const redirectsOptions: RedirectsPluginConfig = {
  collections: [ARTICLES],
  overrides: {
    slug: REDIRECTS,
    admin: {
      useAsTitle: 'from',
      defaultColumns: ['from', 'to.type', 'kind', 'ownerClinic', 'updatedAt'],
      group: 'Content',
      description:
        'Old addresses of a clinic site that now lead elsewhere on the same site (301). Imports add them; edit or add your own.',
    },
    // The same old address may exist on several clinics' old sites.
    indexes: [{ fields: ['ownerClinic', 'from'], unique: true }],
    hooks: {
      // After clinicOwnership's scope check (first among beforeChange): another clinic's editor is
      // refused (403) before any clash with that clinic's addresses is named.
      beforeChange: [redirectsBelongToAClinic, oneRedirectPerAddress, markEditedAfterImport],
      afterChange: [rebuildAfterRedirectChange],
      afterDelete: [rebuildAfterRedirectDelete],
    },
    fields: ({ defaultFields }) => [
      ...defaultFields.map(withSiteRules),
      {
        name: 'kind',
        type: 'select',
        defaultValue: 'manual',
        options: [
          { label: 'Added by hand', value: 'manual' },
          { label: 'Old permalink', value: 'permalink' },
          { label: 'Short link (?p=)', value: 'short-link' },
          { label: 'Attachment page', value: 'attachment-page' },
          { label: 'Clinic information page', value: 'clinic-info' },
        ],
        admin: { position: 'sidebar' },
      },
      importSourceField(),
    ],
  },
}

function withSiteRules(field: Field): Field {
  if (!('name' in field)) return field
  if (field.name === 'from' && field.type === 'text') {
    return {
      ...field,
      // Unique per clinic (the compound index above), not across the collection.
      unique: false,
      admin: {
        description:
          "The old path and query on this clinic's site, e.g. /2019/05/my-post/ or /?p=123.",
      },
      validate: (value: unknown) => redirectFromProblem(String(value ?? '')) ?? true,
    }
  }
  if (field.name === 'to' && field.type === 'group') {
    return {
      ...field,
      fields: field.fields.map((sub) =>
        'name' in sub && sub.name === 'url' && sub.type === 'text'
          ? {
              ...sub,
              label: "Path on this clinic's site",
              admin: {
                ...sub.admin,
                description: 'A path on the same site, e.g. /location/ (never another host).',
              },
              validate: (value: unknown, { siblingData }: { siblingData: { type?: string } }) =>
                siblingData?.type !== 'custom' || (redirectToProblem(String(value ?? '')) ?? true),
            }
          : sub,
      ),
    }
  }
  return field
}

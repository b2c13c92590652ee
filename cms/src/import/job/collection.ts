import type { CollectionConfig } from 'payload'

import { isNetworkStaff } from '../../access/roles'
import { IMPORT_RUNS } from '../../collections/slugs'
import { cancelImportRun, uploadImport } from './endpoints'

/**
 * One import started from the admin's Import view (admin.tsx): who may see it, its progress, its
 * report. Written only by the server (the upload endpoint and the `importClinics` job, with
 * overrideAccess); network staff read it. The uploaded file's path is hidden from every API and
 * the file is deleted when the run ends.
 */
export const ImportRuns: CollectionConfig = {
  slug: IMPORT_RUNS,
  access: {
    read: ({ req: { user } }) => isNetworkStaff(user),
    create: () => false,
    update: () => false,
    delete: () => false,
  },
  admin: {
    useAsTitle: 'label',
    group: 'Network',
    hidden: true,
    defaultColumns: ['label', 'clinic', 'status', 'createdAt'],
  },
  endpoints: [
    { path: '/upload', method: 'post', handler: uploadImport },
    { path: '/:id/cancel', method: 'post', handler: cancelImportRun },
  ],
  fields: [
    { name: 'label', type: 'text', required: true },
    { name: 'clinic', type: 'text', required: true },
    { name: 'dryRun', type: 'checkbox', defaultValue: false },
    {
      name: 'status',
      type: 'select',
      required: true,
      defaultValue: 'queued',
      options: ['queued', 'running', 'done', 'failed', 'cancelled'],
    },
    { name: 'phase', type: 'text' },
    { name: 'done', type: 'number' },
    { name: 'total', type: 'number' },
    { name: 'error', type: 'text' },
    { name: 'cancelRequested', type: 'checkbox', defaultValue: false },
    // The plan's report and what applying it did (apply/types.ts), once known.
    { name: 'report', type: 'json' },
    { name: 'applied', type: 'json' },
    { name: 'upload', type: 'text', hidden: true },
  ],
}

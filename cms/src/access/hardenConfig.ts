import type { SanitizedConfig } from 'payload'

import { boundQueries } from '../limits/queries'
import { createLocks, deleteLocks, readLocks, updateLocks } from './lockedDocuments'
import { readablePathsOnly } from './readablePaths'
import { cancelOnlyOwnSchedules } from './scheduledPublishes'

/**
 * Rules for every collection, Payload's internal ones included (locks, jobs, preferences, ...).
 * Those are added while Payload sanitizes the config, after plugins have run, and only the jobs
 * collection has an override hook (whose extra hooks Payload warns about at every start), so the
 * rules are applied to the sanitized config, before Payload starts or builds its GraphQL schema.
 */
export function hardenConfig(config: SanitizedConfig): SanitizedConfig {
  for (const collection of config.collections) {
    // Every query, every transport: cost bounds, then only readable paths.
    collection.hooks.beforeOperation = [
      boundQueries(),
      readablePathsOnly,
      ...(collection.hooks.beforeOperation ?? []),
    ]
    if (collection.slug === 'payload-locked-documents') {
      collection.access = {
        ...collection.access,
        read: readLocks,
        create: createLocks,
        update: updateLocks,
        delete: deleteLocks,
      }
    }
    if (collection.slug === 'payload-jobs') {
      collection.hooks.beforeOperation.push(cancelOnlyOwnSchedules)
    }
  }
  return config
}

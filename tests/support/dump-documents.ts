/**
 * Prints every document (and every version) of the content collections as JSON, read through the
 * Local API of the Payload config at DUMP_CONFIG (a path), in the default locale when the config is
 * localized. Run with tsx from a checkout's cms folder: the localization migration test runs it
 * against the previous commit's code and against this one, on the same database.
 */
import fs from 'node:fs'

import { getPayload } from 'payload'
import type { CollectionSlug } from 'payload'

const COLLECTIONS = ['articles', 'faqs', 'conditions', 'clinics', 'providers'] as const
const VERSIONED = ['articles', 'faqs'] as const

const configPath = process.env.DUMP_CONFIG
const out = process.env.DUMP_OUT
if (!configPath || !out) throw new Error('DUMP_CONFIG and DUMP_OUT are required')
const { default: config } = await import(configPath)
const payload = await getPayload({ config })
const locale = payload.config.localization ? { locale: 'en' as const } : {}
const dump: Record<string, unknown[]> = {}
for (const collection of COLLECTIONS) {
  const { docs } = await payload.find({
    collection: collection as CollectionSlug,
    depth: 0,
    pagination: false,
    sort: 'id',
    ...locale,
  })
  dump[collection] = docs
}
for (const collection of VERSIONED) {
  const { docs } = await payload.findVersions({
    collection: collection as CollectionSlug,
    depth: 0,
    pagination: false,
    sort: 'id',
    ...locale,
  })
  dump[`${collection}:versions`] = docs
}
fs.writeFileSync(out, JSON.stringify(dump))
await payload.destroy()
process.exit(0)

import path from 'node:path'
import { fileURLToPath } from 'node:url'

const here = path.dirname(fileURLToPath(import.meta.url))

/** The cms/ package directory. */
export const cmsDir = path.resolve(here, '../..')

/** Where the embedded default keeps its database, media and generated secret (git-ignored). */
export const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(cmsDir, '..', 'data'))

export const mediaDir = path.resolve(process.env.MEDIA_DIR ?? path.join(dataDir, 'media'))

export const defaultSqliteUri = `file:${path.join(dataDir, 'clinic-network.db')}`

/** Where the static clinic sites are written (one folder per clinic slug) and served from locally. */
export const sitesDir = path.resolve(process.env.SITES_DIR ?? path.join(dataDir, 'sites'))

import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The cms/ package directory, found from this module whether it runs from src/ or bundled in dist/. */
function findCmsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url))
  while (!fs.existsSync(path.join(dir, 'next.config.ts'))) {
    const parent = path.dirname(dir)
    if (parent === dir)
      throw new Error('Cannot find the cms/ directory (next.config.ts) above this module.')
    dir = parent
  }
  return dir
}

export const cmsDir = findCmsDir()

/** Where the embedded default keeps its database, media and generated secret (git-ignored). */
export const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(cmsDir, '..', 'data'))

export const mediaDir = path.resolve(process.env.MEDIA_DIR ?? path.join(dataDir, 'media'))

export const defaultSqliteUri = `file:${path.join(dataDir, 'clinic-network.db')}`

/** Where the static clinic sites are written (one folder per clinic slug) and served from locally. */
export const sitesDir = path.resolve(process.env.SITES_DIR ?? path.join(dataDir, 'sites'))

/**
 * `npm run backup [-- --out <file.tar.gz or folder>]`: one .tar.gz with a consistent snapshot of the
 * embedded SQLite database (taken while the CMS runs), the media folder and the data folder's
 * generated secret, verified after writing. Reads DATA_DIR, MEDIA_DIR and DATABASE_URI like the CMS.
 * Default output: <DATA_DIR>/backups/clinic-network-<time>.tar.gz. MongoDB: see docs/DEPLOYMENT.md.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { createBackup, defaultBackupFile } from './lib/backup/archive.ts'
import { dataLocations } from './lib/backup/sqlite.ts'

try {
  const { values } = parseArgs({ options: { out: { type: 'string' } } })
  const locations = dataLocations()
  let out = values.out
    ? path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out)
    : defaultBackupFile(locations)
  if (fs.statSync(out, { throwIfNoEntry: false })?.isDirectory())
    out = path.join(out, path.basename(defaultBackupFile(locations)))
  if (fs.existsSync(out)) throw new Error(`${out} exists already; choose another --out`)
  await createBackup(locations, out)
  console.log('[backup] keep a copy off this machine; restore with: npm run restore -- <file>')
} catch (error) {
  console.error(`[backup] FAILED: ${(error as Error).message}`)
  process.exit(1)
}

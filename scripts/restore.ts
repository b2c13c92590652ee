/**
 * `npm run restore -- <backup.tar.gz> [--force]`: restores a backup made by `npm run backup` into
 * DATA_DIR / MEDIA_DIR / DATABASE_URI (read like the CMS does). Refuses while a CMS answers /readyz
 * on PORT (default 3000) or holds the database open, unless --force. The archive is verified in
 * full before anything is replaced; the replaced data is kept in <DATA_DIR>/pre-restore-<time>/.
 */
import path from 'node:path'
import { parseArgs } from 'node:util'

import { restoreBackup } from './lib/backup/restore.ts'
import { dataLocations } from './lib/backup/sqlite.ts'

try {
  const { values, positionals } = parseArgs({
    options: { force: { type: 'boolean', default: false } },
    allowPositionals: true,
  })
  if (positionals.length !== 1)
    throw new Error('usage: npm run restore -- <backup.tar.gz> [--force]')
  const archive = path.resolve(process.env.INIT_CWD ?? process.cwd(), positionals[0]!)
  await restoreBackup(archive, dataLocations(), {
    force: values.force,
    port: Number(process.env.PORT ?? 3000),
  })
} catch (error) {
  const { name, message } = error as Error
  console.error(`[restore] ${name === 'RestoreRefused' ? 'REFUSED' : 'FAILED'}: ${message}`)
  process.exit(name === 'RestoreRefused' ? 2 : 1)
}

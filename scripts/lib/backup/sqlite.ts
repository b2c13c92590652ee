/**
 * Where the embedded default keeps its data, and SQLite operations on it through the same library
 * the CMS uses (@libsql/client, a dependency of @payloadcms/db-sqlite), so the snapshot is taken
 * with the locking the running server honours.
 *
 * Plain Node (explicit .ts imports, no CMS runtime): run by scripts/backup.ts and scripts/restore.ts.
 */
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'

import { databaseKindOf, redactUri } from '../../../cms/src/lib/database.ts'
import { cmsDir } from '../../../cms/src/lib/paths.ts'

export interface DataLocations {
  dataDir: string
  mediaDir: string
  databaseFile: string
}

/** The embedded default's database file, media folder and data folder, as the CMS resolves them. */
export function dataLocations(env: NodeJS.ProcessEnv = process.env): DataLocations {
  // Relative paths resolve from cms/, the server's working folder, exactly as the CMS resolves them.
  const fromCms = (dir: string) => path.resolve(cmsDir, dir)
  const dataDir = env.DATA_DIR ? fromCms(env.DATA_DIR) : path.join(cmsDir, '..', 'data')
  const uri = env.DATABASE_URI?.trim() || `file:${path.join(dataDir, 'clinic-network.db')}`
  if (databaseKindOf(uri) !== 'sqlite') {
    throw new Error(
      `DATABASE_URI is ${redactUri(uri)}: this backup covers the embedded SQLite database only. For MongoDB use mongodump --oplog and mongorestore --oplogReplay (docs/DEPLOYMENT.md).`,
    )
  }
  // file:/abs/path.db, file:///abs/path.db or file:relative.db
  const filePath = decodeURIComponent(uri.replace(/^file:(\/\/(?=\/))?/, '').split('?')[0]!)
  return {
    dataDir,
    mediaDir: env.MEDIA_DIR ? fromCms(env.MEDIA_DIR) : path.join(dataDir, 'media'),
    databaseFile: fromCms(filePath),
  }
}

interface SqlClient {
  execute(
    statement: string | { sql: string; args: unknown[] },
  ): Promise<{ rows: Record<string, unknown>[] }>
  close(): void
}

function libsql(): { createClient: (config: { url: string }) => SqlClient } {
  // Resolved through the adapter that depends on it, not through hoisting luck.
  const fromCms = createRequire(path.join(cmsDir, 'package.json'))
  const fromAdapter = createRequire(fromCms.resolve('@payloadcms/db-sqlite'))
  return fromAdapter('@libsql/client')
}

async function withDatabase<T>(file: string, work: (client: SqlClient) => Promise<T>): Promise<T> {
  const client = libsql().createClient({ url: `file:${file}` })
  try {
    // Wait for the server's writers instead of failing with SQLITE_BUSY.
    await client.execute('PRAGMA busy_timeout = 15000')
    return await work(client)
  } finally {
    client.close()
  }
}

/**
 * A consistent copy of a live database: VACUUM INTO reads one snapshot (a read transaction, which
 * in WAL mode never blocks the server's writers) and writes a compact, self-contained file.
 */
export async function snapshotDatabase(source: string, target: string): Promise<void> {
  if (!fs.existsSync(source))
    throw new Error(`No database at ${source} (set DATA_DIR or DATABASE_URI to the CMS's).`)
  await withDatabase(source, async (client) => {
    await client.execute({ sql: 'VACUUM INTO ?', args: [target] })
  })
}

/** SQLite's own consistency check ("ok" when the file is sound). */
export async function integrityCheck(file: string): Promise<string> {
  return withDatabase(file, async (client) => {
    const { rows } = await client.execute('PRAGMA integrity_check')
    return rows.map((row) => String(Object.values(row)[0])).join('; ')
  })
}

/** Row count of every table: printed by backup and restore so an operator can compare them. */
export async function tableCounts(file: string): Promise<Record<string, number>> {
  return withDatabase(file, async (client) => {
    const { rows } = await client.execute(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    const counts: Record<string, number> = {}
    for (const row of rows) {
      const table = String(row.name)
      const result = await client.execute(
        `SELECT count(*) AS n FROM "${table.replace(/"/g, '""')}"`,
      )
      counts[table] = Number(result.rows[0]?.n ?? 0)
    }
    return counts
  })
}

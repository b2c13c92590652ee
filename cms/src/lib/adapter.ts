import type { DatabaseAdapterObj } from 'payload'

import path from 'node:path'

import { CONNECT_TIMEOUT_MS, databaseKindOf, mongoUriHasReplicaSet, redactUri } from './database'
import { cmsDir } from './paths'

/**
 * The adapter DATABASE_URI selects, and only that one is imported: each adapter (with its driver,
 * and for SQLite Drizzle and the migrations) costs hundreds of milliseconds and tens of MB at
 * start, which a server on the other database never gets back.
 */
export async function databaseAdapter(uri: string): Promise<DatabaseAdapterObj> {
  if (databaseKindOf(uri) === 'mongodb') {
    if (!mongoUriHasReplicaSet(uri)) {
      console.warn(
        `[db] WARNING: ${redactUri(uri)} names no replica set: MongoDB transactions are OFF, so a failed multi-document change can be left half-applied. Use a replica set (replicaSet=...) or mongodb+srv:// in production.`,
      )
    }
    const { mongooseAdapter } = await import('@payloadcms/db-mongodb')
    return mongooseAdapter({
      url: uri,
      connectOptions: {
        serverSelectionTimeoutMS: CONNECT_TIMEOUT_MS,
        connectTimeoutMS: CONNECT_TIMEOUT_MS,
      },
      // Unique indexes (slugs) must exist before the first request, not whenever Mongoose gets to them.
      ensureIndexes: true,
    })
  }
  const [{ sqliteAdapter }, { migrations }, { indexLocalizedRowsByParent }] = await Promise.all([
    import('@payloadcms/db-sqlite'),
    import('../migrations'),
    import('./sqliteIndexes'),
  ])
  return sqliteAdapter({
    client: { url: uri },
    // Schema changes ship as committed migrations, applied at start in production.
    migrationDir: path.join(cmsDir, 'src', 'migrations'),
    prodMigrations: migrations,
    // Development pushes the schema straight from the config; DATABASE_PUSH=false keeps a second
    // process (tests' Local API next to a running server) from touching a migrated schema.
    push: process.env.DATABASE_PUSH !== 'false',
    // Writers wait for each other instead of failing with SQLITE_BUSY under concurrent requests.
    busyTimeout: 5_000,
    wal: true,
    afterSchemaInit: [indexLocalizedRowsByParent],
  })
}

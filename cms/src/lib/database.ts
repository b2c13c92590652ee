/**
 * Which database adapter a DATABASE_URI selects, and how to talk about that URI in logs.
 * Pure functions: the adapters themselves are created in ./adapter.ts.
 */
export type DatabaseKind = 'sqlite' | 'mongodb'

/** Time allowed to reach the database at start before the process gives up (must exit < 10 s). */
export const CONNECT_TIMEOUT_MS = 5_000

export class DatabaseUriError extends Error {
  override name = 'DatabaseUriError'
}

export function databaseKindOf(uri: string): DatabaseKind {
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(uri.trim())?.[1]?.toLowerCase()
  if (scheme === 'file') return 'sqlite'
  if (scheme === 'mongodb' || scheme === 'mongodb+srv') return 'mongodb'
  throw new DatabaseUriError(
    `Unsupported DATABASE_URI scheme "${scheme ?? '(none)'}" in ${redactUri(uri)}: use file:<path> for the embedded SQLite database or mongodb:// / mongodb+srv:// for MongoDB.`,
  )
}

/** The URI with any password replaced, safe to print. */
export function redactUri(uri: string): string {
  return uri.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^:@/]*):([^@/]*)@/i, '$1$2:***@')
}

/** host[:port] list of a mongodb URI (or the file path of a SQLite one), for error messages. */
export function describeTarget(uri: string): string {
  if (databaseKindOf(uri) === 'sqlite') return uri.replace(/^file:(\/\/)?/, '')
  const afterScheme = uri.replace(/^[a-z+]+:\/\//i, '')
  const withoutCredentials = afterScheme.includes('@')
    ? afterScheme.slice(afterScheme.lastIndexOf('@') + 1)
    : afterScheme
  return withoutCredentials.split(/[/?]/)[0] ?? withoutCredentials
}

/**
 * MongoDB transactions need a replica set. SRV URIs (Atlas) always point at one; plain URIs
 * must name it with `replicaSet=`. Without one Payload silently runs without transactions.
 */
export function mongoUriHasReplicaSet(uri: string): boolean {
  if (/^mongodb\+srv:/i.test(uri)) return true
  const query = uri.split('?')[1] ?? ''
  return new URLSearchParams(query).has('replicaSet')
}

import { databaseKindOf, describeTarget, redactUri } from './database'
import { databaseUri, payloadSecret } from './env'

const PING_TIMEOUT_MS = 4_000

/**
 * Checks run before the server loads Payload and Next.js (seconds of loading on a busy host), so a
 * configuration mistake or an unreachable database ends start-up quickly with a message that names
 * the actual problem. Returns a message on failure, null when start-up may go on.
 */
export async function preflight(): Promise<string | null> {
  const uri = databaseUri()
  try {
    databaseKindOf(uri)
    payloadSecret()
    // A malformed limit (BODY_LIMIT=lots) is named here rather than as a database failure.
    await import('../limits/settings')
  } catch (error) {
    return (error as Error).message
  }
  if (databaseKindOf(uri) !== 'mongodb') return null
  const { MongoClient } = await import('mongodb')
  // Short: the whole start-up must give up within 10 s, and a healthy server answers in milliseconds.
  const client = new MongoClient(uri, {
    serverSelectionTimeoutMS: PING_TIMEOUT_MS,
    connectTimeoutMS: PING_TIMEOUT_MS,
  })
  try {
    await client.connect()
    await client.db().command({ ping: 1 })
    return null
  } catch (error) {
    return `database at ${describeTarget(uri)} (${redactUri(uri)}) is not usable: ${(error as Error).message}`
  } finally {
    await client.close().catch(() => undefined)
  }
}

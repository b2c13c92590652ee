import type { Payload } from 'payload'

import { CLINICS } from '../collections/slugs'
import { isEmbeddedDefault } from '../lib/env'
import { adminFromEnv, demoReviewersWithoutLogin, embeddedDemoUsers } from './demoUsers'
import { seedDemoNetwork, type SeedUser } from './index'

/**
 * Seeds the demo network when the database has no clinic yet. On by default for the embedded
 * SQLite database; SEED_DEMO=true or false decides explicitly (production deployments start
 * empty unless asked). Returns the demo logins to print, if any.
 */
export async function seedIfEmpty(
  payload: Payload,
  log: (line: string) => void,
): Promise<SeedUser[]> {
  const wanted = process.env.SEED_DEMO ? process.env.SEED_DEMO === 'true' : isEmbeddedDefault()
  const users = isEmbeddedDefault() ? embeddedDemoUsers() : adminFromEnv()
  const { totalDocs } = await payload.count({ collection: CLINICS, overrideAccess: true })
  if (totalDocs > 0 || !wanted) {
    // Still make sure a configured admin exists (production: ADMIN_EMAIL / ADMIN_PASSWORD).
    if (!isEmbeddedDefault() && users.length > 0) await ensureUsers(payload, users, log)
    return isEmbeddedDefault() ? users : []
  }
  const started = performance.now()
  log('[seed] empty database: creating the demo clinic network...')
  const seedUsers = isEmbeddedDefault() ? users : [...users, ...demoReviewersWithoutLogin()]
  await seedDemoNetwork(payload, { users: seedUsers, log: (line) => log(`[seed]   ${line}`) })
  log(`[seed] demo network ready in ${Math.round(performance.now() - started)} ms`)
  return isEmbeddedDefault() ? users : []
}

async function ensureUsers(payload: Payload, users: SeedUser[], log: (line: string) => void) {
  for (const user of users) {
    const { totalDocs } = await payload.count({
      collection: 'users',
      where: { email: { equals: user.email.toLowerCase() } },
      overrideAccess: true,
    })
    if (totalDocs > 0) continue
    await payload.create({
      collection: 'users',
      data: { ...user, clinics: [] },
      overrideAccess: true,
      context: { seeding: true },
    })
    log(`[seed] created admin ${user.email} from ADMIN_EMAIL`)
  }
}

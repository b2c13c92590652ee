/**
 * Gives the synthetic network's admin (bench.admin@…, seeded with a random password) a fresh
 * password for this run and prints `BENCH_ADMIN {"email","password"}`: bench/publish.ts publishes
 * through REST as that user. Run like seed-network.ts: `node --import tsx` with cwd cms/,
 * DATABASE_URI / DATA_DIR / PAYLOAD_SECRET set, NODE_ENV=production, DATABASE_PUSH=false.
 */
import { randomBytes } from 'node:crypto'

import { getPayload } from 'payload'

import config from '../../cms/src/payload.config.ts'

const payload = await getPayload({ config })
try {
  const { docs } = await payload.find({
    collection: 'users',
    where: { roles: { contains: 'admin' } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  const admin = docs[0]
  if (!admin) throw new Error('the seeded network has no admin user')
  const password = randomBytes(18).toString('base64url')
  await payload.update({
    collection: 'users',
    id: admin.id,
    data: { password },
    overrideAccess: true,
    context: { seeding: true },
  })
  console.log(`BENCH_ADMIN ${JSON.stringify({ email: admin.email, password })}`)
} finally {
  await payload.destroy()
}

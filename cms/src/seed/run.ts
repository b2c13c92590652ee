/** `npm run seed`: adds the demo network's missing documents to the configured database. */
import { getPayload } from 'payload'

import { isEmbeddedDefault } from '../lib/env'
import { adminFromEnv, demoReviewersWithoutLogin, embeddedDemoUsers } from './demoUsers'
import { seedDemoNetwork } from './index'

const started = performance.now()
const { default: config } = await import('../payload.config')
const payload = await getPayload({ config })
try {
  const users = isEmbeddedDefault()
    ? embeddedDemoUsers()
    : [...adminFromEnv(), ...demoReviewersWithoutLogin()]
  const summary = await seedDemoNetwork(payload, {
    users,
    log: (line) => console.log(`[seed] ${line}`),
  })
  const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0)
  console.log(
    `[seed] done in ${Math.round(performance.now() - started)} ms: ${total(summary.created)} created, ${total(summary.existing)} already present (left unchanged)`,
  )
} finally {
  await payload.destroy()
}
process.exit(0)

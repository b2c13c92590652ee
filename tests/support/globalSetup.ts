import { ensureAdminBuild } from '../../scripts/lib/admin-build.ts'

/** The int suite runs the production server, which serves the built admin. */
export default async function setup() {
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  await ensureAdminBuild({ log: (line) => console.log(line) })
  if (!process.env.TEST_MONGODB_URI) {
    console.log(
      '[int] TEST_MONGODB_URI is not set: the integration suite runs on SQLite only; the MongoDB run is SKIPPED.',
    )
  } else {
    console.log('[int] running the integration suite against MongoDB (TEST_MONGODB_URI).')
  }
}

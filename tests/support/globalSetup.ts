import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { ensureAdminBuild } from '../../scripts/lib/admin-build.ts'

/**
 * The int suite runs the production server, which serves the built admin. The servers' data
 * folders (tests/support/cms.ts) go in one folder per run, removed when the run ends: a test may
 * start a second server on a stopped one's folder, so they cannot go with each server.
 */
export default async function setup() {
  process.env.NEXT_TELEMETRY_DISABLED = '1'
  let runDir: string | undefined
  if (!process.env.CLINIC_TEST_TMPDIR) {
    runDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-test-run-'))
    process.env.CLINIC_TEST_TMPDIR = runDir
  }
  await ensureAdminBuild({ log: (line) => console.log(line) })
  if (!process.env.TEST_MONGODB_URI) {
    console.log(
      '[int] TEST_MONGODB_URI is not set: the integration suite runs on SQLite only; the MongoDB run is SKIPPED.',
    )
  } else {
    console.log('[int] running the integration suite against MongoDB (TEST_MONGODB_URI).')
  }
  return () => {
    if (runDir) fs.rmSync(runDir, { recursive: true, force: true })
  }
}

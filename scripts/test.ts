/**
 * `npm test` (after the generated-code check and type-check): every vitest project (unit, int,
 * e2e), then one plain summary line that CI systems can read.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { repoRoot } from './lib/admin-build.ts'

const report = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-test-')), 'vitest.json')
const vitest = path.join(repoRoot, 'node_modules', 'vitest', 'vitest.mjs')
const args = [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${report}`,
  ...process.argv.slice(2),
]

const child = spawn(process.execPath, [vitest, ...args], {
  cwd: repoRoot,
  stdio: 'inherit',
  env: {
    ...process.env,
    NODE_ENV: 'test',
    NEXT_TELEMETRY_DISABLED: '1',
    ASTRO_TELEMETRY_DISABLED: '1',
  },
})
const code = await new Promise<number>((resolve) =>
  child.on('exit', (exitCode) => resolve(exitCode ?? 1)),
)

try {
  const result = JSON.parse(fs.readFileSync(report, 'utf8')) as {
    numPassedTests: number
    numFailedTests: number
    numPendingTests: number
    numTotalTests: number
  }
  console.log(
    `\ntests: ${result.numPassedTests} passed, ${result.numFailedTests} failed, ${result.numPendingTests} skipped`,
  )
  if (result.numTotalTests === 0) {
    console.error('No test ran.')
    process.exit(1)
  }
} catch {
  console.error('vitest wrote no report: the run did not complete.')
  process.exit(code || 1)
}
process.exit(code)

/**
 * `npm start`: the demo clinic network on this machine, in production mode.
 * Builds the admin if its sources changed, then starts the CMS server, which applies database
 * migrations, seeds the demo network into an empty database and prints the logins.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { ensureAdminBuild, repoRoot } from './lib/build.ts'

const started = Date.now()
const port = process.env.PORT ?? '3000'
const env: NodeJS.ProcessEnv = {
  ...process.env,
  NODE_ENV: 'production',
  PORT: port,
  NEXT_TELEMETRY_DISABLED: '1',
  ASTRO_TELEMETRY_DISABLED: '1',
  SERVER_URL: process.env.SERVER_URL ?? `http://localhost:${port}`,
}

console.log('[start] clinic network: checking the admin build...')
try {
  const result = await ensureAdminBuild()
  if (result === 'fresh') console.log('[start] admin build is up to date')
} catch (error) {
  console.error(`[start] ${(error as Error).message}`)
  process.exit(1)
}

console.log('[start] starting the CMS (migrations, demo seed on an empty database)...')
const cms = spawn(process.execPath, ['dist/server.js'], {
  cwd: path.join(repoRoot, 'cms'),
  env,
  stdio: 'inherit',
})

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => cms.kill(signal))
}
cms.on('exit', (code, signal) => {
  if (code !== 0 && signal === null) console.error(`[start] the CMS exited with code ${code} after ${Math.round((Date.now() - started) / 1000)} s`)
  process.exit(code ?? 0)
})

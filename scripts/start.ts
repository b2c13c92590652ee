/**
 * `npm start`: the demo clinic network on this machine, in production mode.
 * Builds the CMS if its sources changed, starts it (it applies migrations, seeds the demo network
 * into an empty database and prints the logins), then builds every clinic's static site from the
 * CMS's REST API and serves them at http://<clinic>.localhost:<port>/.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { ensureAdminBuild, repoRoot } from './lib/admin-build.ts'

const started = Date.now()
const port = process.env.PORT ?? '3000'
const localUrl = `http://localhost:${port}`
const dataDir = path.resolve(process.env.DATA_DIR ?? path.join(repoRoot, 'data'))
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DATA_DIR: dataDir,
  // The CMS serves the sites from here and the site build writes them here.
  SITES_DIR: path.resolve(process.env.SITES_DIR ?? path.join(dataDir, 'sites')),
  NODE_ENV: 'production',
  PORT: port,
  NEXT_TELEMETRY_DISABLED: '1',
  ASTRO_TELEMETRY_DISABLED: '1',
  SERVER_URL: process.env.SERVER_URL ?? localUrl,
  BUILD_SITES_ON_START: process.env.BUILD_SITES_ON_START ?? 'true',
  SITES_LOCAL_URL: `http://{slug}.localhost:${port}/`,
}

console.log('[start] clinic network: checking the CMS build...')
try {
  const result = await ensureAdminBuild()
  if (result === 'fresh') console.log('[start] CMS build is up to date')
} catch (error) {
  console.error(`[start] ${(error as Error).message}`)
  process.exit(1)
}

console.log('[start] starting the CMS (migrations, demo seed on an empty database)...')
const cms = spawn(process.execPath, ['dist/server.js'], {
  cwd: path.join(repoRoot, 'cms'),
  env,
  stdio: ['ignore', 'pipe', 'inherit'],
})
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => cms.kill(signal))
cms.on('exit', (code, signal) => {
  if (code !== 0 && signal === null)
    console.error(
      `[start] the CMS exited with code ${code} after ${Math.round((Date.now() - started) / 1000)} s`,
    )
  process.exit(code ?? 0)
})

// The CMS builds the clinic sites itself once it listens (BUILD_SITES_ON_START); print where they are.
let output = ''
cms.stdout.on('data', (chunk: Buffer) => {
  process.stdout.write(chunk)
  output += chunk
  if (/\[cms\] clinic sites built into/.test(chunk.toString())) {
    const slugs = [
      ...new Set([...output.matchAll(/^\[sites\]\s+([a-z0-9-]+):\s+\d+ pages/gm)].map((m) => m[1])),
    ]
    console.log(`[start] ready in ${Math.round((Date.now() - started) / 1000)} s:`)
    console.log(`[start]   admin          ${localUrl}/admin`)
    console.log(`[start]   network index  ${localUrl}/`)
    for (const slug of slugs)
      console.log(`[start]   clinic site    http://${slug}.localhost:${port}/`)
  }
})

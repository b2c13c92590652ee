import { spawn } from 'node:child_process'
import path from 'node:path'

import { cmsDir } from '../lib/paths'

/**
 * Builds every clinic's static site from this CMS's REST API (site/scripts/build-sites.ts) into
 * `sitesDir`, passing its progress lines through. Resolves with the exit code; the CMS keeps
 * serving whatever happens. (Rebuilds on publish are the publishing pipeline's job.)
 */
export function buildAllSites({ cmsUrl, sitesDir, log }: { cmsUrl: string; sitesDir: string; log: (line: string) => void }): Promise<number> {
  const siteDir = path.join(cmsDir, '..', 'site')
  const child = spawn(process.execPath, [path.join(siteDir, 'scripts', 'build-sites.ts')], {
    cwd: siteDir,
    env: { ...process.env, CMS_URL: cmsUrl, SITES_DIR: sitesDir, ASTRO_TELEMETRY_DISABLED: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) if (line.trim()) log(line)
  }
  child.stdout.on('data', forward)
  child.stderr.on('data', forward)
  return new Promise((resolve) => {
    child.on('error', (error) => {
      log(`[sites] cannot start the site build: ${error.message}`)
      resolve(1)
    })
    child.on('exit', (code) => resolve(code ?? 1))
  })
}

/**
 * `npm run rollback -- <clinic>`: switches a clinic's live site back to its previous release (one
 * release per run; the builder keeps the last 3). `npm run rollback -- <clinic> --list` shows them.
 * The next publish that affects the clinic builds a new release from the CMS as usual.
 *
 * Env: SITES_DIR (default <repo>/data/sites; in docker compose, run it in the cms container).
 */
import path from 'node:path'

import {
  listReleases,
  liveRelease,
  readReleaseManifest,
  releasesOf,
  rollback,
} from '@clinic/shared/releases'

import { repoRoot } from './lib/admin-build.ts'

const sitesDir = path.resolve(
  process.env.SITES_DIR ?? path.join(process.env.DATA_DIR ?? path.join(repoRoot, 'data'), 'sites'),
)
const args = process.argv.slice(2)
const clinic = args.find((arg) => !arg.startsWith('-'))

if (!clinic || args.includes('--help')) {
  console.error('usage: npm run rollback -- <clinic-slug> [--list]')
  process.exit(clinic ? 0 : 2)
}

try {
  if (args.includes('--list')) {
    const live = await liveRelease(sitesDir, clinic)
    const ids = await listReleases(sitesDir, clinic)
    if (ids.length === 0) console.log(`[rollback] ${clinic} has no releases in ${sitesDir}`)
    for (const id of ids) {
      const manifest = await readReleaseManifest(path.join(releasesOf(sitesDir, clinic), id))
      console.log(
        `${id === live?.id ? '* ' : '  '}${id}  ${manifest ? `${manifest.pages} pages, built ${manifest.builtAt}` : '(no manifest)'}`,
      )
    }
  } else {
    const { from, to } = await rollback(sitesDir, clinic)
    console.log(`[rollback] ${clinic}: live release switched from ${from} to ${to}`)
  }
} catch (error) {
  console.error(`[rollback] ${(error as Error).message}`)
  process.exit(1)
}

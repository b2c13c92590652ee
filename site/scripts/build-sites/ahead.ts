/**
 * The next publish's Astro build, bundled ahead. Bundling the site's code is 0.25-0.33 s of every
 * publish on the 10,000-page benchmark network, and it depends on no content: the resident
 * builder (resident.ts) starts the next build as soon as a build is live, lets it bundle and
 * wait (astro-build.ts `bundleAhead`), and the next publish generates its pages from that bundle.
 *
 * The build gets its folders before it knows its clinics: a working folder (Astro's cwd, for its
 * prerender bundle), a staging folder in SITES_DIR (its outDir: Astro writes the bundle's client
 * assets there) and a reserved working cache (render-cache.ts `reserve`, filled at checkout).
 * None of them needs the SITES_DIR lock until pages are generated, which happens under the lock
 * of the build that uses it (build-sites.ts). A build that cannot use it (a full build, another
 * SITES_DIR) or whose bundling failed discards it and bundles as before.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import { bundleAhead, type BundledBuild } from './astro-build.ts'
import { exists } from './files.ts'
import { createStaging, enterWorkDir } from './lock.ts'
import { log } from './log.ts'
import { codeFingerprint } from './page-keys.ts'
import { RenderCache } from './render-cache.ts'

export interface BuildAhead {
  sitesDir: string
  staging: string
  distDir: string
  /** The working cache Astro was given (render-cache.ts `checkout` with `into`). */
  cacheDir: string
  astro: BundledBuild
  /** The code it bundled (page-keys.ts `codeFingerprint`, taken before bundling). */
  fingerprint: string
  /** Leaves the build's working folder (as `enterWorkDir`'s return). */
  leaveWorkDir: () => Promise<void>
  /** Ends the Astro build and removes its working cache and its output (not its folders). */
  cancel: () => Promise<void>
  /** `cancel`, and removes the staging folder and the working folder too. */
  discard: () => Promise<void>
}

/** Starts the next build's bundle for SITES_DIR `sitesDir` (in this process's working folder). */
export async function bundleNextBuild(sitesDir: string): Promise<BuildAhead | undefined> {
  if (!(await exists(sitesDir))) return undefined
  const leaveWorkDir = await enterWorkDir()
  const staging = await createStaging(sitesDir, { ahead: true })
  const distDir = path.join(staging, '.dist')
  const cache = await RenderCache.reserve(sitesDir)
  const fingerprint = codeFingerprint()
  // Astro wants its cache folder as a folder URL (a trailing slash).
  const astro = bundleAhead(distDir, `${cache.dir}/`, { concurrency: 4 })
  const started = Date.now()
  astro.bundled.then(
    () => log(`next build bundled ahead in ${Date.now() - started} ms`),
    () => {},
  )
  let cancelled: Promise<void> | undefined
  const cancel = () =>
    (cancelled ??= (async () => {
      await astro.cancel()
      await cache.release()
      await fs.rm(distDir, { recursive: true, force: true })
    })())
  return {
    sitesDir,
    staging,
    distDir,
    cacheDir: cache.dir,
    astro,
    fingerprint,
    leaveWorkDir,
    cancel,
    discard: async () => {
      await cancel()
      await fs.rm(staging, { recursive: true, force: true })
      await leaveWorkDir()
    },
  }
}

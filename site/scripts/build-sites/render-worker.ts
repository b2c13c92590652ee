/**
 * A render worker (render-workers.ts): one Astro build of the clinics in env CLINICS into
 * SITES_RENDER_OUT, with the working cache SITES_RENDER_CACHE its parent checked out for it. It
 * ends with its parent, and exits non-zero when the build fails.
 */
import { astroBuild } from './astro-build.ts'
import { enterWorkDir } from './lock.ts'
import { endWithParent } from './parent.ts'

endWithParent()
const { SITES_RENDER_OUT: outDir, SITES_RENDER_CACHE: cacheDir } = process.env
if (!outDir || !cacheDir) throw new Error('SITES_RENDER_OUT and SITES_RENDER_CACHE are required')
// A working folder of its own: Astro writes its prerender bundle under the cwd (lock.ts).
const leaveWorkDir = await enterWorkDir()
try {
  await astroBuild(outDir, cacheDir)
} catch (error) {
  process.stderr.write(`render worker failed: ${(error as Error).stack ?? String(error)}\n`)
  process.exitCode = 1
} finally {
  await leaveWorkDir()
}

/** Step 1: Astro renders the clinics' pages, reading the network from the CMS once per build. */
import { CmsClient } from '../../src/lib/cms-client.ts'
import type { BuildAhead } from './ahead.ts'
import { log, elapsed } from './log.ts'
import {
  addRenderPhases,
  astroBuild,
  readBuildManifest,
  type BuildManifest,
} from './astro-build.ts'
import { commitAll, type RenderCache } from './render-cache.ts'
import { renderGroups, renderInWorkers } from './render-workers.ts'
import type { BuildSettings } from './settings.ts'

export type { BuildManifest } from './astro-build.ts'

/**
 * Renders into `distDir`: `<clinic>/` per clinic, shared `_astro/` assets, the network index.
 * A full build, and one of several clinics the cache does not hold, is split across render
 * workers (render-workers.ts); other builds (a publish's) render in this process.
 */
export async function renderSites(
  distDir: string,
  settings: BuildSettings,
  cache: RenderCache,
  ahead?: BuildAhead,
): Promise<BuildManifest> {
  log(
    `building with Astro from ${settings.cmsUrl}${settings.clinics ? ` (clinics: ${settings.clinics.join(',')})` : ''}`,
  )
  const client = new CmsClient({ baseUrl: settings.cmsUrl })
  const groups = await renderGroups(settings, cache, client)
  // A build split across workers has no use for the one bundled ahead (ahead.ts).
  if (groups) await ahead?.cancel()
  const manifest = groups
    ? await renderInWorkers(distDir, cache, groups)
    : await renderHere(distDir, settings.clinics, cache, ahead)
  // Every request of the build counts, those that chose how to render too.
  manifest.cms.requests += client.requests
  manifest.cms.retries += client.retries
  log(`Astro build done in ${elapsed()}; assembling ${manifest.built.length} clinic tree(s)`)
  return manifest
}

/**
 * One Astro build in this process, of `clinics` (all when undefined) as env CLINICS names them:
 * the one bundled ahead into `distDir` when there is one, or a new one.
 */
export async function renderHere(
  distDir: string,
  clinics: string[] | undefined,
  cache: RenderCache,
  ahead?: BuildAhead,
): Promise<BuildManifest> {
  const checkedOut = await cache.checkout(clinics, { into: ahead?.cacheDir })
  let marks
  try {
    // A publish's build (some clinics, in the cache) restores most of its pages.
    if (ahead) log('generating the pages with the build bundled ahead')
    marks = ahead
      ? await ahead.astro.generate()
      : await astroBuild(distDir, checkedOut.cacheDir, { concurrency: clinics ? 4 : 1 })
  } catch (error) {
    await checkedOut.discard()
    throw error
  }
  await commitAll([checkedOut])
  const manifest = await readBuildManifest(distDir)
  addRenderPhases(marks, manifest)
  return manifest
}

/** Step 1: Astro renders the clinics' pages, reading the network from the CMS once per build. */
import { CmsClient } from '../../src/lib/cms-client.ts'
import type { BuildAhead } from './ahead.ts'
import { log, elapsed, phases } from './log.ts'
import {
  addRenderPhases,
  astroBuild,
  readBuildManifest,
  type BuildManifest,
} from './astro-build.ts'
import { diffBases, linkUnchangedPages } from './page-keys.ts'
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
    : await renderHere(distDir, settings, cache, ahead)
  // Every request of the build counts, those that chose how to render too.
  manifest.cms.requests += client.requests
  manifest.cms.retries += client.retries
  log(`Astro build done in ${elapsed()}; assembling ${manifest.built.length} clinic tree(s)`)
  return manifest
}

/**
 * One Astro build in this process, of the clinics env CLINICS names (all when unset): the one
 * bundled ahead into `distDir` when there is one, or a new one. A publish renders each of its
 * clinics against the live release when that has keys from the same code: only the pages whose
 * key changed are rendered, the others linked from the live release (page-keys.ts).
 */
export async function renderHere(
  distDir: string,
  { clinics, sitesDir }: BuildSettings,
  cache: RenderCache,
  ahead?: BuildAhead,
): Promise<BuildManifest> {
  const fingerprint = process.env.SITES_CODE_FINGERPRINT
  const bases = clinics && fingerprint ? await diffBases(sitesDir, clinics, fingerprint) : {}
  const keep = Object.keys(bases)
  const checkedOut = await cache.checkout(clinics, { into: ahead?.cacheDir, keep })
  let marks
  process.env.SITES_DIFF_BASES = JSON.stringify(bases)
  try {
    if (ahead) log('generating the pages with the build bundled ahead')
    marks = ahead
      ? await ahead.astro.generate()
      : await astroBuild(distDir, checkedOut.cacheDir, { concurrency: clinics ? 4 : 1 })
  } catch (error) {
    await checkedOut.discard()
    throw error
  } finally {
    delete process.env.SITES_DIFF_BASES
  }
  const linked = await phases.time('link unchanged pages', async () =>
    linkUnchangedPages(distDir, bases),
  )
  const count = Object.values(linked).reduce((sum, files) => sum + files.size, 0)
  await commitAll([checkedOut], { linked: count })
  const manifest = await readBuildManifest(distDir)
  manifest.bases = bases
  manifest.linked = linked
  addRenderPhases(marks, manifest)
  return manifest
}

/**
 * `npm run build:sites -w site`: every clinic's static site, from one Astro build.
 *
 *   1. render: astro build (pages for all clinics under dist/<clinic>/, data loaded once from the CMS;
 *      a full build splits the clinics across SITES_RENDER_WORKERS Astro builds, default one per
 *      core, at most 2: build-sites/render-workers.ts; the resident builder bundles a publish's
 *      Astro build before the publish arrives: build-sites/ahead.ts); a publish (CLINICS) renders
 *      only the pages whose key differs from the live release's and links the others from it
 *      (build-sites/page-keys.ts)
 *   2. per clinic, PAGEFIND_LANES at a time (default one per core): assemble its own tree with the
 *      /_astro/ assets it uses and 404.html at its root; validate it (required files, every internal
 *      link resolves, exactly the published articles the CMS lists for it, no unexplained drop in
 *      page count against the live release); index it for search (Pagefind, `main[data-pagefind-body]`)
 *   3. release, only when every clinic passed: each tree becomes a new release,
 *      SITES_DIR/.releases/<clinic>/<id>/, and the live pointer SITES_DIR/<clinic> is switched to it
 *      atomically (shared/src/releases.ts); the last 3 releases are kept for
 *      `npm run rollback -- <clinic>`; the network index is replaced
 *   4. once every clinic is live (build-sites/follow-up.ts): the new releases share their unchanged
 *      files with the previous ones, old releases are pruned, and the live releases that went live
 *      with a copy of their previous search index (SITES_DEFER_SEARCH) are indexed. The resident
 *      builder reports the build done before this step and stops it when the next build arrives;
 *      the next build's step 4 finishes what is left.
 *
 * Env: CMS_URL (default http://localhost:3000), SITES_DIR (default <repo>/data/sites),
 * CLINICS=slug1,slug2 (only those clinics get new releases), SITES_DEFER_SEARCH=1 (pages go live
 * before search is re-indexed; see build-sites/settings.ts), SITES_MAX_PAGE_DROP (share of a
 * clinic's pages a build may remove, default 0.25), SITES_ALLOW_PAGE_DROP=1 (the change removed
 * content: unpublish, delete), SITES_RESULT_FILE (JSON report of the new releases).
 * Any failure (the CMS down after retries, a broken link, a validation, Pagefind) exits non-zero
 * and leaves every live site exactly as it was. One build at a time per SITES_DIR (a lock file).
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import { liveRelease, type ReleaseManifest } from '@clinic/shared/releases'

import { bundleNextBuild, type BuildAhead } from './build-sites/ahead.ts'
import { assembleTree } from './build-sites/assemble.ts'
import { exists, inLanes, treeSize } from './build-sites/files.ts'
import { completeLanguages } from './build-sites/locales.ts'
import { followUp } from './build-sites/follow-up.ts'
import { createStaging, enterWorkDir, lockSitesDir } from './build-sites/lock.ts'
import { elapsed, log, phases, sinceStart } from './build-sites/log.ts'
import { collectGarbage } from './build-sites/memory.ts'
import { writePageAssets } from './build-sites/page-assets.ts'
import { codeFingerprint } from './build-sites/page-keys.ts'
import { endWithParent } from './build-sites/parent.ts'
import {
  releaseTrees,
  replaceNetworkIndex,
  staleTrees,
  type PreparedTree,
} from './build-sites/release.ts'
import { writeRedirects } from './build-sites/redirects.ts'
import { RenderCache } from './build-sites/render-cache.ts'
import { renderSites, type BuildManifest } from './build-sites/render.ts'
import { isResident, serveBuilds } from './build-sites/resident.ts'
import { copyLiveSearchIndex, SearchLanes } from './build-sites/search.ts'
import { buildSettings, type BuildSettings } from './build-sites/settings.ts'
import { validateTree } from './build-sites/validate.ts'

interface Build {
  settings: BuildSettings
  manifest: BuildManifest
  staging: string
  distDir: string
  search: SearchLanes
}

/** Step 2 for one clinic: its tree, assembled, validated and indexed (or carrying the live index). */
async function prepareTree(build: Build, slug: string, lane: number): Promise<PreparedTree> {
  const { settings, manifest, staging, distDir, search } = build
  const tree = path.join(staging, slug)
  const base = manifest.bases?.[slug]
  const pageAssets = await phases.time('assemble', () =>
    assembleTree(
      distDir,
      slug,
      tree,
      base ? { dir: base, linked: manifest.linked?.[slug] } : undefined,
    ),
  )
  const articles = manifest.articles[slug] ?? []
  const live = await liveRelease(settings.sitesDir, slug)
  const kept = await phases.time('languages', async () => {
    const files = await completeLanguages(slug, tree, live, pageAssets)
    writePageAssets(tree, pageAssets)
    return files
  })
  const translations = manifest.translations?.[slug]
  const pages = await phases.time('validate', () =>
    validateTree(slug, tree, {
      articles,
      translations,
      live,
      settings,
      // The live release's own pages: linked by the render, or another language's kept.
      unchanged: new Set([...(manifest.linked?.[slug] ?? []), ...kept]),
    }),
  )
  const searchDeferred =
    settings.deferSearch &&
    (await phases.time('live search index', () => copyLiveSearchIndex(live, tree)))
  const indexed = searchDeferred
    ? 0
    : await phases.time('pagefind', () => search.index(slug, tree, lane))
  const { files, bytes } = await phases.time('tree size', () => treeSize(tree))
  const searched = searchDeferred
    ? 'search index refreshed after the switch'
    : `${indexed} indexed for search`
  log(
    `${slug}: ${pages} pages, ${searched}, ${files} files, ${(bytes / 1024).toFixed(0)} KiB (${elapsed()})`,
  )
  return { slug, tree, pages, files, bytes, articles, searchDeferred, previous: live?.dir }
}

/**
 * One build. `live` is called once every clinic is live, before step 4 (follow-up.ts), which
 * `signal` stops; the resident builder reports the build done then.
 */
async function main(
  live?: () => void,
  signal?: AbortSignal,
  bundled?: Promise<BuildAhead | undefined>,
): Promise<void> {
  const settings = buildSettings()
  await fs.mkdir(settings.sitesDir, { recursive: true })
  // The code the pages are rendered with, recorded with their keys (page-keys.ts).
  const fingerprint = await phases.time('code fingerprint', () => codeFingerprint())
  process.env.SITES_CODE_FINGERPRINT = fingerprint
  let ahead = await phases.time('bundle ahead', () => usableAhead(settings, bundled, fingerprint))
  const leaveWorkDir = ahead?.leaveWorkDir ?? (await enterWorkDir())
  const unlock = await phases.time('lock', () =>
    lockSitesDir(settings.sitesDir, { keep: ahead?.staging }),
  )
  // Another build (by hand, or another CMS) may have taken the lock since, and the folder with it.
  if (ahead && !(await exists(ahead.distDir))) {
    log('the build bundled ahead lost its staging folder; bundling again')
    await ahead.cancel()
    ahead = undefined
  }
  const staging = ahead?.staging ?? (await createStaging(settings.sitesDir))
  const distDir = path.join(staging, '.dist')
  const releases: ReleaseManifest[] = []
  let search: SearchLanes | undefined
  try {
    const cache = await RenderCache.open(settings.sitesDir)
    const manifest = await renderSites(distDir, settings, cache, ahead)
    // A full build's render leaves over a GB behind at 50,000 pages (memory.ts); a publish's
    // little, and a collection would only delay its switch.
    if (!settings.clinics)
      await phases.time('collect garbage', async () => collectGarbage('rendered'))
    search = await phases.time('pagefind start', () => SearchLanes.open(settings.lanes))
    const build: Build = { settings, manifest, staging, distDir, search }
    const trees = await phases.time('trees (wall)', () =>
      inLanes(manifest.built, build.search.count, (slug, lane) => prepareTree(build, slug, lane)),
    )
    await phases.time('redirects', () => writeRedirects(trees, manifest, settings))
    await phases.time('switch', async () => {
      await releaseTrees(settings.sitesDir, trees, releases)
      await replaceNetworkIndex(distDir, staging, settings.sitesDir)
    })
    log(`live: ${releases.map((release) => `${release.clinic}@${release.id}`).join(', ')}`)
    log(`phases to live (${elapsed()}): ${phases.summary()}`)
    if (settings.resultFile) {
      const result = { ms: sinceStart(), cms: manifest.cms, releases }
      await fs.writeFile(settings.resultFile, `${JSON.stringify(result, null, 2)}\n`)
    }
    const stale = await staleTrees(settings.sitesDir, manifest)
    if (stale.length > 0)
      log(
        `warning: ${settings.sitesDir} has trees of clinics the CMS no longer has: ${stale.join(', ')} (left in place)`,
      )
    const pages = trees.reduce((sum, tree) => sum + tree.pages, 0)
    log(
      `done: ${trees.length} clinic site(s), ${pages} pages in ${elapsed()} ` +
        `(CMS: ${manifest.cms.requests} requests, ${manifest.cms.retries} retries, ${manifest.cms.ms} ms) -> ${settings.sitesDir}`,
    )
    live?.()
    await followUp({ sitesDir: settings.sitesDir, trees, releases, search, signal })
    await search.close()
    log(`phases: ${phases.summary()}`)
  } finally {
    await search?.close().catch(() => {})
    // A failure before its pages were generated leaves the build bundled ahead waiting.
    await ahead?.cancel().catch(() => {})
    await fs.rm(staging, { recursive: true, force: true }).catch(() => {})
    await unlock()
    await leaveWorkDir()
    if (releases.length === 0) log(`no live site was changed`)
  }
}

/**
 * The build bundled ahead (resident builder), when this build can use it: a publish's (CLINICS)
 * into the same SITES_DIR, whose bundling succeeded. Any other is discarded.
 */
async function usableAhead(
  settings: BuildSettings,
  bundled: Promise<BuildAhead | undefined> | undefined,
  fingerprint: string,
): Promise<BuildAhead | undefined> {
  const ahead = await bundled?.catch((error: unknown) => {
    log(`could not start a build ahead: ${(error as Error).message}`)
    return undefined
  })
  if (!ahead) return undefined
  const failed = await ahead.astro.bundled.then(
    () => undefined,
    (error: unknown) => error as Error,
  )
  if (failed) log(`the build bundled ahead failed (${failed.message}); bundling again`)
  const stale = !failed && ahead.fingerprint !== fingerprint
  if (stale) log('the code changed since the next build was bundled ahead; bundling again')
  if (failed || stale || !settings.clinics || ahead.sitesDir !== settings.sitesDir) {
    await ahead.discard()
    return undefined
  }
  return ahead
}

/** Prints why the build failed; returns what it printed. */
function reportFailure(error: unknown): string {
  const err = error as Error & { cause?: unknown }
  const cause = err.cause instanceof Error ? `\n  caused by: ${err.cause.message}` : ''
  const text = `[sites] BUILD FAILED after ${elapsed()}: ${err.message}${cause}\n`
  process.stderr.write(text)
  return text
}

if (isResident())
  serveBuilds(main, reportFailure, {
    prepare: () => bundleNextBuild(buildSettings().sitesDir),
    discard: (ahead) => ahead.discard(),
  })
else {
  endWithParent()
  main().catch((error: unknown) => {
    reportFailure(error)
    process.exitCode = 1
  })
}

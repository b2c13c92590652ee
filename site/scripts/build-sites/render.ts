/** Step 1: Astro renders every clinic's pages at once, reading the network from the CMS once. */
import { createHash } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { build, type AstroIntegration } from 'astro'
import type { Plugin as VitePlugin } from 'vite'

import { exists } from './files.ts'
import { elapsed, log, phases } from './log.ts'
import { siteDir, type BuildSettings } from './settings.ts'

/** What the build rendered (src/pages/build-manifest.json.ts). */
export interface BuildManifest {
  networkName: string
  clinics: { slug: string; name: string; siteUrl: string }[]
  /** The clinics this build rendered (all, or CLINICS). */
  built: string[]
  /** Per clinic, the slugs of the published articles it shows. */
  articles: Record<string, string[]>
  /** Per clinic and language other than English, the slugs of the articles published in it. */
  translations?: Record<string, Record<string, string[]>>
  cms: { requests: number; retries: number; ms: number }
}

/**
 * Astro's `astro:assets` module spells out this build's outDir and server folder, and Astro's
 * incremental build hashes the code of every module a page imports: every build into a new folder
 * (the resident builder needs one per build) would have a new hash for every page that shows an
 * image, and restore none. The two folders (read only by @astrojs/node's image endpoint, which a
 * static build has not) move to globals set when the module is built, so the code is the same
 * from one build to the next and still yields this build's folders.
 */
const BUILD_PATH = /export const (outDir|serverDir) = (\/\* #__PURE__ \*\/ )?new URL\(("[^"]*")\)/g
const stableBuildPaths: VitePlugin = {
  name: 'clinic-stable-build-paths',
  transform(code, id) {
    if (!id.includes('astro:assets') || !code.includes('export const outDir')) return undefined
    return code.replace(BUILD_PATH, (_match, name: string, pure = '', literal: string) => {
      const key = `clinic-build.${name}`
      ;(globalThis as Record<symbol, unknown>)[Symbol.for(key)] = JSON.parse(literal) as string
      return `export const ${name} = ${pure}new URL(globalThis[Symbol.for(${JSON.stringify(key)})])`
    })
  },
}

/**
 * The build's own Astro integration: `stableBuildPaths`, and where Astro's time goes, for the
 * build's breakdown (Astro has no hook between bundling and page generation, so a Vite plugin
 * marks the end of the last bundle, closeBundle, and `astro:build:generated` the end of page and
 * image generation).
 */
function renderClock(): { integration: AstroIntegration; marks: Record<string, number> } {
  const marks: Record<string, number> = {}
  const integration: AstroIntegration = {
    name: 'clinic-site-build',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'clinic-build-timings',
                closeBundle: () => void (marks.bundled = Date.now()),
              },
              stableBuildPaths,
            ],
          },
        })
      },
      'astro:build:start': () => void (marks.start = Date.now()),
      'astro:build:generated': () => void (marks.generated = Date.now()),
    },
  }
  return { integration, marks }
}

/**
 * Astro's incremental build (experimental.incrementalBuild): a page whose `cacheKey`
 * (src/data/clinic-site.ts `pathsPerClinic`) and module graph are those of the previous build is
 * copied from Astro's cache instead of rendered, into whatever outDir this build has (it restores
 * the files it skips), so each build still gets a complete set of pages. There is one cache per
 * SITES_DIR (whose lock this build holds): builds for other networks, in tests or a preview, would
 * otherwise overwrite entries under the same paths. It lives beside Astro's own cache, not in
 * SITES_DIR, which holds only what is served and released; a cache whose SITES_DIR is gone is
 * removed. Images stay in Astro's shared cache (`assets`, a link), as before.
 *
 * Astro writes a page's new copy before its manifest, which it writes once generation ended: a
 * build killed or failed in between leaves copies newer than their keys, and a later build whose
 * key went back to the old value would restore the newer page. A marker set for the length of the
 * Astro build makes the next build start from an empty cache then.
 */
const caches = path.join(siteDir, 'node_modules', '.cache', 'clinic-incremental')

/** The folder of a SITES_DIR's incremental cache (removing it makes the next build render every page). */
export async function incrementalCacheHome(
  sitesDir: string,
): Promise<{ home: string; real: string }> {
  const real = await fs.realpath(sitesDir)
  return {
    home: path.join(caches, createHash('sha256').update(real).digest('hex').slice(0, 16)),
    real,
  }
}

async function incrementalCache(
  sitesDir: string,
): Promise<{ cacheDir: string; done: () => Promise<{ pages: number; restored: number }> }> {
  const { home, real } = await incrementalCacheHome(sitesDir)
  const cacheDir = path.join(home, 'astro')
  const marker = path.join(home, 'astro-build-running')
  await fs.mkdir(home, { recursive: true })
  await fs.writeFile(path.join(home, 'sites-dir'), real)
  for (const name of await fs.readdir(caches)) {
    const owner = await fs.readFile(path.join(caches, name, 'sites-dir'), 'utf8').catch(() => '')
    if (owner && !(await exists(owner)))
      await fs.rm(path.join(caches, name), { recursive: true, force: true })
  }
  if (await exists(marker)) {
    log('the previous Astro build did not finish: rendering every page (its cache is dropped)')
    await fs.rm(cacheDir, { recursive: true, force: true })
  }
  await fs.mkdir(cacheDir, { recursive: true })
  const sharedImages = path.join(siteDir, 'node_modules', '.astro', 'assets')
  await fs.mkdir(sharedImages, { recursive: true })
  await fs.symlink(sharedImages, path.join(cacheDir, 'assets')).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
  })
  await fs.writeFile(marker, `${process.pid}\n`)
  const before = await cachedKeys(cacheDir)
  return {
    cacheDir: `${cacheDir}/`,
    done: async () => {
      await fs.rm(marker, { force: true })
      return reuse(before, await cachedKeys(cacheDir))
    },
  }
}

/**
 * Every keyed page of Astro's incremental manifest, `<route> <path>` -> its cache key and the
 * route's module hash. Astro reports no counts, so the build compares the manifest before and
 * after to say how many pages it restored (the same key and hash) and how many it rendered.
 */
async function cachedKeys(cacheDir: string): Promise<Map<string, string>> {
  type Manifest = {
    routes?: Record<string, { dependencyHash: string; paths: Record<string, { cacheKey: string }> }>
  }
  const manifest = (await fs
    .readFile(path.join(cacheDir, 'incremental-build.json'), 'utf8')
    .then((text) => JSON.parse(text) as Manifest)
    .catch(() => ({}))) as Manifest
  const keys = new Map<string, string>()
  for (const [route, entry] of Object.entries(manifest.routes ?? {}))
    for (const [page, { cacheKey }] of Object.entries(entry.paths))
      keys.set(`${route} ${page}`, `${entry.dependencyHash} ${cacheKey}`)
  return keys
}

function reuse(before: Map<string, string>, after: Map<string, string>) {
  let restored = 0
  for (const [page, key] of after) if (before.get(page) === key) restored++
  return { pages: after.size, restored }
}

/** Renders into `distDir`: `<clinic>/` per clinic, shared `_astro/` assets, the network index. */
export async function renderSites(
  distDir: string,
  settings: BuildSettings,
): Promise<BuildManifest> {
  log(
    `building with Astro from ${settings.cmsUrl}${settings.clinics ? ` (clinics: ${settings.clinics})` : ''}`,
  )
  const clock = renderClock()
  const started = Date.now()
  const cache = await incrementalCache(settings.sitesDir)
  await build({
    root: siteDir,
    outDir: distDir,
    cacheDir: cache.cacheDir,
    mode: 'production',
    integrations: [clock.integration],
    experimental: { incrementalBuild: true },
  })
  const { pages, restored } = await cache.done()
  log(
    `incremental render: ${pages - restored} of ${pages} keyed pages rendered, ${restored} restored from the cache`,
  )
  const manifest = JSON.parse(
    await fs.readFile(path.join(distDir, 'build-manifest.json'), 'utf8'),
  ) as BuildManifest
  const { start = started, bundled = start, generated = Date.now() } = clock.marks
  phases.add('astro setup', start - started)
  phases.add('astro bundle', bundled - start)
  // The CMS is read during page generation (the first getStaticPaths loads the network).
  phases.add('cms fetch', manifest.cms.ms)
  phases.add('astro render', Math.max(0, generated - bundled - manifest.cms.ms))
  phases.add('astro finish', Date.now() - generated)
  log(`Astro build done in ${elapsed()}; assembling ${manifest.built.length} clinic tree(s)`)
  return manifest
}

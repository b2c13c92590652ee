/** One Astro build (`build()` of the site): the primitives the build's render step is made of. */
import fs from 'node:fs/promises'
import path from 'node:path'

import { build, type AstroInlineConfig, type AstroIntegration } from 'astro'
import type { Plugin as VitePlugin } from 'vite'

import { phases } from './log.ts'
import { resetPageKeys, writePageKeys } from './page-keys.ts'
import { siteDir } from './settings.ts'

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
  /** Clinics rendered against their live release (clinic -> release folder; page-keys.ts). */
  bases?: Record<string, string>
  /** Their pages linked from those releases, per clinic (files relative to the tree). */
  linked?: Record<string, Set<string>>
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

/** When an Astro build started, ended bundling, ended generating pages, and returned. */
export interface RenderMarks {
  started: number
  start?: number
  bundled?: number
  generated?: number
  ended: number
}

interface BuildOptions {
  /**
   * Pages Astro generates at once (`build.concurrency`, which is not part of the config hash its
   * cache checks). A publish's build restores most of its pages from the cache, each a
   * directory and a file copy awaited one after the other: four at once overlap those waits
   * (560 such restores: 133-261 ms one at a time, 67-78 ms four at once, on this machine). A
   * full build renders its pages on the CPU, where more at once gains nothing.
   */
  concurrency?: number
}

/**
 * One Astro build of the clinics in env CLINICS (all when unset) into `distDir`, with the cache at
 * `cacheDir` (render-cache.ts), and the keys of its pages (page-keys.ts). Every build, in this
 * process or a render worker, has the same integration, so the code Astro hashes for its cache is
 * the same whichever process rendered.
 */
export async function astroBuild(
  distDir: string,
  cacheDir: string,
  { concurrency = 1 }: BuildOptions = {},
): Promise<RenderMarks> {
  const clock = renderClock()
  const started = Date.now()
  resetPageKeys()
  await build(astroConfig(distDir, cacheDir, concurrency, [clock.integration]))
  writePageKeys(distDir)
  return { started, ...clock.marks, ended: Date.now() }
}

const astroConfig = (
  distDir: string,
  cacheDir: string,
  concurrency: number,
  integrations: AstroIntegration[],
): AstroInlineConfig => ({
  root: siteDir,
  outDir: distDir,
  cacheDir,
  mode: 'production',
  integrations,
  build: { concurrency },
  experimental: { incrementalBuild: true },
})

/** An Astro build that bundled ahead and waits to generate its pages (`bundleAhead`). */
export interface BundledBuild {
  /** Settles once the bundle is written (rejects when bundling failed). */
  bundled: Promise<void>
  /** Generates the pages (the environment now names the build's clinics); resolves once done. */
  generate: () => Promise<RenderMarks>
  /** Ends the build without generating anything; resolves once Astro has let go of its folders. */
  cancel: () => Promise<void>
}

/**
 * Starts an Astro build that bundles the site's code now and generates pages only when
 * `generate` is called: a Vite `buildApp` hook that runs after the bundle is written and before
 * Astro's own (which generates the pages) waits for it. The clinics, languages and CMS a build
 * reads come from the environment when its pages are generated (src/data/network.ts), not when
 * it bundles. The resident builder bundles the next publish's build while it waits for it
 * (bundling is 0.25-0.33 s of a publish; resident.ts).
 */
export function bundleAhead(
  distDir: string,
  cacheDir: string,
  options: BuildOptions = {},
): BundledBuild {
  const clock = renderClock()
  let open!: () => void
  let close!: (reason: Error) => void
  const gate = new Promise<void>((resolve, reject) => {
    open = resolve
    close = reject
  })
  // Cancelled before Astro reached the hook (or after a failed bundle): nothing else awaits it.
  gate.catch(() => {})
  let bundledNow!: () => void
  const bundled = new Promise<void>((resolve) => (bundledNow = resolve))
  const gateIntegration: AstroIntegration = {
    name: 'clinic-build-gate',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'clinic-build-gate',
                // After the bundle (Vite runs the app's build at the first "post" hook) and before
                // Astro's generation, whose plugin comes later in the "post" order.
                buildApp: {
                  order: 'post',
                  handler: () => {
                    bundledNow()
                    return gate
                  },
                },
              },
            ],
          },
        })
      },
    },
  }
  const run = build(
    astroConfig(distDir, cacheDir, options.concurrency ?? 1, [clock.integration, gateIntegration]),
  )
  // A build that failed before its gate settles `bundled` with the failure.
  const settled = run.then(
    () => undefined,
    (error: unknown) => error,
  )
  const ready = Promise.race([
    bundled,
    settled.then((error) => {
      throw error instanceof Error ? error : new Error('the Astro build ended before it bundled')
    }),
  ])
  ready.catch(() => {})
  return {
    bundled: ready,
    generate: async () => {
      const started = Date.now()
      resetPageKeys()
      open()
      await run
      writePageKeys(distDir)
      const { bundled: bundledAt = started } = clock.marks
      // Only the part of the bundling this build still waited for counts as its own.
      return {
        ...clock.marks,
        started,
        start: started,
        bundled: Math.max(started, bundledAt),
        ended: Date.now(),
      }
    },
    cancel: async () => {
      close(new Error('bundled-ahead build cancelled'))
      await settled
    },
  }
}

export const readBuildManifest = async (distDir: string) =>
  JSON.parse(await fs.readFile(path.join(distDir, 'build-manifest.json'), 'utf8')) as BuildManifest

/** The build's breakdown: where one Astro build's time went. */
export function addRenderPhases(marks: RenderMarks, manifest: BuildManifest): void {
  const { started, start = started, bundled = start, generated = marks.ended, ended } = marks
  phases.add('astro setup', start - started)
  phases.add('astro bundle', bundled - start)
  // The CMS is read during page generation (the first getStaticPaths loads the network).
  phases.add('cms fetch', manifest.cms.ms)
  phases.add('astro render', Math.max(0, generated - bundled - manifest.cms.ms))
  phases.add('astro finish', ended - generated)
}

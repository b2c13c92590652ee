/** Step 1: Astro renders every clinic's pages at once, reading the network from the CMS once. */
import fs from 'node:fs/promises'
import path from 'node:path'

import { build, type AstroIntegration } from 'astro'

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
  cms: { requests: number; retries: number; ms: number }
}

/**
 * Where Astro's time goes, for the build's breakdown: Astro has no hook between bundling and page
 * generation, so a Vite plugin marks the end of the last bundle (closeBundle) and the
 * `astro:build:generated` hook the end of page and image generation.
 */
function renderClock(): { integration: AstroIntegration; marks: Record<string, number> } {
  const marks: Record<string, number> = {}
  const integration: AstroIntegration = {
    name: 'clinic-build-timings',
    hooks: {
      'astro:config:setup': ({ updateConfig }) => {
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'clinic-build-timings',
                closeBundle: () => void (marks.bundled = Date.now()),
              },
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
  await build({
    root: siteDir,
    outDir: distDir,
    mode: 'production',
    integrations: [clock.integration],
  })
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

/** Step 1: Astro renders every clinic's pages at once, reading the network from the CMS once. */
import fs from 'node:fs/promises'
import path from 'node:path'

import { build } from 'astro'

import { elapsed, log } from './log.ts'
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

/** Renders into `distDir`: `<clinic>/` per clinic, shared `_astro/` assets, the network index. */
export async function renderSites(
  distDir: string,
  settings: BuildSettings,
): Promise<BuildManifest> {
  log(
    `building with Astro from ${settings.cmsUrl}${settings.clinics ? ` (clinics: ${settings.clinics})` : ''}`,
  )
  await build({ root: siteDir, outDir: distDir, mode: 'production' })
  const manifest = JSON.parse(
    await fs.readFile(path.join(distDir, 'build-manifest.json'), 'utf8'),
  ) as BuildManifest
  log(`Astro build done in ${elapsed()}; assembling ${manifest.built.length} clinic tree(s)`)
  return manifest
}

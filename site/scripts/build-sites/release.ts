/** Step 3: every clinic passed, so each tree becomes a release and goes live (shared/src/releases.ts). */
import fs from 'node:fs/promises'
import path from 'node:path'

import {
  clinicsWithReleases,
  linkUnchangedFiles,
  newReleaseId,
  pruneReleases,
  publishRelease,
  releasesOf,
  type ReleaseManifest,
} from '@clinic/shared/releases'

import type { BuildManifest } from './render.ts'

/** A clinic's validated tree, ready to go live. */
export interface PreparedTree {
  slug: string
  tree: string
  pages: number
  files: number
  bytes: number
  articles: string[]
  /** It carries a copy of the live release's search index; its own is written after the switch. */
  searchDeferred: boolean
  /** The release that was live when the tree was built (its unchanged files are shared). */
  previous?: string
}

/**
 * Releases the trees one by one (each switch is atomic), adding each to `released` as it goes
 * live, so that a failure midway still says which clinics changed.
 */
export async function releaseTrees(
  sitesDir: string,
  trees: PreparedTree[],
  released: ReleaseManifest[],
): Promise<void> {
  const builtAt = new Date()
  for (const { slug, tree, pages, files, bytes, articles, searchDeferred } of trees) {
    released.push(
      await publishRelease(
        sitesDir,
        slug,
        tree,
        {
          pages,
          files,
          bytes,
          articles,
          id: newReleaseId(builtAt),
          builtAt: builtAt.toISOString(),
          // Its own index is written after the switch (follow-up.ts).
          ...(searchDeferred ? { searchPending: true } : {}),
        },
        // Old releases go once every clinic is live (`pruneOldReleases`), not between switches.
        { prune: false },
      ),
    )
  }
}

/**
 * Removes the releases each clinic no longer keeps, after the switch (not in its time): every
 * clinic's, so that what a stopped follow-up left is pruned by the next build's whichever clinics
 * it built (a clinic with no more than KEPT_RELEASES costs one directory listing).
 */
export async function pruneOldReleases(sitesDir: string, signal?: AbortSignal): Promise<void> {
  for (const clinic of await clinicsWithReleases(sitesDir))
    if (!signal?.aborted) await pruneReleases(sitesDir, clinic)
}

/**
 * Releases by difference, once every clinic is live: each new release's files that equal its
 * previous release's become hard links to them (@clinic/shared/releases `linkUnchangedFiles`).
 */
export async function shareUnchangedFiles(
  sitesDir: string,
  trees: PreparedTree[],
  released: ReleaseManifest[],
  signal?: AbortSignal,
): Promise<string[]> {
  const lines: string[] = []
  for (const release of released) {
    const previous = trees.find((tree) => tree.slug === release.clinic)?.previous
    if (!previous || signal?.aborted) continue
    const dir = path.join(releasesOf(sitesDir, release.clinic), release.id)
    const shared = await linkUnchangedFiles(dir, previous, signal)
    lines.push(`${release.clinic} ${shared} of ${release.files}`)
  }
  return lines
}

/** The network's clinic list (SITES_DIR/index.html), replaced by a rename. */
export async function replaceNetworkIndex(
  distDir: string,
  staging: string,
  sitesDir: string,
): Promise<void> {
  await fs.copyFile(path.join(distDir, 'index.html'), path.join(staging, 'index.html'))
  await fs.rename(path.join(staging, 'index.html'), path.join(sitesDir, 'index.html'))
}

/** Trees of clinics the CMS no longer has (a deleted clinic): left in place, named. */
export async function staleTrees(sitesDir: string, manifest: BuildManifest): Promise<string[]> {
  const known = new Set(manifest.clinics.map((clinic) => clinic.slug))
  return (await fs.readdir(sitesDir)).filter(
    (name) => !name.startsWith('.') && name !== 'index.html' && !known.has(name),
  )
}

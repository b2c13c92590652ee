/** Step 2a: one clinic's self-contained tree out of the shared render. */
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

import { exists, linkOrCopy, walk } from './files.ts'

const IMAGE_ASSET = /\.(?:webp|avif|png|jpe?g|gif)$/i
const ASSET_REF = /\/_astro\/[^"'\s),]+/g

/**
 * Makes dist/<clinic>/ a self-contained tree: code and styles from /_astro/ (small, shared by
 * every page), images only when this clinic's pages use them, as hard links to the render's
 * files (`linkOrCopy`: copying them took about 0.1 s of a 10k publish's three trees); 404.html at
 * its root. A tree rendered against a release (`base`, page-keys.ts) has pages this build did not
 * render, whose images it did not make either: those come from that release.
 */
export async function assembleTree(
  distDir: string,
  slug: string,
  tree: string,
  base?: string,
): Promise<void> {
  await fs.rename(path.join(distDir, slug), tree)
  const notFound = path.join(tree, '404', 'index.html')
  if (await exists(notFound)) {
    await fs.rename(notFound, path.join(tree, '404.html'))
    await fs.rm(path.join(tree, '404'), { recursive: true })
  }
  if (!(await exists(path.join(tree, '404.html'))))
    throw new Error(`${slug}: no 404 page was rendered`)

  const used = new Set<string>()
  for (const file of walk(tree)) {
    if (!file.endsWith('.html')) continue
    for (const ref of fsSync.readFileSync(file, 'utf8').match(ASSET_REF) ?? [])
      used.add(ref.slice('/_astro/'.length))
  }
  const assetsDir = path.join(distDir, '_astro')
  if (!(await exists(assetsDir))) return
  fsSync.mkdirSync(path.join(tree, '_astro'))
  for (const name of fsSync.readdirSync(assetsDir)) {
    if (IMAGE_ASSET.test(name) && !used.has(name)) continue
    linkOrCopy(path.join(assetsDir, name), path.join(tree, '_astro', name))
    used.delete(name)
  }
  if (!base) return
  for (const name of used) {
    const from = path.join(base, '_astro', name)
    if (IMAGE_ASSET.test(name) && fsSync.existsSync(from))
      linkOrCopy(from, path.join(tree, '_astro', name))
  }
}

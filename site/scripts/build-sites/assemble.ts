/** Step 2a: one clinic's self-contained tree out of the shared render. */
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

import { LOCALE_CODES } from '@clinic/shared/locales'
import { notFoundPath } from '@clinic/shared/paths'

import { exists, linkOrCopy, walk } from './files.ts'
import { pageAssets, readPageAssets, type PageAssets } from './page-assets.ts'

const IMAGE_ASSET = /\.(?:webp|avif|png|jpe?g|gif)$/i

/**
 * Astro writes each language's 404 page to <prefix>/404/index.html; the static servers answer a
 * miss under <prefix>/ with <prefix>/404.html (page-keys.ts maps a page's file to a release's).
 */
async function placeNotFoundPages(slug: string, tree: string): Promise<void> {
  for (const locale of LOCALE_CODES) {
    const placed = path.join(tree, notFoundPath(locale))
    const rendered = path.join(path.dirname(placed), '404', 'index.html')
    if (await exists(rendered)) {
      await fs.rename(rendered, placed)
      await fs.rm(path.dirname(rendered), { recursive: true })
    }
    if (!(await exists(placed))) throw new Error(`${slug}: no ${locale} 404 page was rendered`)
  }
}

/**
 * Makes dist/<clinic>/ a self-contained tree: code and styles from /_astro/ (small, shared by
 * every page), images only when this clinic's pages use them, as hard links to the render's
 * files (`linkOrCopy`: copying them took about 0.1 s of a 10k publish's three trees); each
 * language's 404 page where the servers look for it. A tree rendered against a release (`base`,
 * page-keys.ts) has pages linked from it (`base.linked`), whose images this build did not make:
 * those come from that release, and the pages' use of them from its record (page-assets.ts).
 * Returns the tree's record.
 */
export async function assembleTree(
  distDir: string,
  slug: string,
  tree: string,
  base?: { dir: string; linked: ReadonlySet<string> | undefined },
): Promise<PageAssets> {
  await fs.rename(path.join(distDir, slug), tree)
  await placeNotFoundPages(slug, tree)

  const record = base && readPageAssets(base.dir)
  const pages: PageAssets = new Map()
  const used = new Set<string>()
  for (const file of walk(tree)) {
    if (!file.endsWith('.html')) continue
    const relative = path.relative(tree, file)
    const assets = pageAssets(tree, relative, {
      record,
      fromRelease: base?.linked?.has(relative) ?? false,
    })
    pages.set(relative, assets)
    for (const name of assets) used.add(name)
  }
  const assetsDir = path.join(distDir, '_astro')
  if (!(await exists(assetsDir))) return pages
  fsSync.mkdirSync(path.join(tree, '_astro'))
  for (const name of fsSync.readdirSync(assetsDir)) {
    if (IMAGE_ASSET.test(name) && !used.has(name)) continue
    linkOrCopy(path.join(assetsDir, name), path.join(tree, '_astro', name))
    used.delete(name)
  }
  if (!base) return pages
  for (const name of used) {
    const from = path.join(base.dir, '_astro', name)
    if (IMAGE_ASSET.test(name) && fsSync.existsSync(from))
      linkOrCopy(from, path.join(tree, '_astro', name))
  }
  return pages
}

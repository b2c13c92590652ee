/**
 * Step 2a': per-language trees. A rebuild for a change in one language (SITES_LOCALES=es, set by
 * the CMS's publisher from the job's `locales`) renders only that language's pages and the files
 * both languages share (sitemap, robots, favicon, both 404 pages; the search index is written
 * after this step); every other language's files are taken unchanged, byte for byte, from the live
 * release.
 */
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

import { DEFAULT_LOCALE, LOCALE_CODES, localesFromList, type Locale } from '@clinic/shared/locales'
import { localePrefix, notFoundPath } from '@clinic/shared/paths'
import type { LiveRelease } from '@clinic/shared/releases'

import { exists, linkOrCopy, walk } from './files.ts'
import { log } from './log.ts'
import { pageAssets, readPageAssets, PAGE_ASSETS_FILE, type PageAssets } from './page-assets.ts'
import { keepLiveKeys, PAGE_KEYS_FILE } from './page-keys.ts'

/** Files of a tree every build writes whatever its languages (the sitemap lists both). */
const SHARED = new Set([
  'sitemap.xml',
  'robots.txt',
  'favicon.svg',
  'release.json',
  PAGE_KEYS_FILE,
  PAGE_ASSETS_FILE,
])
const SHARED_DIRS = ['_astro/', 'pagefind/', '.redirects/']

/** The languages this build renders (env SITES_LOCALES), or undefined for all. */
export const localesToBuild = (env: NodeJS.ProcessEnv = process.env) =>
  localesFromList(env.SITES_LOCALES)

/** Which language a file of a tree (path relative to the tree) belongs to; undefined when shared. */
export function localeOfFile(relative: string): Locale | undefined {
  const file = relative.split(path.sep).join('/')
  if (SHARED.has(file) || SHARED_DIRS.some((dir) => file.startsWith(dir))) return undefined
  if (LOCALE_CODES.some((code) => file === notFoundPath(code).slice(1))) return undefined
  const other = LOCALE_CODES.find(
    (code) => code !== DEFAULT_LOCALE && file.startsWith(`${localePrefix(code).slice(1)}/`),
  )
  return other ?? DEFAULT_LOCALE
}

/**
 * Takes the live release's files of the languages this build did not render into the tree (as
 * hard links: `linkOrCopy`), with the /_astro/ files they use (a style sheet's hashed name may have
 * changed since), which the release's record names (page-assets.ts); adds the pages to `pages`.
 */
async function keepLiveLanguages(
  slug: string,
  tree: string,
  live: LiveRelease | undefined,
  built: Locale[],
  pages: PageAssets,
): Promise<Set<string>> {
  if (!live)
    throw new Error(
      `${slug}: a rebuild of ${built.join(', ')} only needs the live release for the other languages, and there is none (rebuild every language)`,
    )
  const kept = new Set<string>()
  const assets = new Set<string>()
  const fallbacks = await redirectFallbacksOf(live.dir)
  const record = readPageAssets(live.dir)
  for (const file of walk(live.dir, (dir) => !SHARED_DIRS.includes(`${dir}/`))) {
    const relative = path.relative(live.dir, file)
    const locale = localeOfFile(relative)
    // The redirects step writes this build's fallback pages; the live release's may be outdated.
    if (!locale || built.includes(locale) || fallbacks.has(relative)) continue
    linkOrCopy(file, path.join(tree, relative))
    kept.add(relative)
    if (!file.endsWith('.html')) continue
    const used = pageAssets(live.dir, relative, { record, fromRelease: true })
    pages.set(relative, used)
    for (const name of used) assets.add(name)
  }
  for (const name of assets) {
    const target = path.join(tree, '_astro', name)
    if (fsSync.existsSync(target)) continue
    linkOrCopy(path.join(live.dir, '_astro', name), target)
  }
  return kept
}

/** The redirect fallback pages of a release (written by redirects.ts from its rules.json). */
async function redirectFallbacksOf(dir: string): Promise<Set<string>> {
  const rulesFile = path.join(dir, '.redirects', 'rules.json')
  if (!(await exists(rulesFile))) return new Set()
  const rules = JSON.parse(await fs.readFile(rulesFile, 'utf8')) as { from: string }[]
  const files = new Set<string>()
  for (const { from } of rules) {
    if (from.includes('?')) continue
    try {
      files.add(path.join(decodeURIComponent(from), 'index.html').replace(/^\/+/, ''))
    } catch {
      // Not a path a fallback page was written for.
    }
  }
  return files
}

/**
 * Completes a clinic's assembled tree for every language, adding the pages it takes from the live
 * release to `pages` (the tree's record); returns the files it took (relative to the tree).
 */
export async function completeLanguages(
  slug: string,
  tree: string,
  live: LiveRelease | undefined,
  pages: PageAssets,
  env: NodeJS.ProcessEnv = process.env,
): Promise<Set<string>> {
  const built = localesToBuild(env)
  if (!built) return new Set()
  const kept = await keepLiveLanguages(slug, tree, live, built, pages)
  const others = LOCALE_CODES.filter((code) => !built.includes(code))
  keepLiveKeys(tree, live!.dir, (file) => {
    const locale = localeOfFile(file)
    return locale !== undefined && others.includes(locale)
  })
  log(
    `${slug}: rendered ${built.join(', ')}; ${kept.size} ${others.join(', ')} files kept from the live release`,
  )
  return kept
}

/**
 * Step 2a': per-language trees. A rebuild for a change in one language (SITES_LOCALES=es, set by
 * the CMS's publisher from the job's `locales`) renders only that language's pages and the files
 * both languages share (sitemap, robots, favicon, both 404 pages; the search index is written
 * after this step); every other language's files are taken unchanged, byte for byte, from the live
 * release. Also places each language's 404 page where the static servers look for it.
 */
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

import { DEFAULT_LOCALE, LOCALE_CODES, localesFromList, type Locale } from '@clinic/shared/locales'
import { localePrefix, notFoundPath } from '@clinic/shared/paths'
import type { LiveRelease } from '@clinic/shared/releases'

import { exists, linkOrCopy, walk } from './files.ts'
import { log } from './log.ts'
import { keepLiveKeys, PAGE_KEYS_FILE } from './page-keys.ts'

/** Files of a tree every build writes whatever its languages (the sitemap lists both). */
const SHARED = new Set(['sitemap.xml', 'robots.txt', 'favicon.svg', 'release.json', PAGE_KEYS_FILE])
const SHARED_DIRS = ['_astro/', 'pagefind/', '.redirects/']
const ASSET_REF = /\/_astro\/[^"'\s),]+/g

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

/** Astro writes <prefix>/404/index.html; the servers answer a miss under <prefix>/ with <prefix>/404.html. */
async function placeNotFoundPages(slug: string, tree: string): Promise<void> {
  for (const locale of LOCALE_CODES.filter((code) => code !== DEFAULT_LOCALE)) {
    const dir = path.join(tree, localePrefix(locale).slice(1))
    const rendered = path.join(dir, '404', 'index.html')
    if (await exists(rendered)) {
      await fs.rename(rendered, path.join(dir, '404.html'))
      await fs.rm(path.join(dir, '404'), { recursive: true })
    }
    if (!(await exists(path.join(dir, '404.html'))))
      throw new Error(`${slug}: no ${locale} 404 page was rendered`)
  }
}

/**
 * Takes the live release's files of the languages this build did not render into the tree (as
 * hard links: `linkOrCopy`), with the /_astro/ files they use (a style sheet's hashed name may have
 * changed since).
 */
async function keepLiveLanguages(
  slug: string,
  tree: string,
  live: LiveRelease | undefined,
  built: Locale[],
): Promise<number> {
  if (!live)
    throw new Error(
      `${slug}: a rebuild of ${built.join(', ')} only needs the live release for the other languages, and there is none (rebuild every language)`,
    )
  let copied = 0
  const assets = new Set<string>()
  const fallbacks = await redirectFallbacksOf(live.dir)
  for (const file of walk(live.dir)) {
    const relative = path.relative(live.dir, file)
    const locale = localeOfFile(relative)
    // The redirects step writes this build's fallback pages; the live release's may be outdated.
    if (!locale || built.includes(locale) || fallbacks.has(relative)) continue
    linkOrCopy(file, path.join(tree, relative))
    copied++
    if (file.endsWith('.html'))
      for (const ref of fsSync.readFileSync(file, 'utf8').match(ASSET_REF) ?? []) assets.add(ref)
  }
  for (const ref of assets) {
    const target = path.join(tree, ref)
    if (fsSync.existsSync(target)) continue
    linkOrCopy(path.join(live.dir, ref), target)
  }
  return copied
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

/** Completes a clinic's assembled tree for every language; returns how many files came from the live release. */
export async function completeLanguages(
  slug: string,
  tree: string,
  live: LiveRelease | undefined,
  env: NodeJS.ProcessEnv = process.env,
): Promise<number> {
  await placeNotFoundPages(slug, tree)
  const built = localesToBuild(env)
  if (!built) return 0
  const kept = await keepLiveLanguages(slug, tree, live, built)
  const others = LOCALE_CODES.filter((code) => !built.includes(code))
  keepLiveKeys(tree, live!.dir, (file) => {
    const locale = localeOfFile(file)
    return locale !== undefined && others.includes(locale)
  })
  log(
    `${slug}: rendered ${built.join(', ')}; ${kept} ${others.join(', ')} files kept from the live release`,
  )
  return kept
}

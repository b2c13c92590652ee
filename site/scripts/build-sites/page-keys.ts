/**
 * Publishes by difference: each release carries its pages' keys (`.page-keys.json`, written here
 * after Astro generated the pages; src/data/page-keys.ts records them), and a publish renders only
 * the pages whose key differs from the live release's. The other pages are the live release's own
 * files, linked into the new tree (no bytes copied; releases are never written in place).
 *
 * This replaces, for a publish, Astro's restore of unchanged pages from its incremental cache,
 * which copied each page into the build folder (a directory and a file created per page: most of a
 * publish's render phase, 0.35-0.5 s of a 10,000-page publish's 608 pages). A full build, and a
 * clinic whose live release has no keys or keys from other code, renders as before.
 *
 * A key covers a page's data, not the code that renders it: keys are only compared between builds
 * of the same code, the fingerprint of the site's and the shared workspace's sources, its Astro
 * config and the lockfile (`codeFingerprint`).
 */
import { createHash } from 'node:crypto'
import fsSync from 'node:fs'
import path from 'node:path'

import { liveRelease } from '@clinic/shared/releases'

import {
  listedPageKeys,
  PAGE_KEYS_FILE,
  resetPageKeys,
  type PageKeys,
} from '../../src/data/page-keys.ts'
import { linkOrCopy, walk } from './files.ts'
import { siteDir } from './settings.ts'

export { PAGE_KEYS_FILE, resetPageKeys }

const repoDir = path.resolve(siteDir, '..')
/** What the pages are rendered with besides their data. */
const CODE = [
  path.join(siteDir, 'src'),
  path.join(siteDir, 'astro.config.mjs'),
  path.join(siteDir, 'package.json'),
  path.join(repoDir, 'shared', 'src'),
  path.join(repoDir, 'package-lock.json'),
]

/**
 * A digest of the code this build renders with (the sources, the config, the lockfile, and the
 * CMS address the config and media URLs use): about 80 files, a few milliseconds.
 */
export function codeFingerprint(env: NodeJS.ProcessEnv = process.env): string {
  const hash = createHash('sha256').update(`CMS_URL=${env.CMS_URL ?? ''}\n`)
  for (const entry of CODE) {
    const stat = fsSync.statSync(entry, { throwIfNoEntry: false })
    if (!stat) continue
    const files = stat.isDirectory() ? [...walk(entry)].sort() : [entry]
    for (const file of files)
      hash.update(`${path.relative(repoDir, file)}\n`).update(fsSync.readFileSync(file))
  }
  return hash.digest('base64url')
}

const readKeys = (dir: string): PageKeys | undefined => {
  try {
    return JSON.parse(fsSync.readFileSync(path.join(dir, PAGE_KEYS_FILE), 'utf8')) as PageKeys
  } catch {
    return undefined
  }
}

/**
 * After Astro generated the pages, in the process that ran it: each clinic's keys of this build
 * into `<distDir>/<clinic>/.page-keys.json` (env SITES_CODE_FINGERPRINT names the code; without it,
 * as in a build by hand, no keys are written and the next publish renders as a full build would).
 */
export function writePageKeys(distDir: string, env: NodeJS.ProcessEnv = process.env): void {
  const fingerprint = env.SITES_CODE_FINGERPRINT
  if (!fingerprint) return
  for (const [slug, pages] of listedPageKeys()) {
    fsSync.mkdirSync(path.join(distDir, slug), { recursive: true })
    writeKeys(path.join(distDir, slug), { fingerprint, pages })
  }
}

/** A tree's keys, pages in file order (the same keys make the same file, whatever order listed them). */
function writeKeys(dir: string, { fingerprint, pages }: PageKeys): void {
  const sorted = Object.fromEntries(Object.entries(pages).sort(([a], [b]) => (a < b ? -1 : 1)))
  fsSync.writeFileSync(
    path.join(dir, PAGE_KEYS_FILE),
    `${JSON.stringify({ fingerprint, pages: sorted } satisfies PageKeys)}\n`,
  )
}

/**
 * The live releases a publish of `clinics` renders against (clinic -> release folder): those with
 * keys from this code.
 */
export async function diffBases(
  sitesDir: string,
  clinics: string[],
  fingerprint: string,
): Promise<Record<string, string>> {
  const bases: Record<string, string> = {}
  for (const slug of clinics) {
    const live = await liveRelease(sitesDir, slug)
    if (live && readKeys(live.dir)?.fingerprint === fingerprint) bases[slug] = live.dir
  }
  return bases
}

/** Where a page Astro writes at `file` is in a release (the 404 pages move: assemble.ts, locales.ts). */
const releaseFile = (file: string) => file.replace(/(^|\/)404\/index\.html$/, '$1404.html')

/**
 * After the render: each clinic's pages Astro was not asked for (their key is the one in the
 * release the clinic rendered against, `bases`) are linked from that release; and every page the
 * build listed must now be in `distDir` (a page whose file is not where `pageFile` says would
 * otherwise be linked from the wrong file). Returns the linked pages per clinic, by their file in
 * the release.
 */
export function linkUnchangedPages(
  distDir: string,
  bases: Record<string, string>,
): Record<string, Set<string>> {
  const linked: Record<string, Set<string>> = {}
  for (const slug of fsSync.readdirSync(distDir)) {
    const keys = readKeys(path.join(distDir, slug))
    if (!keys) continue
    const base = bases[slug]
    const baseKeys = base ? readKeys(base)?.pages : undefined
    if (base && !baseKeys) throw new Error(`${slug}: the release ${base} lost its page keys`)
    for (const [file, key] of Object.entries(keys.pages)) {
      const target = path.join(distDir, slug, file)
      if (baseKeys?.[file] === key) {
        linkOrCopy(path.join(base!, releaseFile(file)), target)
        ;(linked[slug] ??= new Set()).add(releaseFile(file))
      } else if (!fsSync.existsSync(target))
        throw new Error(`${slug}: the build listed the page ${file}, but Astro wrote no such file`)
    }
  }
  return linked
}

/**
 * A build of some languages (SITES_LOCALES) lists only their pages: the tree's keys get those of
 * the live release's other files (locales.ts takes them from it unchanged) when both are from the
 * same code; otherwise the tree carries no keys and its next publish renders as a full build.
 */
export function keepLiveKeys(tree: string, liveDir: string, kept: (file: string) => boolean): void {
  const mine = readKeys(tree)
  if (!mine) return
  const live = readKeys(liveDir)
  if (live?.fingerprint !== mine.fingerprint) {
    fsSync.rmSync(path.join(tree, PAGE_KEYS_FILE))
    return
  }
  const pages = { ...mine.pages }
  for (const [page, key] of Object.entries(live.pages))
    if (kept(releaseFile(page)) && !(page in pages)) pages[page] = key
  writeKeys(tree, { ...mine, pages })
}

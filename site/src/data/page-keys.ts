/**
 * Every page's key (its dependency record, `pathsPerClinic` in clinic-site.ts), kept with each
 * release, and which pages a publish renders at all.
 *
 * A build records the key of each page it lists, per clinic, by the page's file (relative to the
 * clinic's folder, as Astro writes it). The build script writes them with the clinic's tree
 * (`.page-keys.json`, scripts/build-sites/page-keys.ts), so each release carries the keys its
 * pages were rendered from. A publish whose clinic's live release has keys from the same code
 * (env SITES_DIFF_BASES names those releases) lists to Astro only the pages whose key differs:
 * the others are the live release's files, which the build script links into the new tree.
 *
 * The records go through a global: getStaticPaths runs in Astro's bundle of this module, and the
 * build script reads them with its own copy of it.
 */
import fs from 'node:fs'
import path from 'node:path'

export const PAGE_KEYS_FILE = '.page-keys.json'

/** A release's page keys: the code they were rendered with, and each page's key by file. */
export interface PageKeys {
  fingerprint: string
  pages: Record<string, string>
}

const REGISTRY = Symbol.for('clinic-build.page-keys')
type Registry = Map<string, Record<string, string>>

/** The keys this build listed so far, per clinic (`resetPageKeys` starts a build's). */
export const listedPageKeys = (): Registry =>
  ((globalThis as Record<symbol, unknown>)[REGISTRY] ??= new Map()) as Registry

export const resetPageKeys = () => listedPageKeys().clear()

/**
 * The file Astro writes a page of `routePattern` (e.g. `/[clinic]/articles/[slug]`) to, relative
 * to the clinic's folder: `<path>/index.html` for a page (build.format 'directory'), the path
 * itself for an endpoint (a file name with an extension). The build script checks after each build
 * that every page it lists is at that file.
 */
export function pageFile(routePattern: string, params: Record<string, string | undefined>): string {
  const segments = routePattern
    .replace(/\[\.\.\.(\w+)\]/g, (_match, name: string) => params[name] ?? '')
    .replace(/\[(\w+)\]/g, (_match, name: string) => params[name] ?? '')
    .split('/')
    .filter(Boolean)
    .slice(1)
  const last = segments.at(-1) ?? ''
  // Astro encodes the path into a file URL, which the file system gets decoded: the name as is.
  return (last.includes('.') ? segments : [...segments, 'index.html']).join('/')
}

/** The releases a publish renders against (env SITES_DIFF_BASES: clinic slug -> release folder). */
const bases = new Map<string, Record<string, string> | undefined>()
function baseOf(slug: string): Record<string, string> | undefined {
  const dir = (JSON.parse(process.env.SITES_DIFF_BASES || '{}') as Record<string, string>)[slug]
  if (!dir) return undefined
  if (!bases.has(dir))
    bases.set(dir, (JSON.parse(fs.readFileSync(path.join(dir, PAGE_KEYS_FILE), 'utf8')) as PageKeys).pages)
  return bases.get(dir)
}

/**
 * Records a page's key; false when Astro need not render it: its clinic renders against a release
 * whose page at the same file has the same key.
 */
export function listPage(slug: string, file: string, cacheKey: string): boolean {
  const registry = listedPageKeys()
  let pages = registry.get(slug)
  if (!pages) registry.set(slug, (pages = {}))
  pages[file] = cacheKey
  return baseOf(slug)?.[file] !== cacheKey
}

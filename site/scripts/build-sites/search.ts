/** Step 2c and 4: each clinic's Pagefind index, before the switch or right after it. */
import fs from 'node:fs/promises'
import path from 'node:path'

import * as pagefind from 'pagefind'

import type { LiveRelease } from '@clinic/shared/releases'

import { exists, linkOrCopy, walk } from './files.ts'

type PagefindApi = typeof pagefind

/**
 * Pagefind's Node API drives one `pagefind --service` process per module instance, and that process
 * indexes on one core: with one instance, indexing the clinics one after another is most of the
 * build's time while the other core idles. Each lane is its own module instance (a distinct module
 * URL), so its own service process: PAGEFIND_LANES (default: the number of cores, at most 4)
 * clinics are assembled, checked and indexed at once.
 */
export class SearchLanes {
  readonly #apis: PagefindApi[]

  private constructor(apis: PagefindApi[]) {
    this.#apis = apis
  }

  static async open(lanes: number): Promise<SearchLanes> {
    const more = Array.from(
      { length: lanes - 1 },
      (_, i) => import(`${import.meta.resolve('pagefind')}?lane=${i + 1}`) as Promise<PagefindApi>,
    )
    return new SearchLanes([pagefind, ...(await Promise.all(more))])
  }

  get count(): number {
    return this.#apis.length
  }

  /**
   * Pagefind index of the tree's `data-pagefind-body` pages, written to <tree>/pagefind/ (or
   * `outputPath`). `signal`: stops before the next call to Pagefind once aborted (whoever aborts
   * also closes the lanes, which ends the call under way; a closed lane would start again).
   */
  async index(
    slug: string,
    tree: string,
    lane: number,
    {
      outputPath = path.join(tree, 'pagefind'),
      signal,
    }: { outputPath?: string; signal?: AbortSignal } = {},
  ): Promise<number> {
    // No forced language: Pagefind splits the index by each page's <html lang>, and the search UI
    // loads the index of its own page's language (/es/buscar/ searches only Spanish pages).
    signal?.throwIfAborted()
    const { index, errors } = await this.#apis[lane]!.createIndex()
    if (!index || errors.length > 0)
      throw new Error(`${slug}: Pagefind could not start: ${errors.join('; ')}`)
    signal?.throwIfAborted()
    const added = await index.addDirectory({ path: tree })
    if (added.errors.length > 0)
      throw new Error(`${slug}: Pagefind indexing failed: ${added.errors.join('; ')}`)
    signal?.throwIfAborted()
    const written = await index.writeFiles({ outputPath })
    if (written.errors.length > 0)
      throw new Error(`${slug}: Pagefind could not write its files: ${written.errors.join('; ')}`)
    await index.deleteIndex()
    // addDirectory's page_count counts every HTML file read; the entry file has the indexed ones.
    const entry = JSON.parse(
      await fs.readFile(path.join(outputPath, 'pagefind-entry.json'), 'utf8'),
    ) as {
      languages: Record<string, { page_count: number }>
    }
    return Object.values(entry.languages).reduce((sum, language) => sum + language.page_count, 0)
  }

  /** Ends the service processes. */
  async close(): Promise<void> {
    await Promise.all(this.#apis.map((api) => api.close()))
  }
}

/**
 * SITES_DEFER_SEARCH: the tree goes live with the live release's index (when it has one), and its
 * own index is written after the switch (`refreshSearchIndex`). True when carried over.
 *
 * The files are hard links to the live release's (`linkOrCopy`): an index is never written in
 * place (`swapSearchIndex` renames new files in and unlinks old ones).
 */
export async function copyLiveSearchIndex(
  live: LiveRelease | undefined,
  tree: string,
): Promise<boolean> {
  if (!live || !(await exists(path.join(live.dir, 'pagefind', 'pagefind-entry.json')))) return false
  const from = path.join(live.dir, 'pagefind')
  for (const file of walk(from))
    linkOrCopy(file, path.join(tree, 'pagefind', path.relative(from, file)))
  return true
}

/**
 * Replaces a live release's search index in place without a moment where it is incomplete: the
 * new index's files have content-hashed names (they never overwrite a file the old entry names),
 * so they are moved in first and the entry file that names them last, by one atomic rename. Then
 * the old index's files go: no earlier text stays reachable under its hashed name (as with a full
 * reindex, a visitor whose search page loaded the old index reloads it).
 */
async function swapSearchIndex(next: string, live: string): Promise<void> {
  const ENTRY = 'pagefind-entry.json'
  const relative = (dir: string) => [...walk(dir)].map((file) => path.relative(dir, file))
  const old = relative(live)
  const fresh = relative(next)
  for (const file of fresh.filter((name) => name !== ENTRY)) {
    await fs.mkdir(path.dirname(path.join(live, file)), { recursive: true })
    await fs.rename(path.join(next, file), path.join(live, file))
  }
  await fs.rename(path.join(next, ENTRY), path.join(live, ENTRY))
  const kept = new Set(fresh)
  for (const file of old.filter((name) => !kept.has(name)))
    await fs.rm(path.join(live, file), { force: true })
  await fs.rm(next, { recursive: true, force: true })
}

/** Indexes a release that went live with a copied index, and swaps the new index in. */
export async function refreshSearchIndex(
  search: SearchLanes,
  slug: string,
  releaseDir: string,
  lane: number,
  signal?: AbortSignal,
): Promise<number> {
  const next = path.join(releaseDir, '.pagefind-next')
  // Left by a refresh that was stopped (a killed builder).
  await fs.rm(next, { recursive: true, force: true })
  let indexed: number
  try {
    indexed = await search.index(slug, releaseDir, lane, { outputPath: next, signal })
    signal?.throwIfAborted()
  } catch (error) {
    await fs.rm(next, { recursive: true, force: true })
    throw error
  }
  await swapSearchIndex(next, path.join(releaseDir, 'pagefind'))
  return indexed
}

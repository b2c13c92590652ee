import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

/*
 * The passes over a clinic's tree (its assets, its links, the languages kept from the live
 * release, its size) use the file system's synchronous calls: a tree is hundreds to thousands of
 * small files, and a promise per call through libuv's thread pool cost about five times the time
 * of the calls themselves (a link check of 136 pages: 33-61 ms with promises, 6-9 ms without).
 * Only the build process waits on them; nothing else runs on its event loop meanwhile that a
 * few tens of milliseconds would delay.
 */

/**
 * Every file under `dir`, depth first; with `enter`, only in the folders it accepts (given their
 * path relative to `dir`).
 */
export function* walk(
  dir: string,
  enter?: (folder: string) => boolean,
  root: string = dir,
): Generator<string> {
  for (const entry of fsSync.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (!entry.isDirectory()) yield full
    else if (!enter || enter(path.relative(root, full))) yield* walk(full, enter, root)
  }
}

export const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  )

/**
 * Puts `from`'s file at `to` as a hard link (no bytes copied), or a copy when a link cannot be
 * made (another file system). Only for files nothing writes in place: a build's tree is written
 * by new files and renames (the redirect step never overwrites a page, the search index is
 * swapped in by renames), so a release may share files with the live one.
 */
export function linkOrCopy(from: string, to: string): void {
  fsSync.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fsSync.linkSync(from, to)
  } catch {
    fsSync.copyFileSync(from, to)
  }
}

/** Number of files and bytes under `dir`. */
export function treeSize(dir: string): { files: number; bytes: number } {
  let files = 0
  let bytes = 0
  for (const file of walk(dir)) {
    files++
    bytes += fsSync.statSync(file).size
  }
  return { files, bytes }
}

/**
 * `work` for every item, `lanes` at a time (a worker keeps its lane number). After a failure no new
 * item starts; the first error is thrown once the running ones have settled (nothing still writes
 * into the staging folder when the caller removes it).
 */
export async function inLanes<T, R>(
  items: T[],
  lanes: number,
  work: (item: T, lane: number) => Promise<R>,
): Promise<R[]> {
  const results = new Array<R>(items.length)
  let next = 0
  let failure: { error: unknown } | undefined
  const worker = async (lane: number) => {
    while (!failure && next < items.length) {
      const index = next++
      try {
        results[index] = await work(items[index]!, lane)
      } catch (error) {
        failure ??= { error }
      }
    }
  }
  await Promise.all(
    Array.from({ length: Math.min(lanes, items.length) }, (_, lane) => worker(lane)),
  )
  if (failure) throw failure.error
  return results
}

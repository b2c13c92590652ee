import fs from 'node:fs/promises'
import path from 'node:path'

/** Every file under `dir`, depth first. */
export async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else yield full
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
export async function linkOrCopy(from: string, to: string): Promise<void> {
  await fs.mkdir(path.dirname(to), { recursive: true })
  await fs.link(from, to).catch(() => fs.copyFile(from, to))
}

/** Number of files and bytes under `dir`. */
export async function treeSize(dir: string): Promise<{ files: number; bytes: number }> {
  let files = 0
  let bytes = 0
  for await (const file of walk(dir)) {
    files++
    bytes += (await fs.stat(file)).size
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

/**
 * Step 4: what a build does once its clinics are live, none of which a visitor waits for:
 *
 *   - releases by difference: the new releases' unchanged files become links to the previous
 *     release's (release.ts `shareUnchangedFiles`);
 *   - every clinic's old releases pruned (release.ts `pruneOldReleases`);
 *   - search follows: every live release that went live with its previous release's search index
 *     (`searchPending` in its release.json) is indexed, and the new index swapped in
 *     (search.ts `refreshSearchIndex`). That is this build's deferred clinics, and any clinic an
 *     earlier follow-up did not finish.
 *
 * The resident builder tells the CMS a build is done when its clinics are live, before this, and
 * stops it (`signal`) when the next build arrives: a burst of edits never waits for the search
 * indexes of the builds before the last one. What a stopped follow-up did not do is left in a
 * state the next one finishes: a release still marked `searchPending` is re-indexed by the next
 * build's follow-up (its copy of the live index is the previous one meanwhile), an old release is
 * pruned by it, a file not shared keeps its own copy. The same holds when the
 * process dies midway: any build's follow-up re-indexes every live release still marked (the
 * CMS's start-up build at the latest).
 */
import {
  clinicsWithReleases,
  liveRelease,
  updateReleaseManifest,
  type ReleaseManifest,
} from '@clinic/shared/releases'

import { inLanes } from './files.ts'
import { elapsed, log, phases } from './log.ts'
import { pruneOldReleases, shareUnchangedFiles, type PreparedTree } from './release.ts'
import { refreshSearchIndex, type SearchLanes } from './search.ts'

export interface FollowUp {
  sitesDir: string
  trees: PreparedTree[]
  releases: ReleaseManifest[]
  /** The build's search lanes (closed when the follow-up is stopped: Pagefind's work ends at once). */
  search: SearchLanes
  signal?: AbortSignal
}

/** The live releases whose search index is still their previous release's. */
export async function pendingSearch(sitesDir: string): Promise<{ slug: string; dir: string }[]> {
  const pending: { slug: string; dir: string }[] = []
  for (const slug of await clinicsWithReleases(sitesDir)) {
    const live = await liveRelease(sitesDir, slug)
    if (live?.manifest?.searchPending) pending.push({ slug, dir: live.dir })
  }
  return pending
}

async function refreshPendingSearch(
  sitesDir: string,
  search: SearchLanes,
  signal?: AbortSignal,
): Promise<void> {
  const pending = await pendingSearch(sitesDir)
  await inLanes(pending, search.count, async ({ slug, dir }, lane) => {
    if (signal?.aborted) return
    try {
      const indexed = await phases.time('pagefind after switch', () =>
        refreshSearchIndex(search, slug, dir, lane, signal),
      )
      await updateReleaseManifest(dir, { searchPending: undefined })
      log(`${slug}: search index refreshed, ${indexed} pages indexed (${elapsed()})`)
    } catch (error) {
      // Stopped for the next build, which re-indexes it after its own switch.
      if (signal?.aborted) return
      log(
        `${slug}: search index NOT refreshed, the next build retries it: ${(error as Error).message}`,
      )
    }
  })
}

/** Runs step 4 until done or `signal` stops it; never throws for what it could not finish. */
export async function followUp({
  sitesDir,
  trees,
  releases,
  search,
  signal,
}: FollowUp): Promise<void> {
  const stop = () => void search.close().catch(() => {})
  signal?.addEventListener('abort', stop, { once: true })
  try {
    const shared = await phases.time('share files after switch', () =>
      shareUnchangedFiles(sitesDir, trees, releases, signal),
    )
    if (shared.length > 0) log(`files shared with the previous release: ${shared.join(', ')}`)
    await phases.time('prune releases', () => pruneOldReleases(sitesDir, signal))
    await refreshPendingSearch(sitesDir, search, signal)
  } catch (error) {
    log(`after the switch: ${(error as Error).message} (the next build finishes what is left)`)
  } finally {
    signal?.removeEventListener('abort', stop)
  }
  if (signal?.aborted) log(`stopped after the switch for the next build (${elapsed()})`)
}

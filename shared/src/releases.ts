/**
 * Release directories of the clinic sites, shared by the site builder (which writes them), the CMS
 * (which shows their state) and `npm run rollback`:
 *
 *   SITES_DIR/
 *     index.html                         network index
 *     <clinic> -> .releases/<clinic>/<id>  the live pointer: a relative symlink, switched by rename
 *     .releases/<clinic>/<id>/           one complete tree per build, with release.json
 *
 * Web servers serve SITES_DIR/<clinic>/ and follow the link, so a switch is one atomic rename(2):
 * a visitor gets the old tree or the new one, never a mix. Relative links keep working when the
 * folder is mounted elsewhere (the nginx container mounts the same volume at another path).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

export const RELEASES_DIR = '.releases'
export const RELEASE_MANIFEST = 'release.json'
/** Releases kept per clinic (the live one is always kept too, e.g. after a rollback). */
export const KEPT_RELEASES = 3

export interface ReleaseManifest {
  id: string
  clinic: string
  /** ISO time the release was built. */
  builtAt: string
  pages: number
  /** Slugs of the articles the release shows (what validation compared against the CMS). */
  articles: string[]
  files: number
  bytes: number
  /**
   * The release went live with its previous release's search index (a publish's pages go live
   * before search is re-indexed); the builder writes its own index after the switch and then
   * clears this. While set, the release is the builder's to re-index (site/scripts/build-sites/
   * follow-up.ts).
   */
  searchPending?: boolean
}

export interface LiveRelease {
  id: string
  dir: string
  manifest?: ReleaseManifest
}

/** Sortable by time: 20261121T131748123Z-a1b2. */
export function newReleaseId(now = new Date()): string {
  return `${now.toISOString().replace(/[-:.]/g, '')}-${randomBytes(2).toString('hex')}`
}

const RELEASE_ID = /^\d{8}T\d{9}Z-[0-9a-f]{4}$/
const CLINIC_SLUG = /^[a-z0-9][a-z0-9-]*$/

function assertSlug(clinic: string): void {
  if (!CLINIC_SLUG.test(clinic)) throw new Error(`"${clinic}" is not a clinic slug`)
}

export const releasesOf = (sitesDir: string, clinic: string) =>
  path.join(sitesDir, RELEASES_DIR, clinic)
const livePath = (sitesDir: string, clinic: string) => path.join(sitesDir, clinic)

/** The clinic's release ids, oldest first. */
export async function listReleases(sitesDir: string, clinic: string): Promise<string[]> {
  assertSlug(clinic)
  try {
    return (await fs.readdir(releasesOf(sitesDir, clinic)))
      .filter((name) => RELEASE_ID.test(name))
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

export async function readReleaseManifest(dir: string): Promise<ReleaseManifest | undefined> {
  try {
    return JSON.parse(
      await fs.readFile(path.join(dir, RELEASE_MANIFEST), 'utf8'),
    ) as ReleaseManifest
  } catch {
    return undefined
  }
}

/**
 * Rewrites a release's manifest with `change` applied: a new file renamed over the old one, so a
 * reader gets one or the other, never a half-written file.
 */
export async function updateReleaseManifest(
  dir: string,
  change: Partial<Omit<ReleaseManifest, 'id' | 'clinic'>>,
): Promise<ReleaseManifest> {
  const current = await readReleaseManifest(dir)
  if (!current) throw new Error(`${dir} has no readable ${RELEASE_MANIFEST}`)
  const next: ReleaseManifest = { ...current, ...change }
  for (const [key, value] of Object.entries(change))
    if (value === undefined) delete next[key as keyof ReleaseManifest]
  const temporary = path.join(dir, `.${RELEASE_MANIFEST}.${randomBytes(3).toString('hex')}`)
  await fs.writeFile(temporary, `${JSON.stringify(next, null, 2)}\n`)
  await fs.rename(temporary, path.join(dir, RELEASE_MANIFEST))
  return next
}

/** The clinics that have releases in SITES_DIR, whatever the CMS holds now. */
export async function clinicsWithReleases(sitesDir: string): Promise<string[]> {
  try {
    return (await fs.readdir(path.join(sitesDir, RELEASES_DIR)))
      .filter((name) => CLINIC_SLUG.test(name))
      .sort()
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
}

/** What SITES_DIR/<clinic> serves now, or undefined when the clinic has no site yet. */
export async function liveRelease(
  sitesDir: string,
  clinic: string,
): Promise<LiveRelease | undefined> {
  assertSlug(clinic)
  const live = livePath(sitesDir, clinic)
  let target: string
  try {
    target = await fs.readlink(live)
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code
    if (code === 'ENOENT') return undefined
    // A plain directory: a tree from before releases existed.
    if (code === 'EINVAL')
      return { id: 'unversioned', dir: live, manifest: await readReleaseManifest(live) }
    throw error
  }
  const dir = path.resolve(sitesDir, target)
  return { id: path.basename(dir), dir, manifest: await readReleaseManifest(dir) }
}

/**
 * Points SITES_DIR/<clinic> at release `id`: a new symlink renamed over the old one (atomic).
 * A plain directory left by an older version is first kept as a release, so rollback can reach it.
 */
export async function switchLive(sitesDir: string, clinic: string, id: string): Promise<void> {
  assertSlug(clinic)
  if (!RELEASE_ID.test(id)) throw new Error(`"${id}" is not a release id`)
  const target = path.join(RELEASES_DIR, clinic, id)
  await fs.access(path.join(sitesDir, target))
  const live = livePath(sitesDir, clinic)
  const stat = await fs.lstat(live).catch(() => undefined)
  if (stat?.isDirectory()) {
    const legacyId = newReleaseId(stat.mtime)
    await fs.mkdir(releasesOf(sitesDir, clinic), { recursive: true })
    await fs.rename(live, path.join(releasesOf(sitesDir, clinic), legacyId))
  }
  const next = path.join(sitesDir, `.${clinic}.link-${randomBytes(4).toString('hex')}`)
  await fs.symlink(target, next)
  try {
    await fs.rename(next, live)
  } catch (error) {
    await fs.rm(next, { force: true })
    throw error
  }
}

async function sameBytes(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([fs.readFile(a), fs.readFile(b)])
  return left.equals(right)
}

/**
 * Releases by difference: every file of `tree` whose bytes equal the file at the same path in
 * `previous` becomes a hard link to that file (renamed over the copy, one file at a time), so a
 * release stores only what changed. Returns how many files it shares. The site build runs it
 * on a release right after the switch: each rename swaps a file for one with the same bytes, so
 * visitors cannot tell, and the publish does not wait for the comparison. Safe because nothing
 * writes into a release's files in place once it is published (the search index is swapped in by
 * renames, pruning unlinks) and release.json is never linked. A link that cannot be made (another
 * file system) leaves the tree's own copy.
 */
export async function linkUnchangedFiles(
  tree: string,
  previous: string,
  /** Stops between files (what is shared stays shared; the rest keeps its own copies). */
  signal?: AbortSignal,
): Promise<number> {
  let shared = 0
  const visit = async (dir: string): Promise<void> => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      if (signal?.aborted) return
      const file = path.join(dir, entry.name)
      if (entry.isDirectory()) {
        await visit(file)
        continue
      }
      const relative = path.relative(tree, file)
      if (!entry.isFile() || relative === RELEASE_MANIFEST) continue
      const before = path.join(previous, relative)
      const [mine, theirs] = await Promise.all([
        fs.stat(file),
        fs.stat(before).catch(() => undefined),
      ])
      if (!theirs?.isFile()) continue
      // Already one file (the build linked it): renaming a link over another link to the same
      // file does nothing (POSIX rename), which would leave the new link behind.
      if (theirs.ino === mine.ino && theirs.dev === mine.dev) {
        shared++
        continue
      }
      if (theirs.size !== mine.size || !(await sameBytes(file, before))) continue
      const next = `${file}.link-${randomBytes(4).toString('hex')}`
      try {
        await fs.link(before, next)
        await fs.rename(next, file)
        shared++
      } catch {
        await fs.rm(next, { force: true })
      }
    }
  }
  await visit(tree)
  return shared
}

/**
 * Moves a finished tree into the clinic's releases (a rename: same file system) with its
 * manifest, switches it live and (unless `prune: false`) removes releases beyond the last
 * KEPT_RELEASES.
 */
export async function publishRelease(
  sitesDir: string,
  clinic: string,
  tree: string,
  manifest: Omit<ReleaseManifest, 'clinic'>,
  {
    /**
     * false: leave the old releases for the caller's `pruneReleases` (a build switching several
     * clinics prunes once all are live: deleting a release of a thousand files took 0.2 s a clinic).
     */
    prune = true,
  }: { prune?: boolean } = {},
): Promise<ReleaseManifest> {
  assertSlug(clinic)
  const full: ReleaseManifest = { ...manifest, clinic }
  await fs.writeFile(path.join(tree, RELEASE_MANIFEST), `${JSON.stringify(full, null, 2)}\n`)
  await fs.mkdir(releasesOf(sitesDir, clinic), { recursive: true })
  await fs.rename(tree, path.join(releasesOf(sitesDir, clinic), manifest.id))
  await switchLive(sitesDir, clinic, manifest.id)
  if (prune) await pruneReleases(sitesDir, clinic)
  return full
}

/** Keeps the newest `keep` releases and the live one; returns the ids removed. */
export async function pruneReleases(
  sitesDir: string,
  clinic: string,
  keep = KEPT_RELEASES,
): Promise<string[]> {
  const live = await liveRelease(sitesDir, clinic)
  const ids = await listReleases(sitesDir, clinic)
  const removed = ids.slice(0, Math.max(0, ids.length - keep)).filter((id) => id !== live?.id)
  for (const id of removed)
    await fs.rm(path.join(releasesOf(sitesDir, clinic), id), { recursive: true, force: true })
  return removed
}

/** Switches the clinic back to the release before the live one; returns [from, to]. */
export async function rollback(
  sitesDir: string,
  clinic: string,
): Promise<{ from: string; to: string }> {
  const live = await liveRelease(sitesDir, clinic)
  if (!live) throw new Error(`${clinic} has no live site in ${sitesDir}`)
  const ids = await listReleases(sitesDir, clinic)
  const position = ids.indexOf(live.id)
  const earlier = position === -1 ? [] : ids.slice(0, position)
  const to = earlier.at(-1)
  if (!to) {
    throw new Error(
      `${clinic} has no release older than the live one (${live.id}); kept releases: ${ids.join(', ') || 'none'}`,
    )
  }
  await switchLive(sitesDir, clinic, to)
  return { from: live.id, to }
}

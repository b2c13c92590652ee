/**
 * Astro's incremental build cache (experimental.incrementalBuild), kept per clinic.
 *
 * Astro restores a page from its cache when the page's `cacheKey` (src/data/clinic-site.ts
 * `pathsPerClinic`) and its route's module graph are those of the previous build, and it copies
 * the page into whatever outDir this build has, so each build still gets a complete set of pages.
 * But Astro's cache holds only the pages of its last build: it prunes every page that build did
 * not list. A publish builds only the clinics that show the change (CLINICS), so one cache would
 * forget every other clinic's pages at each publish, and the next publish on other clinics would
 * render all of theirs. So this module keeps a store of pages per clinic (the first segment of
 * each page's output path), and gives each Astro build a cache folder of its own made of the
 * store's entries for the clinics it builds:
 *
 * - `checkout` moves those clinics' pages (one rename per clinic) and manifest entries (a file per
 *   clinic) out of the store into a new working cache, each clinic's manifest file first: the
 *   store never lists a page it does not hold, whatever happens to the build.
 * - `commit`, after Astro's build finished (Astro writes a page's new copy before its manifest,
 *   which it writes once generation ended), moves the build's pages back into the store. A build
 *   that failed or was killed is never committed: its clinics render in full the next time.
 * - Astro's cache is valid only under the same config and lockfile (its manifest's header); a
 *   commit under another header drops every other clinic's pages from the store.
 *
 * Two Astro builds may check out at once (full builds split across render workers): only the
 * build's parent process checks out and commits, one at a time, and each build's clinics are its
 * own. One store per SITES_DIR (whose lock the build holds): builds for other networks, in tests
 * or a preview, would otherwise share entries under the same paths. It lives beside Astro's own
 * cache, not in SITES_DIR, which holds only what is served and released; a store whose SITES_DIR
 * is gone is removed. Images stay in Astro's shared image cache (`assets`, a link), except for
 * builds running at once, which get a copy each (`privateImageCache`).
 */
import { createHash, randomBytes } from 'node:crypto'
import fsSync from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'

import { exists, linkOrCopy } from './files.ts'
import { log } from './log.ts'
import { siteDir } from './settings.ts'

interface PathEntry {
  cacheKey: string
  outputFile: string
  [more: string]: unknown
}
interface RouteEntry {
  dependencyHash: string
  paths: Record<string, PathEntry>
}
/** Astro's incremental-build.json (astro/dist/core/build/incremental.js). */
interface AstroManifest {
  version: number
  configHash: string
  lockfileHash: string
  keyDigest: string
  routes: Record<string, RouteEntry>
}
type Header = Omit<AstroManifest, 'routes'>

const ASTRO_MANIFEST = 'incremental-build.json'
/** Working caches `reserve` made in this process, not yet checked out and finished. */
const reserved = new Set<string>()
const caches = path.join(siteDir, 'node_modules', '.cache', 'clinic-incremental')
const sharedImages = path.join(siteDir, 'node_modules', '.astro', 'assets')

/** The folder of a SITES_DIR's cache store (removing it makes the next build render every page). */
export async function incrementalCacheHome(
  sitesDir: string,
): Promise<{ home: string; real: string }> {
  const real = await fs.realpath(sitesDir)
  return {
    home: path.join(caches, createHash('sha256').update(real).digest('hex').slice(0, 16)),
    real,
  }
}

/**
 * What Astro checks before it trusts a cache (its config, lockfile and format). Not the key
 * digest: without ASTRO_KEY every build makes a key of its own, and Astro compares it only for
 * server islands, which these sites have none of.
 */
const sameHeader = (a: Header | null | undefined, b: Header | null | undefined) =>
  Boolean(a && b) &&
  a!.version === b!.version &&
  a!.configHash === b!.configHash &&
  a!.lockfileHash === b!.lockfileHash

const clinicOf = (entry: PathEntry) => entry.outputFile.split('/')[0]!

async function readJson<T>(file: string): Promise<T | undefined> {
  return fs
    .readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as T)
    .catch(() => undefined)
}

async function writeJson(file: string, value: unknown): Promise<void> {
  const temporary = `${file}.${process.pid}.tmp`
  await fs.writeFile(temporary, JSON.stringify(value))
  await fs.rename(temporary, file)
}

/** `<route> <path>` -> the route's module hash and the page's key: what Astro compares. */
function keysOf(routes: Record<string, RouteEntry>): Map<string, string> {
  const keys = new Map<string, string>()
  for (const [route, entry] of Object.entries(routes))
    for (const [page, { cacheKey }] of Object.entries(entry.paths))
      keys.set(`${route} ${page}`, `${entry.dependencyHash} ${cacheKey}`)
  return keys
}

/** A working cache, checked out of the store for one Astro build. */
export interface CheckedOutCache {
  /** Astro's `cacheDir` for the build (with a trailing slash, as Astro wants a folder URL). */
  cacheDir: string
  /** After the build finished: its pages back into the store; how many it rendered and restored. */
  commit: () => Promise<{ pages: number; restored: number }>
  /** The build failed: its working cache goes (its clinics render in full the next time). */
  discard: () => Promise<void>
}

export class RenderCache {
  readonly home: string
  readonly #store: string
  #working = 0

  private constructor(home: string) {
    this.home = home
    this.#store = path.join(home, 'store')
  }

  /**
   * The store of a SITES_DIR, with the working caches of earlier builds (killed or failed ones
   * leave theirs) and the stores of SITES_DIRs that are gone removed.
   */
  static async open(sitesDir: string): Promise<RenderCache> {
    const { home, real } = await incrementalCacheHome(sitesDir)
    await fs.mkdir(path.join(home, 'store', 'dist'), { recursive: true })
    await fs.mkdir(path.join(home, 'store', 'clinics'), { recursive: true })
    await fs.writeFile(path.join(home, 'sites-dir'), real)
    for (const name of await fs.readdir(caches)) {
      const owner = await fs.readFile(path.join(caches, name, 'sites-dir'), 'utf8').catch(() => '')
      // Not awaited: at 50,000 pages a store takes about 10 s to delete, which no build should wait for.
      if (owner && !(await exists(owner)))
        void fs.rm(path.join(caches, name), { recursive: true, force: true }).catch(() => {})
    }
    for (const name of await fs.readdir(home))
      if ((name.startsWith('work-') && !reserved.has(path.join(home, name))) || name === 'astro')
        await fs.rm(path.join(home, name), { recursive: true, force: true })
    await fs.mkdir(sharedImages, { recursive: true })
    return new RenderCache(home)
  }

  // One manifest file per clinic (a publish reads and writes only its clinics': at 64,342 pages
  // one file for all of them took seconds to read and write on every build), and the header.
  #clinicFile = (slug: string) => path.join(this.#store, 'clinics', `${slug}.json`)
  #headerFile = () => path.join(this.#store, 'header.json')

  /** The clinics whose pages the store holds. */
  async clinics(): Promise<string[]> {
    return (await fs.readdir(path.join(this.#store, 'clinics')))
      .filter((name) => name.endsWith('.json'))
      .map((name) => name.slice(0, -'.json'.length))
  }

  /** The number of pages the store holds for each of `clinics` it holds. */
  async pageCounts(clinics: string[]): Promise<Map<string, number>> {
    const stored = await this.clinics()
    const counts = new Map<string, number>()
    for (const slug of stored.filter((name) => clinics.includes(name))) {
      const routes = await readJson<Record<string, RouteEntry>>(this.#clinicFile(slug))
      if (routes)
        counts.set(
          slug,
          Object.values(routes).reduce((sum, route) => sum + Object.keys(route.paths).length, 0),
        )
    }
    return counts
  }

  /**
   * An empty working cache for a build that starts before its clinics are known (bundled ahead,
   * astro-build.ts `bundleAhead`): Astro reads its cache when it generates pages, and `checkout`
   * with `into` fills the folder then. Kept by `open` until it is checked out or released.
   */
  static async reserve(sitesDir: string): Promise<{ dir: string; release: () => Promise<void> }> {
    const { home } = await incrementalCacheHome(sitesDir)
    const dir = path.join(home, `work-${process.pid}-ahead-${randomBytes(3).toString('hex')}`)
    reserved.add(dir)
    await workingDir(dir, false)
    return { dir, release: () => removeWorkingDir(dir) }
  }

  /**
   * A working cache holding the store's pages of `clinics` (every clinic when undefined), in a new
   * folder or in one `reserve` made (`into`). `ownImages`: the build gets an image cache of its
   * own (for builds running at once, see `privateImageCache`), whose new images join the shared
   * one when the build is committed. `keep`: clinics whose pages the build renders against their
   * live release (page-keys.ts), some only: their store entries stay as they are (a later full
   * build re-renders what changed since), and the build's are not committed.
   */
  async checkout(
    clinics: string[] | undefined,
    {
      ownImages = false,
      into,
      keep = [],
    }: { ownImages?: boolean; into?: string; keep?: string[] } = {},
  ): Promise<CheckedOutCache> {
    const dir = into ?? path.join(this.home, `work-${process.pid}-${++this.#working}`)
    // A reserved folder another process's `open` removed meanwhile is made again.
    if (!into || !(await exists(path.join(dir, 'dist')))) await workingDir(dir, ownImages)
    const done = () => removeWorkingDir(dir)
    const header = await readJson<Header>(this.#headerFile())
    const taken = (await this.clinics()).filter(
      (slug) => (!clinics || clinics.includes(slug)) && !keep.includes(slug),
    )
    const routes: Record<string, RouteEntry> = {}
    for (const slug of taken) {
      const clinicRoutes = await readJson<Record<string, RouteEntry>>(this.#clinicFile(slug))
      // The store stops listing the clinic before its pages move: it never lists what it lacks.
      await fs.rm(this.#clinicFile(slug), { force: true })
      await fs
        .rename(path.join(this.#store, 'dist', slug), path.join(dir, 'dist', slug))
        .catch((error: unknown) => {
          if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
        })
      for (const [route, entry] of Object.entries(clinicRoutes ?? {})) {
        const merged = (routes[route] ??= { dependencyHash: entry.dependencyHash, paths: {} })
        // Entries of one route under another module hash would not be restored anyway.
        if (merged.dependencyHash === entry.dependencyHash) Object.assign(merged.paths, entry.paths)
      }
    }
    if (header && Object.keys(routes).length > 0)
      await writeJson(path.join(dir, ASTRO_MANIFEST), { ...header, routes })
    const before = keysOf(routes)

    return {
      cacheDir: `${dir}/`,
      discard: done,
      commit: async () => {
        const built = await readJson<AstroManifest>(path.join(dir, ASTRO_MANIFEST))
        if (!built) {
          await done()
          return { pages: 0, restored: 0 }
        }
        const { routes: builtRoutes, ...builtHeader } = built
        if (!sameHeader(await readJson<Header>(this.#headerFile()), builtHeader)) {
          for (const slug of await this.clinics()) {
            await fs.rm(this.#clinicFile(slug), { force: true })
            await fs.rm(path.join(this.#store, 'dist', slug), { recursive: true, force: true })
          }
        }
        await writeJson(this.#headerFile(), builtHeader)
        const byClinic: Record<string, Record<string, RouteEntry>> = {}
        for (const [route, entry] of Object.entries(builtRoutes))
          for (const [page, pathEntry] of Object.entries(entry.paths)) {
            if (keep.includes(clinicOf(pathEntry))) continue
            const clinic = (byClinic[clinicOf(pathEntry)] ??= {})
            const forRoute = (clinic[route] ??= { dependencyHash: entry.dependencyHash, paths: {} })
            forRoute.paths[page] = pathEntry
          }
        for (const [slug, clinicRoutes] of Object.entries(byClinic)) {
          const target = path.join(this.#store, 'dist', slug)
          await fs.rm(target, { recursive: true, force: true })
          const moved = await fs.rename(path.join(dir, 'dist', slug), target).then(
            () => true,
            () => false,
          )
          if (moved) await writeJson(this.#clinicFile(slug), clinicRoutes)
        }
        if (ownImages) shareNewImages(path.join(dir, 'assets'))
        await done()
        const after = keysOf(builtRoutes)
        let restored = 0
        for (const [page, key] of after) if (before.get(page) === key) restored++
        return { pages: after.size, restored }
      },
    }
  }
}

/** A working cache is done with (committed, discarded or released): its folder goes. */
async function removeWorkingDir(dir: string): Promise<void> {
  reserved.delete(dir)
  await fs.rm(dir, { recursive: true, force: true })
}

/** A working cache's folder: its pages (`dist`) and its images (the shared cache, or its own). */
async function workingDir(dir: string, ownImages: boolean): Promise<void> {
  await fs.mkdir(path.join(dir, 'dist'), { recursive: true })
  if (ownImages) privateImageCache(path.join(dir, 'assets'))
  else if (!(await exists(path.join(dir, 'assets'))))
    await fs.symlink(sharedImages, path.join(dir, 'assets'))
}

/**
 * Astro's image cache writes a file in place (its metadata JSON, the image) and another build
 * reading it meanwhile fails ("An error was encountered while reading the cache file", seen when
 * two render workers of a full build made the same new image) or could copy half an image. Builds
 * that run at once each get a folder of their own: the shared cache's images as hard links (Astro
 * never rewrites an image in place: a new one is a new file) and its metadata files as copies
 * (Astro rewrites those when it revalidates a remote image).
 */
function privateImageCache(dir: string): void {
  fsSync.mkdirSync(dir, { recursive: true })
  for (const name of fsSync.readdirSync(sharedImages)) {
    const from = path.join(sharedImages, name)
    if (name.endsWith('.json')) fsSync.copyFileSync(from, path.join(dir, name))
    else linkOrCopy(from, path.join(dir, name))
  }
}

/** A private image cache's new and rewritten files join the shared cache, each by a rename. */
function shareNewImages(dir: string): void {
  for (const name of fsSync.readdirSync(dir)) {
    const to = path.join(sharedImages, name)
    const from = path.join(dir, name)
    const shared = fsSync.statSync(to, { throwIfNoEntry: false })
    if (shared && shared.ino === fsSync.statSync(from).ino) continue
    fsSync.renameSync(from, to)
  }
}

/**
 * Commits each build's working cache back into the store, and logs how much they restored (and
 * how many unchanged pages were `linked` from the live releases instead: page-keys.ts).
 */
export async function commitAll(
  checkouts: CheckedOutCache[],
  { linked = 0 }: { linked?: number } = {},
): Promise<void> {
  let pages = linked
  let restored = 0
  for (const checkout of checkouts) {
    const counts = await checkout.commit()
    pages += counts.pages
    restored += counts.restored
  }
  const fromLive = linked > 0 ? `, ${linked} linked from the live releases` : ''
  log(
    `incremental render: ${pages - restored - linked} of ${pages} keyed pages rendered, ${restored} restored from the cache${fromLive}`,
  )
}

/**
 * `npm run build:sites -w site`: every clinic's static site, from one Astro build.
 *
 *   1. astro build (pages for all clinics under dist/<clinic>/, data loaded once from the CMS)
 *   2. per clinic: its own tree with the /_astro/ assets it uses, 404.html at its root, then
 *      validation (required files, every internal link resolves, exactly the published articles
 *      the CMS lists for it, no unexplained drop in page count against the live release), then the
 *      Pagefind index of `main[data-pagefind-body]` (PAGEFIND_LANES clinics at a time, default one
 *      per core: each Pagefind process indexes on one core)
 *   3. only when every clinic passed: each tree becomes a new release, SITES_DIR/.releases/<clinic>/<id>/,
 *      and the live pointer SITES_DIR/<clinic> is switched to it atomically (see shared/src/releases.ts);
 *      the last 3 releases are kept for `npm run rollback -- <clinic>`; the network index is replaced
 *
 * Env: CMS_URL (default http://localhost:3000), SITES_DIR (default <repo>/data/sites),
 * CLINICS=slug1,slug2 (only those clinics get new releases), SITES_DEFER_SEARCH=1 (see below),
 * SITES_MAX_PAGE_DROP (share of a
 * clinic's pages a build may remove, default 0.25), SITES_ALLOW_PAGE_DROP=1 (the change removed
 * content: unpublish, delete), SITES_RESULT_FILE (JSON report of the new releases).
 * Any failure (the CMS down after retries, a broken link, a validation, Pagefind) exits non-zero
 * and leaves every live site exactly as it was. One build at a time per SITES_DIR (a lock file).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'astro'
import * as pagefind from 'pagefind'

import {
  liveRelease,
  newReleaseId,
  publishRelease,
  releasesOf,
  type LiveRelease,
  type ReleaseManifest,
} from '@clinic/shared/releases'

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = path.resolve(siteDir, '..')
const sitesDir = path.resolve(process.env.SITES_DIR ?? path.join(repoRoot, 'data', 'sites'))
const started = Date.now()

const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`
const log = (line: string) => process.stdout.write(`[sites] ${line}\n`)

interface BuildManifest {
  networkName: string
  clinics: { slug: string; name: string; siteUrl: string }[]
  built: string[]
  articles: Record<string, string[]>
  cms: { requests: number; retries: number; ms: number }
}

interface TreeReport {
  slug: string
  tree: string
  pages: number
  files: number
  bytes: number
  indexed: number
  /** The search index was copied from the live release; the new one is written after the switch. */
  searchDeferred: boolean
  articles: string[]
}

const maxPageDrop = (() => {
  const raw = process.env.SITES_MAX_PAGE_DROP
  const value = raw === undefined || raw === '' ? 0.25 : Number(raw)
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new Error(`SITES_MAX_PAGE_DROP must be a share between 0 and 1, not "${raw}"`)
  return value
})()
const allowPageDrop =
  process.env.SITES_ALLOW_PAGE_DROP === '1' || process.env.SITES_ALLOW_PAGE_DROP === 'true'
/**
 * SITES_DEFER_SEARCH=1 (the publisher, for changes that removed nothing): a clinic that has a live
 * release goes live with a copy of that release's search index, and its new index is written right
 * after the switch (a few seconds later). Search results lag the pages by those seconds; pages
 * never do. A change that removed content is indexed before the switch, so removed text is never
 * searchable on the new release.
 */
const deferSearch =
  (process.env.SITES_DEFER_SEARCH === '1' || process.env.SITES_DEFER_SEARCH === 'true') &&
  !allowPageDrop

async function* walk(dir: string): AsyncGenerator<string> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(full)
    else yield full
  }
}

const exists = (file: string) =>
  fs.stat(file).then(
    () => true,
    () => false,
  )

const IMAGE_ASSET = /\.(?:webp|avif|png|jpe?g|gif)$/i
const ASSET_REF = /\/_astro\/[^"'\s),]+/g
const LINK_REF = /\s(?:href|src)="(\/[^"#?]*)[^"]*"/g

/**
 * Makes dist/<clinic>/ a self-contained tree: code and styles from /_astro/ (small, shared by
 * every page), images only when this clinic's pages use them; 404.html at its root.
 */
async function assembleTree(distDir: string, slug: string, tree: string): Promise<void> {
  await fs.rename(path.join(distDir, slug), tree)
  const notFound = path.join(tree, '404', 'index.html')
  if (await exists(notFound)) {
    await fs.rename(notFound, path.join(tree, '404.html'))
    await fs.rm(path.join(tree, '404'), { recursive: true })
  }
  if (!(await exists(path.join(tree, '404.html'))))
    throw new Error(`${slug}: no 404 page was rendered`)

  const used = new Set<string>()
  for await (const file of walk(tree)) {
    if (!file.endsWith('.html')) continue
    for (const ref of (await fs.readFile(file, 'utf8')).match(ASSET_REF) ?? [])
      used.add(ref.slice('/_astro/'.length))
  }
  const assetsDir = path.join(distDir, '_astro')
  if (!(await exists(assetsDir))) return
  await fs.mkdir(path.join(tree, '_astro'))
  for (const name of await fs.readdir(assetsDir)) {
    if (IMAGE_ASSET.test(name) && !used.has(name)) continue
    await fs.copyFile(path.join(assetsDir, name), path.join(tree, '_astro', name))
  }
}

/** Every root-relative href/src in the tree's pages must resolve to a file of the same tree. */
async function checkLinks(slug: string, tree: string): Promise<number> {
  const broken: string[] = []
  const seen = new Map<string, boolean>()
  let pages = 0
  const resolves = async (target: string) => {
    let result = seen.get(target)
    if (result === undefined) {
      const file = decodeURI(target).endsWith('/')
        ? path.join(tree, decodeURI(target), 'index.html')
        : path.join(tree, decodeURI(target))
      result = file.startsWith(tree) && (await exists(file))
      seen.set(target, result)
    }
    return result
  }
  for await (const file of walk(tree)) {
    if (!file.endsWith('.html')) continue
    pages++
    const html = await fs.readFile(file, 'utf8')
    for (const match of html.matchAll(LINK_REF)) {
      const target = match[1]!
      // Pagefind's files are written after this check.
      if (target.startsWith('/pagefind/')) continue
      if (!(await resolves(target))) broken.push(`${path.relative(tree, file)} -> ${target}`)
    }
  }
  if (broken.length > 0) {
    throw new Error(
      `${slug}: ${broken.length} broken internal link(s):\n  ${broken.slice(0, 20).join('\n  ')}`,
    )
  }
  return pages
}

/**
 * The tree shows exactly the published articles the CMS listed for this clinic (none missing, no
 * page for anything else, e.g. a draft), and does not lose more than SITES_MAX_PAGE_DROP of the live
 * release's pages unless the change removed content.
 */
async function validateTree(
  slug: string,
  tree: string,
  pages: number,
  expectedArticles: string[],
  live: LiveRelease | undefined,
): Promise<void> {
  const articlesDir = path.join(tree, 'articles')
  const rendered = new Set<string>()
  for (const entry of await fs.readdir(articlesDir, { withFileTypes: true }).catch(() => [])) {
    if (
      entry.isDirectory() &&
      entry.name !== 'page' &&
      (await exists(path.join(articlesDir, entry.name, 'index.html')))
    )
      rendered.add(entry.name)
  }
  const expected = new Set(expectedArticles)
  const missing = [...expected].filter((article) => !rendered.has(article))
  const unexpected = [...rendered].filter((article) => !expected.has(article))
  if (missing.length > 0 || unexpected.length > 0) {
    throw new Error(
      `${slug}: the article pages do not match the published articles the CMS lists for this clinic` +
        `${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unexpected.length ? `; not published here: ${unexpected.join(', ')}` : ''}`,
    )
  }
  const before = live?.manifest?.pages
  if (before && !allowPageDrop && pages < before * (1 - maxPageDrop)) {
    throw new Error(
      `${slug}: the new release has ${pages} pages, the live one ${before}: a drop of more than ${Math.round(maxPageDrop * 100)}% ` +
        'without an unpublish or delete to explain it (SITES_MAX_PAGE_DROP; SITES_ALLOW_PAGE_DROP=1 to accept it)',
    )
  }
}

type PagefindApi = typeof pagefind

/**
 * Pagefind's Node API drives one `pagefind --service` process per module instance, and that process
 * indexes on one core: with one instance, indexing the clinics one after another is most of the
 * build's time while the other core idles. Each lane is its own module instance (a distinct module
 * URL), so its own service process: PAGEFIND_LANES (default: the number of cores, at most 4)
 * clinics are assembled, checked and indexed at once.
 */
const SEARCH_LANES = Math.max(
  1,
  Math.min(4, Number(process.env.PAGEFIND_LANES) || os.availableParallelism()),
)
let pagefindLanes: PagefindApi[] = [pagefind]
const openPagefindLanes = async () => {
  const more = Array.from(
    { length: SEARCH_LANES - 1 },
    (_, i) => import(`${import.meta.resolve('pagefind')}?lane=${i + 1}`) as Promise<PagefindApi>,
  )
  pagefindLanes = [pagefind, ...(await Promise.all(more))]
  return pagefindLanes
}

/**
 * `work` for every item, `lanes` at a time (a worker keeps its lane number). After a failure no new
 * item starts; the first error is thrown once the running ones have settled (nothing still writes
 * into the staging folder when the caller removes it).
 */
async function inLanes<T, R>(
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

/** Pagefind index of the tree's `data-pagefind-body` pages, written to <tree>/pagefind/ (or `outputPath`). */
async function indexSearch(
  slug: string,
  tree: string,
  pagefind: PagefindApi,
  outputPath = path.join(tree, 'pagefind'),
): Promise<number> {
  const { index, errors } = await pagefind.createIndex({ forceLanguage: 'en' })
  if (!index || errors.length > 0)
    throw new Error(`${slug}: Pagefind could not start: ${errors.join('; ')}`)
  const added = await index.addDirectory({ path: tree })
  if (added.errors.length > 0)
    throw new Error(`${slug}: Pagefind indexing failed: ${added.errors.join('; ')}`)
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

/**
 * Replaces a live release's search index in place without a moment where it is incomplete: the
 * new index's files have content-hashed names (they never overwrite a file the old entry names),
 * so they are moved in first and the entry file that names them last, by one atomic rename. Then
 * the old index's files go: no earlier text stays reachable under its hashed name (as with a full
 * reindex, a visitor whose search page loaded the old index reloads it).
 */
async function swapSearchIndex(next: string, live: string): Promise<void> {
  const ENTRY = 'pagefind-entry.json'
  const relative = async (dir: string) => {
    const found: string[] = []
    for await (const file of walk(dir)) found.push(path.relative(dir, file))
    return found
  }
  const old = await relative(live)
  const fresh = await relative(next)
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

const LOCK = '.build.lock'

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * One build at a time per SITES_DIR (the CMS's publisher and a manual `npm run build:sites` may
 * overlap). A lock whose process is gone (a killed build) is taken over; so is its staging folder.
 */
async function acquireLock(): Promise<() => Promise<void>> {
  const lock = path.join(sitesDir, LOCK)
  let waited = false
  for (;;) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(await fs.readFile(lock, 'utf8').catch(() => ''))
      if (!holder || !processAlive(holder)) {
        await fs.rm(lock, { force: true })
        continue
      }
      if (!waited) log(`another build (pid ${holder}) is writing ${sitesDir}; waiting for it...`)
      waited = true
      await new Promise((resolve) => setTimeout(resolve, 500))
    }
  }
  // Nothing else builds now: staging folders left by killed builds can go.
  for (const name of await fs.readdir(sitesDir)) {
    if (name.startsWith('.build-') || /^\.[a-z0-9-]+\.link-/.test(name))
      await fs.rm(path.join(sitesDir, name), { recursive: true, force: true })
  }
  return () => fs.rm(lock, { force: true })
}

async function main(): Promise<void> {
  await fs.mkdir(sitesDir, { recursive: true })
  // Astro writes its prerender bundle under <cwd>/.astro/ when outDir is outside the root: builds
  // running at once (a publish and a preview, or two SITES_DIRs) each need a cwd of their own. Under
  // site/ so that the bundle resolves packages from site/node_modules.
  const workDir = path.join(
    siteDir,
    'node_modules',
    '.cache',
    'clinic-builds',
    `${process.pid}-${randomBytes(3).toString('hex')}`,
  )
  await fs.mkdir(workDir, { recursive: true })
  for (const name of await fs.readdir(path.dirname(workDir))) {
    // Left by builds that were killed.
    if (!processAlive(Number(name.split('-')[0])))
      await fs.rm(path.join(path.dirname(workDir), name), { recursive: true, force: true })
  }
  process.chdir(workDir)
  const unlock = await acquireLock()
  // Staging lives inside SITES_DIR so that releasing a tree is a rename on one file system.
  const staging = path.join(sitesDir, `.build-${Date.now()}-${randomBytes(3).toString('hex')}`)
  const distDir = path.join(staging, '.dist')
  await fs.mkdir(staging)
  let released = 0
  try {
    log(
      `building with Astro from ${process.env.CMS_URL ?? 'http://localhost:3000'}${process.env.CLINICS ? ` (clinics: ${process.env.CLINICS})` : ''}`,
    )
    await build({ root: siteDir, outDir: distDir, mode: 'production' })
    const manifest = JSON.parse(
      await fs.readFile(path.join(distDir, 'build-manifest.json'), 'utf8'),
    ) as BuildManifest
    log(`Astro build done in ${elapsed()}; assembling ${manifest.built.length} clinic tree(s)`)

    const lanes = await openPagefindLanes()
    const reports: TreeReport[] = await inLanes(
      manifest.built,
      lanes.length,
      async (slug, lane) => {
        const tree = path.join(staging, slug)
        await assembleTree(distDir, slug, tree)
        for (const required of [
          'index.html',
          '404.html',
          'sitemap.xml',
          'robots.txt',
          'rss.xml',
          'favicon.svg',
        ]) {
          if (!(await exists(path.join(tree, required))))
            throw new Error(`${slug}: ${required} is missing`)
        }
        const pages = await checkLinks(slug, tree)
        const articles = manifest.articles[slug] ?? []
        const live = await liveRelease(sitesDir, slug)
        await validateTree(slug, tree, pages, articles, live)
        const searchDeferred =
          deferSearch &&
          live !== undefined &&
          (await exists(path.join(live.dir, 'pagefind', 'pagefind-entry.json')))
        if (searchDeferred)
          await fs.cp(path.join(live.dir, 'pagefind'), path.join(tree, 'pagefind'), {
            recursive: true,
          })
        const indexed = searchDeferred ? 0 : await indexSearch(slug, tree, lanes[lane]!)
        let files = 0
        let bytes = 0
        for await (const file of walk(tree)) {
          files++
          bytes += (await fs.stat(file)).size
        }
        const search = searchDeferred
          ? 'search index refreshed after the switch'
          : `${indexed} indexed for search`
        log(
          `${slug}: ${pages} pages, ${search}, ${files} files, ${(bytes / 1024).toFixed(0)} KiB (${elapsed()})`,
        )
        return { slug, tree, pages, files, bytes, indexed, searchDeferred, articles }
      },
    )

    // Every clinic passed: release them (each switch is atomic), then the network index.
    const builtAt = new Date()
    const releases: ReleaseManifest[] = []
    for (const report of reports) {
      const { tree, slug, indexed: _indexed, searchDeferred: _deferred, ...counts } = report
      releases.push(
        await publishRelease(sitesDir, slug, tree, {
          ...counts,
          id: newReleaseId(builtAt),
          builtAt: builtAt.toISOString(),
        }),
      )
      released++
    }
    await fs.copyFile(path.join(distDir, 'index.html'), path.join(staging, 'index.html'))
    await fs.rename(path.join(staging, 'index.html'), path.join(sitesDir, 'index.html'))
    log(`live: ${releases.map((release) => `${release.clinic}@${release.id}`).join(', ')}`)
    if (process.env.SITES_RESULT_FILE) {
      const result = { ms: Date.now() - started, cms: manifest.cms, releases }
      await fs.writeFile(process.env.SITES_RESULT_FILE, `${JSON.stringify(result, null, 2)}\n`)
    }
    const deferred = reports.filter((report) => report.searchDeferred)
    if (deferred.length > 0) {
      // The pages are live; each clinic's search index follows. A failure here fails the build
      // (its retry rebuilds and reindexes), though the pages it switched stay live.
      await inLanes(deferred, lanes.length, async (report, lane) => {
        const release = releases.find((candidate) => candidate.clinic === report.slug)!
        const dir = path.join(releasesOf(sitesDir, report.slug), release.id)
        const next = path.join(dir, '.pagefind-next')
        const indexed = await indexSearch(report.slug, dir, lanes[lane]!, next)
        await swapSearchIndex(next, path.join(dir, 'pagefind'))
        log(`${report.slug}: search index refreshed, ${indexed} pages indexed (${elapsed()})`)
      })
    }
    await Promise.all(lanes.map((api) => api.close()))
    const known = new Set(manifest.clinics.map((clinic) => clinic.slug))
    const stale = (await fs.readdir(sitesDir)).filter(
      (name) => !name.startsWith('.') && name !== 'index.html' && !known.has(name),
    )
    if (stale.length > 0)
      log(
        `warning: ${sitesDir} has trees of clinics the CMS no longer has: ${stale.join(', ')} (left in place)`,
      )
    const pages = reports.reduce((sum, report) => sum + report.pages, 0)
    log(
      `done: ${reports.length} clinic site(s), ${pages} pages in ${elapsed()} ` +
        `(CMS: ${manifest.cms.requests} requests, ${manifest.cms.retries} retries, ${manifest.cms.ms} ms) -> ${sitesDir}`,
    )
  } finally {
    await Promise.all(pagefindLanes.map((api) => api.close().catch(() => {})))
    await fs.rm(staging, { recursive: true, force: true }).catch(() => {})
    await unlock()
    process.chdir(siteDir)
    await fs.rm(workDir, { recursive: true, force: true }).catch(() => {})
    if (released === 0) log(`no live site was changed`)
  }
}

main().catch((error: unknown) => {
  const err = error as Error & { cause?: unknown }
  const cause = err.cause instanceof Error ? `\n  caused by: ${err.cause.message}` : ''
  process.stderr.write(`[sites] BUILD FAILED after ${elapsed()}: ${err.message}${cause}\n`)
  process.exitCode = 1
})

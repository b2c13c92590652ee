/**
 * Full builds on both cores: an Astro build renders on one core (its page generation is one
 * JavaScript thread), so a full build splits the clinics into groups and renders each group in an
 * Astro build of its own at the same time: the first in this process (which keeps its documents
 * and its loaded Astro, the resident builder's), the others in render worker processes
 * (render-worker.ts). Each group is a partial build (CLINICS = the group), which renders a
 * clinic's pages exactly as a full build does (the equivalence test holds a partial build to a
 * full one), and each has its own working cache (render-cache.ts). The workers' clinic folders
 * and `_astro` files then join this process's output, and the steps after rendering see one
 * output as before.
 *
 * A build is split when it renders every clinic (start-up, a network settings change, `npm run
 * build:sites`) or at least two clinics whose pages the cache does not hold; a publish, whose
 * clinics the cache holds, renders in this process (a worker costs a new Node and Astro start,
 * about 3 s of CPU). SITES_RENDER_WORKERS=1 turns the split off.
 *
 * Only when the builds fit in memory together (SITES_MEMORY_BUDGET_MB, default 2,500): every
 * Astro build holds its bundler's state and nearly every article (network articles show on every
 * clinic), so two builds hold about twice what one does. Measured on the benchmark networks, an
 * Astro build holding N published article documents (every language's) peaks near
 * 950 MB + 0.13 MB x N: two builds of the 10,000-page network (981 documents) peaked at 2,127 MiB
 * together, of the 50,000-page network (5,254 documents) at 3,050 MiB, so the first splits and
 * the second renders in one build (about 1.4 GB), in a render worker (`renderInOneWorker`), so
 * that its memory goes before the trees and Pagefind (the build's peak at 64,342 pages: 2,852 MiB
 * in this process, 2,096 MiB in a worker). Collecting garbage more eagerly (a full collection
 * whenever a process passed 1 GB) saved 50-270 MB and cost 10-30% of the render time.
 */
import { fork } from 'node:child_process'
import fs from 'node:fs/promises'
import path from 'node:path'

import { LOCALE_CODES } from '@clinic/shared/locales'

import type { CmsClient } from '../../src/lib/cms-client.ts'
import {
  addRenderPhases,
  astroBuild,
  readBuildManifest,
  type BuildManifest,
} from './astro-build.ts'
import { exists } from './files.ts'
import { log, phases } from './log.ts'
import { commitAll, type CheckedOutCache, type RenderCache } from './render-cache.ts'
import type { BuildSettings } from './settings.ts'

const WORKER = path.join(import.meta.dirname, 'render-worker.ts')

/**
 * The clinics to render per Astro build, or undefined to render in this process alone. The CMS
 * requests it took to decide count with the build's own (`client`).
 */
export async function renderGroups(
  settings: BuildSettings,
  cache: RenderCache,
  client: CmsClient,
): Promise<string[][] | undefined> {
  if (settings.renderWorkers < 2) return undefined
  const wanted = settings.clinics
  if (wanted) {
    const held = new Set(await cache.clinics())
    if (wanted.filter((slug) => !held.has(slug)).length < 2) return undefined
  }
  const slugs = wanted ?? (await clinicSlugs(client))
  if (slugs.length < 2) return undefined
  const documents = await articleDocuments(client)
  const perProcess = 950 + 0.13 * documents
  const needed = Math.round(perProcess * Math.min(settings.renderWorkers, slugs.length))
  if (needed > settings.memoryBudgetMb) {
    log(
      `rendering in one Astro build: ${settings.renderWorkers} at once would need about ${needed} MB ` +
        `(${documents} published article documents), over SITES_MEMORY_BUDGET_MB=${settings.memoryBudgetMb}; ` +
        'in a render worker, whose memory is returned before the trees and the search index',
    )
    return [[...slugs].sort()]
  }
  // Largest first, each to the group with the fewest pages so far; a clinic the cache does not
  // hold counts as the average of those it does (or 1 when it holds none).
  const cached = await cache.pageCounts(slugs)
  const known = [...cached.values()]
  const average = known.length > 0 ? known.reduce((a, b) => a + b, 0) / known.length : 1
  const weight = (slug: string) => cached.get(slug) ?? average
  const groups = Array.from({ length: Math.min(settings.renderWorkers, slugs.length) }, () => ({
    slugs: [] as string[],
    weight: 0,
  }))
  for (const slug of [...slugs].sort((a, b) => weight(b) - weight(a) || a.localeCompare(b))) {
    const lightest = groups.reduce((a, b) => (b.weight < a.weight ? b : a))
    lightest.slugs.push(slug)
    lightest.weight += weight(slug)
  }
  return groups.map((group) => group.slugs.sort())
}

/** Every clinic's slug (a full build renders them all). */
async function clinicSlugs(client: CmsClient): Promise<string[]> {
  const clinics = await client.findAll('clinics', {
    select: ['slug'],
    query: { joins: 'false' },
  })
  return clinics.flatMap((clinic) => (clinic.slug ? [clinic.slug] : []))
}

/** Published article documents in every language: what a render process holds most of. */
async function articleDocuments(client: CmsClient): Promise<number> {
  const counts = await Promise.all(
    LOCALE_CODES.map((locale) =>
      client
        .getJson<{ totalDocs: number }>(
          client.url('articles', {
            limit: 1,
            depth: 0,
            'select[updatedAt]': 'true',
            locale,
            'fallback-locale': 'none',
            'where[_status][equals]': 'published',
          }),
        )
        .then((page) => page.totalDocs),
    ),
  )
  return counts.reduce((sum, count) => sum + count, 0)
}

/** One render worker: an Astro build of `clinics` in a new process. */
function renderInWorker(
  index: number,
  clinics: string[],
  distDir: string,
  cacheDir: string,
): { done: Promise<void>; stop: () => void } {
  const child = fork(WORKER, [], {
    env: {
      ...process.env,
      CLINICS: clinics.join(','),
      SITES_RENDER_OUT: distDir,
      SITES_RENDER_CACHE: cacheDir,
    },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  })
  let tail = ''
  const prefix = `[render ${index + 1}] `
  const forward = (chunk: Buffer, keep: boolean) => {
    const text = chunk.toString()
    if (keep) tail = (tail + text).slice(-4000)
    process.stdout.write(
      text
        .split('\n')
        .filter(Boolean)
        .map((line) => `${prefix}${line}\n`)
        .join(''),
    )
  }
  child.stdout!.on('data', (chunk: Buffer) => forward(chunk, false))
  child.stderr!.on('data', (chunk: Buffer) => forward(chunk, true))
  const done = new Promise<void>((resolve, reject) => {
    child.once('error', reject)
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(
            new Error(
              `render worker ${index + 1} (${clinics.join(', ')}) ended with ${signal ?? `code ${code}`}${tail ? `: ${tail.trim().split('\n').slice(-5).join(' | ')}` : ''}`,
            ),
          ),
    )
  })
  return { done, stop: () => child.kill('SIGKILL') }
}

/** This process's share: an Astro build of `clinics`, with env CLINICS naming them meanwhile. */
async function renderOwnGroup(clinics: string[], distDir: string, cacheDir: string) {
  const before = process.env.CLINICS
  process.env.CLINICS = clinics.join(',')
  try {
    return await astroBuild(distDir, cacheDir)
  } finally {
    if (before === undefined) delete process.env.CLINICS
    else process.env.CLINICS = before
  }
}

/**
 * The groups rendered at once; their output joined into `distDir`. A single group (two would not
 * fit in memory: `renderGroups`) renders in a worker too: the memory an Astro build of a large
 * network keeps after rendering (about 2 GB at 64,342 pages, which a collection does not return
 * to the system) would otherwise still be held when the trees are made and Pagefind's processes
 * start, and the build's peak would be the sum of both.
 */
export async function renderInWorkers(
  distDir: string,
  cache: RenderCache,
  groups: string[][],
): Promise<BuildManifest> {
  if (groups.length === 1) return renderInOneWorker(distDir, cache, groups[0]!)
  const started = Date.now()
  log(
    `rendering ${groups.flat().length} clinics in ${groups.length} Astro builds at once (${groups.map((group) => group.length).join(' + ')} clinics)`,
  )
  const checkouts: CheckedOutCache[] = []
  // Builds running at once must not share Astro's image cache (render-cache.ts privateImageCache).
  for (const group of groups) checkouts.push(await cache.checkout(group, { ownImages: true }))
  const outDirs = groups.map((_, i) => (i === 0 ? distDir : `${distDir}-render-${i + 1}`))
  const workers = groups
    .slice(1)
    .map((group, i) => renderInWorker(i + 1, group, outDirs[i + 1]!, checkouts[i + 1]!.cacheDir))
  const own = renderOwnGroup(groups[0]!, distDir, checkouts[0]!.cacheDir)
  // A failed share stops the others: nothing of a failed build is kept.
  own.catch(() => workers.forEach((worker) => worker.stop()))
  workers.forEach((worker) => worker.done.catch(() => workers.forEach((other) => other.stop())))
  const outcomes = await Promise.allSettled([own, ...workers.map((worker) => worker.done)])
  const failed = outcomes.find((outcome) => outcome.status === 'rejected')
  if (failed) {
    await Promise.all(checkouts.map((checkout) => checkout.discard()))
    await Promise.all(outDirs.slice(1).map((dir) => fs.rm(dir, { recursive: true, force: true })))
    throw (failed as PromiseRejectedResult).reason
  }
  await commitAll(checkouts)
  const manifests = await Promise.all(outDirs.map(readBuildManifest))
  for (const [i, dir] of outDirs.entries()) if (i > 0) await joinOutput(dir, manifests[i]!, distDir)
  const manifest = joinManifests(manifests)
  addRenderPhases(await own, manifests[0]!)
  phases.add('render workers (wall)', Date.now() - started)
  return manifest
}

async function renderInOneWorker(
  distDir: string,
  cache: RenderCache,
  clinics: string[],
): Promise<BuildManifest> {
  const started = Date.now()
  const checkout = await cache.checkout(clinics, { ownImages: true })
  try {
    await renderInWorker(0, clinics, distDir, checkout.cacheDir).done
  } catch (error) {
    await checkout.discard()
    throw error
  }
  await commitAll([checkout])
  const manifest = await readBuildManifest(distDir)
  phases.add('cms fetch', manifest.cms.ms)
  phases.add('render workers (wall)', Date.now() - started)
  return manifest
}

/** A worker's clinic folders and `_astro` files into `distDir` (the network pages are the same). */
async function joinOutput(from: string, manifest: BuildManifest, distDir: string): Promise<void> {
  for (const slug of manifest.built)
    await fs.rename(path.join(from, slug), path.join(distDir, slug))
  const assets = path.join(from, '_astro')
  if (await exists(assets)) {
    await fs.mkdir(path.join(distDir, '_astro'), { recursive: true })
    // Named by their content's hash: a name both builds wrote is the same file.
    for (const name of await fs.readdir(assets)) {
      const target = path.join(distDir, '_astro', name)
      if (!(await exists(target))) await fs.rename(path.join(assets, name), target)
    }
  }
  await fs.rm(from, { recursive: true, force: true })
}

function joinManifests(manifests: BuildManifest[]): BuildManifest {
  const [first] = manifests as [BuildManifest]
  return {
    ...first,
    built: manifests.flatMap((manifest) => manifest.built),
    articles: Object.assign({}, ...manifests.map((manifest) => manifest.articles)) as Record<
      string,
      string[]
    >,
    translations: Object.assign(
      {},
      ...manifests.map((manifest) => manifest.translations ?? {}),
    ) as BuildManifest['translations'],
    cms: {
      requests: manifests.reduce((sum, manifest) => sum + manifest.cms.requests, 0),
      retries: manifests.reduce((sum, manifest) => sum + manifest.cms.retries, 0),
      ms: Math.max(...manifests.map((manifest) => manifest.cms.ms)),
    },
  }
}

/**
 * The site publisher: turns committed `rebuildSites` jobs into site builds.
 *
 * - Runner: `payload.jobs.run` on the "sites" queue right after every write request finished (its
 *   transaction has committed by then) and every SITES_POLL_MS (scheduled publishes, writes of
 *   other instances, retries coming due). Never two runs at once: while a build runs, new jobs wait
 *   in the queue and the next run picks all of them up together.
 * - Coalescing: every job handed over within SITES_COALESCE_MS of each other (Payload runs the
 *   jobs of one run concurrently) joins one build of the union of their clinics; one build at a time.
 * - Each build is recorded in the site-builds collection (status, clinics, releases, error). A
 *   failed build fails its jobs, which Payload retries with backoff (publishing/task.ts); the live
 *   sites stay as they were.
 */
import type { Payload } from 'payload'

import { CLINICS, SITE_BUILDS } from '../collections/slugs'
import { ALL_CLINICS } from './affected'
import { REBUILD_SITES_QUEUE, registerSitePublisher, type RebuildSitesInput } from './task'
import { runSiteBuild } from './siteBuild'

export interface SitePublisherOptions {
  payload: Payload
  /** This server's own URL (the builder reads the REST API there). */
  cmsUrl: () => string
  sitesDir: string
  log: (line: string) => void
  pollMs?: number
  coalesceMs?: number
}

export interface SitePublisher {
  /** Asks for a build (resolves once a build covering it went live; rejects when it failed). */
  request: (input: RebuildSitesInput) => Promise<void>
  /** Runs the queue now (after a write request). */
  kick: () => void
  /** Stops polling and kills a running build (its jobs are picked up again on the next start). */
  close: () => Promise<void>
}

interface Batch {
  all: boolean
  clinics: Set<string>
  removals: boolean
  reasons: string[]
  waiters: { resolve: () => void; reject: (error: Error) => void }[]
}

const BUILD_LOG_DAYS = 90

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : fallback
}

export async function startSitePublisher({
  payload,
  cmsUrl,
  sitesDir,
  log,
  pollMs,
  coalesceMs,
}: SitePublisherOptions): Promise<SitePublisher> {
  const poll = pollMs ?? envNumber('SITES_POLL_MS', 2_000)
  const coalesce = coalesceMs ?? envNumber('SITES_COALESCE_MS', 150)
  const abort = new AbortController()
  let closed = false

  // Jobs a previous server was running when it stopped stay marked as processing; this server is
  // the one that runs the sites queue, so they are handed back to it.
  await payload.db.updateJobs({
    data: { processing: false },
    where: {
      and: [
        { queue: { equals: REBUILD_SITES_QUEUE } },
        { processing: { equals: true } },
        { completedAt: { exists: false } },
      ],
    },
    returning: false,
  })
  // Likewise builds it was running when it crashed (a graceful stop records them as failed): they
  // would show as building forever. Their jobs, handed back above, rebuild the same clinics.
  await payload.update({
    collection: SITE_BUILDS,
    where: { status: { equals: 'building' } },
    data: {
      status: 'failed',
      finishedAt: new Date().toISOString(),
      error:
        'interrupted: the CMS stopped while this build ran (its changes are rebuilt by the retried job)',
    },
    depth: 0,
  })

  let pending: Batch | undefined
  let draining: Promise<void> | undefined

  async function build(batch: Batch): Promise<void> {
    const { docs } = await payload.find({
      collection: CLINICS,
      pagination: false,
      depth: 0,
      select: { slug: true },
      sort: 'slug',
    })
    const known = docs.filter((clinic) => clinic.slug)
    const targets = batch.all ? known : known.filter((clinic) => batch.clinics.has(clinic.slug!))
    if (targets.length === 0) return
    const slugs = targets.map((clinic) => clinic.slug!)
    const summary = `${batch.all ? 'All clinics' : slugs.join(', ')}: ${batch.reasons[0] ?? 'rebuild'}${batch.reasons.length > 1 ? ` (+${batch.reasons.length - 1} more)` : ''}`
    const record = await payload.create({
      collection: SITE_BUILDS,
      data: {
        summary: summary.slice(0, 200),
        status: 'building',
        clinics: targets.map((clinic) => clinic.id),
        reasons: [...new Set(batch.reasons)].slice(0, 100).join('\n'),
        startedAt: new Date().toISOString(),
      },
      depth: 0,
    })
    log(
      `[publish] building ${slugs.join(', ')} (${batch.reasons.length} change${batch.reasons.length === 1 ? '' : 's'})`,
    )
    const result = await runSiteBuild({
      cmsUrl: cmsUrl(),
      sitesDir,
      clinics: batch.all ? undefined : slugs,
      allowPageDrop: batch.removals,
      // Pages go live first and search follows within seconds, unless the change removed content.
      deferSearch: !batch.removals,
      log,
      signal: abort.signal,
    })
    await payload.update({
      collection: SITE_BUILDS,
      id: record.id,
      data: {
        status: result.ok ? 'live' : 'failed',
        finishedAt: new Date().toISOString(),
        durationMs: result.ms,
        pages: result.releases.reduce((sum, release) => sum + release.pages, 0),
        releases: Object.fromEntries(
          result.releases.map((release) => [release.clinic, release.id]),
        ),
        error: result.error ?? null,
      },
      depth: 0,
    })
    // The build log is history, not state: 90 days of it are kept.
    await payload
      .delete({
        collection: SITE_BUILDS,
        where: {
          startedAt: {
            less_than: new Date(Date.now() - BUILD_LOG_DAYS * 86_400_000).toISOString(),
          },
        },
        depth: 0,
      })
      .catch((error: unknown) =>
        log(`[publish] could not prune old site-build records: ${(error as Error).message}`),
      )
    if (!result.ok) {
      log(`[publish] build FAILED after ${result.ms} ms (live sites unchanged): ${result.error}`)
      throw new Error(result.error)
    }
    log(
      `[publish] live in ${result.ms} ms: ${result.releases.map((release) => `${release.clinic}@${release.id}`).join(', ')}`,
    )
  }

  async function drain(): Promise<void> {
    while (pending && !closed) {
      // Jobs of one run reach the handler a few milliseconds apart: gather them into one build.
      await new Promise((resolve) => setTimeout(resolve, coalesce))
      const batch = pending
      pending = undefined
      try {
        await build(batch)
        for (const waiter of batch.waiters) waiter.resolve()
      } catch (error) {
        for (const waiter of batch.waiters) waiter.reject(error as Error)
      }
    }
    draining = undefined
  }

  const request = (input: RebuildSitesInput) =>
    new Promise<void>((resolve, reject) => {
      if (closed) return reject(new Error('The site publisher is shutting down.'))
      pending ??= { all: false, clinics: new Set(), removals: false, reasons: [], waiters: [] }
      if (input.clinics.includes(ALL_CLINICS)) pending.all = true
      for (const clinic of input.clinics) pending.clinics.add(clinic)
      pending.removals ||= input.removals
      if (input.reason) pending.reasons.push(input.reason)
      pending.waiters.push({ resolve, reject })
      draining ??= drain()
    })

  let running = false
  let again = false
  const kick = () => {
    if (closed) return
    if (running) {
      again = true
      return
    }
    running = true
    void (async () => {
      try {
        do {
          again = false
          await payload.jobs.run({ queue: REBUILD_SITES_QUEUE, limit: 100, silent: { info: true } })
        } while (again && !closed)
      } catch (error) {
        log(`[publish] could not run the sites queue: ${(error as Error).message}`)
      } finally {
        running = false
      }
    })()
  }

  registerSitePublisher({ request })
  const timer = setInterval(kick, poll)
  timer.unref()
  kick()

  return {
    request,
    kick,
    close: async () => {
      closed = true
      clearInterval(timer)
      registerSitePublisher(undefined)
      abort.abort()
      await draining?.catch(() => undefined)
      for (const waiter of pending?.waiters ?? [])
        waiter.reject(new Error('The site publisher is shutting down.'))
      pending = undefined
    },
  }
}

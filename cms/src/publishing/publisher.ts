/**
 * The site publisher: turns committed `rebuildSites` jobs into site builds.
 *
 * - Runner: `payload.jobs.run` on the "sites" queue right after every write request finished (its
 *   transaction has committed by then) and every SITES_POLL_MS (scheduled publishes, writes of
 *   other instances, retries coming due). Never two runs at once: while a build runs, new jobs wait
 *   in the queue and the next run picks all of them up together. The runner hands itself to the
 *   jobs it runs through their request context (task.ts).
 * - Coalescing (coalescer.ts): the jobs of one run join one build of the union of their clinics.
 * - Each build is recorded (buildRecords.ts) and run by the site builder (siteBuild.ts), in the
 *   build process the publisher keeps loaded (residentBuilder.ts). A failed
 *   build fails its jobs, which Payload retries with backoff (task.ts); the live sites stay as
 *   they were.
 */
import type { NextFunction, Request, Response } from 'express'
import { createLocalReq, type Payload } from 'payload'

import { CLINICS } from '../collections/slugs'
import {
  failInterruptedBuilds,
  pruneBuildRecords,
  recordBuildEnd,
  recordBuildStart,
} from './buildRecords'
import { createCoalescer, describeBatch, type Batch } from './coalescer'
import { ResidentBuilder } from './residentBuilder'
import { runSiteBuild } from './siteBuild'
import { PUBLISHER_CONTEXT, REBUILD_SITES_QUEUE, type SitePublisherHandle } from './task'

export interface SitePublisherOptions {
  payload: Payload
  /** This server's own URL (the builder reads the REST API there). */
  cmsUrl: () => string
  sitesDir: string
  log: (line: string) => void
  pollMs?: number
  coalesceMs?: number
}

export interface SitePublisher extends SitePublisherHandle {
  /** Runs the queue now (after a write request). */
  kick: () => void
  /** Stops polling and kills a running build (its jobs are picked up again on the next start). */
  close: () => Promise<void>
}

const envNumber = (name: string, fallback: number) => {
  const value = Number(process.env[name])
  return process.env[name] && Number.isFinite(value) && value >= 0 ? value : fallback
}

/**
 * Jobs a previous server was running when it stopped stay marked as processing; this server is
 * the one that runs the sites queue, so they are handed back to it.
 */
async function handBackInterruptedJobs(payload: Payload): Promise<void> {
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
  const abort = new AbortController()
  let closed = false
  // The first write not yet built: the build's queue wait is measured from it.
  let writtenAt: number | undefined

  await handBackInterruptedJobs(payload)
  await failInterruptedBuilds(payload)
  // Loaded now, so that the first publish does not wait for Node and Astro to start.
  const builder = new ResidentBuilder({ sitesDir, cmsUrl, log })
  builder.warm()

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
    const record = await recordBuildStart(payload, {
      summary: describeBatch(batch, slugs),
      clinics: targets.map((clinic) => clinic.id),
      reasons: batch.reasons,
    })
    const waited = writtenAt === undefined ? '' : `, ${Date.now() - writtenAt} ms after the write`
    writtenAt = undefined
    log(
      `[publish] building ${slugs.join(', ')} (${batch.reasons.length} change${batch.reasons.length === 1 ? '' : 's'}${waited})`,
    )
    const result = await runSiteBuild({
      cmsUrl: cmsUrl(),
      sitesDir,
      clinics: batch.all ? undefined : slugs,
      allowPageDrop: batch.removals,
      locales: batch.locales,
      // Pages go live first and search follows within seconds, unless the change removed content.
      deferSearch: !batch.removals,
      log,
      signal: abort.signal,
      builder,
    })
    await recordBuildEnd(payload, record, result)
    await pruneBuildRecords(payload, log)
    if (!result.ok) {
      log(`[publish] build FAILED after ${result.ms} ms (live sites unchanged): ${result.error}`)
      throw new Error(result.error)
    }
    log(
      `[publish] live in ${result.ms} ms: ${result.releases.map((release) => `${release.clinic}@${release.id}`).join(', ')}`,
    )
  }

  const coalescer = createCoalescer({
    build,
    // The publisher's own queue runs are where requests come from, and Payload starts the
    // handlers of one run together (payload/dist/queues/operations/runJobs: `Promise.all`, no
    // database write before a task's handler): they arrive within a few event-loop turns. Writes
    // made while a build runs wait for the next queue run, which starts once that build is live.
    // So the window need only span one run; each millisecond of it is added to every publish.
    gatherMs: coalesceMs ?? envNumber('SITES_COALESCE_MS', 20),
  })
  const handle: SitePublisherHandle = { request: coalescer.request }

  let running = false
  let again = false
  const runQueue = () => {
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
          const seen = writtenAt
          const req = await createLocalReq({ context: { [PUBLISHER_CONTEXT]: handle } }, payload)
          await payload.jobs.run({
            queue: REBUILD_SITES_QUEUE,
            limit: 100,
            silent: { info: true },
            req,
          })
          // That write queued no build (a login, an unrelated change).
          if (writtenAt === seen) writtenAt = undefined
        } while (again && !closed)
      } catch (error) {
        log(`[publish] could not run the sites queue: ${(error as Error).message}`)
      } finally {
        running = false
      }
    })()
  }

  const kick = () => {
    writtenAt ??= Date.now()
    runQueue()
  }

  const timer = setInterval(runQueue, poll)
  timer.unref()
  runQueue()

  return {
    ...handle,
    kick,
    close: async () => {
      closed = true
      clearInterval(timer)
      abort.abort()
      await coalescer.close()
      builder.close()
    },
  }
}

/**
 * Express middleware: a write request has committed by the time its response is sent, so the
 * rebuild jobs it may have queued are run then rather than at the next poll.
 */
export function runQueueAfterWrites(publisher: () => SitePublisher | undefined) {
  return (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD' && req.method !== 'OPTIONS')
      res.on('finish', () => publisher()?.kick())
    next()
  }
}

/**
 * Runs the consultation queue inside the server: up to CONSULTATION_CONCURRENCY deliveries at once,
 * started as soon as a submission is stored (kick) and every CONSULTATION_POLL_MS (retries coming
 * due, other instances' submissions).
 *
 * Why not `payload.jobs.run` with a limit: it picks jobs with a read and then marks them, so two
 * runners (two loops here, or two instances) can both run the same job, and it waits for its whole
 * batch before picking more. Here each job is claimed with one conditional write (processing
 * false -> true, atomic on both adapters) and then run by Payload (`runByID`: the workflow,
 * its error and retry bookkeeping, deletion once complete); a slot is refilled the moment a
 * delivery ends.
 *
 * Also: caps Payload's doubling retry delay; hands back jobs whose runner died mid-delivery (lease);
 * drops requests older than the maximum age with an alert line; prunes old delivery records.
 */
import type { Payload, Where } from 'payload'

import { CONSULTATION_DELIVERIES } from '../collections/slugs'
import { dropDelivery } from './deliver'
import { CONSULTATION_QUEUE, JOBS, type DeliveryJobInput } from './job'
import { durationText, type ConsultationSettings } from './settings'

export interface ConsultationRunner {
  /** Looks for work now (after a submission was stored). */
  kick: () => void
  /** Stops taking jobs and waits for the deliveries in flight. */
  close: () => Promise<void>
}

type JobRow = {
  id: string | number
  createdAt: string
  totalTried?: number
  hasError?: boolean
  input: DeliveryJobInput
}

const SWEEP_MS = 30_000
const DRAIN_TIMEOUT_MS = 60_000

export function startConsultationRunner({
  payload,
  settings,
  log,
}: {
  payload: Payload
  settings: ConsultationSettings
  log: (line: string) => void
}): ConsultationRunner {
  const inFlight = new Map<string, Promise<void>>()
  let closed = false
  let filling = false
  let again = false
  // Conditional writes are atomic in MongoDB already; the SQL adapters need to be asked.
  const atomic = payload.db.name === 'mongoose' ? {} : { options: { atomic: true } }

  const due = (): Where => ({
    and: [
      { queue: { equals: CONSULTATION_QUEUE } },
      { processing: { equals: false } },
      { completedAt: { exists: false } },
      { hasError: { not_equals: true } },
      {
        or: [
          { waitUntil: { exists: false } },
          { waitUntil: { less_than: new Date().toISOString() } },
        ],
      },
    ],
  })

  /** processing false -> true in one conditional write: only one runner anywhere gets the job. */
  async function claim(id: string | number): Promise<boolean> {
    const claimed = await payload.db.updateOne({
      collection: JOBS,
      where: {
        and: [
          { id: { equals: id } },
          { processing: { equals: false } },
          { completedAt: { exists: false } },
        ],
      },
      data: { processing: true, updatedAt: new Date().toISOString() },
      ...atomic,
    })
    return Boolean(claimed)
  }

  async function run(id: string | number): Promise<void> {
    const result = await payload.jobs.runByID({ id, silent: true })
    const status = (result as { jobStatus?: Record<string, { status: string }> }).jobStatus?.[
      String(id)
    ]?.status
    if (status !== 'error') return
    // Payload doubled the delay without a ceiling; retry no later than retryMaxMs from now.
    const job = await payload.db.findOne<JobRow & { waitUntil?: string }>({
      collection: JOBS,
      where: { id: { equals: id } },
      select: { totalTried: true, waitUntil: true, input: true },
    })
    if (!job) return
    const tries = job.totalTried ?? 1
    const delay = Math.min(settings.retryBaseMs * 2 ** Math.max(0, tries - 1), settings.retryMaxMs)
    const next = Date.now() + delay * (0.9 + Math.random() * 0.2)
    if (!job.waitUntil || Date.parse(job.waitUntil) > next) {
      await payload.db.updateOne({
        collection: JOBS,
        where: { and: [{ id: { equals: id } }, { processing: { equals: false } }] },
        data: { waitUntil: new Date(next).toISOString() },
        ...atomic,
      })
    }
    log(
      `[consultation] attempt ${tries} for request ${job.input?.request} (${job.input?.channel}) failed; next in ${Math.round(delay / 1000)} s`,
    )
  }

  function start(id: string | number) {
    const key = String(id)
    const running = run(id)
      .catch((error: unknown) =>
        log(`[consultation] could not run delivery job ${key}: ${(error as Error).name}`),
      )
      .finally(() => {
        inFlight.delete(key)
        kick()
      })
    inFlight.set(key, running)
  }

  async function fill(): Promise<void> {
    do {
      again = false
      const free = settings.concurrency - inFlight.size
      if (free <= 0 || closed) return
      const { docs } = await payload.db.find<JobRow>({
        collection: JOBS,
        where: due(),
        limit: free,
        sort: 'createdAt',
        pagination: false,
        select: { createdAt: true },
      })
      for (const job of docs) {
        if (closed || inFlight.size >= settings.concurrency) break
        if (inFlight.has(String(job.id))) continue
        if (await claim(job.id)) start(job.id)
      }
    } while (again && !closed)
  }

  function kick() {
    if (closed) return
    if (filling) {
      again = true
      return
    }
    filling = true
    fill()
      .catch((error: unknown) =>
        log(`[consultation] could not read the delivery queue: ${(error as Error).message}`),
      )
      .finally(() => {
        filling = false
      })
  }

  /** Leases, the maximum age and record retention. */
  async function sweep(): Promise<void> {
    const now = Date.now()
    // A job marked running whose runner stopped answering (a crash): back to the queue.
    const { docs: stale } = await payload.db.find<JobRow>({
      collection: JOBS,
      where: {
        and: [
          { queue: { equals: CONSULTATION_QUEUE } },
          { processing: { equals: true } },
          { completedAt: { exists: false } },
          { updatedAt: { less_than: new Date(now - settings.leaseMs).toISOString() } },
        ],
      },
      limit: 500,
      pagination: false,
      select: { createdAt: true },
    })
    for (const job of stale) {
      if (inFlight.has(String(job.id))) continue
      await payload.db.updateOne({
        collection: JOBS,
        where: { and: [{ id: { equals: job.id } }, { processing: { equals: true } }] },
        data: { processing: false, updatedAt: new Date().toISOString() },
        ...atomic,
      })
      log(
        `[consultation] delivery job ${job.id} was left running by a stopped server: queued again`,
      )
    }

    // Too old to deliver (or given up by Payload): drop, after claiming, so no runner sends it.
    const { docs: expired } = await payload.db.find<JobRow>({
      collection: JOBS,
      where: {
        and: [
          { queue: { equals: CONSULTATION_QUEUE } },
          { processing: { equals: false } },
          { completedAt: { exists: false } },
          {
            or: [
              { createdAt: { less_than: new Date(now - settings.maxAgeMs).toISOString() } },
              { hasError: { equals: true } },
            ],
          },
        ],
      },
      limit: 500,
      pagination: false,
    })
    for (const job of expired) {
      if (!(await claim(job.id))) continue
      await dropDelivery(
        payload,
        job.input,
        job.totalTried ?? 0,
        job.hasError
          ? 'the delivery job failed for good'
          : `not delivered within ${durationText(settings.maxAgeMs)}`,
      )
      await payload.db.deleteMany({ collection: JOBS, where: { id: { equals: job.id } } })
    }

    await payload.db.deleteMany({
      collection: CONSULTATION_DELIVERIES,
      where: {
        createdAt: {
          less_than: new Date(now - settings.recordDays * 86_400_000).toISOString(),
        },
      },
    })
  }

  const sweepSafely = () =>
    sweep().catch((error: unknown) =>
      log(`[consultation] queue maintenance failed: ${(error as Error).message}`),
    )
  const poll = setInterval(kick, settings.pollMs)
  const sweeper = setInterval(sweepSafely, Math.min(SWEEP_MS, settings.maxAgeMs))
  poll.unref()
  sweeper.unref()
  void sweepSafely().then(kick)

  return {
    kick,
    close: async () => {
      closed = true
      clearInterval(poll)
      clearInterval(sweeper)
      let timer: NodeJS.Timeout | undefined
      await Promise.race([
        Promise.allSettled([...inFlight.values()]),
        new Promise((resolve) => (timer = setTimeout(resolve, DRAIN_TIMEOUT_MS))),
      ])
      clearTimeout(timer)
    },
  }
}

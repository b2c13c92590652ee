/**
 * Runs the consultation queue inside the server: up to CONSULTATION_CONCURRENCY deliveries at once,
 * started as soon as a submission is stored (kick) and every CONSULTATION_POLL_MS (retries coming
 * due, other instances' submissions).
 *
 * Why not `payload.jobs.run` with a limit: it picks jobs with a read and then marks them, so two
 * runners (two loops here, or two instances) can both run the same job, and it waits for its whole
 * batch before picking more. Here each job is claimed with one conditional write (processing
 * false -> true, atomic on both adapters) and handed to the workflow's handler (workflow.ts); a
 * slot is refilled the moment a delivery ends. The jobs stay ordinary Payload jobs (Payload's own
 * runner could run them too).
 *
 * Also: retries with a doubling delay capped at CONSULTATION_RETRY_MAX_MINUTES; hands back jobs
 * whose runner died mid-delivery (lease); drops requests older than the maximum age with an alert
 * line; prunes old delivery records.
 */
import type { Payload, Where } from 'payload'

import { CONSULTATION_DELIVERIES } from '../collections/slugs'
import { DeliveryError } from './channels/errors'
import { deliverConsultationRequest, dropDelivery } from './deliver'
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

  /**
   * processing false -> true in one conditional write: only one runner anywhere gets the job.
   * Returns the claimed job (its input holds the sealed request), or null.
   */
  async function claim(id: string | number): Promise<JobRow | null> {
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
    return (claimed as unknown as JobRow | null) ?? null
  }

  /**
   * Runs the workflow's handler on a claimed job and records the outcome with single-statement
   * writes: the job deleted once delivered, or its attempt count, error and next attempt (doubling
   * from retryBaseMs up to retryMaxMs) written back. Not through `payload.jobs.runByID`, which
   * wraps each of its job updates in a transaction: with SQLite, a transaction held open across
   * awaits while other requests write in the same process makes their writes wait for the lock
   * inside the driver's synchronous call, stalling the server for up to the busy timeout.
   */
  async function run(job: JobRow): Promise<void> {
    const tries = (job.totalTried ?? 0) + 1
    try {
      await deliverConsultationRequest(payload, {
        id: job.id,
        createdAt: job.createdAt,
        totalTried: job.totalTried ?? 0,
        input: job.input,
      })
    } catch (error) {
      const failure = error instanceof DeliveryError ? error : new DeliveryError('delivery failed')
      const delay = Math.min(settings.retryBaseMs * 2 ** (tries - 1), settings.retryMaxMs)
      const next = Date.now() + delay * (0.9 + Math.random() * 0.2)
      await payload.db.updateOne({
        collection: JOBS,
        id: job.id,
        data: {
          processing: false,
          totalTried: tries,
          waitUntil: new Date(next).toISOString(),
          error: { name: failure.name, message: failure.message },
          updatedAt: new Date().toISOString(),
        },
        returning: false,
      })
      log(
        `[consultation] attempt ${tries} for request ${job.input?.request} (${job.input?.channel}) failed; next in ${Math.round(delay / 100) / 10} s`,
      )
      return
    }
    await payload.db.deleteMany({ collection: JOBS, where: { id: { equals: job.id } } })
  }

  function start(job: JobRow) {
    const key = String(job.id)
    const running = run(job)
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
        const claimed = await claim(job.id)
        if (claimed) start(claimed)
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

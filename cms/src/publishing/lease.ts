/**
 * Which CMS instance publishes: behind a load balancer every instance queues rebuild jobs, but
 * exactly one runs the sites queue and its builds for a SITES_DIR, chosen by a lease in the
 * database. Written by hand: Payload has no leader election, and a lock library would need a
 * store of its own (Redis, etcd) that a clinic network does not run.
 *
 * The lease is a sequence of terms stored in Payload's key-value collection (`payload-kv`, on
 * whichever database the CMS uses): one entry per term, `sites-lease:<scope>:<term>`, whose key
 * is unique. Taking a lease over is creating the next term's entry, so when two instances try at
 * once the database lets exactly one of them in. The holder renews its entry's expiry every third
 * of the lease's time; the others take over once it has expired, so a holder that died is
 * replaced within about one lease time.
 *
 * A holder fences itself: it counts as holder only until the expiry it last wrote, and only when
 * that write finished before the previous expiry (a slower write could land after a contender read
 * the entry as expired). Past that point it stops publishing before anyone may take over.
 */
import { createHash, randomBytes } from 'node:crypto'
import os from 'node:os'

import type { Payload, PayloadRequest } from 'payload'

const KV = 'payload-kv'
/** Terms kept below the current one (a trail for operators; older ones are deleted). */
const KEPT_TERMS = 5

interface LeaseEntry {
  holder: string
  /** Epoch ms. */
  expiresAt: number
}

interface StoredEntry {
  id: string | number
  key: string
  data: LeaseEntry
}

export interface LeaseOptions {
  payload: Payload
  /** What the lease is for (the SITES_DIR): one holder per scope. */
  scope: string
  ttlMs: number
  /** Became the holder: start the work. */
  onAcquired: () => Promise<void> | void
  /** Stopped being the holder (lost, expired or released): stop the work before anyone takes over. */
  onLost: () => Promise<void> | void
  log: (line: string) => void
}

export interface Lease {
  readonly holder: string
  isHeld: () => boolean
  /** Stops renewing, ends the work and gives the lease up so that another instance takes over at once. */
  release: () => Promise<void>
}

/** The Local API's `req` for direct adapter calls: no transaction (each write commits on its own). */
const NO_TRANSACTION = {} as PayloadRequest

const pad = (term: number) => String(term).padStart(12, '0')

export async function holdLease({
  payload,
  scope,
  ttlMs,
  onAcquired,
  onLost,
  log,
}: LeaseOptions): Promise<Lease> {
  if (!payload.collections[KV])
    throw new Error(
      "The publisher lease needs Payload's database key-value store (the default `kv` adapter).",
    )
  const prefix = `sites-lease:${createHash('sha256').update(scope).digest('hex').slice(0, 16)}:`
  const holder = `${os.hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`
  /** Epoch ms until which this instance may act as holder (0: not the holder). */
  let heldUntil = 0
  let held = false
  let stopped = false
  let transition: Promise<void> = Promise.resolve()

  // Every key of the scope (a key range: exact, and served by the key's unique index).
  const inScope = {
    and: [{ key: { greater_than_equal: prefix } }, { key: { less_than: `${prefix}~` } }],
  }
  const latest = async (): Promise<StoredEntry | undefined> => {
    const { docs } = await payload.db.find({
      collection: KV,
      where: inScope,
      sort: '-key',
      limit: 1,
      pagination: false,
      req: NO_TRANSACTION,
    })
    const doc = docs[0] as unknown as StoredEntry | undefined
    return doc?.key.startsWith(prefix) ? doc : undefined
  }
  const termOf = (entry: StoredEntry) => Number(entry.key.slice(prefix.length))

  const become = (next: boolean) => {
    if (next === held) return
    held = next
    transition = transition.then(async () => {
      try {
        if (next) {
          log(`[publish] this instance (${holder}) now runs the site publisher for ${scope}`)
          await onAcquired()
        } else {
          log(`[publish] this instance (${holder}) no longer runs the site publisher`)
          await onLost()
        }
      } catch (error) {
        log(`[publish] lease ${next ? 'start' : 'stop'} failed: ${(error as Error).message}`)
      }
    })
  }

  /** One round: renew our term, or take an expired one over, or stay a follower. */
  async function round(): Promise<void> {
    const started = Date.now()
    const current = await latest()
    if (current && current.data.holder === holder && started < heldUntil) {
      const expiresAt = started + ttlMs
      await payload.db.updateOne({
        collection: KV,
        id: current.id,
        data: { data: { holder, expiresAt } },
        req: NO_TRANSACTION,
      })
      // Renewed only when the write finished while the previous expiry still held (see above).
      if (Date.now() < heldUntil && (await latest())?.key === current.key) heldUntil = expiresAt
      return
    }
    if (current && current.data.holder !== holder && started < current.data.expiresAt) return
    // No lease yet, or an expired one (ours included: we could not renew in time): the next term.
    const term = current ? termOf(current) + 1 : 1
    const expiresAt = started + ttlMs
    try {
      await payload.db.create({
        collection: KV,
        data: { key: `${prefix}${pad(term)}`, data: { holder, expiresAt } },
        req: NO_TRANSACTION,
      })
    } catch {
      // The key exists: another instance took this term first.
      return
    }
    heldUntil = expiresAt
    if (term > KEPT_TERMS)
      await payload.db
        .deleteMany({
          collection: KV,
          where: {
            and: [...inScope.and, { key: { less_than: `${prefix}${pad(term - KEPT_TERMS)}` } }],
          },
          req: NO_TRANSACTION,
        })
        .catch(() => {})
  }

  const renewEvery = Math.max(50, Math.floor(ttlMs / 3))
  let timer: NodeJS.Timeout | undefined
  let fence: NodeJS.Timeout | undefined
  const tick = async () => {
    if (stopped) return
    try {
      await round()
    } catch (error) {
      log(`[publish] could not reach the publisher lease: ${(error as Error).message}`)
    }
    if (stopped) return
    const now = Date.now()
    become(now < heldUntil)
    // Fencing: stop at the expiry we wrote even if the next round is late (a stalled database).
    clearTimeout(fence)
    if (held) fence = setTimeout(() => become(Date.now() < heldUntil), heldUntil - now + 1)
    timer = setTimeout(() => void tick(), renewEvery)
  }
  await tick()
  // A single instance holds the lease from its first round on: its publisher runs before it answers.
  await transition

  return {
    holder,
    isHeld: () => held && Date.now() < heldUntil,
    release: async () => {
      stopped = true
      clearTimeout(timer)
      clearTimeout(fence)
      become(false)
      await transition
      if (heldUntil > 0) {
        heldUntil = 0
        // Expire our term now: another instance takes over on its next round.
        const current = await latest().catch(() => undefined)
        if (current?.data.holder === holder)
          await payload.db
            .updateOne({
              collection: KV,
              id: current.id,
              data: { data: { holder, expiresAt: 0 } },
              req: NO_TRANSACTION,
            })
            .catch(() => {})
      }
    },
  }
}

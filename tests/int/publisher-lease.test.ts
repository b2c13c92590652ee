/**
 * The publisher lease (cms/src/publishing/lease.ts) on the real database: contenders in this
 * process stand for CMS instances (each has its own holder id). Exactly one holds a scope at a
 * time, an entry left by a dead instance is taken over once it expires and not before, and a
 * release hands the lease over at the others' next round. The two-server test with a holder
 * killed mid-build is tests/site/publish-lease.test.ts.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { holdLease, type Lease } from '../../cms/src/publishing/lease.ts'
import { type CmsHandle, databaseLabel, dropDatabase, localApi, startCms } from '../support/cms.ts'
import { waitFor } from '../support/wait.ts'

const TTL_MS = 1_500

describe(`the publisher lease (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let payload: Payload
  const leases: Lease[] = []

  /** A contender for `scope` that counts its starts and stops. */
  async function contender(scope: string) {
    const events: string[] = []
    const lease = await holdLease({
      payload,
      scope,
      ttlMs: TTL_MS,
      onAcquired: () => void events.push('start'),
      onLost: () => void events.push('stop'),
      log: () => {},
    })
    leases.push(lease)
    return { lease, events }
  }
  const scope = () => `/srv/sites-${randomBytes(4).toString('hex')}`
  const entriesOf = async (name: string) => {
    const prefix = `sites-lease:${createHash('sha256').update(name).digest('hex').slice(0, 16)}:`
    const { docs } = await payload.find({
      collection: 'payload-kv',
      pagination: false,
      overrideAccess: true,
      sort: 'key',
    })
    return docs.filter((doc) => doc.key.startsWith(prefix)) as unknown as {
      key: string
      data: { holder: string; expiresAt: number }
    }[]
  }

  beforeAll(async () => {
    cms = await startCms()
    payload = await localApi(cms)
  })

  afterAll(async () => {
    await Promise.all(leases.map((lease) => lease.release()))
    await dropDatabase(payload)
    await payload?.destroy()
    await cms?.stop()
    fs.rmSync(cms.dataDir, { recursive: true, force: true })
  })

  it('of five instances starting at once, exactly one holds the lease and starts publishing', async () => {
    const name = scope()
    const all = await Promise.all(Array.from({ length: 5 }, () => contender(name)))
    // A few renewal rounds: nobody else takes it over while the holder renews.
    await new Promise((resolve) => setTimeout(resolve, TTL_MS * 2))
    const holders = all.filter(({ lease }) => lease.isHeld())
    expect(holders).toHaveLength(1)
    expect(holders[0]!.events).toEqual(['start'])
    for (const other of all.filter(({ lease }) => !lease.isHeld())) expect(other.events).toEqual([])
    const entries = await entriesOf(name)
    expect(entries.map((entry) => entry.data.holder)).toEqual([holders[0]!.lease.holder])
  })

  it('an entry of a dead instance is respected until it expires, then taken over as the next term', async () => {
    const name = scope()
    const prefix = `sites-lease:${createHash('sha256').update(name).digest('hex').slice(0, 16)}:`
    const expiresAt = Date.now() + TTL_MS * 2
    await payload.create({
      collection: 'payload-kv',
      data: { key: `${prefix}000000000007`, data: { holder: 'gone:1:dead', expiresAt } },
      overrideAccess: true,
    })
    const { lease, events } = await contender(name)
    expect(lease.isHeld()).toBe(false)
    await waitFor('the expired lease to be taken over', async () => lease.isHeld(), TTL_MS * 6, 50)
    expect(Date.now()).toBeGreaterThanOrEqual(expiresAt)
    expect(events).toEqual(['start'])
    expect((await entriesOf(name)).map((entry) => entry.key.slice(prefix.length))).toEqual([
      '000000000007',
      '000000000008',
    ])
  })

  it('a released lease is taken over by another instance at its next round, and the old holder stopped first', async () => {
    const name = scope()
    const first = await contender(name)
    const second = await contender(name)
    expect(first.lease.isHeld()).toBe(true)
    expect(second.lease.isHeld()).toBe(false)
    // The expiry the holder last wrote: without the release, nobody could take over before it.
    const [held] = await entriesOf(name)
    await first.lease.release()
    expect(first.events).toEqual(['start', 'stop'])
    await waitFor('the other instance to take over', async () => second.lease.isHeld(), 10_000, 20)
    expect(Date.now()).toBeLessThan(held!.data.expiresAt)
    expect(second.events).toEqual(['start'])
  })

  it('leases of different SITES_DIRs are independent', async () => {
    const a = await contender(scope())
    const b = await contender(scope())
    expect([a.lease.isHeld(), b.lease.isHeld()]).toEqual([true, true])
  })
})

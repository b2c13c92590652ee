/**
 * How rebuild requests become builds, with no Payload or file system in sight (unit-tested in
 * tests/unit/coalescer.test.ts): requests that arrive within `gatherMs` of the first join one
 * build of the union of their clinics; requests that arrive while a build runs wait and join the
 * next one;
 * one build at a time. Each request settles when the build that covered it went live or failed.
 */
import { ALL_CLINICS } from './affected'
import type { RebuildSitesInput } from './task'

/** What one build covers. */
export interface Batch {
  /** Every clinic (a network-wide change was among the requests). */
  all: boolean
  clinics: Set<string>
  /** A request removed content (unpublish, delete): pages may legitimately disappear. */
  removals: boolean
  /** The locales whose pages changed; undefined: every locale (a request named none). */
  locales?: string[]
  reasons: string[]
}

export interface Coalescer {
  /** Resolves once a build covering the request went live; rejects with that build's error. */
  request: (input: RebuildSitesInput) => Promise<void>
  /** Refuses new requests, fails the waiting ones, and resolves once the running build ended. */
  close: () => Promise<void>
}

export interface CoalescerOptions {
  build: (batch: Batch) => Promise<void>
  gatherMs: number
}

const closedError = () => new Error('The site publisher is shutting down.')

export function createCoalescer({ build, gatherMs }: CoalescerOptions): Coalescer {
  type Waiter = { resolve: () => void; reject: (error: Error) => void }
  // `locales: null` once a request asked for every locale: a union with "all" is all.
  let pending:
    (Omit<Batch, 'locales'> & { locales: Set<string> | null; waiters: Waiter[] }) | undefined
  let draining: Promise<void> | undefined
  let closed = false

  async function drain(): Promise<void> {
    while (pending && !closed) {
      await new Promise((resolve) => setTimeout(resolve, gatherMs))
      const { waiters, locales, ...rest } = pending
      pending = undefined
      const batch: Batch = { ...rest, ...(locales ? { locales: [...locales].sort() } : {}) }
      try {
        await build(batch)
        for (const waiter of waiters) waiter.resolve()
      } catch (error) {
        for (const waiter of waiters) waiter.reject(error as Error)
      }
    }
    draining = undefined
  }

  return {
    request: (input) =>
      new Promise<void>((resolve, reject) => {
        if (closed) return reject(closedError())
        pending ??= {
          all: false,
          clinics: new Set(),
          removals: false,
          locales: new Set(),
          reasons: [],
          waiters: [],
        }
        if (input.clinics.includes(ALL_CLINICS)) pending.all = true
        for (const clinic of input.clinics) if (clinic !== ALL_CLINICS) pending.clinics.add(clinic)
        pending.removals ||= input.removals
        if (!input.locales) pending.locales = null
        else for (const locale of input.locales) pending.locales?.add(locale)
        if (input.reason) pending.reasons.push(input.reason)
        pending.waiters.push({ resolve, reject })
        draining ??= drain()
      }),
    close: async () => {
      closed = true
      await draining?.catch(() => undefined)
      for (const waiter of pending?.waiters ?? []) waiter.reject(closedError())
      pending = undefined
    },
  }
}

/** The build log's one-line summary: "albuquerque, temecula: articles 12 published by user 3 (+2 more)". */
export function describeBatch(batch: Batch, slugs: string[]): string {
  const which = batch.all ? 'All clinics' : slugs.join(', ')
  const more = batch.reasons.length > 1 ? ` (+${batch.reasons.length - 1} more)` : ''
  return `${which}: ${batch.reasons[0] ?? 'rebuild'}${more}`.slice(0, 200)
}

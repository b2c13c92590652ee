/**
 * How the site publisher turns rebuild requests into builds (cms/src/publishing/coalescer.ts),
 * with a recording stand-in for the build: tests/site/publish-queue.test.ts covers the same
 * behaviour end to end, with real jobs and real builds.
 */
import { describe, expect, it } from 'vitest'

import { createCoalescer, describeBatch, type Batch } from '../../cms/src/publishing/coalescer.ts'

const GATHER_MS = 20
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))
const request = (clinics: string[], reason = 'a change', removals = false) => ({
  clinics,
  removals,
  reason,
})

/** A build that records what it was given, how many ran at once, and waits until released. */
function recordingBuild({ failWith }: { failWith?: (batch: Batch) => string | undefined } = {}) {
  const batches: { all: boolean; clinics: string[]; removals: boolean; reasons: string[] }[] = []
  let running = 0
  let mostAtOnce = 0
  let release: (() => void) | undefined
  const gate = { hold: false }
  const build = async (batch: Batch) => {
    running++
    mostAtOnce = Math.max(mostAtOnce, running)
    batches.push({ ...batch, clinics: [...batch.clinics].sort() })
    if (gate.hold) await new Promise<void>((resolve) => (release = resolve))
    running--
    const failure = failWith?.(batch)
    if (failure) throw new Error(failure)
  }
  return {
    build,
    batches,
    gate,
    mostAtOnce: () => mostAtOnce,
    release: () => release?.(),
  }
}

describe('rebuild requests becoming builds', () => {
  it('joins requests that arrive together into one build of the union of their clinics', async () => {
    const recorder = recordingBuild()
    const coalescer = createCoalescer({ build: recorder.build, gatherMs: GATHER_MS })
    await Promise.all([
      coalescer.request(request(['albuquerque'], 'articles 1 published')),
      coalescer.request(request(['temecula', 'albuquerque'], 'faqs 2 published', true)),
      coalescer.request(request(['waxahachie'], 'providers 3 changed')),
    ])
    expect(recorder.batches).toEqual([
      {
        all: false,
        clinics: ['albuquerque', 'temecula', 'waxahachie'],
        removals: true,
        reasons: ['articles 1 published', 'faqs 2 published', 'providers 3 changed'],
      },
    ])
  })

  it('builds every clinic when one request names all of them', async () => {
    const recorder = recordingBuild()
    const coalescer = createCoalescer({ build: recorder.build, gatherMs: GATHER_MS })
    await Promise.all([
      coalescer.request(request(['temecula'])),
      coalescer.request(request(['*'], 'network settings changed')),
    ])
    expect(recorder.batches).toHaveLength(1)
    expect(recorder.batches[0]).toMatchObject({ all: true, clinics: ['temecula'] })
  })

  it('gathers what arrives during a build into one follow-up build, never two at once', async () => {
    const recorder = recordingBuild()
    recorder.gate.hold = true
    const coalescer = createCoalescer({ build: recorder.build, gatherMs: GATHER_MS })
    const first = coalescer.request(request(['albuquerque'], 'first'))
    await sleep(GATHER_MS * 3)
    expect(recorder.batches).toHaveLength(1)
    const later = [
      coalescer.request(request(['temecula'], 'second')),
      coalescer.request(request(['waxahachie'], 'third')),
    ]
    await sleep(GATHER_MS * 3)
    // Still one build: the others wait for it.
    expect(recorder.batches).toHaveLength(1)
    recorder.gate.hold = false
    recorder.release()
    await Promise.all([first, ...later])
    expect(recorder.batches.map((batch) => batch.clinics)).toEqual([
      ['albuquerque'],
      ['temecula', 'waxahachie'],
    ])
    expect(recorder.mostAtOnce()).toBe(1)
  })

  it('fails exactly the requests of a failed build, and builds the next ones', async () => {
    const recorder = recordingBuild({
      failWith: (batch) => (batch.clinics.has('temecula') ? 'Pagefind could not start' : undefined),
    })
    const coalescer = createCoalescer({ build: recorder.build, gatherMs: GATHER_MS })
    const failed = coalescer.request(request(['temecula']))
    await expect(failed).rejects.toThrow('Pagefind could not start')
    await expect(coalescer.request(request(['albuquerque']))).resolves.toBeUndefined()
    expect(recorder.batches.map((batch) => batch.clinics)).toEqual([['temecula'], ['albuquerque']])
  })

  it('on close, lets the running build end, fails the waiting requests and refuses new ones', async () => {
    const recorder = recordingBuild()
    recorder.gate.hold = true
    const coalescer = createCoalescer({ build: recorder.build, gatherMs: GATHER_MS })
    const running = coalescer.request(request(['albuquerque']))
    await sleep(GATHER_MS * 3)
    const waiting = coalescer.request(request(['temecula']))
    const closed = coalescer.close()
    recorder.release()
    await closed
    await expect(running).resolves.toBeUndefined()
    await expect(waiting).rejects.toThrow(/shutting down/)
    await expect(coalescer.request(request(['waxahachie']))).rejects.toThrow(/shutting down/)
    expect(recorder.batches).toHaveLength(1)
  })
})

describe("a build's summary line", () => {
  const batch = (all: boolean, reasons: string[]): Batch => ({
    all,
    clinics: new Set(),
    removals: false,
    reasons,
  })

  it('names the clinics and the first change, and counts the others', () => {
    expect(
      describeBatch(batch(false, ['articles 12 published by user 3', 'faqs 4 deleted by user 3']), [
        'albuquerque',
        'temecula',
      ]),
    ).toBe('albuquerque, temecula: articles 12 published by user 3 (+1 more)')
    expect(describeBatch(batch(true, []), ['albuquerque'])).toBe('All clinics: rebuild')
  })

  it('fits the 200 characters the build log keeps', () => {
    expect(describeBatch(batch(false, ['x'.repeat(500)]), ['albuquerque'])).toHaveLength(200)
  })
})

/**
 * Seeded randomness for the benchmarks' generated content and the seeded tests: the same seed
 * gives the same numbers on every machine and run, so a generated network (and its cache key) or a
 * failing test order can be reproduced.
 */

/** mulberry32: a small 32-bit generator of numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296
  }
}

/** The helpers the generators use, all drawing from one mulberry32 sequence. */
export function seededRandom(seed: number) {
  const next = mulberry32(seed)
  const int = (n: number) => Math.floor(next() * n)
  const between = (min: number, max: number) => min + int(max - min + 1)
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!
  /** Between `min` and `max` distinct items, in random order. */
  const some = <T>(items: readonly T[], min: number, max: number): T[] => {
    const copy = [...items]
    const n = Math.min(copy.length, between(min, max))
    const out: T[] = []
    for (let i = 0; i < n; i++) out.push(copy.splice(int(copy.length), 1)[0]!)
    return out
  }
  return { next, int, between, pick, some }
}

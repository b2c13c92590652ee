/**
 * Where a build keeps its network snapshot: on globalThis, so that every page chunk of the build
 * shares one load whatever the bundler does. The resident site builder (scripts/build-sites/
 * resident.ts) runs many builds in one process and forgets the snapshot before each.
 */
import type { Network } from './network.ts'

const CACHE = Symbol.for('clinic-site.network')
type CacheHolder = { [CACHE]?: Promise<Network> }

/** The snapshot of this build, loading it with `load` on first use. */
export function sharedNetwork(load: () => Promise<Network>): Promise<Network> {
  const holder = globalThis as CacheHolder
  holder[CACHE] ??= load()
  return holder[CACHE]
}

/** The next build loads the network again. */
export function forgetNetwork(): void {
  delete (globalThis as CacheHolder)[CACHE]
}

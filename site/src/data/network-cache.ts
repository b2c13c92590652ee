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

const KEPT = Symbol.for('clinic-site.kept-documents')
/** A document as a list read it, with the `updatedAt` it had then. */
export interface KeptDocument<T> {
  updatedAt: string
  doc: T
}
type KeptHolder = { [KEPT]?: Map<string, Map<string, KeptDocument<unknown>>> }

/**
 * Documents read by this process's earlier builds, by list (a collection in one language with
 * one field selection) and id. Unlike the snapshot they outlive a build: the resident builder's
 * next build fetches again only what changed (see `currentDocuments` in network.ts).
 */
export function keptDocuments<T>(list: string): Map<string, KeptDocument<T>> {
  const holder = globalThis as KeptHolder
  holder[KEPT] ??= new Map()
  let docs = holder[KEPT].get(list)
  if (!docs) holder[KEPT].set(list, (docs = new Map()))
  return docs as Map<string, KeptDocument<T>>
}

const LISTINGS = Symbol.for('clinic-site.kept-listings')
/** Which documents a list had when this process last listed it, and when (this process's clock). */
export interface KeptListing {
  ids: string[]
  listedAt: number
}
type ListingHolder = { [LISTINGS]?: Map<string, KeptListing> }

/**
 * The last listing of each list (a collection in one language, one field selection and one
 * `where`) by this process's builds, by list: the next build of the same list asks only for its
 * recent changes (see `currentDocuments` in network.ts).
 */
export function keptListings(): Map<string, KeptListing> {
  const holder = globalThis as ListingHolder
  return (holder[LISTINGS] ??= new Map())
}

const DIGESTS = Symbol.for('clinic-site.document-digests')
type DigestHolder = { [DIGESTS]?: WeakMap<object, string> }

/**
 * `compute(doc)`, once per document object for the life of the process. A kept document is the
 * same object from one build to the next until the CMS changes it (then the list reads a new
 * one), so what is derived from it alone, such as the digest of an article's body for the pages'
 * dependency records, need not be derived again. Only for documents nothing writes to.
 */
export function documentDigest(doc: object, compute: (doc: object) => string): string {
  const holder = globalThis as DigestHolder
  holder[DIGESTS] ??= new WeakMap()
  let known = holder[DIGESTS].get(doc)
  if (known === undefined) holder[DIGESTS].set(doc, (known = compute(doc)))
  return known
}

/**
 * Typed access to autocannon's programmatic API (the package ships no type declarations and the
 * project has no @types/autocannon), loaded through createRequire.
 */
import { createRequire } from 'node:module'

export interface Histogram {
  average: number
  mean: number
  stddev: number
  min: number
  max: number
  total: number
  p2_5: number
  p50: number
  p90: number
  p97_5: number
  p99: number
  p99_9: number
}

export interface LoadResult {
  title?: string
  duration: number
  errors: number
  timeouts: number
  non2xx: number
  '2xx': number
  statusCodeStats: Record<string, { count: number }>
  latency: Histogram & { totalCount: number }
  /** Per-second samples of completed requests; `total` is the completed count. */
  requests: Histogram & { sent: number }
  /** Per-second samples of bytes read. */
  throughput: Histogram
}

export interface RawRequest {
  method?: string
  path?: string
  headers?: Record<string, string>
  [key: string]: unknown
}

export interface LoadOptions {
  url: string
  title?: string
  connections: number
  duration: number
  method?: string
  headers?: Record<string, string>
  timeout?: number
  requests?: {
    method?: string
    path?: string
    headers?: Record<string, string>
    setupRequest?: (req: RawRequest, context: Record<string, unknown>) => RawRequest
  }[]
}

type AutocannonFn = (
  opts: LoadOptions,
  cb: (error: Error | null, result: LoadResult) => void,
) => { stop: () => void }

const require = createRequire(import.meta.url)
const autocannon = require('autocannon') as AutocannonFn

export function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    autocannon(options, (error, result) => (error ? reject(error) : resolve(result)))
  })
}

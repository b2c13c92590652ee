import type { NextFunction, Request, Response } from 'express'

const MAX_ENTRY_BYTES = 512 * 1024

interface Entry {
  status: number
  headers: [string, string][]
  body: Buffer
  expires: number
}

/**
 * A micro-cache for anonymous REST reads: identical public GETs within `ttlMs` are answered from
 * memory. Public readers only ever see published documents, so nothing private can be cached;
 * requests with credentials (Authorization, cookies) or `Cache-Control: no-cache` (the site
 * build, which must read the committed state) always reach Payload. Every write through this
 * server empties the cache once its response is sent (after the transaction committed), and
 * writes elsewhere (jobs, other instances) are visible after at most `ttlMs`.
 */
export function anonymousApiCache({ ttlMs, maxEntries }: { ttlMs: number; maxEntries: number }) {
  const entries = new Map<string, Entry>()
  let generation = 0

  const clear = () => {
    entries.clear()
    generation++
  }

  const middleware = (req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.on('finish', clear)
      return next()
    }
    if (
      ttlMs <= 0 ||
      req.headers.authorization ||
      req.headers.cookie ||
      /no-cache|no-store/.test(req.headers['cache-control'] ?? '')
    ) {
      return next()
    }
    const key = req.originalUrl
    const hit = entries.get(key)
    if (hit && hit.expires > Date.now()) {
      res.status(hit.status)
      for (const [name, value] of hit.headers) res.setHeader(name, value)
      res.setHeader('x-api-cache', 'hit')
      res.end(req.method === 'HEAD' ? undefined : hit.body)
      return
    }
    // Capture the response as it is written, and keep it if it was a complete 200.
    const startedAt = generation
    const chunks: Buffer[] = []
    const write = res.write.bind(res)
    const end = res.end.bind(res)
    res.write = ((chunk: unknown, ...args: unknown[]) => {
      if (chunk) chunks.push(Buffer.from(chunk as Buffer))
      return (write as (...a: unknown[]) => boolean)(chunk, ...args)
    }) as Response['write']
    res.end = ((chunk?: unknown, ...args: unknown[]) => {
      if (chunk && typeof chunk !== 'function') chunks.push(Buffer.from(chunk as Buffer))
      const json = String(res.getHeader('content-type') ?? '').includes('application/json')
      const size = chunks.reduce((total, c) => total + c.length, 0)
      // JSON documents only (never media files), and none large enough to crowd out the rest.
      if (
        res.statusCode === 200 &&
        json &&
        size <= MAX_ENTRY_BYTES &&
        generation === startedAt &&
        !res.getHeader('set-cookie')
      ) {
        if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!)
        const headers = Object.entries(res.getHeaders())
          .filter(([name]) => name !== 'content-length' && name !== 'x-api-cache')
          .map(([name, value]) => [name, String(value)] as [string, string])
        entries.set(key, {
          status: 200,
          headers,
          body: Buffer.concat(chunks),
          expires: Date.now() + ttlMs,
        })
      }
      return (end as (...a: unknown[]) => Response)(chunk, ...args)
    }) as Response['end']
    res.setHeader('x-api-cache', 'miss')
    next()
  }

  return { middleware, clear }
}

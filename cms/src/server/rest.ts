import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'

import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { handleEndpoints } from 'payload'
import type { SanitizedConfig } from 'payload'

import { audit } from '../lib/audit'

/**
 * Serves Payload's REST API straight from its framework-agnostic handler instead of through a
 * Next.js route: the same code Payload's Next route calls, minus Next's routing and rendering
 * layers, which roughly doubles API throughput on two cores (see bench/api.ts).
 */
export function restHandler(config: SanitizedConfig, origin: () => string) {
  return async (req: ExpressRequest, res: ExpressResponse) => {
    const headers = new Headers()
    for (const [name, value] of Object.entries(req.headers)) {
      if (value === undefined) continue
      for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
    }
    const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
    // JSON bodies arrive already buffered (and size-limited) by express.raw; uploads stream.
    const body = !hasBody
      ? undefined
      : Buffer.isBuffer(req.body)
        ? req.body
        : (Readable.toWeb(req) as ReadableStream)
    if (Buffer.isBuffer(req.body)) headers.set('content-length', String(req.body.length))

    const request = new Request(new URL(req.originalUrl, origin()), {
      method: req.method,
      headers,
      body,
      // Required by undici when the body is a stream.
      ...(body && !Buffer.isBuffer(body) ? { duplex: 'half' } : {}),
    } as RequestInit)

    const response = await handleEndpoints({ config, request })
    if (response.status === 401 && req.method === 'POST' && req.path.endsWith('/login')) {
      // Payload has no hook for a refused login; record it here (the email only, never the password).
      const email = Buffer.isBuffer(req.body)
        ? String((JSON.parse(req.body.toString('utf8') || '{}') as { email?: unknown }).email ?? '')
        : ''
      audit('login-failed', { email: email.slice(0, 254), ip: req.ip })
    }
    res.status(response.status)
    response.headers.forEach((value, name) => {
      if (name !== 'set-cookie' && name !== 'content-encoding' && name !== 'transfer-encoding')
        res.setHeader(name, value)
    })
    const cookies = response.headers.getSetCookie()
    if (cookies.length > 0) res.setHeader('set-cookie', cookies)
    if (!response.body || req.method === 'HEAD') {
      res.end()
      return
    }
    Readable.fromWeb(response.body as WebReadableStream).pipe(res)
  }
}

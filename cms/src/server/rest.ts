import { Readable } from 'node:stream'
import type { ReadableStream as WebReadableStream } from 'node:stream/web'

import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'
import { handleEndpoints } from 'payload'
import type { SanitizedConfig } from 'payload'

import { audit } from '../lib/audit'

/**
 * The Express request as a Fetch API Request for Payload's framework-agnostic handlers. Bodies
 * Express buffered (within their limit) are passed as they are; uploads stream.
 */
export function toFetchRequest(req: ExpressRequest, origin: string, buffered?: Buffer): Request {
  const headers = new Headers()
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue
    for (const item of Array.isArray(value) ? value : [value]) headers.append(name, item)
  }
  const hasBody = req.method !== 'GET' && req.method !== 'HEAD'
  const body = !hasBody ? undefined : (buffered ?? (Readable.toWeb(req) as ReadableStream))
  if (buffered) {
    headers.set('content-length', String(buffered.length))
    headers.delete('transfer-encoding')
  }
  return new Request(new URL(req.originalUrl, origin), {
    method: req.method,
    headers,
    body,
    // Required by undici when the body is a stream.
    ...(body && !Buffer.isBuffer(body) ? { duplex: 'half' } : {}),
  } as RequestInit)
}

/** Writes a Fetch API Response to Express (unless the body limit already answered). */
export async function sendFetchResponse(
  req: ExpressRequest,
  res: ExpressResponse,
  response: Response,
): Promise<void> {
  if (res.headersSent) return
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

/**
 * Serves Payload's REST API straight from its framework-agnostic handler instead of through a
 * Next.js route: the same code Payload's Next route calls, minus Next's routing and rendering
 * layers, which roughly doubles API throughput on two cores (see bench/api.ts).
 */
export function restHandler(config: SanitizedConfig, origin: () => string) {
  return async (req: ExpressRequest, res: ExpressResponse) => {
    if (res.headersSent) return
    const buffered = Buffer.isBuffer(req.body) ? req.body : undefined
    const response = await handleEndpoints({
      config,
      request: toFetchRequest(req, origin(), buffered),
    })
    if (response.status === 401 && req.method === 'POST' && req.path.endsWith('/login')) {
      // Payload has no hook for a refused login; record it here (the email only, never the password).
      let email = ''
      try {
        email = String(
          (JSON.parse(buffered?.toString('utf8') || '{}') as { email?: unknown }).email ?? '',
        )
      } catch {
        // Not JSON (a form post): nothing to record but the address.
      }
      audit('login-failed', { email: email.slice(0, 254), ip: req.ip })
    }
    await sendFetchResponse(req, res, response)
  }
}

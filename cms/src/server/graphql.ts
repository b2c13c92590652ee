import type { Request as ExpressRequest, Response as ExpressResponse } from 'express'
import type { SanitizedConfig } from 'payload'

import type { GraphqlRequest } from './graphqlCost'
import type { Limits } from '../limits/settings'
import { sendFetchResponse, toFetchRequest } from './rest'

/**
 * Serves GraphQL from Express with Payload's own handler (the one its Next.js route exports),
 * after the body has been read within its limit and the query checked by server/graphqlCost.ts: a
 * refusal answers 400 before Payload parses anything, whatever the client's Accept header
 * (graphql-http would answer validation errors with 200 to `application/json` clients).
 */
export function graphqlHandler(config: SanitizedConfig, limits: Limits, origin: () => string) {
  let guard: ((params: GraphqlRequest) => string | undefined) | undefined
  let handler: ((request: Request) => Promise<Response>) | undefined
  return async (req: ExpressRequest, res: ExpressResponse) => {
    if (res.headersSent) return
    const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0)
    let params: GraphqlRequest = {}
    try {
      if (/json/i.test(req.headers['content-type'] ?? ''))
        params = JSON.parse(body.toString('utf8') || '{}') as GraphqlRequest
    } catch {
      // Malformed JSON: Payload's handler answers it.
    }
    // Loaded on the first GraphQL request, like the handler: the cost checker brings Payload's
    // GraphQL schema builder, a second of start-up and tens of MB that REST-only servers never use.
    guard ??= (await import('./graphqlCost')).graphqlGuard(config, limits)
    const refusal = guard(params)
    if (refusal) {
      res.status(400).json({ errors: [{ message: refusal, extensions: { statusCode: 400 } }] })
      return
    }
    // Loaded on the first GraphQL request: the module also carries the admin's REST routes.
    handler ??= (await import('@payloadcms/next/routes')).GRAPHQL_POST(Promise.resolve(config))
    const response = await handler(toFetchRequest(req, origin(), body))
    await sendFetchResponse(req, res, response)
  }
}

import type { IncomingMessage, ServerResponse } from 'node:http'

import { formatBytes, type Limits } from '../limits/settings'

/** How long a refused client may keep sending before the connection is cut. */
const DRAIN_MS = 5_000

const isMultipart = (req: IncomingMessage) =>
  /^multipart\/form-data\b/i.test(req.headers['content-type'] ?? '')

/** Multipart bodies are uploads to the REST API; everywhere else they get the ordinary limit. */
function budgetFor(req: IncomingMessage, limits: Limits, apiRoute: string): number {
  const path = (req.url ?? '').split('?')[0] ?? ''
  const restApi = path.startsWith(`${apiRoute}/`) && !path.startsWith(`${apiRoute}/graphql`)
  return isMultipart(req) && restApi ? limits.uploadBodyBytes : limits.bodyBytes
}

/** A complete request leaves the connection to the next request; one still arriving is cut. */
function cutOffIfStillSending(req: IncomingMessage) {
  setTimeout(() => {
    if (!req.complete) req.destroy()
  }, DRAIN_MS).unref()
}

function refuse(res: ServerResponse, budget: number) {
  if (res.headersSent) return
  const body = JSON.stringify({
    errors: [
      {
        message: `Request body is too large: the limit is ${formatBytes(budget)} (BODY_LIMIT; uploads UPLOAD_BODY_LIMIT).`,
      },
    ],
  })
  res.writeHead(413, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  })
  res.end(body)
}

/**
 * Bounds every request body, whatever its content type or transfer encoding, before anything
 * reads it: a declared length over the budget is refused at once, and a chunked body is counted
 * as it arrives. Written by hand because the bound must hold for requests Express hands on
 * unread (to Next.js, and uploads streamed to Payload), where body parsers never run.
 *
 * Counting happens where Node delivers body bytes to the request stream (`push`), so no reader
 * can ever see more than the budget. Past it, the client gets 413 at once and the bytes still
 * arriving are dropped (not pushed) until it stops sending: closing the connection while it is
 * still sending would reset it before it reads the answer. A client still sending DRAIN_MS later
 * is cut off. Readers waiting for the rest of the body never get it (the connection goes on to
 * the client's next request).
 *
 * Returns true when the request was answered here.
 */
export function boundRequestBody(
  req: IncomingMessage,
  res: ServerResponse,
  limits: Limits,
  apiRoute: string,
): boolean {
  const budget = budgetFor(req, limits, apiRoute)
  const declared = req.headers['content-length']
  if (declared !== undefined && Number(declared) > budget) {
    refuse(res, budget)
    req.resume()
    cutOffIfStillSending(req)
    return true
  }
  // Without either header an HTTP/1.1 request has no body; with a length, Node reads no more.
  if (!req.headers['transfer-encoding']) return false

  let received = 0
  let refused = false
  const push = req.push.bind(req)
  req.push = (chunk: unknown, encoding?: BufferEncoding) => {
    // After the refusal nothing reaches the readers, not even the end of the body: a reader
    // that saw the body end would act on a truncated request.
    if (refused) return true
    if (chunk !== null && chunk !== undefined) {
      received += (chunk as Buffer).length
      if (received > budget) {
        refused = true
        refuse(res, budget)
        cutOffIfStillSending(req)
        return true
      }
    }
    return push(chunk, encoding)
  }
  return false
}

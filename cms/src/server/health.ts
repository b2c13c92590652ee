import type { Request, Response } from 'express'
import type { Payload } from 'payload'

const READY_TIMEOUT_MS = 2_000

export interface Readiness {
  shuttingDown: boolean
}

/** `/healthz`: the process is up and serving. */
export function healthz(_req: Request, res: Response) {
  res.set('cache-control', 'no-store').json({ status: 'ok' })
}

/** `/readyz`: the database answers a query within two seconds. */
export function readyz(payload: Payload, state: Readiness) {
  return async (_req: Request, res: Response) => {
    res.set('cache-control', 'no-store')
    if (state.shuttingDown) {
      res.status(503).json({ status: 'unavailable', reason: 'shutting down' })
      return
    }
    let timer: NodeJS.Timeout | undefined
    try {
      await Promise.race([
        // Any adapter-agnostic query proves the connection; users always exists.
        payload.count({ collection: 'users', overrideAccess: true }),
        new Promise((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`database did not answer within ${READY_TIMEOUT_MS} ms`)),
            READY_TIMEOUT_MS,
          )
        }),
      ])
      res.json({ status: 'ready', database: payload.db.name })
    } catch (error) {
      res
        .status(503)
        .json({ status: 'unavailable', reason: `database: ${(error as Error).message}` })
    } finally {
      clearTimeout(timer)
    }
  }
}

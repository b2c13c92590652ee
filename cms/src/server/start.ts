import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'
import type { AddressInfo } from 'node:net'

import express from 'express'
import { getPayload } from 'payload'
import type { Payload } from 'payload'

import { startConsultations } from '../consultation/server'
import { writeNginxSites } from '../webServer/nginx'
import { describeTarget, redactUri } from '../lib/database'
import { databaseUri } from '../lib/env'
import { cmsDir, dataDir, sitesDir } from '../lib/paths'
import { seedIfEmpty } from '../seed/onStart'
import type { SeedUser } from '../seed'
import { healthz, readyz, type Readiness } from './health'
import { boundRequestBody } from './bodyLimit'
import { limits as requestLimits } from '../limits/settings'
import { anonymousApiCache } from './apiCache'
import { graphqlHandler } from './graphql'
import { restHandler } from './rest'
import {
  runQueueAfterWrites,
  startSitePublisher,
  type SitePublisher,
} from '../publishing/publisher'
import { holdLease, type Lease } from '../publishing/lease'
import { serveLocalSites } from './localSites'
import { versionedMediaCaching } from './mediaCaching'
import { authRateLimits, bodyErrors, securityHeaders } from './security'

export interface StartOptions {
  dev: boolean
  host: string
  port: number
}

export interface RunningServer {
  url: string
  payload: Payload
  /** Demo logins to print (embedded default only). */
  demoUsers: SeedUser[]
  /**
   * Rebuilds clinic sites after publishing, while this instance holds the publisher lease (never
   * with SITES_PUBLISH=off).
   */
  publisher: () => SitePublisher | undefined
  close: () => Promise<void>
}

/** How long start-up may wait for the database before giving up (the process must exit < 10 s). */
const DATABASE_DEADLINE_MS = 8_000

/** SITES_LEASE_MS: how long a dead publisher's lease blocks the others (they take over after it). */
function leaseMs(): number {
  const value = Number(process.env.SITES_LEASE_MS)
  return process.env.SITES_LEASE_MS && Number.isFinite(value) && value >= 300 ? value : 6_000
}

export class StartupError extends Error {
  override name = 'StartupError'
}

async function connectPayload(): Promise<Payload> {
  const uri = databaseUri()
  if (uri.startsWith('file:')) fs.mkdirSync(dataDir, { recursive: true })
  let timer: NodeJS.Timeout | undefined
  try {
    // Imported here so that a config error (bad URI, weak secret) is reported like a connection error.
    const { default: config } = await import('../payload.config')
    return await Promise.race([
      // cron: true starts Payload's job runner in this process (scheduled publishing).
      getPayload({ config, cron: true }),
      new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no answer within ${DATABASE_DEADLINE_MS / 1000} s`)),
          DATABASE_DEADLINE_MS,
        )
      }),
    ])
  } catch (error) {
    const reason = (error as Error).message.replace(/^Error: /, '')
    let target = redactUri(uri)
    try {
      target = `${describeTarget(uri)} (${redactUri(uri)})`
    } catch {
      // Unsupported scheme: the reason already says so.
    }
    throw new StartupError(`Cannot start: database at ${target} is not usable: ${reason}`)
  } finally {
    clearTimeout(timer)
  }
}

export async function startServer({ dev, host, port }: StartOptions): Promise<RunningServer> {
  const payload = await connectPayload()
  const config = payload.config
  const demoUsers = await seedIfEmpty(payload, (line) => console.log(line))
  // Production web server: one virtual host per clinic, generated from the clinics in the database.
  await writeNginxSites(payload).catch((error: unknown) =>
    payload.logger.error({ err: error }, '[nginx] cannot write the clinic sites config'),
  )

  if (!dev && !process.env.NEXT_DIST_DIR) {
    // The newest production build of the admin (see scripts/lib/admin-build.ts).
    const current = path.join(cmsDir, '.next-current')
    if (fs.existsSync(current)) process.env.NEXT_DIST_DIR = fs.readFileSync(current, 'utf8').trim()
  }
  // The admin UI (Next.js) is loaded on its first request in production, not at start: the REST
  // API, the sites and the publisher never need it, and an instance that serves only them (or
  // waits for its first editor) starts sooner and holds less memory (about 80 MB of the idle
  // server and 0.5 s of its start; that first admin page then takes about 0.8 s). Development
  // prepares it at once (its compiler and file watchers start with the server, as `next dev` does).
  type NextServer = ReturnType<typeof import('next').default>
  let nextApp: NextServer | undefined
  let nextHandler: Promise<ReturnType<NextServer['getRequestHandler']>> | undefined
  const adminHandler = () =>
    (nextHandler ??= (async () => {
      const started = performance.now()
      const { default: next } = await import('next')
      nextApp = next({ dev, dir: cmsDir, hostname: host, port, quiet: !dev })
      await nextApp.prepare()
      if (!dev) console.log(`[cms] admin loaded in ${Math.round(performance.now() - started)} ms`)
      return nextApp.getRequestHandler()
    })().catch((error: unknown) => {
      // The next request tries again; this one gets Express's 500.
      nextHandler = undefined
      throw error
    }))
  if (dev) await adminHandler()

  const state: Readiness = { shuttingDown: false }
  const https = (config.serverURL ?? '').startsWith('https://')
  const limits = authRateLimits()
  let origin = `http://${host}:${port}`

  const app = express()
  app.disable('x-powered-by')
  // "1" means one proxy hop (a number); Express reads the string "1" as an address instead.
  const trustProxy = process.env.TRUST_PROXY?.trim()
  if (trustProxy) app.set('trust proxy', /^\d+$/.test(trustProxy) ? Number(trustProxy) : trustProxy)

  // Consultation requests on every clinic host (they never change content: no site rebuild).
  const consultations = await startConsultations({
    payload,
    sitesDir,
    log: (line) => console.log(line),
  })
  app.use(consultations.routes)

  let publisher: SitePublisher | undefined
  app.use(runQueueAfterWrites(() => publisher))

  app.get('/healthz', healthz)
  app.get('/readyz', readyz(payload, state))
  // The local demo's clinic sites (<clinic>.localhost); answered before the CMS's headers apply.
  app.use(serveLocalSites(sitesDir))
  // Draft previews (signed links, no-store, their own CSP): answered before the CMS's headers apply.
  app.use((await import('./preview')).draftPreview({ payload, cmsUrl: () => origin }))

  app.use(securityHeaders({ dev, https }))
  app.post(`${config.routes.api}/:collection/login`, limits.login)
  app.post(`${config.routes.api}/:collection/forgot-password`, limits.forgotPassword)
  // Every body but uploads is read into memory within BODY_LIMIT (the server's body bound has
  // already refused anything larger); uploads stream to Payload within their own limit.
  const readBody = express.raw({
    type: (req) => !/^multipart\//i.test(req.headers['content-type'] ?? ''),
    limit: requestLimits.bodyBytes,
  })
  app.post(
    `${config.routes.api}/graphql`,
    readBody,
    graphqlHandler(config, requestLimits, () => config.serverURL || origin),
  )

  app.use(versionedMediaCaching(config.routes.api))
  const rest = restHandler(config, () => config.serverURL || origin)
  const cache = anonymousApiCache({
    ttlMs: Number(process.env.API_CACHE_TTL_MS ?? 2000),
    maxEntries: 2000,
  })
  app.all(
    new RegExp(`^${config.routes.api}/(?!graphql(?:-playground)?(?:/|$))`),
    cache.middleware,
    readBody,
    (req, res, nextMiddleware) => {
      if (Buffer.isBuffer(req.body) && req.body.length > 0 && req.is('json')) {
        try {
          JSON.parse(req.body.toString('utf8'))
        } catch {
          res.status(400).json({ errors: [{ message: 'Malformed JSON in request body.' }] })
          return
        }
      }
      nextMiddleware()
    },
    (req, res, nextMiddleware) => {
      rest(req, res).catch(nextMiddleware)
    },
  )
  app.use(bodyErrors)
  app.all('/{*splat}', (req, res) => {
    // Next.js reads a body only for server actions; any other body is dropped here, which also
    // lets the body limit count it (and answer 413) instead of leaving it unread.
    if (!req.headers['next-action'] && req.headers['transfer-encoding']) req.resume()
    return adminHandler().then((handle) => handle(req, res))
  })

  // Bodies are bounded before Express or Next.js sees the request (server/bodyLimit.ts).
  const server = http.createServer((req, res) => {
    if (!boundRequestBody(req, res, requestLimits, config.routes.api)) app(req, res)
  })
  server.listen(port, host)
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve)
    server.once('error', reject)
  })
  const address = server.address() as AddressInfo
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`
  server.keepAliveTimeout = 65_000
  let lease: Lease | undefined
  if (process.env.SITES_PUBLISH !== 'off') {
    // One instance of several on this database runs the publisher (publishing/lease.ts).
    lease = await holdLease({
      payload,
      scope: sitesDir,
      ttlMs: leaseMs(),
      log: (line) => console.log(line),
      onAcquired: async () => {
        // SITES_CMS_URL: where builds read the REST API when not through this server's own address.
        publisher = await startSitePublisher({
          payload,
          cmsUrl: () => process.env.SITES_CMS_URL || origin,
          sitesDir,
          log: (line) => console.log(line),
        })
      },
      onLost: async () => {
        const stopping = publisher
        publisher = undefined
        await stopping?.close()
      },
    })
  }

  let closing: Promise<void> | undefined
  const close = () => {
    closing ??= (async () => {
      state.shuttingDown = true
      await lease?.release()
      // Stop accepting connections; in-flight requests finish (idle keep-alive sockets are closed).
      const closed = new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeIdleConnections()
      const forced = setTimeout(() => server.closeAllConnections(), 10_000)
      await closed
      clearTimeout(forced)
      await consultations.close()
      // An admin still loading finishes first, so that it is closed too.
      await nextHandler?.catch(() => undefined)
      await nextApp?.close().catch(() => undefined)
      await payload.destroy()
    })()
    return closing
  }

  return { url: origin, payload, demoUsers, publisher: () => publisher, close }
}

/**
 * The CMS process: Express in front of Payload (REST, jobs) and Next.js (admin UI, GraphQL).
 * `npm start` runs it in production mode; `npm run dev` in development.
 */
import { preflight } from './lib/preflight'

const problem = await preflight()
if (problem) {
  console.error(`[cms] Cannot start: ${problem}`)
  process.exit(1)
}
// Loaded only after the checks above: importing Payload and Next.js takes seconds on a busy host.
const { startServer, StartupError } = await import('./server/start')

const dev = process.env.NODE_ENV !== 'production'
const host = process.env.HOST ?? '127.0.0.1'
const port = Number(process.env.PORT ?? 3000)
const startedAt = performance.now()

try {
  const server = await startServer({ dev, host, port })
  const readyMs = Math.round(performance.now() - startedAt)
  console.log(
    `[cms] listening on ${server.url} (${dev ? 'development' : 'production'}, ready in ${readyMs} ms)`,
  )
  const publicUrl = server.payload.config.serverURL || server.url
  console.log(
    `[cms] admin: ${publicUrl}/admin   REST: ${publicUrl}/api   GraphQL: ${publicUrl}/api/graphql`,
  )

  if (server.demoUsers.length > 0) {
    console.log('[cms] demo logins (embedded default only; stored in data/demo-credentials.json):')
    for (const user of server.demoUsers)
      console.log(
        `[cms]   ${user.roles.join(', ').padEnd(17)} ${user.email.padEnd(46)} ${user.password}`,
      )
  }

  if (process.env.BUILD_SITES_ON_START === 'true') {
    // Every clinic's static site, built from this server's own REST API once it answers.
    const { sitesDir } = await import('./lib/paths')
    const done = (ok: boolean, why?: string) =>
      console.log(
        ok
          ? `[cms] clinic sites built into ${sitesDir}`
          : `[cms] the clinic site build failed${why ? `: ${why}` : ''}; the CMS keeps running`,
      )
    const publisher = server.publisher()
    if (publisher) {
      publisher.request({ clinics: ['*'], removals: false, reason: 'server start' }).then(
        () => done(true),
        (error: Error) => done(false, error.message),
      )
    } else if (process.env.SITES_PUBLISH !== 'off') {
      console.log('[cms] another CMS instance runs the site publisher: no start-up build here')
    } else {
      const { runSiteBuild } = await import('./publishing/siteBuild')
      runSiteBuild({ cmsUrl: server.url, sitesDir, log: (line) => console.log(line) }).then(
        (result) => done(result.ok, result.error),
      )
    }
  }

  const shutdown = (signal: string) => {
    console.log(`[cms] ${signal}: finishing in-flight requests and closing the database...`)
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('[cms] shutdown failed:', error)
        process.exit(1)
      },
    )
  }
  process.once('SIGTERM', () => shutdown('SIGTERM'))
  process.once('SIGINT', () => shutdown('SIGINT'))
} catch (error) {
  const message =
    error instanceof StartupError
      ? error.message
      : `Cannot start: ${(error as Error).stack ?? error}`
  console.error(`[cms] ${message}`)
  process.exit(1)
}

import fs from 'node:fs'
import path from 'node:path'

import express from 'express'
import type { NextFunction, Request, Response } from 'express'

/**
 * Serves the built clinic sites next to the CMS for the local demo: `http://<clinic>.localhost:<port>/`
 * serves `<sitesDir>/<clinic>/` and `http://localhost:<port>/` the network index. (Production puts a
 * web server with one virtual host per clinic domain in front of the same folders.)
 */
export function serveLocalSites(sitesDir: string) {
  const staticOptions = {
    index: 'index.html',
    redirect: true,
    setHeaders: (res: Response, file: string) => {
      // Hashed build assets never change; pages and search indexes may change on every publish.
      const immutable = file.includes(`${path.sep}_astro${path.sep}`)
      res.setHeader(
        'cache-control',
        immutable ? 'public, max-age=31536000, immutable' : 'public, max-age=60, must-revalidate',
      )
      res.setHeader('x-content-type-options', 'nosniff')
      res.setHeader('referrer-policy', 'strict-origin-when-cross-origin')
      res.setHeader(
        'content-security-policy',
        // Pagefind (search page only) runs WebAssembly; no page needs anything else.
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'",
      )
    },
  }
  const servers = new Map<string, express.Handler>()
  const serverFor = (dir: string) => {
    let handler = servers.get(dir)
    if (!handler) {
      handler = express.static(dir, staticOptions)
      servers.set(dir, handler)
    }
    return handler
  }

  return (req: Request, res: Response, next: NextFunction) => {
    const host = (req.headers.host ?? '').toLowerCase().replace(/:\d+$/, '')
    const match = /^([a-z0-9][a-z0-9-]*)\.localhost$/.exec(host)
    if (!match) {
      if (
        (host === 'localhost' || host === '127.0.0.1') &&
        req.method === 'GET' &&
        req.path === '/'
      ) {
        const index = path.join(sitesDir, 'index.html')
        if (fs.existsSync(index)) return res.sendFile(index)
      }
      return next()
    }
    const dir = path.join(sitesDir, match[1]!)
    if (!fs.existsSync(dir)) {
      res
        .status(404)
        .type('text/plain')
        .send(`No site has been built for "${match[1]}" yet (looked in ${dir}).`)
      return
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.status(405).set('allow', 'GET, HEAD').end()
      return
    }
    serverFor(dir)(req, res, () => {
      res.status(404)
      const notFound = path.join(dir, '404.html')
      if (fs.existsSync(notFound)) res.sendFile(notFound)
      else res.type('text/plain').send('Not found')
    })
  }
}

import fs from 'node:fs'
import path from 'node:path'

import express from 'express'
import type { NextFunction, Request, Response } from 'express'

import { localeOfPath, notFoundPath } from '@clinic/shared/paths'
import { redirectTable, type RedirectRule } from '@clinic/shared/redirects'

import { clinicSiteHeaders } from '../lib/siteHeaders'

type RedirectTable = ReturnType<typeof redirectTable>
const NO_REDIRECTS: RedirectTable = { byUri: new Map(), byRequestUri: new Map() }

/**
 * The live release's redirects (`.redirects/rules.json`, written by the site build), matched the
 * way nginx matches its maps. Cached by the file's real path: a new release is a new folder.
 */
function redirectsOf(dir: string, cache: Map<string, RedirectTable>): RedirectTable {
  let file: string
  try {
    file = fs.realpathSync(path.join(dir, '.redirects', 'rules.json'))
  } catch {
    return NO_REDIRECTS
  }
  let table = cache.get(file)
  if (!table) {
    table = redirectTable(JSON.parse(fs.readFileSync(file, 'utf8')) as RedirectRule[])
    if (cache.size > 100) cache.clear()
    cache.set(file, table)
  }
  return table
}

function decodedPath(path: string): string | null {
  try {
    return decodeURIComponent(path)
  } catch {
    return null
  }
}

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
    },
  }
  const redirectCache = new Map<string, RedirectTable>()
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
    const hostAndPort = (req.headers.host ?? '').toLowerCase()
    const host = hostAndPort.replace(/:\d+$/, '')
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
    const redirects = redirectsOf(dir, redirectCache)
    const target =
      redirects.byRequestUri.get(req.originalUrl) ??
      redirects.byUri.get(decodedPath(req.path) ?? '')
    if (target) {
      res.redirect(301, target)
      return
    }
    // The sites' headers (cms/src/lib/siteHeaders.ts), for the origin the browser uses:
    // <clinic>.localhost:<port>. Pagefind (/search/) compiles WebAssembly, also in its worker
    // scripts under /pagefind/, which take the policy of their own response.
    res.set(
      clinicSiteHeaders({
        siteOrigin: `http://${hostAndPort}`,
        wasm: /^\/(search|pagefind|es\/buscar)\//.test(req.path),
      }),
    )
    serverFor(dir)(req, res, () => {
      res.status(404)
      // Each language's own 404 page for a miss under its prefix (/es/...).
      const notFound = path.join(dir, notFoundPath(localeOfPath(req.path)))
      if (fs.existsSync(notFound)) res.sendFile(notFound)
      else res.type('text/plain').send('Not found')
    })
  }
}

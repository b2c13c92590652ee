/**
 * Old addresses served by a real nginx with the web configuration: the generated clinic sites
 * include each live release's redirect maps (written by the site build's redirects step from
 * shared/src/redirects.ts), answer one 301 hop on the same host, keep each clinic's redirects to
 * its own host, and pick up a new release's redirects by themselves.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { nginxRedirectMaps, type RedirectRule } from '../../shared/src/redirects.ts'
import type { ClinicHost } from '../../cms/src/webServer/nginx.ts'
import {
  createRig,
  eventually,
  fakeCms,
  request,
  type Rig,
  switchRelease,
  writeRelease,
} from './support/nginx.ts'

const clinics: ClinicHost[] = [
  { slug: 'albuquerque', siteUrl: 'https://albuquerque.example.test' },
  { slug: 'waxahachie', siteUrl: 'http://waxahachie.example.test/' },
]
const ALBUQUERQUE = 'albuquerque.example.test'
const WAXAHACHIE = 'waxahachie.example.test'

function writeRedirects(release: string, rules: RedirectRule[]) {
  const dir = path.join(release, '.redirects')
  fs.mkdirSync(dir, { recursive: true })
  const maps = nginxRedirectMaps(rules)
  fs.writeFileSync(path.join(dir, 'nginx-uri.map'), maps.byUri)
  fs.writeFileSync(path.join(dir, 'nginx-request-uri.map'), maps.byRequestUri)
}

describe('redirects of old addresses in a running nginx (NGINX_TLS=proxy)', () => {
  let rig: Rig
  let cms: Awaited<ReturnType<typeof fakeCms>>
  const get = (host: string, urlPath: string) => request(rig.httpPort, host, urlPath)

  beforeAll(async () => {
    cms = await fakeCms()
    rig = await createRig({ tls: 'proxy', cmsDomain: 'cms.example.test', cmsUpstream: cms.url })
    const abq = path.join(rig.dir, 'releases', 'albuquerque-1')
    writeRelease(abq, 'Albuquerque v1')
    writeRedirects(abq, [
      { from: '/2018/10/ketamine-infusions-chronic-pain/', to: '/articles/' },
      { from: '/?p=101', to: '/articles/' },
      { from: '/caf%C3%A9-hours/', to: '/search/' },
    ])
    // A clinic built before it had redirects: no map files at all.
    writeRelease(path.join(rig.dir, 'releases', 'waxahachie-1'), 'Waxahachie v1')
    switchRelease(rig.sitesRoot, 'albuquerque', abq)
    switchRelease(rig.sitesRoot, 'waxahachie', path.join(rig.dir, 'releases', 'waxahachie-1'))
    rig.writeClinics(clinics)
    // `nginx -t` of the generated configuration with the maps included.
    expect(rig.render().status).toBe(0)
    await rig.start()
    await rig.watch()
  })
  afterAll(async () => {
    await rig?.stop()
    await cms?.close()
  })

  it('answers an old permalink with one 301 to its new page on the same host, with or without the slash', async () => {
    for (const old of [
      '/2018/10/ketamine-infusions-chronic-pain/',
      '/2018/10/ketamine-infusions-chronic-pain',
    ]) {
      const response = await get(ALBUQUERQUE, old)
      expect(response.status).toBe(301)
      expect(response.headers.location).toBe('/articles/')
    }
    // A visitor's tracking query does not defeat a path redirect.
    const tracked = await get(
      ALBUQUERQUE,
      '/2018/10/ketamine-infusions-chronic-pain/?utm_source=mail',
    )
    expect(tracked.status).toBe(301)
    // Percent-encoded old addresses match as nginx decodes them.
    expect((await get(ALBUQUERQUE, '/caf%C3%A9-hours/')).headers.location).toBe('/search/')
  })

  it('answers WordPress short links (?p=<id>) by their query, and leaves other queries alone', async () => {
    const short = await get(ALBUQUERQUE, '/?p=101')
    expect(short.status).toBe(301)
    expect(short.headers.location).toBe('/articles/')
    const other = await get(ALBUQUERQUE, '/?p=999')
    expect(other.status).toBe(200)
    expect(other.body.toString()).toContain('Albuquerque v1 home')
  })

  it("keeps each clinic's redirects to its own host and never serves the map files", async () => {
    expect((await get(WAXAHACHIE, '/2018/10/ketamine-infusions-chronic-pain/')).status).toBe(404)
    expect((await get(WAXAHACHIE, '/?p=101')).status).toBe(200)
    expect((await get(ALBUQUERQUE, '/.redirects/nginx-uri.map')).status).toBe(404)
  })

  it("serves a new release's redirects once it is live, without anyone reloading nginx", async () => {
    const next = path.join(rig.dir, 'releases', 'waxahachie-2')
    writeRelease(next, 'Waxahachie v2')
    writeRedirects(next, [{ from: '/blog/booster-infusions/', to: '/articles/' }])
    switchRelease(rig.sitesRoot, 'waxahachie', next)
    await eventually(async () => {
      expect(rig.watchLog()).toContain('nginx reloaded')
      const moved = await get(WAXAHACHIE, '/blog/booster-infusions/')
      expect(moved.status).toBe(301)
      expect(moved.headers.location).toBe('/articles/')
    })
  })
})

/**
 * The redirects a clinic release serves (shared/src/redirects.ts), and the local site server
 * answering them over real HTTP from a release's `.redirects/rules.json`, the way nginx answers
 * its maps.
 */
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import express from 'express'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  clinicRedirectRules,
  redirectFallbackPage,
  redirectFromProblem,
  redirectToProblem,
} from '../../../shared/src/redirects.ts'
import { serveLocalSites } from '../../../cms/src/server/localSites.ts'

const SERVED = new Set([
  '/',
  '/articles/',
  '/articles/ketamine-and-pain/',
  '/location/',
  '/404.html',
])

describe('clinicRedirectRules', () => {
  it('keeps redirects to pages the release serves, following chains to one hop', () => {
    const { rules, problems } = clinicRedirectRules(
      [
        { from: '/2019/05/ketamine-and-pain/', to: '/articles/ketamine-and-pain/' },
        { from: '/?p=12', to: '/2019/05/ketamine-and-pain/' },
        { from: '/contact-us/', to: '/location/' },
      ],
      SERVED,
    )
    expect(problems).toEqual([])
    expect(rules).toEqual([
      { from: '/2019/05/ketamine-and-pain/', to: '/articles/ketamine-and-pain/' },
      { from: '/?p=12', to: '/articles/ketamine-and-pain/' },
      { from: '/contact-us/', to: '/location/' },
    ])
  })

  it('reports and leaves out a target that disappeared, a loop, and an address the site serves', () => {
    const { rules, problems } = clinicRedirectRules(
      [
        { from: '/old-a/', to: null, reason: 'its article is not published' },
        { from: '/old-b/', to: '/articles/unpublished/' },
        { from: '/loop-1/', to: '/loop-2/' },
        { from: '/loop-2/', to: '/loop-1/' },
        { from: '/articles/', to: '/location/' },
      ],
      SERVED,
    )
    expect(rules).toEqual([])
    expect(problems).toHaveLength(5)
    expect(problems.join('\n')).toMatch(/not published/)
    expect(problems.join('\n')).toMatch(/target disappeared/)
    expect(problems.join('\n')).toMatch(/loop/)
    expect(problems.join('\n')).toMatch(/serves this address itself/)
  })

  it('never redirects to another host or to something that is not a same-site path', () => {
    for (const to of [
      'https://evil.example/',
      '//evil.example/',
      '/\\evil.example',
      'javascript:alert(1)',
      '/a/../b/',
    ])
      expect(redirectToProblem(to)).not.toBeNull()
    const { rules } = clinicRedirectRules([{ from: '/x/', to: '//evil.example/' }], SERVED)
    expect(rules).toEqual([])
    expect(redirectFromProblem('/a "b"/')).not.toBeNull()
    expect(redirectFromProblem('/2019/05/caf%C3%A9/')).toBeNull()
  })

  it('writes a fallback page that refreshes to the same site and names the canonical page', () => {
    const html = redirectFallbackPage(
      { from: '/old/', to: '/articles/x/' },
      'https://a.example.test/',
    )
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/articles/x/">')
    expect(html).toContain('<link rel="canonical" href="https://a.example.test/articles/x/">')
  })
})

describe('the local site server', () => {
  let sitesDir: string
  let server: ReturnType<ReturnType<typeof express>['listen']>
  let base: string
  // fetch() does not let a request name its Host; node:http does.
  const get = (host: string, urlPath: string) =>
    new Promise<{ status: number; headers: { get: (name: string) => string | undefined } }>(
      (resolve, reject) => {
        const req = http.request(`${base}${urlPath}`, { headers: { host } }, (res) => {
          res.resume()
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: { get: (name) => res.headers[name] as string | undefined },
            }),
          )
        })
        req.on('error', reject)
        req.end()
      },
    )

  beforeAll(async () => {
    sitesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-redirects-'))
    const release = path.join(sitesDir, 'releases', 'albuquerque-1')
    fs.mkdirSync(path.join(release, '.redirects'), { recursive: true })
    fs.mkdirSync(path.join(release, 'articles'), { recursive: true })
    fs.writeFileSync(path.join(release, 'index.html'), '<!doctype html><title>Home</title>')
    fs.writeFileSync(
      path.join(release, 'articles', 'index.html'),
      '<!doctype html><title>A</title>',
    )
    fs.writeFileSync(
      path.join(release, '.redirects', 'rules.json'),
      JSON.stringify([
        { from: '/2019/05/ketamine-and-pain/', to: '/articles/' },
        { from: '/?p=12', to: '/articles/' },
      ]),
    )
    fs.symlinkSync(release, path.join(sitesDir, 'albuquerque'))
    fs.mkdirSync(path.join(sitesDir, 'temecula'))
    const app = express()
    app.use(serveLocalSites(sitesDir))
    server = app.listen(0, '127.0.0.1')
    await new Promise((resolve) => server.once('listening', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  })
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve))
    fs.rmSync(sitesDir, { recursive: true, force: true })
  })

  it('answers old permalinks and short links with a 301 to the new page on the same site', async () => {
    for (const old of ['/2019/05/ketamine-and-pain/', '/2019/05/ketamine-and-pain', '/?p=12']) {
      const response = await get('albuquerque.localhost', old)
      expect(response.status).toBe(301)
      expect(response.headers.get('location')).toBe('/articles/')
    }
  })

  it("keeps a clinic's redirects on its own host and never serves the rules file", async () => {
    expect((await get('temecula.localhost', '/2019/05/ketamine-and-pain/')).status).toBe(404)
    expect((await get('albuquerque.localhost', '/?p=13')).status).toBe(200)
    expect((await get('albuquerque.localhost', '/.redirects/rules.json')).status).toBe(404)
  })
})

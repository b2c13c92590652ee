import fs from 'node:fs'
import path from 'node:path'
import { gunzipSync } from 'node:zlib'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { renderNginxSites, type ClinicHost } from '../../cms/src/webServer/nginx.ts'
import {
  createRig,
  eventually,
  fakeCms,
  issueCertificate,
  request,
  type Rig,
  switchRelease,
  writeRelease,
} from './support/nginx.ts'

const CMS = 'cms.example.test'
const clinics: ClinicHost[] = [
  { slug: 'albuquerque', siteUrl: 'https://albuquerque.example.test' },
  { slug: 'waxahachie', siteUrl: 'http://waxahachie.example.test/' },
]

const serverBlocks = (text: string) => text.split('\n').filter((line) => line === 'server {').length

describe('renderNginxSites (the clinic virtual hosts)', () => {
  const options = { sitesRoot: '/data/sites' }

  it("names each clinic's server after its site URL host and serves its slug folder", () => {
    const text = renderNginxSites(clinics, options)
    expect(serverBlocks(text)).toBe(2)
    expect(text).toContain(
      '    server_name albuquerque.example.test;\n    root /data/sites/albuquerque;',
    )
    expect(text).toContain(
      '    server_name waxahachie.example.test;\n    root /data/sites/waxahachie;',
    )
    expect(text.match(/error_page 404 \/404\.html;/g)).toHaveLength(2)
  })

  it('renders the same text whatever order the clinics come in', () => {
    expect(renderNginxSites([...clinics].reverse(), options)).toBe(
      renderNginxSites(clinics, options),
    )
  })

  it('leaves out clinics whose slug or site URL could not be served safely, saying why', () => {
    const text = renderNginxSites(
      [
        ...clinics,
        { slug: 'evil; include /etc/shadow', siteUrl: 'https://evil.example.test' },
        { slug: 'newline', siteUrl: 'https://a.example.test/\n}\nserver {' },
        { slug: 'subpath', siteUrl: 'https://network.example.test/temecula/' },
        { slug: 'copycat', siteUrl: 'https://ALBUQUERQUE.example.test' },
        { slug: 'takeover', siteUrl: `https://${CMS}` },
        { slug: 'ftp', siteUrl: 'ftp://files.example.test' },
      ],
      { ...options, reservedHosts: [CMS] },
    )
    expect(serverBlocks(text)).toBe(2)
    // The only includes are the two clinics' consultation locations (the CMS's proxy settings).
    expect(text.match(/^\s*include.*$/gm)).toEqual(
      Array(2).fill('        include generated/cms-proxy.conf;'),
    )
    expect(text).not.toContain(`server_name ${CMS}`)
    for (const slug of ['evil', 'newline', 'subpath', 'copycat', 'takeover', 'ftp'])
      expect(text).toMatch(new RegExp(`^# skipped clinic "${slug}`, 'm'))
    // Whatever a clinic record holds, it never escapes its comment line.
    expect(
      text.split('\n').filter((line) => line.startsWith('server {') || line.startsWith('}')).length,
    ).toBe(4)
  })

  it('refuses a sites root that would change the meaning of the configuration', () => {
    expect(() => renderNginxSites(clinics, { sitesRoot: '/data/my sites' })).toThrow(
      /absolute path/,
    )
    expect(() => renderNginxSites(clinics, { sitesRoot: '/data/sites; autoindex on' })).toThrow(
      /absolute path/,
    )
    expect(() => renderNginxSites(clinics, { sitesRoot: 'sites' })).toThrow(/absolute path/)
  })

  it("sends each clinic's /consultation/ to the CMS and allows exactly that form target", () => {
    const text = renderNginxSites(clinics, options)
    expect(text).toContain(
      '    set $clinic_form_action "https://albuquerque.example.test/consultation/";',
    )
    expect(text).toContain(
      '    set $clinic_form_action "http://waxahachie.example.test/consultation/";',
    )
    const location = /location = \/consultation\/ \{[^}]*\{[^}]*\}[^}]*\}/.exec(text)?.[0] ?? ''
    expect(location).toContain('limit_except GET POST { deny all; }')
    expect(location).toContain('client_max_body_size 16k;')
    expect(location).toContain('include generated/cms-proxy.conf;')
  })

  it('sends HSTS only for https clinics, and only when TLS is in use', () => {
    const hstsHosts = (tls: 'off' | 'proxy' | 'nginx') =>
      renderNginxSites(clinics, { ...options, tls })
        .split('server {')
        .filter((block) => block.includes('Strict-Transport-Security'))
        .map((block) => /server_name (\S+);/.exec(block)?.[1])
    expect(hstsHosts('off')).toEqual([])
    expect(hstsHosts('proxy')).toEqual(['albuquerque.example.test'])
    expect(hstsHosts('nginx')).toEqual(['albuquerque.example.test'])
  })
})

describe.each(['off', 'proxy', 'nginx'] as const)(
  "Debian's nginx -t accepts the web service's configuration (NGINX_TLS=%s)",
  (tls) => {
    let rig: Rig
    beforeAll(async () => {
      rig = await createRig({ tls, cmsDomain: CMS, cmsUpstream: 'http://127.0.0.1:9' })
    })
    afterAll(() => rig?.stop())

    it('with no clinic sites file yet (first start)', () => {
      const result = rig.render()
      expect(result.output).toContain('configuration applied (0 clinic server blocks')
      expect(result.status).toBe(0)
      expect(rig.test().status).toBe(0)
    })

    it('with the clinic sites the CMS generates', () => {
      if (tls === 'nginx') {
        issueCertificate(rig.certsDir, CMS)
        issueCertificate(rig.certsDir, 'albuquerque.example.test')
      }
      rig.writeClinics(clinics)
      const result = rig.render()
      expect(result.output).toContain(
        `configuration applied (${tls === 'nginx' ? 3 : 2} clinic server blocks`,
      )
      const check = rig.test()
      expect(check.output).toMatch(/syntax is ok/)
      expect(check.status).toBe(0)
    })
  },
)

describe('a running nginx with the web configuration (NGINX_TLS=proxy)', () => {
  let rig: Rig
  let cms: Awaited<ReturnType<typeof fakeCms>>
  const albuquerque = 'albuquerque.example.test'
  const waxahachie = 'waxahachie.example.test'
  const get = (host: string, urlPath: string, headers: Record<string, string> = {}) =>
    request(rig.httpPort, host, urlPath, { headers })

  beforeAll(async () => {
    cms = await fakeCms()
    rig = await createRig({ tls: 'proxy', cmsDomain: CMS, cmsUpstream: cms.url })
    writeRelease(path.join(rig.dir, 'releases', 'albuquerque-1'), 'Albuquerque v1')
    writeRelease(path.join(rig.dir, 'releases', 'waxahachie-1'), 'Waxahachie v1')
    switchRelease(rig.sitesRoot, 'albuquerque', path.join(rig.dir, 'releases', 'albuquerque-1'))
    switchRelease(rig.sitesRoot, 'waxahachie', path.join(rig.dir, 'releases', 'waxahachie-1'))
    rig.writeClinics(clinics)
    expect(rig.render().status).toBe(0)
    await rig.start()
  })
  afterAll(async () => {
    await rig?.stop()
    await cms?.close()
  })

  it("serves each clinic's own tree on its own host, with the security headers", async () => {
    const home = await get(albuquerque, '/')
    expect(home.status).toBe(200)
    expect(home.body.toString()).toContain('Albuquerque v1 home')
    expect(home.headers['content-type']).toBe('text/html; charset=utf-8')
    expect(home.headers['cache-control']).toBe('public, max-age=60, must-revalidate')
    expect(home.headers['content-security-policy']).toContain("script-src 'self';")
    expect(home.headers['content-security-policy']).not.toContain('wasm-unsafe-eval')
    expect(home.headers['x-content-type-options']).toBe('nosniff')
    expect(home.headers['referrer-policy']).toBe('strict-origin-when-cross-origin')
    expect(home.headers['strict-transport-security']).toBe('max-age=31536000')
    expect(home.headers.server).toBe('nginx')

    const other = await get(waxahachie, '/')
    expect(other.body.toString()).toContain('Waxahachie v1 home')
    // An http:// clinic gets no HSTS.
    expect(other.headers['strict-transport-security']).toBeUndefined()
  })

  it('allows WebAssembly on /search/ only (Pagefind)', async () => {
    const search = await get(albuquerque, '/search/')
    expect(search.status).toBe(200)
    expect(search.headers['content-security-policy']).toContain(
      "script-src 'self' 'wasm-unsafe-eval'",
    )
  })

  it('allows WebAssembly on the Spanish search page too, and on no other Spanish page', async () => {
    const search = await get(albuquerque, '/es/buscar/')
    expect(search.status).toBe(200)
    expect(search.headers['content-security-policy']).toContain("'wasm-unsafe-eval'")
    const miss = await get(albuquerque, '/es/no-existe/')
    expect(miss.headers['content-security-policy']).not.toContain("'wasm-unsafe-eval'")
  })

  it("answers a miss under /es/ with the clinic's Spanish 404 page, headers included", async () => {
    const missing = await get(albuquerque, '/es/no-existe/')
    expect(missing.status).toBe(404)
    expect(missing.body.toString()).toContain('Albuquerque v1 página no encontrada')
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'")
    expect((await get(albuquerque, '/escape/')).body.toString()).toContain(
      'Albuquerque v1 page not found',
    )
  })

  it('caches hashed assets for a year and compresses them', async () => {
    const asset = await get(albuquerque, '/_astro/site.Ab12Cd34.css', { 'accept-encoding': 'gzip' })
    expect(asset.status).toBe(200)
    expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable')
    expect(asset.headers['content-encoding']).toBe('gzip')
    expect(asset.headers.vary).toBe('Accept-Encoding')
    expect(gunzipSync(asset.body).toString()).toMatch(/^body\{color:#123\}/)
  })

  it("answers a missing page with the clinic's 404 page, headers included", async () => {
    const missing = await get(albuquerque, '/no-such-page/')
    expect(missing.status).toBe(404)
    expect(missing.body.toString()).toContain('Albuquerque v1 page not found')
    expect(missing.headers['content-security-policy']).toContain("default-src 'self'")
    expect(missing.headers['cache-control']).toBe('public, max-age=60, must-revalidate')
  })

  it('redirects a folder without its slash to the canonical URL (relative Location)', async () => {
    const res = await get(albuquerque, '/articles')
    expect(res.status).toBe(301)
    expect(res.headers.location).toBe('/articles/')
  })

  it("allows one form target on the clinic's pages: its own /consultation/", async () => {
    const home = await get(albuquerque, '/')
    const csp = String(home.headers['content-security-policy'])
    expect(csp).toMatch(/form-action https:\/\/albuquerque\.example\.test\/consultation\/$/)
    expect((await get(waxahachie, '/search/')).headers['content-security-policy']).toMatch(
      /form-action http:\/\/waxahachie\.example\.test\/consultation\/$/,
    )
  })

  it("forwards the consultation form and its requests to the CMS with the clinic's host, under the site's headers", async () => {
    const form = await get(albuquerque, '/consultation/')
    const seen = JSON.parse(form.body.toString()) as {
      from: string
      method: string
      headers: Record<string, string>
    }
    expect(seen).toMatchObject({ from: 'cms', method: 'GET', headers: { host: albuquerque } })
    // nginx's policy once (the CMS's copy is dropped); the CMS's Cache-Control passes through.
    expect(form.headers['content-security-policy']).toContain(
      'form-action https://albuquerque.example.test/consultation/',
    )
    expect(form.headers['cache-control']).toBe('no-store')
    expect(form.headers['strict-transport-security']).toBe('max-age=31536000')

    const body = 'name=Jordan&consent=yes'
    const posted = await request(rig.httpPort, albuquerque, '/consultation/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(body.length),
      },
      body,
    })
    expect(JSON.parse(posted.body.toString())).toMatchObject({
      from: 'cms',
      method: 'POST',
      url: '/consultation/',
    })
  })

  it('refuses a consultation request larger than the form allows, and other methods, before the CMS', async () => {
    const big = await request(rig.httpPort, albuquerque, '/consultation/', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        'content-length': String(17 * 1024),
      },
      body: 'x'.repeat(17 * 1024),
    }).catch((error: Error) => ({ status: -1, error }))
    expect(big.status).toBe(413)
    expect(
      (await request(rig.httpPort, albuquerque, '/consultation/', { method: 'PUT' })).status,
    ).toBe(403)
    // Only that one path goes to the CMS: the thanks page is static.
    expect((await get(albuquerque, '/consultation/thanks/')).body.toString()).toContain(
      'Albuquerque v1 request sent',
    )
  })

  it('refuses writes and hides dotfiles', async () => {
    expect((await request(rig.httpPort, albuquerque, '/', { method: 'POST' })).status).toBe(403)
    expect((await get(albuquerque, '/.release.json')).status).toBe(404)
  })

  it('serves a new release as soon as the clinic folder is switched to it (no stale file cache)', async () => {
    writeRelease(path.join(rig.dir, 'releases', 'albuquerque-2'), 'Albuquerque v2')
    switchRelease(rig.sitesRoot, 'albuquerque', path.join(rig.dir, 'releases', 'albuquerque-2'))
    const home = await get(albuquerque, '/')
    expect(home.body.toString()).toContain('Albuquerque v2 home')
  })

  it('proxies the CMS domain to the CMS with the forwarding headers it trusts', async () => {
    const res = await get(CMS, '/admin/login?x=1', { 'x-forwarded-proto': 'https' })
    expect(res.status).toBe(200)
    const seen = JSON.parse(res.body.toString()) as {
      from: string
      url: string
      headers: Record<string, string>
    }
    expect(seen.from).toBe('cms')
    expect(seen.url).toBe('/admin/login?x=1')
    expect(seen.headers.host).toBe(CMS)
    expect(seen.headers['x-forwarded-proto']).toBe('https')
    expect(seen.headers['x-forwarded-for']).toBe('127.0.0.1')
  })

  it('sends hosts that belong to no clinic to the CMS (default server)', async () => {
    const res = await get('unknown.example.test', '/api/clinics')
    expect(JSON.parse(res.body.toString())).toMatchObject({ from: 'cms', url: '/api/clinics' })
  })

  it('refuses uploads larger than the CMS accepts before they reach it', async () => {
    const res = await request(rig.httpPort, CMS, '/api/media', {
      method: 'POST',
      headers: {
        'content-length': String(13 * 1024 * 1024),
        'content-type': 'application/octet-stream',
      },
    }).catch((error: Error) => ({ status: -1, error }))
    expect(res.status).toBe(413)
  })
})

describe('entrypoint.sh reloads nginx when the CMS rewrites the clinic sites', () => {
  let rig: Rig
  let cms: Awaited<ReturnType<typeof fakeCms>>
  const temecula = 'temecula.example.test'

  beforeAll(async () => {
    cms = await fakeCms()
    rig = await createRig({ tls: 'off', cmsDomain: CMS, cmsUpstream: cms.url })
    writeRelease(path.join(rig.sitesRoot, 'temecula'), 'Temecula')
    rig.writeClinics(clinics)
    expect(rig.render().status).toBe(0)
    await rig.start()
    await rig.watch()
  })
  afterAll(async () => {
    await rig?.stop()
    await cms?.close()
  })

  it('serves a clinic added in the CMS within seconds', async () => {
    // Before: the host is nobody's, so the CMS answers it.
    expect(JSON.parse((await request(rig.httpPort, temecula, '/')).body.toString())).toMatchObject({
      from: 'cms',
    })
    rig.writeClinics([...clinics, { slug: 'temecula', siteUrl: `http://${temecula}` }])
    const home = await eventually(async () => {
      const res = await request(rig.httpPort, temecula, '/')
      if (!res.body.toString().includes('Temecula home'))
        throw new Error(`not reloaded yet: ${rig.watchLog()}`)
      return res
    })
    expect(home.status).toBe(200)
    expect(rig.watchLog()).toContain('nginx reloaded')
  })

  it('keeps the last good configuration live when a version fails nginx -t', async () => {
    rig.writeSitesFile('server { this is not nginx }\n')
    await eventually(async () => {
      if (!rig.watchLog().includes('REJECTED')) throw new Error('not rejected yet')
    })
    expect((await request(rig.httpPort, temecula, '/')).body.toString()).toContain('Temecula home')
    // The next good version is applied again.
    rig.writeClinics(clinics)
    await eventually(async () => {
      const res = await request(rig.httpPort, temecula, '/')
      if (!res.body.toString().includes('"from":"cms"')) throw new Error('not reloaded yet')
    })
  })
})

describe('nginx terminating TLS with certbot certificates (NGINX_TLS=nginx)', () => {
  let rig: Rig
  let cms: Awaited<ReturnType<typeof fakeCms>>
  const albuquerque = 'albuquerque.example.test'
  const temecula = 'temecula.example.test'
  let ca: Record<string, string>

  beforeAll(async () => {
    cms = await fakeCms()
    rig = await createRig({ tls: 'nginx', cmsDomain: CMS, cmsUpstream: cms.url })
    ca = {
      [CMS]: issueCertificate(rig.certsDir, CMS),
      [albuquerque]: issueCertificate(rig.certsDir, albuquerque),
    }
    writeRelease(path.join(rig.sitesRoot, 'albuquerque'), 'Albuquerque')
    writeRelease(path.join(rig.sitesRoot, 'temecula'), 'Temecula')
    fs.mkdirSync(path.join(rig.acmeDir, '.well-known', 'acme-challenge'), { recursive: true })
    fs.writeFileSync(
      path.join(rig.acmeDir, '.well-known', 'acme-challenge', 'token-123'),
      'token-123.key',
    )
    rig.writeClinics([...clinics, { slug: 'temecula', siteUrl: `https://${temecula}` }])
    expect(rig.render().status).toBe(0)
    await rig.start()
    await rig.watch()
  })
  afterAll(async () => {
    await rig?.stop()
    await cms?.close()
  })

  it('serves an https clinic over TLS with HSTS and redirects its plain HTTP', async () => {
    const home = await request(rig.httpsPort, albuquerque, '/', { tls: { ca: ca[albuquerque]! } })
    expect(home.status).toBe(200)
    expect(home.body.toString()).toContain('Albuquerque home')
    expect(home.headers['strict-transport-security']).toBe('max-age=31536000')
    const plain = await request(rig.httpPort, albuquerque, '/articles/?page=2')
    expect(plain.status).toBe(301)
    expect(plain.headers.location).toBe(`https://${albuquerque}:${rig.httpsPort}/articles/?page=2`)
  })

  it('serves the CMS over TLS on its domain', async () => {
    const res = await request(rig.httpsPort, CMS, '/admin', { tls: { ca: ca[CMS]! } })
    expect(JSON.parse(res.body.toString())).toMatchObject({
      from: 'cms',
      headers: { 'x-forwarded-proto': 'https' },
    })
  })

  it("answers certbot's challenge for a clinic still waiting for its certificate, and serves it over HTTP meanwhile", async () => {
    const challenge = await request(rig.httpPort, temecula, '/.well-known/acme-challenge/token-123')
    expect(challenge.body.toString()).toBe('token-123.key')
    const home = await request(rig.httpPort, temecula, '/')
    expect(home.status).toBe(200)
    expect(home.headers['strict-transport-security']).toBeUndefined()
    // A host nginx does not know yet (DNS set up before the clinic exists in the CMS).
    expect(
      (
        await request(
          rig.httpPort,
          'next-clinic.example.test',
          '/.well-known/acme-challenge/token-123',
        )
      ).body.toString(),
    ).toBe('token-123.key')
  })

  it('switches a clinic to HTTPS once certbot has issued its certificate', async () => {
    const pem = issueCertificate(rig.certsDir, temecula)
    const home = await eventually(() =>
      request(rig.httpsPort, temecula, '/', { tls: { ca: pem } }).catch((error: Error) => {
        throw new Error(`${error.message}; watcher: ${rig.watchLog()}`)
      }),
    )
    expect(home.body.toString()).toContain('Temecula home')
    expect((await request(rig.httpPort, temecula, '/')).status).toBe(301)
  })
})

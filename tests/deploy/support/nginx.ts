/**
 * Runs the `web` service's configuration with Debian's nginx on loopback ports: the same
 * deploy/nginx/nginx.conf and entrypoint.sh as the container, with paths and ports moved into a
 * temporary folder. Needs root (nginx's compiled-in log and temp paths), as in CI.
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import http from 'node:http'
import https from 'node:https'
import net from 'node:net'
import os from 'node:os'
import path from 'node:path'

import {
  renderNginxSites,
  type ClinicHost,
  type NginxTlsMode,
} from '../../../cms/src/webServer/nginx.ts'

export const repoRoot = path.resolve(import.meta.dirname, '..', '..', '..')
export const entrypoint = path.join(repoRoot, 'deploy', 'nginx', 'entrypoint.sh')
export const NGINX = process.env.NGINX_BIN ?? '/usr/sbin/nginx'
const BUSYBOX = '/usr/bin/busybox'
/** What entrypoint.sh runs besides nginx: in the image these are BusyBox applets, so they are here too. */
const APPLETS = [
  'sh',
  'awk',
  'sed',
  'grep',
  'md5sum',
  'ls',
  'cat',
  'cp',
  'mv',
  'rm',
  'mkdir',
  'sleep',
  'dirname',
]

export function requireNginx() {
  if (!fs.existsSync(NGINX))
    throw new Error(
      `${NGINX} not found: these tests use Debian's nginx (apt-get install -y --no-install-recommends nginx).`,
    )
  if (!fs.existsSync(BUSYBOX))
    throw new Error(
      `${BUSYBOX} not found: entrypoint.sh is tested with BusyBox, as in the nginx Alpine image (apt-get install -y busybox).`,
    )
  if (process.getuid?.() !== 0)
    throw new Error(
      'nginx tests run as root (nginx -t opens its compiled-in log and temp paths), as CI does.',
    )
}

export async function freePort(): Promise<number> {
  const server = net.createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  await new Promise((resolve) => server.close(resolve))
  return port
}

export interface Response {
  status: number
  headers: http.IncomingHttpHeaders
  body: Buffer
}

export function request(
  port: number,
  host: string,
  urlPath: string,
  options: {
    method?: string
    headers?: Record<string, string>
    tls?: { ca: string }
    body?: string
  } = {},
): Promise<Response> {
  return new Promise((resolve, reject) => {
    const common = {
      host: '127.0.0.1',
      port,
      path: urlPath,
      method: options.method ?? 'GET',
      headers: { host, ...options.headers },
    }
    const req = options.tls
      ? https.request({ ...common, servername: host, ca: options.tls.ca })
      : http.request(common)
    req.on('response', (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
      )
    })
    req.on('error', reject)
    req.end(options.body)
  })
}

/** Polls until `check` passes (or throws its last error after `timeoutMs`). */
export async function eventually<T>(check: () => Promise<T>, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    try {
      return await check()
    } catch (error) {
      if (Date.now() > deadline) throw error
      await new Promise((resolve) => setTimeout(resolve, 200))
    }
  }
}

/** A self-signed certificate for `host` in certbot's layout under `certsDir`; returns the PEM. */
export function issueCertificate(certsDir: string, host: string): string {
  const dir = path.join(certsDir, host)
  fs.mkdirSync(dir, { recursive: true })
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${host}`,
      '-addext',
      `subjectAltName=DNS:${host}`,
      '-keyout',
      path.join(dir, 'privkey.pem'),
      '-out',
      path.join(dir, 'fullchain.pem'),
    ],
    { stdio: 'pipe' },
  )
  return fs.readFileSync(path.join(dir, 'fullchain.pem'), 'utf8')
}

export interface Rig {
  dir: string
  sitesRoot: string
  /** The file the CMS writes (NGINX_SITES_FILE). */
  sitesFile: string
  certsDir: string
  acmeDir: string
  httpPort: number
  httpsPort: number
  tls: NginxTlsMode
  env: Record<string, string | undefined>
  /** Renders clinics as the CMS would and writes the file atomically (temp + rename). */
  writeClinics: (clinics: ClinicHost[]) => void
  writeSitesFile: (text: string) => void
  /** entrypoint.sh render: installs the configuration (and runs nginx -t). */
  render: () => { status: number | null; output: string }
  /** nginx -t on the installed configuration. */
  test: () => { status: number | null; output: string }
  start: () => Promise<void>
  /** entrypoint.sh watch in the background (resolves once it watches); its log is `watchLog()`. */
  watch: () => Promise<void>
  watchLog: () => string
  stop: () => Promise<void>
}

export async function createRig(options: {
  tls: NginxTlsMode
  cmsDomain: string
  cmsUpstream: string
}): Promise<Rig> {
  requireNginx()
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-nginx-'))
  fs.chmodSync(dir, 0o755)
  const sitesRoot = path.join(dir, 'sites')
  const sitesFile = path.join(dir, 'shared', 'clinic-sites.conf')
  const certsDir = path.join(dir, 'letsencrypt', 'live')
  const acmeDir = path.join(dir, 'acme')
  for (const folder of [sitesRoot, path.dirname(sitesFile), certsDir, acmeDir])
    fs.mkdirSync(folder, { recursive: true })
  fs.copyFileSync('/etc/nginx/mime.types', path.join(dir, 'mime.types'))
  // The entrypoint sees BusyBox's shell and applets and nginx, nothing else (as in nginx:*-alpine).
  const bin = path.join(dir, 'bin')
  fs.mkdirSync(bin)
  for (const applet of APPLETS) fs.symlinkSync(BUSYBOX, path.join(bin, applet))
  fs.symlinkSync(NGINX, path.join(bin, 'nginx'))
  const [httpPort, httpsPort] = [await freePort(), await freePort()]
  const env: Record<string, string | undefined> = {
    PATH: bin,
    NGINX_DIR: dir,
    NGINX_SITES_FILE: sitesFile,
    NGINX_TLS: options.tls,
    CMS_DOMAIN: options.cmsDomain,
    CMS_UPSTREAM: options.cmsUpstream,
    NGINX_HTTP_PORT: String(httpPort),
    NGINX_HTTPS_PORT: String(httpsPort),
    NGINX_TLS_CERTS_DIR: certsDir,
    NGINX_ACME_WEBROOT: acmeDir,
    NGINX_RELOAD_INTERVAL: '1',
    // Workers as root: the temporary folders are not readable by Debian's default worker user.
    NGINX_GLOBALS: `daemon off; pid ${dir}/nginx.pid; user root;`,
  }
  let server: ChildProcess | undefined
  let watcher: ChildProcess | undefined
  let serverLog = ''
  let watchLog = ''
  const writeSitesFile = (text: string) => {
    const temp = `${sitesFile}.tmp`
    fs.writeFileSync(temp, text)
    fs.renameSync(temp, sitesFile)
  }
  const run = (args: string[]) => {
    const result = spawnSync(args[0]!, args.slice(1), {
      env: env as NodeJS.ProcessEnv,
      encoding: 'utf8',
    })
    return { status: result.status, output: `${result.stdout}${result.stderr}` }
  }
  return {
    dir,
    sitesRoot,
    sitesFile,
    certsDir,
    acmeDir,
    httpPort,
    httpsPort,
    tls: options.tls,
    env,
    writeSitesFile,
    writeClinics: (clinics) =>
      writeSitesFile(
        renderNginxSites(clinics, {
          sitesRoot,
          tls: options.tls,
          certificatesDir: certsDir,
          acmeWebroot: acmeDir,
          reservedHosts: [options.cmsDomain],
          httpPort,
          httpsPort,
        }),
      ),
    render: () => run([path.join(bin, 'sh'), entrypoint, 'render']),
    test: () => run([NGINX, '-c', path.join(dir, 'nginx.conf'), '-g', env.NGINX_GLOBALS!, '-t']),
    start: async () => {
      const child = spawn(NGINX, ['-c', path.join(dir, 'nginx.conf'), '-g', env.NGINX_GLOBALS!], {
        env: env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      server = child
      child.stdout.on('data', (chunk: Buffer) => (serverLog += chunk))
      child.stderr.on('data', (chunk: Buffer) => (serverLog += chunk))
      await eventually(async () => {
        if (child.exitCode !== null) throw new Error(`nginx exited: ${serverLog}`)
        const res = await request(httpPort, options.cmsDomain, '/.web-health')
        if (res.status !== 200) throw new Error(`nginx health ${res.status}`)
      })
    },
    watch: async () => {
      const child = spawn(path.join(bin, 'sh'), [entrypoint, 'watch'], {
        env: env as NodeJS.ProcessEnv,
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      watcher = child
      child.stdout.on('data', (chunk: Buffer) => (watchLog += chunk))
      child.stderr.on('data', (chunk: Buffer) => (watchLog += chunk))
      await eventually(async () => {
        if (!watchLog.includes('watching'))
          throw new Error(`the watcher did not start: ${watchLog}`)
      })
    },
    watchLog: () => watchLog,
    stop: async () => {
      for (const child of [watcher, server]) {
        if (!child || child.exitCode !== null) continue
        const exited = new Promise((resolve) => child.once('exit', resolve))
        child.kill('SIGTERM')
        await exited
      }
      fs.rmSync(dir, { recursive: true, force: true })
    },
  }
}

/** A stand-in for the CMS behind nginx: answers every request with what it received. */
export async function fakeCms(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer((req, res) => {
    res.setHeader('content-type', 'application/json')
    // As the CMS answers the consultation form: its own copy of the site's policy, never cached.
    if (req.url?.startsWith('/consultation/')) {
      res.setHeader('content-security-policy', "default-src 'self'")
      res.setHeader('cache-control', 'no-store')
    }
    res.end(JSON.stringify({ from: 'cms', method: req.method, url: req.url, headers: req.headers }))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as net.AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

/** A built clinic site: a release folder with pages, an asset, a search page and a 404 page. */
export function writeRelease(dir: string, label: string) {
  const files: Record<string, string> = {
    'index.html': `<!doctype html><title>${label}</title><h1>${label} home</h1>`,
    '404.html': `<!doctype html><title>Not found</title><h1>${label} page not found</h1>`,
    'articles/index.html': `<!doctype html><title>Articles</title><h1>${label} articles</h1>`,
    'consultation/thanks/index.html': `<!doctype html><title>Sent</title><h1>${label} request sent</h1>`,
    'search/index.html':
      '<!doctype html><title>Search</title><script src="/pagefind/pagefind-ui.js"></script>',
    'es/404.html': `<!doctype html><title>No encontrada</title><h1>${label} página no encontrada</h1>`,
    'es/buscar/index.html':
      '<!doctype html><title>Buscar</title><script src="/pagefind/pagefind-ui.js"></script>',
    '_astro/site.Ab12Cd34.css': `body{color:#123}\n${'.rule{margin:0 auto;padding:1rem}\n'.repeat(200)}`,
    '.release.json': '{"private":true}',
  }
  for (const [file, content] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true })
    fs.writeFileSync(path.join(dir, file), content)
  }
}

/** Points `<sitesRoot>/<slug>` at a release folder atomically (symlink + rename), as publishing will. */
export function switchRelease(sitesRoot: string, slug: string, release: string) {
  const link = path.join(sitesRoot, slug)
  const temp = `${link}.switch`
  fs.rmSync(temp, { force: true })
  fs.symlinkSync(release, temp)
  fs.renameSync(temp, link)
}

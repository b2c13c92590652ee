/**
 * docker-compose.yml without a Docker engine: Debian's docker-compose (v1) validates and
 * interpolates it, and the references between services, volumes, networks, environment variables
 * and the files they name are checked here.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import express from 'express'
import { afterAll, describe, expect, it } from 'vitest'
import { parse } from 'yaml'

import { mongoUriHasReplicaSet } from '../../cms/src/lib/database.ts'

const repoRoot = path.resolve(import.meta.dirname, '..', '..')
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8')
const OVERRIDES = ['deploy/compose.tls.yml', 'deploy/compose.mongo-port.yml']
const COMPOSE_FILES = ['docker-compose.yml', ...OVERRIDES]

interface Service {
  image?: string
  build?: { context: string; dockerfile: string }
  command?: string[]
  entrypoint?: string[]
  environment?: Record<string, string>
  volumes?: string[]
  ports?: string[]
  depends_on?: string[] | Record<string, { condition: string }>
  healthcheck?: { test: string[] }
  networks?: string[]
}
interface ComposeFile {
  services: Record<string, Service>
  volumes?: Record<string, unknown>
  networks?: Record<string, unknown>
}

const compose = parse(read('docker-compose.yml')) as ComposeFile
const services = compose.services
const envExample = Object.fromEntries(
  read('.env.example')
    .split('\n')
    .filter((line) => /^[A-Z_][A-Z0-9_]*=/.test(line))
    .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
)

/** Named volumes a service mounts, with where and how. */
const mounts = (service: Service) =>
  (service.volumes ?? [])
    .map((spec) => spec.split(':'))
    .filter(([source]) => /^[a-z][a-z0-9-]*$/.test(source!))
    .map(([volume, target, mode]) => ({
      volume: volume!,
      target: target!,
      readOnly: mode === 'ro',
    }))

function dockerCompose(args: string[], env: Record<string, string>) {
  const result = spawnSync('docker-compose', args, {
    cwd: repoRoot,
    env: { PATH: process.env.PATH, HOME: os.tmpdir(), ...env } as unknown as NodeJS.ProcessEnv,
    encoding: 'utf8',
  })
  if (result.error)
    throw new Error(
      `docker-compose could not run (${result.error.message}): apt-get install -y --no-install-recommends docker-compose`,
    )
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-compose-'))
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }))

/** .env.example as an operator fills it in: the required secret set, nothing else changed. */
function filledEnvFile(): string {
  const file = path.join(scratch, '.env')
  fs.writeFileSync(
    file,
    read('.env.example').replace(
      /^PAYLOAD_SECRET=$/m,
      `PAYLOAD_SECRET=${randomBytes(32).toString('hex')}`,
    ),
  )
  return file
}

describe("docker-compose config (Debian's docker-compose, no engine)", () => {
  it.each([[[]], [['deploy/compose.tls.yml']], [['deploy/compose.mongo-port.yml']], [OVERRIDES]])(
    'accepts the compose file with the example environment (overrides: %j)',
    (overrides) => {
      const files = ['docker-compose.yml', ...overrides].flatMap((file) => ['-f', file])
      const result = dockerCompose(
        ['--env-file', filledEnvFile(), ...files, 'config', '--quiet'],
        {},
      )
      expect(result.output).toBe('')
      expect(result.status).toBe(0)
    },
  )

  it('refuses to start while PAYLOAD_SECRET is unset (.env.example ships none)', () => {
    const result = dockerCompose(
      ['--env-file', path.join(repoRoot, '.env.example'), 'config', '--quiet'],
      {},
    )
    expect(result.status).not.toBe(0)
    expect(result.output).toContain('set PAYLOAD_SECRET in .env')
  })

  it('interpolates the CMS environment the way the CMS expects it', () => {
    const result = dockerCompose(['--env-file', filledEnvFile(), 'config'], {})
    const resolved = parse(result.output) as ComposeFile
    const env = resolved.services.cms!.environment!
    expect(mongoUriHasReplicaSet(env.DATABASE_URI!)).toBe(true)
    expect(env.DATABASE_URI).toMatch(/^mongodb:\/\/mongo:27017\//)
    expect(env.PAYLOAD_SECRET).toMatch(/^[0-9a-f]{64}$/)
    expect(new URL(env.SERVER_URL!).hostname).toBe(env.CMS_DOMAIN)
  })

  it("makes the CMS see the client's address behind nginx, not nginx's (TRUST_PROXY as Express reads it)", () => {
    const result = dockerCompose(['--env-file', filledEnvFile(), 'config'], {})
    const trustProxy = (parse(result.output) as ComposeFile).services.cms!.environment!.TRUST_PROXY!
    // cms/src/server/start.ts passes the variable to Express as a string.
    const app = express()
    app.set('trust proxy', trustProxy)
    const trusts = app.get('trust proxy fn') as (address: string, hop: number) => boolean
    expect(trusts('172.18.0.4', 0)).toBe(true) // nginx on the compose network
    expect(trusts('203.0.113.7', 1)).toBe(false) // the visitor: never a proxy, so X-Forwarded-For cannot be forged past it
  })
})

describe('docker-compose.yml references', () => {
  it('depends only on services it defines, and the CMS waits for a healthy database', () => {
    for (const [name, service] of Object.entries(services)) {
      const deps = Array.isArray(service.depends_on)
        ? service.depends_on
        : Object.keys(service.depends_on ?? {})
      for (const dep of deps) expect(services, `${name} depends on ${dep}`).toHaveProperty(dep)
    }
    expect(services.cms!.depends_on).toEqual({ mongo: { condition: 'service_healthy' } })
  })

  it('declares every named volume and network it uses, and uses every one it declares', () => {
    const usedVolumes = new Set(
      Object.values(services).flatMap((service) => mounts(service).map((mount) => mount.volume)),
    )
    expect([...usedVolumes].sort()).toEqual(Object.keys(compose.volumes ?? {}).sort())
    const usedNetworks = new Set(
      Object.values(services).flatMap((service) => service.networks ?? []),
    )
    expect([...usedNetworks].sort()).toEqual(Object.keys(compose.networks ?? {}).sort())
    // The database is not on the network nginx is on.
    expect(services.web!.networks).not.toContain(services.mongo!.networks![0])
  })

  it('documents every variable the compose files read in .env.example, and reads every one it documents', () => {
    const used = new Set(
      COMPOSE_FILES.flatMap((file) =>
        [...read(file).matchAll(/\$\{([A-Z_][A-Z0-9_]*)/g)].map((match) => match[1]!),
      ),
    )
    const documented = new Set(Object.keys(envExample))
    expect([...used].filter((name) => !documented.has(name))).toEqual([])
    // COMPOSE_PROJECT_NAME is read by docker compose itself.
    expect(
      [...documented].filter((name) => !used.has(name) && name !== 'COMPOSE_PROJECT_NAME'),
    ).toEqual([])
  })

  it('commits no secret: required secrets are interpolated, and .env.example leaves them empty', () => {
    expect(envExample.PAYLOAD_SECRET).toBe('')
    expect(envExample.ADMIN_PASSWORD).toBe('')
    expect(services.cms!.environment!.PAYLOAD_SECRET).toMatch(/^\$\{PAYLOAD_SECRET:\?/)
    for (const file of COMPOSE_FILES)
      expect(read(file)).not.toMatch(/^\s*\w*(SECRET|PASSWORD)\w*:\s*(?!\$\{)\S/m)
    expect(read('.gitignore').split('\n')).toContain('.env')
  })

  it('passes the CMS only variables its code reads', () => {
    const sources = ['cms/src', 'shared/src']
      .flatMap((dir) =>
        fs
          .readdirSync(path.join(repoRoot, dir), { recursive: true, withFileTypes: true })
          .filter((entry) => entry.isFile())
          .map((entry) => path.join(entry.parentPath, entry.name)),
      )
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n')
    for (const name of Object.keys(services.cms!.environment!))
      expect(sources, `cms reads ${name}`).toMatch(
        new RegExp(`env\\.${name}\\b|env\\[['"]${name}['"]\\]`),
      )
    const entrypoint = read('deploy/nginx/entrypoint.sh')
    for (const name of Object.keys(services.web!.environment!))
      expect(entrypoint, `entrypoint.sh reads ${name}`).toContain(`$${name}`)
  })

  it('runs MongoDB as the replica set the CMS URI names, initiated by the health check', () => {
    const mongo = services.mongo!
    expect(mongo.image).toBe('mongo:8')
    expect(mongo.command).toEqual(expect.arrayContaining(['--replSet', 'rs0']))
    const check = mongo.healthcheck!.test.join(' ')
    expect(check).toContain("rs.initiate({ _id: 'rs0'")
    expect(check).toContain("e.codeName !== 'NotYetInitialized'")
    expect(services.cms!.environment!.DATABASE_URI).toContain('replicaSet=rs0')
  })

  it('checks the CMS by /readyz and nginx by its own health location', () => {
    expect(services.cms!.healthcheck!.test.join(' ')).toContain('http://127.0.0.1:3000/readyz')
    const webCheck = services.web!.healthcheck!.test.join(' ')
    const healthPath = /http:\/\/127\.0\.0\.1(\/\S+)/.exec(webCheck)![1]!
    for (const template of ['cms-http.conf.template', 'cms-https.conf.template'])
      expect(read(`deploy/nginx/${template}`)).toContain(`location = ${healthPath} {`)
  })

  it('mounts the sites volume at the same path in the CMS and nginx, read-only for nginx', () => {
    const cmsSites = mounts(services.cms!).find((mount) => mount.volume === 'sites')!
    const webSites = mounts(services.web!).find((mount) => mount.volume === 'sites')!
    // Release symlinks written by the CMS must resolve the same way inside nginx.
    expect(webSites.target).toBe(cmsSites.target)
    expect(webSites.readOnly).toBe(true)
    expect(services.cms!.environment!.NGINX_SITES_ROOT).toBe(webSites.target)
  })

  it('puts the generated clinic hosts where nginx watches for them', () => {
    const cmsFile = services.cms!.environment!.NGINX_SITES_FILE!
    const webFile = services.web!.environment!.NGINX_SITES_FILE!
    const cmsMount = mounts(services.cms!).find((mount) => cmsFile.startsWith(`${mount.target}/`))!
    const webMount = mounts(services.web!).find((mount) => webFile.startsWith(`${mount.target}/`))!
    expect(cmsMount.volume).toBe(webMount.volume)
    expect(path.relative(cmsMount.target, cmsFile)).toBe(path.relative(webMount.target, webFile))
    // nginx includes generated/clinic-sites/*.conf: the CMS's file must end in .conf.
    expect(webFile).toMatch(/\.conf$/)
  })

  it("runs nginx's entrypoint from the mounted deploy/nginx folder", () => {
    const [shell, script] = services.web!.entrypoint!
    expect(shell).toBe('/bin/sh')
    const bind = services
      .web!.volumes!.map((spec) => spec.split(':'))
      .find(([, target]) => script!.startsWith(`${target}/`))!
    expect(fs.existsSync(path.join(repoRoot, bind[0]!, path.relative(bind[1]!, script!)))).toBe(
      true,
    )
    expect(services.web!.image).toMatch(/^nginx:1\.(2[89]|[3-9]\d)[.-]/)
  })

  it('builds the CMS from the Dockerfile and publishes nothing but the web ports', () => {
    expect(services.cms!.build).toEqual({ context: '.', dockerfile: 'Dockerfile' })
    expect(services.cms!.ports).toBeUndefined()
    expect(services.mongo!.ports).toBeUndefined()
    expect(services.web!.ports).toEqual(['${HTTP_PORT:-80}:80'])
    const publishedMongo = (parse(read('deploy/compose.mongo-port.yml')) as ComposeFile).services
      .mongo!.ports!
    expect(publishedMongo.every((port) => port.startsWith('127.0.0.1:'))).toBe(true)
  })
})

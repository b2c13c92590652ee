/**
 * Starts the real CMS server (cms/src/server.ts, production mode) as a child process on an
 * ephemeral port with its own fresh database, and opens the same database through Payload's
 * Local API in the test process.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'

import { waitFor } from './wait.ts'

export const repoRoot = path.resolve(import.meta.dirname, '..', '..')
const cmsDir = path.join(repoRoot, 'cms')

export interface CmsHandle {
  url: string
  dataDir: string
  databaseUri: string
  child: ChildProcess
  logs: () => string
  stop: () => Promise<number | null>
}

export interface StartCmsOptions {
  /** Seed the demo network on start (the server does it on an empty database). */
  seed?: boolean
  env?: Record<string, string>
  /** Reuse an existing data folder / database (e.g. to restart a stopped server). */
  dataDir?: string
  databaseUri?: string
  timeoutMs?: number
}

/** The database this test file uses: MongoDB when TEST_MONGODB_URI is set, otherwise SQLite. */
export function freshDatabaseUri(dataDir: string): string {
  const mongo = process.env.TEST_MONGODB_URI
  if (!mongo) return `file:${path.join(dataDir, 'test.db')}`
  const url = new URL(mongo)
  url.pathname = `/clinic_test_${randomBytes(6).toString('hex')}`
  return url.toString()
}

export function databaseLabel(): string {
  return process.env.TEST_MONGODB_URI ? 'MongoDB (TEST_MONGODB_URI)' : 'SQLite'
}

const secrets = new Map<string, string>()
function secretFor(dataDir: string): string {
  let secret = secrets.get(dataDir)
  if (!secret) {
    secret = randomBytes(32).toString('hex')
    secrets.set(dataDir, secret)
  }
  return secret
}

export function spawnCms(env: Record<string, string>): ChildProcess {
  // The production bundle built by the test setup (scripts/lib/admin-build.ts), as `npm start` runs it.
  return spawn(process.execPath, ['dist/server.js'], {
    cwd: cmsDir,
    env: { ...process.env, NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
}

export async function startCms(options: StartCmsOptions = {}): Promise<CmsHandle> {
  const dataDir =
    options.dataDir ??
    fs.mkdtempSync(path.join(process.env.CLINIC_TEST_TMPDIR || os.tmpdir(), 'clinic-cms-'))
  const databaseUri = options.databaseUri ?? freshDatabaseUri(dataDir)
  const child = spawnCms({
    HOST: '127.0.0.1',
    PORT: '0',
    DATA_DIR: dataDir,
    DATABASE_URI: databaseUri,
    PAYLOAD_SECRET: secretFor(dataDir),
    SEED_DEMO: options.seed ? 'true' : 'false',
    AUTH_RATE_LIMIT: '10000',
    // Tests write through the Local API behind the server's back; the cache has its own test.
    API_CACHE_TTL_MS: '0',
    // The server keeps its audit log even though the test process (vitest.config.ts) mutes its own.
    AUDIT_LOG: 'on',
    // Site rebuilds after publishing are the publishing tests' business (SITES_PUBLISH: 'on' there);
    // elsewhere the jobs are still queued, but no build runs.
    SITES_PUBLISH: 'off',
    ...options.env,
  })
  let output = ''
  child.stdout!.on('data', (chunk: Buffer) => (output += chunk))
  child.stderr!.on('data', (chunk: Buffer) => (output += chunk))
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  )

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () =>
        reject(new Error(`CMS did not start within ${options.timeoutMs ?? 90_000} ms:\n${output}`)),
      options.timeoutMs ?? 90_000,
    )
    const onData = () => {
      const match = /\[cms\] listening on (http:\/\/\S+)/.exec(output)
      if (match?.[1]) {
        clearTimeout(timer)
        resolve(match[1])
      }
    }
    child.stdout!.on('data', onData)
    exited.then((code) => {
      clearTimeout(timer)
      reject(new Error(`CMS exited with code ${code} before listening:\n${output}`))
    })
  })

  return {
    url,
    dataDir,
    databaseUri,
    child,
    logs: () => output,
    stop: async () => {
      if (child.exitCode === null) child.kill('SIGTERM')
      return exited
    },
  }
}

/**
 * Payload's Local API on the server's database, in the test process. The server has already
 * applied migrations, so this instance must not push a schema of its own.
 */
export async function localApi(cms: CmsHandle): Promise<Payload> {
  process.env.DATABASE_URI = cms.databaseUri
  process.env.DATA_DIR = cms.dataDir
  process.env.PAYLOAD_SECRET = secretFor(cms.dataDir)
  process.env.DATABASE_PUSH = 'false'
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../cms/src/payload.config')
  return getPayload({ config })
}

/** Deletes a test database when it lives in MongoDB (SQLite files go with the temp folder). */
export async function dropDatabase(payload: Payload): Promise<void> {
  const db = payload.db as unknown as { connection?: { dropDatabase: () => Promise<void> } }
  if (db.connection) await db.connection.dropDatabase()
}

/** A REST call that must succeed: its JSON, or an error naming the call, status and answer. */
export async function cmsJson(
  cms: CmsHandle,
  method: string,
  urlPath: string,
  token?: string,
  body?: unknown,
): Promise<Record<string, any>> {
  const res = await fetch(`${cms.url}/api${urlPath}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `JWT ${token}` } : {}),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const json = (await res.json()) as Record<string, any>
  if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`)
  return json
}

/**
 * Waits for the server's start-up build of every clinic site (BUILD_SITES_ON_START) to go live,
 * failing at once with the server's log when it failed.
 */
export async function waitForStartupSiteBuild(cms: CmsHandle): Promise<void> {
  await waitFor(
    'the initial site build',
    async () => {
      if (/the clinic site build failed/.test(cms.logs()))
        throw new Error(`the initial site build failed:\n${cms.logs()}`)
      return cms.logs().includes('[cms] clinic sites built into')
    },
    150_000,
  )
}

/**
 * Shared set-up for the publishing tests (publish*.test.ts): the demo network on a real server, the
 * admin's REST session, the served clinic pages (by Host header, as `<clinic>.localhost`), the
 * live releases on disk, and the rebuild jobs and site-builds records read through the Local API.
 */
import { spawnSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import path from 'node:path'

import { liveRelease, listReleases, releasesOf } from '@clinic/shared/releases'
import type { Payload } from 'payload'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { pendingSearch } from '../../site/scripts/build-sites/follow-up.ts'
import { type CmsHandle, repoRoot, startCms, type StartCmsOptions } from '../support/cms.ts'
import { hashTree } from '../support/site.ts'
import { sleep, waitFor } from '../support/wait.ts'

export type Id = string | number
export type Json = Record<string, any>
export const CLINICS = ['albuquerque', 'temecula', 'waxahachie'] as const
export type Clinic = (typeof CLINICS)[number]

export { sleep, waitFor }

/** Publishing on: builds run in the server, which also builds every site once on start. */
export const PUBLISH_ENV = {
  SITES_PUBLISH: 'on',
  BUILD_SITES_ON_START: 'true',
  SITES_POLL_MS: '500',
}

/** The admin the server creates from ADMIN_EMAIL / ADMIN_PASSWORD (the demo's own logins are the embedded default's). */
export const ADMIN = {
  email: 'publish-tests.admin@clinic-test.example',
  password: 'publish-tests-admin-password-1',
}

export async function startNetwork(
  options: StartCmsOptions & { sitesDir: string },
): Promise<CmsHandle> {
  return startCms({
    ...options,
    env: {
      ADMIN_EMAIL: ADMIN.email,
      ADMIN_PASSWORD: ADMIN.password,
      SITES_DIR: options.sitesDir,
      ...options.env,
    },
  })
}

export async function adminToken(cms: CmsHandle): Promise<string> {
  const res = await fetch(`${cms.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(ADMIN),
  })
  const body = (await res.json()) as { token?: string }
  if (!body.token) throw new Error(`admin login failed: ${res.status} ${JSON.stringify(body)}`)
  return body.token
}

export interface RestResult {
  status: number
  json: Json | undefined
  text: string
}

export async function rest(
  cms: CmsHandle,
  token: string | undefined,
  method: string,
  urlPath: string,
  body?: unknown,
): Promise<RestResult> {
  const res = await fetch(`${cms.url}${urlPath}`, {
    method,
    headers: {
      ...(token ? { authorization: `JWT ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
  const text = await res.text()
  let json: Json | undefined
  try {
    json = JSON.parse(text) as Json
  } catch {
    json = undefined
  }
  return { status: res.status, json, text }
}

/** A clinic page as visitors get it from the server (fetch cannot set Host; node:http can). */
export function servedPage(
  cms: CmsHandle,
  clinic: string,
  urlPath: string,
): Promise<{ status: number; html: string; location?: string }> {
  const { hostname, port } = new URL(cms.url)
  return new Promise((resolve, reject) => {
    http
      .get(
        { hostname, port, path: urlPath, headers: { host: `${clinic}.localhost:${port}` } },
        (res) => {
          let html = ''
          res.setEncoding('utf8')
          res.on('data', (chunk: string) => (html += chunk))
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, html, location: res.headers.location }),
          )
        },
      )
      .on('error', reject)
  })
}

/** The Local API's context for fixtures: written without queueing rebuilds of their own. */
export const QUIET = { overrideAccess: true, depth: 0, context: { skipSiteRebuild: true } } as const

export interface NetworkIds {
  clinics: Record<Clinic, Id>
  reviewer: Id
  author: Id
}

export async function networkIds(payload: Payload): Promise<NetworkIds> {
  const clinics = await payload.find({
    collection: 'clinics',
    pagination: false,
    depth: 0,
    overrideAccess: true,
  })
  const reviewer = await payload.find({
    collection: 'users',
    where: { roles: { contains: 'medical-reviewer' } },
    limit: 1,
    overrideAccess: true,
  })
  const author = await payload.find({
    collection: 'providers',
    where: { slug: { equals: 'elena-marquez' } },
    limit: 1,
    overrideAccess: true,
  })
  return {
    clinics: Object.fromEntries(
      CLINICS.map((slug) => [slug, clinics.docs.find((clinic) => clinic.slug === slug)!.id]),
    ) as Record<Clinic, Id>,
    reviewer: reviewer.docs[0]!.id,
    author: author.docs[0]!.id,
  }
}

/** A network article that passes the medical-review gate, shown on `clinics`. */
export function articleData(
  ids: NetworkIds,
  title: string,
  clinics: readonly Clinic[],
  extra: Json = {},
): Json {
  return {
    title,
    slug: title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, ''),
    excerpt: `What to know: ${title}.`,
    body: toLexical([{ p: `${title}: the full text.` }]),
    owner: 'network',
    syndication: 'selected',
    clinics: clinics.map((slug) => ids.clinics[slug]),
    author: ids.author,
    medicalReviewer: ids.reviewer,
    lastReviewedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
    ...extra,
  }
}

/** A draft of `articleData` with `slug`, saved through the Local API (it queues no build). */
export async function createDraftArticle(
  payload: Payload,
  ids: NetworkIds,
  { title, slug, clinics }: { title: string; slug: string; clinics: readonly Clinic[] },
): Promise<Json> {
  return (await payload.create({
    collection: 'articles',
    data: { ...articleData(ids, title, clinics), slug, _status: 'draft' },
    draft: true,
    ...QUIET,
  } as never)) as Json
}

/** Rebuild jobs not yet done (completed jobs are deleted; failed ones wait for their retry). */
export async function rebuildJobs(payload: Payload): Promise<Json[]> {
  const { docs } = await payload.find({
    collection: 'payload-jobs',
    where: { queue: { equals: 'sites' } },
    pagination: false,
    depth: 0,
    overrideAccess: true,
    sort: 'createdAt',
  })
  return docs as Json[]
}

export async function siteBuilds(payload: Payload, since?: Date): Promise<Json[]> {
  const { docs } = await payload.find({
    collection: 'site-builds',
    where: since ? { startedAt: { greater_than_equal: since.toISOString() } } : {},
    pagination: false,
    depth: 0,
    overrideAccess: true,
    sort: 'startedAt',
  })
  return docs as Json[]
}

/**
 * Waits until the publisher has nothing left to do: no rebuild job waiting or running (a job queued
 * by a write exists from its commit until the build covering it went live), no build running.
 */
/**
 * Waits until no rebuild job is left, no build runs, and search has followed every live release
 * (a build is done once its pages are live; its search index is written after: follow-up.ts).
 */
export async function waitUntilSettled(
  payload: Payload,
  sitesDir: string,
  timeoutMs = 150_000,
): Promise<void> {
  await waitFor(
    'the rebuild jobs to be done',
    async () => {
      const jobs = (await rebuildJobs(payload)).filter((job) => !job.hasError)
      const building = (await siteBuilds(payload)).filter((build) => build.status === 'building')
      return jobs.length === 0 && building.length === 0
    },
    timeoutMs,
  )
  await waitFor(
    'the search indexes of the live releases to be written',
    async () => (await pendingSearch(sitesDir)).length === 0,
    timeoutMs,
  )
}

/** Waits for the build a freshly started CMS runs of every clinic, and for the publisher to settle. */
export async function waitForStartupBuild(payload: Payload, sitesDir: string): Promise<void> {
  await waitFor(
    'the start-up build to go live',
    async () => (await siteBuilds(payload)).some((build) => build.status !== 'building'),
    180_000,
  )
  await waitUntilSettled(payload, sitesDir)
}

/** Whether process `pid` is still running. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch {
    return false
  }
}

/**
 * The pid of the build holding `sitesDir`'s lock (site/scripts/build-sites/lock.ts), if any: a
 * build is running (or its follow-up, which a settled network has none of).
 */
export function lockHolder(sitesDir: string): number | undefined {
  try {
    return Number(fs.readFileSync(path.join(sitesDir, '.build.lock'), 'utf8')) || undefined
  } catch {
    return undefined
  }
}

export const liveId = async (sitesDir: string, clinic: string) =>
  (await liveRelease(sitesDir, clinic))?.id
export async function liveIds(sitesDir: string): Promise<Record<Clinic, string | undefined>> {
  return Object.fromEntries(
    await Promise.all(CLINICS.map(async (clinic) => [clinic, await liveId(sitesDir, clinic)])),
  ) as Record<Clinic, string | undefined>
}

/** The live tree of every clinic and the network index, hashed file by file. */
export function liveTrees(sitesDir: string): Record<string, Record<string, string>> {
  return {
    ...Object.fromEntries(CLINICS.map((clinic) => [clinic, hashTree(path.join(sitesDir, clinic))])),
    index: {
      'index.html': createHash('sha256')
        .update(fs.readFileSync(path.join(sitesDir, 'index.html')))
        .digest('hex'),
    },
  }
}

export { listReleases, releasesOf }

/** `npm run rollback -- <args>` as an operator runs it. */
export function runRollback(
  sitesDir: string,
  args: string[],
): { status: number | null; output: string } {
  const env: NodeJS.ProcessEnv = { ...process.env, SITES_DIR: sitesDir }
  for (const key of Object.keys(env))
    if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key]
  const result = spawnSync('npm', ['run', '--silent', 'rollback', '--', ...args], {
    cwd: repoRoot,
    env,
    encoding: 'utf8',
    timeout: 60_000,
  })
  return { status: result.status, output: `${result.stdout}${result.stderr}` }
}

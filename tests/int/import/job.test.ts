/**
 * Imports from the admin: the upload endpoint and the `importClinics` job on the real server
 * (real HTTP, multipart uploads, the job queue). Network staff only; bad uploads get a clear
 * error and change nothing; a run reports its progress and report, can be cancelled, and its
 * uploaded file is deleted when it ends.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CmsHandle, localApi, startCms } from '../../support/cms.ts'

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/import')
const ADMIN = { email: 'import.admin@clinic-test.example', password: 'import-admin-password-1' }
const PASSWORD = 'import-tests-password-1'

let cms: CmsHandle
let payload: Payload
const tokens: Record<string, string> = {}

async function login(email: string, password: string) {
  const res = await fetch(`${cms.url}/api/users/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email, password }),
  })
  return ((await res.json()) as { token: string }).token
}

function upload(
  who: string,
  file: { name: string; data: Blob },
  fields: Record<string, unknown> = { clinic: 'albuquerque' },
) {
  const form = new FormData()
  form.set('file', file.data, file.name)
  form.set('_payload', JSON.stringify(fields))
  return fetch(`${cms.url}/api/import-runs/upload`, {
    method: 'POST',
    headers: tokens[who] ? { authorization: `JWT ${tokens[who]}` } : {},
    body: form,
  })
}

const fixture = (name: string) => ({
  name,
  data: new Blob([fs.readFileSync(path.join(fixtures, name))]),
})
const uploadsDir = () => path.join(cms.dataDir, 'import-uploads')
const uploadsLeft = () => (fs.existsSync(uploadsDir()) ? fs.readdirSync(uploadsDir()).length : 0)
const counts = async () =>
  Object.fromEntries(
    await Promise.all(
      (['articles', 'providers', 'redirects', 'import-runs'] as const).map(async (c) => [
        c,
        (await payload.count({ collection: c, overrideAccess: true })).totalDocs,
      ]),
    ),
  )

async function finished(id: unknown) {
  for (let i = 0; i < 300; i++) {
    const run = await payload.findByID({
      collection: 'import-runs',
      id: id as number,
      overrideAccess: true,
    })
    if (!['queued', 'running'].includes(run.status)) return run
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error('the import run did not finish')
}

beforeAll(async () => {
  cms = await startCms({
    seed: true,
    env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
  })
  payload = await localApi(cms)
  const clinic = await payload.find({
    collection: 'clinics',
    where: { slug: { equals: 'albuquerque' } },
    overrideAccess: true,
  })
  for (const [name, roles] of [
    ['network', ['network-editor']],
    ['editor', ['clinic-editor']],
    ['reviewer', ['medical-reviewer']],
  ] as const) {
    const email = `import.${name}@clinic-test.example`
    await payload.create({
      collection: 'users',
      data: {
        email,
        password: PASSWORD,
        name: `Import ${name}`,
        roles: [...roles],
        clinics: [clinic.docs[0]!.id],
      } as never,
      overrideAccess: true,
    })
    tokens[name] = await login(email, PASSWORD)
  }
  tokens.admin = await login(ADMIN.email, ADMIN.password)
})

afterAll(async () => {
  await cms?.stop()
  await payload?.destroy()
})

describe('importing from the admin', () => {
  it('refuses clinic editors, reviewers and anonymous callers, and shows them no runs', async () => {
    for (const who of ['editor', 'reviewer', 'anonymous']) {
      const res = await upload(who, fixture('albuquerque.xml'))
      expect(res.status, who).toBe(403)
      const list = await fetch(`${cms.url}/api/import-runs`, {
        headers: tokens[who] ? { authorization: `JWT ${tokens[who]}` } : {},
      })
      expect(list.status, who).toBe(403)
    }
    expect(uploadsLeft()).toBe(0)
  })

  it('refuses a file that is not an export, an unknown clinic and a 200 MB file, changing nothing', async () => {
    const before = await counts()
    const notExport = await upload('network', {
      name: 'photo.png',
      data: new Blob([Buffer.alloc(64)]),
    })
    expect(notExport.status).toBe(400)
    expect(JSON.stringify(await notExport.json())).toMatch(/not an export/)
    const unknown = await upload('network', fixture('albuquerque.xml'), { clinic: 'atlantis' })
    expect(unknown.status).toBe(400)
    expect(JSON.stringify(await unknown.json())).toMatch(/Unknown clinic .{0,3}atlantis/)
    const huge = await upload('network', {
      name: 'huge.xml',
      data: new Blob([Buffer.alloc(200 * 1024 * 1024, 32)]),
    }).catch((error: Error) => ({ status: 0, error }))
    // Refused by the server's body bound (413), or the connection is cut before it is read.
    expect([0, 413]).toContain(huge.status)
    expect(await counts()).toEqual(before)
    expect(uploadsLeft()).toBe(0)
  })

  it('reports a malformed export as a failed run with a clear error, writing no content', async () => {
    const before = await counts()
    const res = await upload('network', {
      name: 'broken.xml',
      data: new Blob(['<rss><channel><item><title>Half']),
    })
    expect(res.status).toBe(201)
    const run = await finished(((await res.json()) as { id: number }).id)
    expect(run.status).toBe('failed')
    expect(run.error).toMatch(/XML|export/i)
    const after = await counts()
    expect({ ...after, 'import-runs': 0 }).toEqual({ ...before, 'import-runs': 0 })
    expect(uploadsLeft()).toBe(0)
  })

  it('runs an upload as a job: progress, the report, drafts written, the file deleted', async () => {
    const res = await upload('network', fixture('albuquerque.xml'))
    expect(res.status).toBe(201)
    const { id } = (await res.json()) as { id: number }
    const run = await finished(id)
    expect(run.status, run.error ?? '').toBe('done')
    expect(run.phase).toBe('done')
    const report = run.report as { summary: { localArticles: number; awaitingReview: number } }
    expect(report.summary.localArticles).toBeGreaterThan(0)
    const applied = run.applied as {
      counts: { articles: { created: number } }
      awaitingReview: unknown[]
    }
    expect(applied.counts.articles.created).toBeGreaterThan(0)
    expect(applied.awaitingReview.length).toBe(applied.counts.articles.created)
    expect(uploadsLeft()).toBe(0)
    // The stored path is never served.
    const served = await fetch(`${cms.url}/api/import-runs/${id}`, {
      headers: { authorization: `JWT ${tokens.network}` },
    })
    expect(served.status).toBe(200)
    expect(JSON.stringify(await served.json())).not.toContain('import-uploads')
  })

  it('stops a run that is cancelled before it ends', async () => {
    const { runImport } = await import('../../../cms/src/import/job/run.ts')
    const dir = path.join(cms.dataDir, 'import-uploads', 'cancel-test')
    fs.mkdirSync(dir, { recursive: true })
    const file = path.join(dir, 'export.json')
    fs.copyFileSync(path.join(fixtures, 'temecula-posts.json'), file)
    const run = await payload.create({
      collection: 'import-runs',
      data: {
        label: 'temecula-posts.json',
        clinic: 'temecula',
        status: 'queued',
        upload: file,
        cancelRequested: true,
      },
      overrideAccess: true,
    })
    await runImport(payload, run.id)
    const after = await payload.findByID({
      collection: 'import-runs',
      id: run.id,
      overrideAccess: true,
    })
    expect(after.status).toBe('cancelled')
    expect(after.error).toMatch(/cancelled/)
    expect(fs.existsSync(dir)).toBe(false)
  })
})

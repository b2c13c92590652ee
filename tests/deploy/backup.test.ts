/**
 * `npm run backup` / `npm run restore` end to end on the embedded SQLite default: a real CMS with
 * the demo network and an uploaded image is backed up while it keeps taking writes, restored into
 * a fresh data folder, and a new server on the restored data serves every document and the image.
 */
import { spawn } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  ARTICLES,
  CLINICS,
  CONDITIONS,
  FAQS,
  MEDIA,
  NETWORK_SETTINGS,
  PROVIDERS,
  USERS,
} from '../../cms/src/collections/slugs.ts'
import { type CmsHandle, repoRoot, startCms } from '../support/cms.ts'
import { freePort } from './support/nginx.ts'

const ADMIN_EMAIL = 'backup.admin@clinic-network.example'
const ADMIN_PASSWORD = 'backup-test-password-1'
const COLLECTIONS = [ARTICLES, FAQS, CONDITIONS, CLINICS, PROVIDERS, MEDIA, USERS]
const VERSIONED = [ARTICLES, FAQS]

/** Runs scripts/<name>.ts the way `npm run <name>` does (Node 24 from the repo root). */
function runScript(name: 'backup' | 'restore', args: string[], env: Record<string, string>) {
  return new Promise<{ code: number | null; output: string }>((resolve) => {
    const child = spawn(process.execPath, [path.join('scripts', `${name}.ts`), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('exit', (code) => resolve({ code, output }))
  })
}

async function login(cms: CmsHandle): Promise<string> {
  const res = await fetch(`${cms.url}/api/${USERS}/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }),
  })
  expect(res.status).toBe(200)
  return ((await res.json()) as { token: string }).token
}

async function api<T>(
  cms: CmsHandle,
  token: string,
  url: string,
  init: RequestInit = {},
): Promise<T> {
  const res = await fetch(`${cms.url}/api${url}`, {
    ...init,
    headers: { authorization: `JWT ${token}`, ...init.headers },
  })
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${url}: ${res.status} ${await res.text()}`)
  return (await res.json()) as T
}

/** Every document id per collection (drafts included), version ids of versioned ones, the global. */
async function inventory(cms: CmsHandle, token: string) {
  const ids = async (url: string) => {
    const { docs, totalDocs } = await api<{ docs: { id: number | string }[]; totalDocs: number }>(
      cms,
      token,
      `${url}${url.includes('?') ? '&' : '?'}limit=10000&depth=0`,
    )
    expect(docs).toHaveLength(totalDocs)
    return docs.map((doc) => doc.id).sort((a, b) => Number(a) - Number(b))
  }
  const result: Record<string, unknown> = {}
  for (const slug of COLLECTIONS) result[slug] = await ids(`/${slug}?draft=true`)
  for (const slug of VERSIONED) result[`${slug} versions`] = await ids(`/${slug}/versions`)
  const settings = await api<Record<string, unknown>>(
    cms,
    token,
    `/globals/${NETWORK_SETTINGS}?depth=0`,
  )
  result[NETWORK_SETTINGS] = { ...settings, updatedAt: undefined }
  return result
}

describe('npm run backup / npm run restore', () => {
  it('run the scripts this file tests', () => {
    const { scripts } = JSON.parse(
      fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'),
    ) as { scripts: Record<string, string> }
    expect(scripts.backup).toBe('node scripts/backup.ts')
    expect(scripts.restore).toBe('node scripts/restore.ts')
  })
})

describe('backup and restore of the embedded default (SQLite + media)', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-backup-test-'))
  const archive = path.join(work, 'backup.tar.gz')
  const restoredDir = path.join(work, 'restored')
  let original: CmsHandle
  let restored: CmsHandle | undefined
  let token: string
  let before: Record<string, unknown>
  let image: { filename: string; bytes: Buffer; thumbnail: string }
  const createdDuringBackup: number[] = []
  let backupOutput = ''

  beforeAll(async () => {
    original = await startCms({ seed: true, env: { ADMIN_EMAIL, ADMIN_PASSWORD } })
    token = await login(original)
    const png = await sharp({
      create: { width: 900, height: 600, channels: 3, background: '#1f5f8b' },
    })
      .png()
      .toBuffer()
    const form = new FormData()
    form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'backup-test.png')
    form.append('_payload', JSON.stringify({ alt: 'A blue test image for the backup test' }))
    const { doc } = await api<{
      doc: { filename: string; sizes: { thumbnail: { filename: string } } }
    }>(original, token, `/${MEDIA}`, { method: 'POST', body: form })
    const served = await fetch(`${original.url}/api/${MEDIA}/file/${doc.filename}`)
    expect(served.status).toBe(200)
    image = {
      filename: doc.filename,
      bytes: Buffer.from(await served.arrayBuffer()),
      thumbnail: doc.sizes.thumbnail.filename,
    }
    before = await inventory(original, token)
  }, 240_000)

  afterAll(async () => {
    await restored?.stop()
    await original?.stop()
    fs.rmSync(work, { recursive: true, force: true })
    if (original) fs.rmSync(original.dataDir, { recursive: true, force: true })
  })

  it('writes one verified .tar.gz while the server keeps taking writes', async () => {
    let writing = true
    const writer = (async () => {
      for (let n = 0; writing; n++) {
        const { doc } = await api<{ doc: { id: number } }>(original, token, `/${CONDITIONS}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `Backup load ${n}`,
            category: 'pain',
            summary: 'Written while the backup runs.',
          }),
        })
        createdDuringBackup.push(doc.id)
      }
    })()
    while (createdDuringBackup.length < 3) await new Promise((resolve) => setTimeout(resolve, 20))
    const started = Date.now()
    const result = await runScript('backup', ['--out', archive], {
      DATA_DIR: original.dataDir,
      DATABASE_URI: original.databaseUri,
    })
    writing = false
    await writer
    backupOutput = result.output
    expect(result.output).toContain('VACUUM INTO')
    expect(result.output).toMatch(/archived: \d+\/\d+ files/)
    expect(result.code, result.output).toBe(0)
    expect(fs.statSync(archive).mode & 0o077).toBe(0)
    console.log(
      `[backup test] backup took ${Date.now() - started} ms; ${createdDuringBackup.length} conditions were created meanwhile`,
    )
  })

  it('refuses to restore over a running server', async () => {
    // Its /readyz answers on PORT...
    const viaPort = await runScript('restore', [archive], {
      DATA_DIR: path.join(work, 'elsewhere'),
      DATABASE_URI: `file:${path.join(work, 'elsewhere', 'test.db')}`,
      PORT: new URL(original.url).port,
    })
    expect(viaPort.output).toMatch(/REFUSED: A CMS is running on port/)
    expect(viaPort.code).toBe(2)
    // ...or it holds the target database open.
    const viaLock = await runScript('restore', [archive], {
      DATA_DIR: original.dataDir,
      DATABASE_URI: original.databaseUri,
      PORT: String(await freePort()),
    })
    expect(viaLock.output).toMatch(/REFUSED: The database .* is open in pid \d+/)
    expect(viaLock.code).toBe(2)
  })

  it('restores into a fresh data folder after verifying the archive', async () => {
    await original.stop()
    const result = await runScript('restore', [archive], {
      DATA_DIR: restoredDir,
      DATABASE_URI: `file:${path.join(restoredDir, 'test.db')}`,
      PORT: String(await freePort()),
    })
    expect(result.output).toContain('checksums ok')
    expect(result.code, result.output).toBe(0)
    expect(fs.existsSync(path.join(restoredDir, 'media', image.filename))).toBe(true)
  })

  it('brings back every document and the uploaded image on a server started on the restored data', async () => {
    restored = await startCms({
      dataDir: restoredDir,
      databaseUri: `file:${path.join(restoredDir, 'test.db')}`,
    })
    const restoredToken = await login(restored)
    const after = await inventory(restored, restoredToken)

    // The snapshot is one point in time: the conditions written during the backup are present up to
    // some point and absent after it, never with gaps.
    const beforeConditions = before[CONDITIONS] as number[]
    const afterConditions = after[CONDITIONS] as number[]
    const kept = afterConditions.filter((id) => !beforeConditions.includes(id))
    expect(kept).toEqual(createdDuringBackup.slice(0, kept.length))
    // At least those written before the backup started.
    expect(kept.length).toBeGreaterThanOrEqual(3)
    expect(afterConditions).toEqual([...beforeConditions, ...kept])
    expect({ ...after, [CONDITIONS]: beforeConditions }).toEqual(before)
    expect(backupOutput).toBeTruthy()

    for (const file of [image.filename, image.thumbnail]) {
      const res = await fetch(`${restored.url}/api/${MEDIA}/file/${file}`)
      expect(res.status, file).toBe(200)
      if (file === image.filename)
        expect(Buffer.from(await res.arrayBuffer()).equals(image.bytes)).toBe(true)
    }
  })

  it('refuses an archive that was tampered with', async () => {
    const damaged = path.join(work, 'damaged.tar.gz')
    const bytes = fs.readFileSync(archive)
    // Flip one byte in the middle of the compressed stream.
    const middle = Math.floor(bytes.length / 2)
    bytes[middle] = bytes[middle]! ^ 0xff
    fs.writeFileSync(damaged, bytes)
    const target = path.join(work, 'never')
    const result = await runScript('restore', [damaged], {
      DATA_DIR: target,
      DATABASE_URI: `file:${path.join(target, 'test.db')}`,
      PORT: String(await freePort()),
    })
    expect(result.code).toBe(1)
    expect(result.output).toMatch(/FAILED/)
    expect(fs.existsSync(path.join(target, 'test.db'))).toBe(false)
  })
})

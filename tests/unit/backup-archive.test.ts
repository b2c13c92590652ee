/**
 * The backup archive format (scripts/lib/backup/archive.ts) on its own: what `npm run backup`
 * writes opens with any tar, what restore reads may only be the files a backup holds, and archives
 * written by another tar (as earlier versions of the backup wrote them) still restore.
 * tests/deploy/backup.test.ts covers backup and restore of a running CMS end to end.
 */
import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import os from 'node:os'
import path from 'node:path'

import { Header, Pack, ReadEntry } from 'tar'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  createBackup,
  DATABASE_ENTRY,
  MANIFEST,
  verifyBackup,
  type Manifest,
} from '../../scripts/lib/backup/archive.ts'

const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-archive-test-'))
afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex')
const quiet = () => undefined

/** A SQLite database written with the client the CMS's adapter uses. */
async function sqliteFile(file: string): Promise<void> {
  const fromCms = createRequire(path.join(import.meta.dirname, '..', '..', 'cms', 'package.json'))
  const fromAdapter = createRequire(fromCms.resolve('@payloadcms/db-sqlite'))
  const { createClient } = fromAdapter('@libsql/client') as typeof import('@libsql/client')
  const client = createClient({ url: `file:${file}` })
  await client.execute('CREATE TABLE articles (id INTEGER PRIMARY KEY, title TEXT)')
  await client.execute("INSERT INTO articles (title) VALUES ('Kept by the backup')")
  client.close()
}

/** Writes a .tar.gz of `entries` in order, each given by its tar header and content. */
async function writeTar(
  file: string,
  entries: {
    path: string
    type: 'File' | 'Directory' | 'SymbolicLink'
    body?: Buffer
    linkpath?: string
  }[],
): Promise<void> {
  const pack = new Pack({ gzip: true, portable: true })
  const done = new Promise<void>((resolve, reject) => {
    const out = fs.createWriteStream(file)
    out.once('finish', resolve)
    out.once('error', reject)
    pack.pipe(out)
  })
  for (const entry of entries) {
    const body = entry.body ?? Buffer.alloc(0)
    const read = new ReadEntry(
      new Header({
        path: entry.path,
        type: entry.type,
        size: body.length,
        mode: 0o644,
        mtime: new Date(),
        linkpath: entry.linkpath,
      }),
    )
    pack.add(read)
    read.end(body)
  }
  pack.end()
  await done
}

const manifestOf = (files: Record<string, Buffer>): Buffer =>
  Buffer.from(
    JSON.stringify({
      format: 'clinic-network-backup',
      version: 1,
      createdAt: new Date().toISOString(),
      database: { originalFile: '/srv/clinic.db', tables: {} },
      files: Object.entries(files).map(([file, bytes]) => ({
        path: file,
        size: bytes.length,
        sha256: sha256(bytes),
      })),
    } satisfies Manifest),
  )

describe('backup archives', () => {
  const dataDir = path.join(work, 'data')
  const mediaDir = path.join(dataDir, 'media')
  const archive = path.join(work, 'backup.tar.gz')
  // A name longer than ustar's 100 bytes, with letters outside ASCII: pax headers carry it.
  const longName = `${'infusión-room-'.repeat(8)}photo.webp`
  const image = Buffer.from('not really a webp, but bytes the archive must keep')
  let manifest: Manifest

  beforeAll(async () => {
    fs.mkdirSync(path.join(mediaDir, 'sizes'), { recursive: true })
    fs.writeFileSync(path.join(mediaDir, longName), image)
    fs.writeFileSync(path.join(mediaDir, 'sizes', 'thumb.webp'), Buffer.alloc(70_000, 7))
    fs.writeFileSync(path.join(dataDir, '.payload-secret'), 'secret-of-the-embedded-default')
    await sqliteFile(path.join(dataDir, 'clinic.db'))
    manifest = await createBackup(
      { dataDir, mediaDir, databaseFile: path.join(dataDir, 'clinic.db') },
      archive,
      quiet,
    )
  })

  it('lists the database, every media file and the secret, with checksums', () => {
    expect(manifest.files.map((file) => file.path).sort()).toEqual(
      [
        DATABASE_ENTRY,
        'data/.payload-secret',
        `media/${longName}`,
        'media/sizes/thumb.webp',
      ].sort(),
    )
    expect(manifest.files.find((file) => file.path === `media/${longName}`)?.sha256).toBe(
      sha256(image),
    )
    expect(fs.statSync(archive).mode & 0o077).toBe(0)
  })

  it('opens with the system tar, manifest last', () => {
    const names = execFileSync('tar', ['-tzf', archive], { encoding: 'utf8' }).trim().split('\n')
    expect(names).toContain(`media/${longName}`)
    expect(names.at(-1)).toBe(MANIFEST)
  })

  it('extracts every file as it was', async () => {
    const target = path.join(work, 'extracted')
    await verifyBackup(archive, target)
    expect(fs.readFileSync(path.join(target, 'media', longName)).equals(image)).toBe(true)
    expect(fs.readFileSync(path.join(target, 'data', '.payload-secret'), 'utf8')).toBe(
      'secret-of-the-embedded-default',
    )
    expect(fs.statSync(path.join(target, 'data', '.payload-secret')).mode & 0o077).toBe(0)
  })

  it('reads an archive written by GNU tar (pax), as earlier backups were written', async () => {
    const tree = path.join(work, 'gnu')
    const files = {
      [DATABASE_ENTRY]: fs.readFileSync(path.join(dataDir, 'clinic.db')),
      [`media/${longName}`]: image,
    }
    for (const [file, bytes] of Object.entries(files)) {
      fs.mkdirSync(path.dirname(path.join(tree, file)), { recursive: true })
      fs.writeFileSync(path.join(tree, file), bytes)
    }
    fs.writeFileSync(path.join(tree, MANIFEST), manifestOf(files))
    const gnu = path.join(work, 'gnu.tar.gz')
    execFileSync('tar', [
      '--format=pax',
      '-czf',
      gnu,
      '-C',
      tree,
      DATABASE_ENTRY,
      'media',
      MANIFEST,
    ])
    const read = await verifyBackup(gnu, path.join(work, 'gnu-extracted'))
    expect(read.files).toHaveLength(2)
    expect(fs.readFileSync(path.join(work, 'gnu-extracted', 'media', longName)).equals(image)).toBe(
      true,
    )
  })

  it('refuses a symbolic link, and extracts nothing after it', async () => {
    const file = path.join(work, 'symlink.tar.gz')
    const database = Buffer.from('db')
    await writeTar(file, [
      { path: DATABASE_ENTRY, type: 'File', body: database },
      { path: 'media/passwd', type: 'SymbolicLink', linkpath: '/etc/passwd' },
      { path: 'media/after.png', type: 'File', body: Buffer.from('after') },
      { path: MANIFEST, type: 'File', body: manifestOf({ [DATABASE_ENTRY]: database }) },
    ])
    const target = path.join(work, 'symlink-extracted')
    await expect(verifyBackup(file, target)).rejects.toThrow(/not a regular file or folder/)
    expect(fs.existsSync(path.join(target, 'media', 'passwd'))).toBe(false)
    expect(fs.existsSync(path.join(target, 'media', 'after.png'))).toBe(false)
  })

  it.each([['../outside.txt'], ['data/../../outside.txt'], ['notes/readme.txt']])(
    'refuses the entry %s',
    async (entryPath) => {
      const file = path.join(work, 'path.tar.gz')
      await writeTar(file, [{ path: entryPath, type: 'File', body: Buffer.from('x') }])
      const target = path.join(work, 'path-extracted')
      await expect(verifyBackup(file, target)).rejects.toThrow(/unexpected path/)
      expect(fs.existsSync(path.join(work, 'outside.txt'))).toBe(false)
    },
  )

  it('refuses a file that does not match its checksum', async () => {
    const file = path.join(work, 'mismatch.tar.gz')
    await writeTar(file, [
      { path: DATABASE_ENTRY, type: 'File', body: Buffer.from('changed') },
      { path: MANIFEST, type: 'File', body: manifestOf({ [DATABASE_ENTRY]: Buffer.from('orig') }) },
    ])
    await expect(verifyBackup(file)).rejects.toThrow(/does not match its checksum/)
  })
})

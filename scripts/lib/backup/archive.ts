/**
 * Backup archives of the embedded default: one .tar.gz holding a consistent snapshot of the SQLite
 * database, the media folder and the data folder's generated secrets, with a manifest (sizes and
 * SHA-256 of every file) as the last entry. Used by scripts/backup.ts and scripts/restore.ts.
 *
 * Plain Node (explicit .ts imports, no CMS runtime), so the scripts run without tsx.
 */
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'
import zlib from 'node:zlib'

import { integrityCheck, snapshotDatabase, tableCounts, type DataLocations } from './sqlite.ts'
import { readTar, TarWriter } from './tar.ts'

export const MANIFEST = 'manifest.json'
export const DATABASE_ENTRY = 'database.sqlite'
const FORMAT = 'clinic-network-backup'
/** Generated into the data folder by the embedded default; restoring them keeps sessions and the printed logins valid. */
const DATA_FILES = ['.payload-secret', 'demo-credentials.json']

export interface ManifestFile {
  path: string
  size: number
  sha256: string
}

export interface Manifest {
  format: typeof FORMAT
  version: 1
  createdAt: string
  database: { originalFile: string; tables: Record<string, number> }
  files: ManifestFile[]
}

type Log = (line: string) => void

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`

function* walk(dir: string, base = dir): Generator<{ absolute: string; relative: string }> {
  let entries: fs.Dirent[]
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true })
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return
    throw error
  }
  for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const absolute = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(absolute, base)
    else if (entry.isFile())
      yield { absolute, relative: path.relative(base, absolute).split(path.sep).join('/') }
  }
}

/** Progress lines at most every half second, and always the last one. */
function progress(log: Log, label: string, totalFiles: number, totalBytes: number) {
  let files = 0
  let bytes = 0
  let last = 0
  const print = (force: boolean) => {
    const now = Date.now()
    if (!force && now - last < 500) return
    last = now
    log(`[backup]   ${label}: ${files}/${totalFiles} files, ${mb(bytes)} of ${mb(totalBytes)}`)
  }
  return {
    bytes: (n: number) => {
      bytes += n
      print(false)
    },
    file: () => {
      files += 1
      print(files === totalFiles)
    },
  }
}

export function defaultBackupFile(locations: DataLocations, now = new Date()): string {
  const stamp = now.toISOString().replace(/[:.]/g, '-')
  return path.join(locations.dataDir, 'backups', `clinic-network-${stamp}.tar.gz`)
}

/** Writes a backup of the running (or stopped) embedded CMS to `outFile`; returns the manifest. */
export async function createBackup(
  locations: DataLocations,
  outFile: string,
  log: Log = console.log,
): Promise<Manifest> {
  const started = Date.now()
  fs.mkdirSync(path.dirname(outFile), { recursive: true })
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-backup-'))
  const partial = `${outFile}.partial`
  try {
    // Database first: every file its rows reference is already in the media folder when it is read.
    log(
      `[backup] snapshotting the database ${locations.databaseFile} (VACUUM INTO, the server keeps running)...`,
    )
    const snapshot = path.join(work, DATABASE_ENTRY)
    await snapshotDatabase(locations.databaseFile, snapshot)
    const check = await integrityCheck(snapshot)
    if (check !== 'ok')
      throw new Error(`the database snapshot failed SQLite's integrity check: ${check}`)
    const tables = await tableCounts(snapshot)
    log(
      `[backup]   ${mb(fs.statSync(snapshot).size)}, ${Object.keys(tables).length} tables, integrity ok (${Date.now() - started} ms)`,
    )

    const sources = [
      { absolute: snapshot, relative: DATABASE_ENTRY },
      ...[...walk(locations.mediaDir)].map((file) => ({
        ...file,
        relative: `media/${file.relative}`,
      })),
      ...DATA_FILES.map((name) => ({
        absolute: path.join(locations.dataDir, name),
        relative: `data/${name}`,
      })).filter((file) => fs.existsSync(file.absolute)),
    ]
    const sizes = sources.map(
      (file) => fs.statSync(file.absolute, { throwIfNoEntry: false })?.size ?? 0,
    )
    const total = sizes.reduce((sum, size) => sum + size, 0)
    log(
      `[backup] archiving ${sources.length} files (${mb(total)}: the database, ${sources.filter((f) => f.relative.startsWith('media/')).length} media files from ${locations.mediaDir})...`,
    )
    const meter = progress(log, 'archived', sources.length, total)

    // Owner-only: the archive holds password hashes and, for the embedded default, the session secret.
    const out = fs.createWriteStream(partial, { mode: 0o600 })
    const gzip = zlib.createGzip({ level: 6 })
    const written = pipeline(gzip, out)
    written.catch(() => undefined) // awaited below; a failure is also reported by the writes
    const tar = new TarWriter(gzip)
    const files: ManifestFile[] = []
    let manifest: Manifest
    try {
      await tar.directory('media')
      for (const source of sources) {
        const hash = createHash('sha256')
        let size: number
        if (source.absolute === snapshot) {
          // Our own snapshot: stable, possibly large, streamed.
          size = fs.statSync(snapshot).size
          const stream = fs.createReadStream(snapshot)
          stream.on('data', (chunk) => hash.update(chunk as Buffer))
          await tar.file(
            { path: source.relative, size, mode: 0o644, mtime: new Date() },
            stream,
            (n) => meter.bytes(n),
          )
        } else {
          // Live files are read whole (uploads are at most a few MB), so one that changes while we read
          // cannot tear the archive. One deleted since the listing is left out.
          let content: Buffer
          let stat: fs.Stats
          try {
            stat = fs.statSync(source.absolute)
            content = fs.readFileSync(source.absolute)
          } catch (error) {
            if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error
            log(`[backup]   ${source.relative} was deleted while the backup ran; left out`)
            meter.file()
            continue
          }
          size = content.length
          hash.update(content)
          await tar.file(
            { path: source.relative, size, mode: stat.mode & 0o777, mtime: stat.mtime },
            content,
            (n) => meter.bytes(n),
          )
        }
        files.push({ path: source.relative, size, sha256: hash.digest('hex') })
        meter.file()
      }
      manifest = {
        format: FORMAT,
        version: 1,
        createdAt: new Date().toISOString(),
        database: { originalFile: locations.databaseFile, tables },
        files,
      }
      const manifestBytes = Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)
      await tar.file(
        { path: MANIFEST, size: manifestBytes.length, mode: 0o644, mtime: new Date() },
        manifestBytes,
      )
      await tar.finish()
      await written
    } catch (error) {
      gzip.destroy()
      throw error
    }

    log('[backup] verifying the archive...')
    await verifyBackup(partial)
    fs.renameSync(partial, outFile)
    log(
      `[backup] wrote ${outFile} (${mb(fs.statSync(outFile).size)}) in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
    return manifest
  } catch (error) {
    fs.rmSync(partial, { force: true })
    throw error
  } finally {
    fs.rmSync(work, { recursive: true, force: true })
  }
}

/** Archive paths that may be extracted: relative, no `..`, inside the known top-level entries. */
function safeEntryPath(entryPath: string): string {
  const normalised = path.posix.normalize(entryPath)
  const allowed =
    normalised === MANIFEST ||
    normalised === DATABASE_ENTRY ||
    normalised === 'media' ||
    normalised.startsWith('media/') ||
    DATA_FILES.some((name) => normalised === `data/${name}`)
  if (
    entryPath.startsWith('/') ||
    normalised.startsWith('..') ||
    normalised.includes('\0') ||
    entryPath.includes('\\') ||
    !allowed
  ) {
    throw new Error(`unexpected path in the archive: ${JSON.stringify(entryPath)}`)
  }
  return normalised
}

/**
 * Reads a whole archive, checking every file against the manifest (size and SHA-256, nothing
 * missing, nothing extra). With `extractTo`, files are written under that folder as they are read.
 */
export async function verifyBackup(archive: string, extractTo?: string): Promise<Manifest> {
  const seen = new Map<string, { size: number; sha256: string }>()
  let manifest: Manifest | undefined
  await readTar(fs.createReadStream(archive).pipe(zlib.createGunzip()), async (header, content) => {
    const entryPath = safeEntryPath(header.path)
    if (header.type === 'directory') {
      if (extractTo) fs.mkdirSync(path.join(extractTo, entryPath), { recursive: true })
      return
    }
    if (seen.has(entryPath) || manifest)
      throw new Error(`unexpected entry ${entryPath} in the archive`)
    const hash = createHash('sha256')
    const chunks: Buffer[] = []
    let size = 0
    let target: fs.WriteStream | undefined
    if (extractTo && entryPath !== MANIFEST) {
      fs.mkdirSync(path.dirname(path.join(extractTo, entryPath)), { recursive: true })
      target = fs.createWriteStream(path.join(extractTo, entryPath), {
        mode: entryPath.startsWith('data/') ? 0o600 : 0o644,
      })
    }
    for await (const chunk of content) {
      hash.update(chunk)
      size += chunk.length
      if (entryPath === MANIFEST) chunks.push(chunk)
      else if (target && !target.write(chunk))
        await new Promise<void>((resolve) => target!.once('drain', () => resolve()))
    }
    if (target)
      await new Promise<void>((resolve, reject) =>
        target!.end((error?: Error | null) => (error ? reject(error) : resolve())),
      )
    if (entryPath === MANIFEST)
      manifest = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Manifest
    else seen.set(entryPath, { size, sha256: hash.digest('hex') })
  })
  if (!manifest || manifest.format !== FORMAT)
    throw new Error(`${archive} is not a clinic network backup (no manifest)`)
  if (manifest.version !== 1)
    throw new Error(
      `backup format version ${manifest.version} is newer than this restore script understands`,
    )
  const listed = new Set<string>()
  for (const file of manifest.files) {
    listed.add(file.path)
    const found = seen.get(file.path)
    if (!found) throw new Error(`the archive is missing ${file.path}`)
    if (found.size !== file.size || found.sha256 !== file.sha256)
      throw new Error(`${file.path} does not match its checksum: the archive is damaged`)
  }
  for (const entryPath of seen.keys())
    if (!listed.has(entryPath))
      throw new Error(`${entryPath} is in the archive but not in its manifest`)
  if (!listed.has(DATABASE_ENTRY)) throw new Error('the archive holds no database')
  return manifest
}

export { integrityCheck, tableCounts }

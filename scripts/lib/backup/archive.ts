/**
 * Backup archives of the embedded default: one .tar.gz holding a consistent snapshot of the SQLite
 * database, the media folder and the data folder's generated secrets, with a manifest (sizes and
 * SHA-256 of every file) as the last entry. Used by scripts/backup.ts and scripts/restore.ts.
 * The tar format is node-tar's (archives open with any tar: `tar -tzf backup.tar.gz`).
 *
 * Plain Node (explicit .ts imports, no CMS runtime), so the scripts run without tsx.
 */
import { createHash } from 'node:crypto'
import { once } from 'node:events'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { pipeline } from 'node:stream/promises'

import { Header, list, Pack, ReadEntry } from 'tar'

import { integrityCheck, snapshotDatabase, tableCounts, type DataLocations } from './sqlite.ts'

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

interface EntryHeader {
  path: string
  size: number
  mode: number
  mtime: Date
}

/**
 * Adds one entry whose bytes we hold (a buffer, or a stream of exactly `size` bytes) rather than a
 * path for node-tar to read: live media files are read once, hashed and archived from the same
 * bytes, so a file changing meanwhile cannot make the manifest disagree with the archive.
 */
async function addEntry(
  pack: Pack,
  header: EntryHeader & { type: 'File' | 'Directory' },
  content: Buffer | AsyncIterable<Buffer> = Buffer.alloc(0),
  onChunk?: (bytes: number) => void,
): Promise<void> {
  const entry = new ReadEntry(new Header(header))
  pack.add(entry)
  let written = 0
  for await (const chunk of Buffer.isBuffer(content) ? [content] : content) {
    written += chunk.length
    if (written > header.size) throw new Error(`${header.path} grew while it was being archived`)
    if (!entry.write(chunk)) await once(entry, 'drain')
    onChunk?.(chunk.length)
  }
  if (written !== header.size)
    throw new Error(
      `${header.path} changed size while it was being archived (${written} of ${header.size} bytes)`,
    )
  entry.end()
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
    const pack = new Pack({ gzip: { level: 6 }, portable: true })
    const written = pipeline(pack, fs.createWriteStream(partial, { mode: 0o600 }))
    written.catch(() => undefined) // awaited below; a failure is also reported by the writes
    const files: ManifestFile[] = []
    let manifest: Manifest
    try {
      await addEntry(pack, {
        path: 'media/',
        type: 'Directory',
        size: 0,
        mode: 0o755,
        mtime: new Date(),
      })
      for (const source of sources) {
        const hash = createHash('sha256')
        let size: number
        if (source.absolute === snapshot) {
          // Our own snapshot: stable, possibly large, streamed.
          size = fs.statSync(snapshot).size
          const stream = fs.createReadStream(snapshot)
          stream.on('data', (chunk) => hash.update(chunk as Buffer))
          await addEntry(
            pack,
            { path: source.relative, type: 'File', size, mode: 0o644, mtime: new Date() },
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
          await addEntry(
            pack,
            {
              path: source.relative,
              type: 'File',
              size,
              mode: stat.mode & 0o777,
              mtime: stat.mtime,
            },
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
      await addEntry(
        pack,
        {
          path: MANIFEST,
          type: 'File',
          size: manifestBytes.length,
          mode: 0o644,
          mtime: new Date(),
        },
        manifestBytes,
      )
      pack.end()
      await written
    } catch (error) {
      pack.destroy()
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

/** Entry types a backup holds: never links, devices or anything else an archive could plant. */
const FILE_TYPES = new Set(['File', 'OldFile'])

/**
 * Reads a whole archive, checking every file against the manifest (size and SHA-256, nothing
 * missing, nothing extra). With `extractTo`, files are written under that folder as they are read.
 */
export async function verifyBackup(archive: string, extractTo?: string): Promise<Manifest> {
  const seen = new Map<string, { size: number; sha256: string }>()
  const writes: Promise<void>[] = []
  const manifestChunks: Buffer[] = []
  let manifestSeen = false
  let refusal: Error | undefined
  // node-tar hands entries over one at a time and only moves on once each has been read.
  await list({
    file: archive,
    strict: true,
    onReadEntry: (entry) => {
      try {
        if (refusal) throw refusal
        const entryPath = safeEntryPath(entry.path.replace(/\/$/, '') || entry.path)
        if (entry.type === 'Directory') {
          if (extractTo) fs.mkdirSync(path.join(extractTo, entryPath), { recursive: true })
          entry.resume()
          return
        }
        if (!FILE_TYPES.has(entry.type))
          throw new Error(
            `archive entry ${entry.path} is not a regular file or folder (tar type "${entry.type}")`,
          )
        // The manifest comes last, once.
        if (seen.has(entryPath) || manifestSeen)
          throw new Error(`unexpected entry ${entryPath} in the archive`)
        manifestSeen = entryPath === MANIFEST
        const hash = createHash('sha256')
        let size = 0
        let out: fs.WriteStream | undefined
        if (extractTo && entryPath !== MANIFEST) {
          const target = path.join(extractTo, entryPath)
          fs.mkdirSync(path.dirname(target), { recursive: true })
          const file = (out = fs.createWriteStream(target, {
            mode: entryPath.startsWith('data/') ? 0o600 : 0o644,
          }))
          writes.push(
            new Promise<void>((resolve, reject) => {
              file.once('finish', resolve)
              file.once('error', reject)
            }),
          )
        }
        // One consumer: the entry starts flowing as soon as one is attached.
        entry.on('data', (chunk: Buffer) => {
          hash.update(chunk)
          size += chunk.length
          if (entryPath === MANIFEST) manifestChunks.push(chunk)
          if (out && !out.write(chunk)) {
            entry.pause()
            out.once('drain', () => entry.resume())
          }
        })
        entry.on('end', () => {
          out?.end()
          if (entryPath !== MANIFEST) seen.set(entryPath, { size, sha256: hash.digest('hex') })
        })
      } catch (error) {
        refusal ??= error as Error
        entry.resume()
      }
    },
  })
  await Promise.all(writes)
  if (refusal) throw refusal
  let manifest: Manifest | undefined
  try {
    manifest = manifestSeen
      ? (JSON.parse(Buffer.concat(manifestChunks).toString('utf8')) as Manifest)
      : undefined
  } catch {
    throw new Error(`${archive} has a damaged manifest`)
  }
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

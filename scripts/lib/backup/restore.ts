/**
 * Restores a backup archive (archive.ts) into the embedded default's data folder. The archive is
 * extracted and verified completely (checksums, SQLite integrity, table counts) before anything in
 * place is touched; what was there is moved aside, not deleted.
 *
 * Plain Node (explicit .ts imports, no CMS runtime), so scripts/restore.ts runs without tsx.
 */
import fs from 'node:fs'
import path from 'node:path'

import { DATABASE_ENTRY, verifyBackup, type Manifest } from './archive.ts'
import { integrityCheck, tableCounts, type DataLocations } from './sqlite.ts'

type Log = (line: string) => void

export interface RestoreOptions {
  /** Restore even though a CMS seems to be running on this data. */
  force?: boolean
  /** Where a CMS on this machine would answer /readyz (PORT, default 3000). */
  port?: number
  log?: Log
}

/** Thrown (name "RestoreRefused") when a running CMS uses the data; nothing was changed. */
function refused(message: string): Error {
  const error = new Error(message)
  error.name = 'RestoreRefused'
  return error
}

/** A CMS answering /readyz on the port (ready, or not: either way it is running). */
async function cmsAnswersOn(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/readyz`, {
      signal: AbortSignal.timeout(1500),
    })
    const body = (await res.json().catch(() => ({}))) as { status?: unknown }
    return body.status === 'ready' || body.status === 'unavailable'
  } catch {
    return false
  }
}

/** Processes holding the database open (Linux /proc; elsewhere nothing is found). */
function processesUsing(files: string[]): string[] {
  const wanted = new Set(files)
  const found: string[] = []
  let pids: string[]
  try {
    pids = fs
      .readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name) && Number(name) !== process.pid)
  } catch {
    return found
  }
  for (const pid of pids) {
    let fds: string[]
    try {
      fds = fs.readdirSync(`/proc/${pid}/fd`)
    } catch {
      continue
    }
    for (const fd of fds) {
      let target: string
      try {
        target = fs.readlinkSync(`/proc/${pid}/fd/${fd}`)
      } catch {
        continue
      }
      if (!wanted.has(target)) continue
      let command = ''
      try {
        command = fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').join(' ').trim()
      } catch {
        // Gone already.
      }
      found.push(`pid ${pid} (${command || 'unknown'})`)
      break
    }
  }
  return found
}

function move(from: string, to: string) {
  fs.mkdirSync(path.dirname(to), { recursive: true })
  try {
    fs.renameSync(from, to)
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error
    fs.cpSync(from, to, { recursive: true, preserveTimestamps: true })
    fs.rmSync(from, { recursive: true, force: true })
  }
}

/** Moves the children of `from` into `to` (works when `from` is a mount point). */
function moveChildren(from: string, to: string) {
  if (!fs.existsSync(from)) return
  for (const name of fs.readdirSync(from)) move(path.join(from, name), path.join(to, name))
}

export async function restoreBackup(
  archive: string,
  locations: DataLocations,
  options: RestoreOptions = {},
): Promise<Manifest> {
  const log = options.log ?? console.log
  const started = Date.now()
  if (!fs.existsSync(archive)) throw new Error(`No such backup: ${archive}`)
  const { databaseFile, mediaDir, dataDir } = locations
  const sidecars = ['-wal', '-shm', '-journal'].map((suffix) => `${databaseFile}${suffix}`)

  if (!options.force) {
    const port = options.port ?? 3000
    if (await cmsAnswersOn(port)) {
      throw refused(
        `A CMS is running on port ${port} (it answers /readyz). Stop it first, or pass --force if it uses other data.`,
      )
    }
    const users = processesUsing([databaseFile, ...sidecars])
    if (users.length > 0) {
      throw refused(
        `The database ${databaseFile} is open in ${users.join(', ')}. Stop the CMS first (or pass --force).`,
      )
    }
  }

  fs.mkdirSync(dataDir, { recursive: true })
  const staging = fs.mkdtempSync(path.join(dataDir, '.restore-'))
  try {
    log(`[restore] reading and verifying ${archive}...`)
    const manifest = await verifyBackup(archive, staging)
    const stagedDatabase = path.join(staging, DATABASE_ENTRY)
    const check = await integrityCheck(stagedDatabase)
    if (check !== 'ok')
      throw new Error(`the database in the backup failed SQLite's integrity check: ${check}`)
    const counts = await tableCounts(stagedDatabase)
    const expected = manifest.database.tables
    const mismatch = Object.keys({ ...counts, ...expected }).filter(
      (table) => counts[table] !== expected[table],
    )
    if (mismatch.length > 0)
      throw new Error(
        `the database in the backup does not match its manifest (tables: ${mismatch.join(', ')})`,
      )
    const media = manifest.files.filter((file) => file.path.startsWith('media/')).length
    log(
      `[restore]   backup of ${manifest.createdAt}: ${Object.keys(counts).length} tables (integrity ok), ${media} media files; checksums ok`,
    )

    // Only now touch what is in place: move it aside (never delete), then move the backup in.
    const aside = path.join(
      dataDir,
      `pre-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`,
    )
    let movedAside = false
    for (const file of [databaseFile, ...sidecars]) {
      // A stale -wal next to the restored file would be replayed into it: it must go too.
      if (fs.existsSync(file)) {
        move(file, path.join(aside, path.basename(file)))
        movedAside = true
      }
    }
    if (fs.existsSync(mediaDir) && fs.readdirSync(mediaDir).length > 0) {
      moveChildren(mediaDir, path.join(aside, 'media'))
      movedAside = true
    }
    for (const name of fs.existsSync(path.join(staging, 'data'))
      ? fs.readdirSync(path.join(staging, 'data'))
      : []) {
      const current = path.join(dataDir, name)
      if (fs.existsSync(current)) {
        move(current, path.join(aside, name))
        movedAside = true
      }
      move(path.join(staging, 'data', name), current)
    }
    move(stagedDatabase, databaseFile)
    fs.mkdirSync(mediaDir, { recursive: true })
    moveChildren(path.join(staging, 'media'), mediaDir)

    if (movedAside)
      log(`[restore]   the previous data is in ${aside} (delete it once the restored CMS works)`)
    log(
      `[restore] restored the database to ${databaseFile} and ${media} media files to ${mediaDir} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    )
    log('[restore] start the CMS; it applies any newer migrations on start.')
    return manifest
  } finally {
    fs.rmSync(staging, { recursive: true, force: true })
  }
}

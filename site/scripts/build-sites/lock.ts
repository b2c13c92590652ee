/**
 * One build at a time per SITES_DIR (the CMS's publisher and a manual `npm run build:sites` may
 * overlap), each in folders of its own: a staging folder inside SITES_DIR and a working folder
 * for Astro.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { log } from './log.ts'
import { siteDir } from './settings.ts'

const LOCK = '.build.lock'

const processAlive = (pid: number) => {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}

/**
 * Takes the SITES_DIR lock, waiting for a running build; a lock whose process is gone (a killed
 * build) is taken over, and so are the staging folders it left (not `keep`, the one this
 * build's Astro build bundled into ahead of the lock, nor another running builder's: ahead.ts).
 * Returns the release.
 */
export async function lockSitesDir(
  sitesDir: string,
  { keep }: { keep?: string } = {},
): Promise<() => Promise<void>> {
  const lock = path.join(sitesDir, LOCK)
  let waited = false
  for (;;) {
    try {
      await fs.writeFile(lock, String(process.pid), { flag: 'wx' })
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const holder = Number(await fs.readFile(lock, 'utf8').catch(() => ''))
      if (!holder || !processAlive(holder)) {
        await fs.rm(lock, { force: true })
        continue
      }
      if (!waited) log(`another build (pid ${holder}) is writing ${sitesDir}; waiting for it...`)
      waited = true
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }
  // Nothing else builds now: staging folders left by killed builds can go.
  for (const name of await fs.readdir(sitesDir)) {
    if (path.join(sitesDir, name) === keep) continue
    // A build bundled ahead by a builder that still runs is its own (it checks it is there).
    const ahead = /^\.ahead-(\d+)-/.exec(name)
    if (ahead && Number(ahead[1]) !== process.pid && processAlive(Number(ahead[1]))) continue
    if (ahead || name.startsWith('.build-') || /^\.[a-z0-9-]+\.link-/.test(name))
      await fs.rm(path.join(sitesDir, name), { recursive: true, force: true })
  }
  return () => fs.rm(lock, { force: true })
}

/**
 * Inside SITES_DIR, so that releasing a tree is a rename on one file system. `.build-<time>-...`
 * for a build's (made under the lock), `.ahead-<pid>-...` for a build bundled ahead (ahead.ts:
 * made before its build holds the lock).
 */
export async function createStaging(sitesDir: string, { ahead = false } = {}): Promise<string> {
  const name = ahead ? `.ahead-${process.pid}` : `.build-${Date.now()}`
  const staging = path.join(sitesDir, `${name}-${randomBytes(3).toString('hex')}`)
  await fs.mkdir(staging)
  return staging
}

/**
 * Astro writes its prerender bundle under <cwd>/.astro/ when outDir is outside the root: builds
 * running at once (a publish and a preview, or two SITES_DIRs) each need a cwd of their own. Under
 * site/ so that the bundle resolves packages from site/node_modules. Returns the way back.
 */
export async function enterWorkDir(): Promise<() => Promise<void>> {
  const workDir = path.join(
    siteDir,
    'node_modules',
    '.cache',
    'clinic-builds',
    `${process.pid}-${randomBytes(3).toString('hex')}`,
  )
  await fs.mkdir(workDir, { recursive: true })
  for (const name of await fs.readdir(path.dirname(workDir))) {
    // Left by builds that were killed.
    if (!processAlive(Number(name.split('-')[0])))
      await fs.rm(path.join(path.dirname(workDir), name), { recursive: true, force: true })
  }
  process.chdir(workDir)
  const real = process.cwd()
  return async () => {
    // Not when a build bundled ahead (ahead.ts) has made its own folder the working one since.
    if (process.cwd() === real) process.chdir(siteDir)
    await fs.rm(workDir, { recursive: true, force: true }).catch(() => {})
  }
}

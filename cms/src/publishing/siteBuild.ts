import { randomBytes } from 'node:crypto'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import type { ReleaseManifest } from '@clinic/shared/releases'

import type { BuildOutcome, ResidentBuilder } from './residentBuilder'
import { startSiteScript } from './siteScripts'

/** One build in a process of its own, which ends with it. */
function startOnce(
  input: Record<string, string>,
  forward: (chunk: Buffer) => void,
): { outcome: Promise<BuildOutcome>; kill: () => void } {
  const child = startSiteScript('build-sites', {
    env: input,
    // The channel closes when this process dies: the build then ends too (build-sites/parent.ts).
    ipc: true,
  })
  child.stdout!.on('data', forward)
  child.stderr!.on('data', forward)
  const outcome = new Promise<BuildOutcome>((resolve) => {
    child.on('error', (spawnError) => resolve({ code: null, signal: null, spawnError }))
    child.on('exit', (code, exitSignal) => resolve({ code, signal: exitSignal }))
  })
  return { outcome, kill: () => child.kill('SIGTERM') }
}

export interface SiteBuildOptions {
  cmsUrl: string
  sitesDir: string
  /** Clinic slugs to rebuild; all clinics when absent. */
  clinics?: string[]
  /** The change removed content: a drop in page count is expected. */
  allowPageDrop?: boolean
  /** Switch pages live before the search index is rebuilt (not for removals; see build-sites.ts). */
  deferSearch?: boolean
  /** Render only these languages' pages (undefined: all; see site/scripts/build-sites/locales.ts). */
  locales?: string[]
  log: (line: string) => void
  /** Kills the build (the live sites stay as they were). */
  signal?: AbortSignal
  timeoutMs?: number
  /** The publisher's loaded build process; without it, a new process runs this one build. */
  builder?: ResidentBuilder
}

export interface SiteBuildResult {
  ok: boolean
  /** Releases that went live. */
  releases: ReleaseManifest[]
  /** Why the build failed: its own error line(s), or how it ended. */
  error?: string
  ms: number
}

/**
 * Runs the site builder (site/scripts/build-sites.ts) against this CMS's REST API, passing its
 * progress lines through. The builder validates each clinic's tree and switches releases live only
 * when all succeeded; whatever happens here, the CMS keeps serving.
 */
export async function runSiteBuild({
  cmsUrl,
  sitesDir,
  clinics,
  allowPageDrop,
  deferSearch,
  locales,
  log,
  signal,
  timeoutMs = 15 * 60_000,
  builder,
}: SiteBuildOptions): Promise<SiteBuildResult> {
  const startedAt = Date.now()
  const resultFile = path.join(
    os.tmpdir(),
    `clinic-site-build-${process.pid}-${randomBytes(4).toString('hex')}.json`,
  )
  const input = {
    CMS_URL: cmsUrl,
    SITES_DIR: sitesDir,
    CLINICS: clinics?.join(',') ?? '',
    SITES_ALLOW_PAGE_DROP: allowPageDrop ? '1' : '',
    SITES_DEFER_SEARCH: deferSearch ? '1' : '',
    // Only these languages' pages are rendered; the others are kept from the live release.
    SITES_LOCALES: locales?.join(',') ?? '',
    SITES_RESULT_FILE: resultFile,
  }
  const errors: string[] = []
  const forward = (chunk: Buffer) => {
    for (const line of chunk.toString().split('\n')) {
      if (!line.trim()) continue
      log(line)
      if (/BUILD FAILED|caused by:|^\s+\S.*->|Error:/.test(line))
        errors.push(line.replace(/^\[sites\] /, '').trim())
    }
  }
  let timedOut = false
  const attempt = async (started: { outcome: Promise<BuildOutcome>; kill: () => void }) => {
    const kill = () => started.kill()
    signal?.addEventListener('abort', kill, { once: true })
    const timer = setTimeout(
      () => {
        timedOut = true
        errors.push(`the build took longer than ${Math.round(timeoutMs / 1000)} s and was stopped`)
        kill()
      },
      timeoutMs - (Date.now() - startedAt),
    )
    const result = await started.outcome
    clearTimeout(timer)
    signal?.removeEventListener('abort', kill)
    // The resident builder's own account of a failure, in case its stderr is still in the pipe.
    for (const line of result.failure?.split('\n') ?? []) {
      const error = line.replace(/^\[sites\] /, '').trim()
      if (error && !errors.includes(error)) errors.push(error)
    }
    return result
  }
  let outcome = await attempt(
    builder ? await builder.run(input, forward) : startOnce(input, forward),
  )
  if (builder && outcome.code !== 0 && !outcome.signal && !timedOut && !signal?.aborted) {
    // Builds after the first in one process have failed inside the bundler (a chunk importing one
    // it did not write; see site/scripts/build-sites/resident.ts): the build gets a new process
    // before it counts as failed. A failure of the content or the CMS fails there again.
    log('[publish] the loaded build process failed; building once more in a new process')
    errors.length = 0
    outcome = await attempt(startOnce(input, forward))
  }
  let releases: ReleaseManifest[] = []
  try {
    releases = (
      JSON.parse(await fs.readFile(resultFile, 'utf8')) as { releases: ReleaseManifest[] }
    ).releases
  } catch {
    // No result: the build failed before releasing anything.
  } finally {
    await fs.rm(resultFile, { force: true })
  }
  const ms = Date.now() - startedAt
  if (outcome.code === 0) return { ok: true, releases, ms }
  const how = outcome.spawnError
    ? `the site build could not start: ${outcome.spawnError.message}`
    : outcome.signal
      ? `the site build was killed (${outcome.signal})`
      : `the site build exited with code ${outcome.code}`
  return { ok: false, releases, error: [...new Set(errors)].slice(0, 12).join('\n') || how, ms }
}

/**
 * The site-builds collection as the publisher writes it: one record per build (what triggered it,
 * which clinics, whether their releases went live, the error when not), kept for 90 days.
 */
import type { Payload } from 'payload'

import type { Clinic, SiteBuild } from '@clinic/shared/payload-types'

import { SITE_BUILDS } from '../collections/slugs'
import type { SiteBuildResult } from './siteBuild'

const KEPT_DAYS = 90

/**
 * Builds a previous server was running when it crashed (a graceful stop records them as failed)
 * would show as building forever. Their jobs are handed back to the queue, so the same clinics
 * are rebuilt.
 */
export async function failInterruptedBuilds(payload: Payload): Promise<void> {
  await payload.update({
    collection: SITE_BUILDS,
    where: { status: { equals: 'building' } },
    data: {
      status: 'failed',
      finishedAt: new Date().toISOString(),
      error:
        'interrupted: the CMS stopped while this build ran (its changes are rebuilt by the retried job)',
    },
    depth: 0,
  })
}

export async function recordBuildStart(
  payload: Payload,
  build: { summary: string; clinics: Clinic['id'][]; reasons: string[] },
): Promise<SiteBuild['id']> {
  const record = await payload.create({
    collection: SITE_BUILDS,
    data: {
      summary: build.summary,
      status: 'building',
      clinics: build.clinics,
      reasons: [...new Set(build.reasons)].slice(0, 100).join('\n'),
      startedAt: new Date().toISOString(),
    },
    depth: 0,
  })
  return record.id
}

export async function recordBuildEnd(
  payload: Payload,
  id: SiteBuild['id'],
  result: SiteBuildResult,
): Promise<void> {
  await payload.update({
    collection: SITE_BUILDS,
    id,
    data: {
      status: result.ok ? 'live' : 'failed',
      finishedAt: new Date().toISOString(),
      durationMs: result.ms,
      pages: result.releases.reduce((sum, release) => sum + release.pages, 0),
      releases: Object.fromEntries(result.releases.map((release) => [release.clinic, release.id])),
      error: result.error ?? null,
    },
    depth: 0,
  })
}

/** The build log is history, not state: records older than 90 days go. */
export async function pruneBuildRecords(
  payload: Payload,
  log: (line: string) => void,
): Promise<void> {
  await payload
    .delete({
      collection: SITE_BUILDS,
      where: {
        startedAt: { less_than: new Date(Date.now() - KEPT_DAYS * 86_400_000).toISOString() },
      },
      depth: 0,
    })
    .catch((error: unknown) =>
      log(`[publish] could not prune old site-build records: ${(error as Error).message}`),
    )
}

/** What a site build is asked to do, read once from its environment (documented in build-sites.ts). */
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { slugsFromList } from '@clinic/shared/slug'

export const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..')
const repoRoot = path.resolve(siteDir, '..')

export interface BuildSettings {
  sitesDir: string
  cmsUrl: string
  /** The clinics CLINICS names (only those get new releases), or undefined for all. */
  clinics: string[] | undefined
  /** Largest share of a clinic's pages a build may remove unless `allowPageDrop`. */
  maxPageDrop: number
  /** The change removed content (unpublish, delete): pages may disappear. */
  allowPageDrop: boolean
  /** Switch pages live before re-indexing search (never when content was removed). */
  deferSearch: boolean
  /** Clinics assembled, checked and indexed at once. */
  lanes: number
  /** Astro processes a full build renders in (render-workers.ts). */
  renderWorkers: number
  /** Memory the render processes of one build may use together, in MB (render-workers.ts). */
  memoryBudgetMb: number
  /** Where to write the JSON report of the new releases. */
  resultFile?: string
}

const flag = (value: string | undefined) => value === '1' || value === 'true'

export function buildSettings(env: NodeJS.ProcessEnv = process.env): BuildSettings {
  const raw = env.SITES_MAX_PAGE_DROP
  const maxPageDrop = raw === undefined || raw === '' ? 0.25 : Number(raw)
  if (!Number.isFinite(maxPageDrop) || maxPageDrop < 0 || maxPageDrop > 1)
    throw new Error(`SITES_MAX_PAGE_DROP must be a share between 0 and 1, not "${raw}"`)
  const allowPageDrop = flag(env.SITES_ALLOW_PAGE_DROP)
  return {
    sitesDir: path.resolve(env.SITES_DIR ?? path.join(repoRoot, 'data', 'sites')),
    cmsUrl: env.CMS_URL ?? 'http://localhost:3000',
    clinics: slugsFromList(env.CLINICS),
    maxPageDrop,
    allowPageDrop,
    /**
     * SITES_DEFER_SEARCH=1 (the publisher, for changes that removed nothing): a clinic that has a
     * live release goes live with a copy of that release's search index, and its new index is
     * written right after the switch (a few seconds later). Search results lag the pages by those
     * seconds; pages never do. A change that removed content is indexed before the switch, so
     * removed text is never searchable on the new release.
     */
    deferSearch: flag(env.SITES_DEFER_SEARCH) && !allowPageDrop,
    // Each Pagefind process indexes on one core (see search.ts).
    lanes: Math.max(1, Math.min(4, Number(env.PAGEFIND_LANES) || os.availableParallelism())),
    // Each Astro build renders on one core; two share the work of a full build (render-workers.ts).
    renderWorkers: Math.max(
      1,
      Math.min(2, Number(env.SITES_RENDER_WORKERS) || os.availableParallelism()),
    ),
    memoryBudgetMb: Number(env.SITES_MEMORY_BUDGET_MB) || 2500,
    resultFile: env.SITES_RESULT_FILE || undefined,
  }
}

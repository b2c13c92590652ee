/**
 * The `rebuildSites` job: stored by the hooks in the change's transaction, run by the server's
 * site publisher after the commit. The handler hands the clinics to the publisher registered in
 * this process, which coalesces every job it is given while a build runs into one follow-up build
 * and resolves each job when a build covering it went live (or fails it, so Payload retries it).
 */
import type { TaskConfig } from 'payload'

export const REBUILD_SITES_TASK = 'rebuildSites'
export const REBUILD_SITES_QUEUE = 'sites'

export interface RebuildSitesInput {
  /** Clinic slugs, or ['*'] for every clinic. */
  clinics: string[]
  /** The change removed content from these clinics (unpublish, delete): pages may legitimately disappear. */
  removals: boolean
  reason: string
}

/** What the server registers (cms/src/publishing/publisher.ts); absent in scripts and the admin's own bundle. */
export interface SitePublisherHandle {
  request: (input: RebuildSitesInput) => Promise<void>
}

const PUBLISHER = Symbol.for('clinic-network.site-publisher')
type Holder = { [PUBLISHER]?: SitePublisherHandle }

export function registerSitePublisher(publisher: SitePublisherHandle | undefined): void {
  ;(globalThis as Holder)[PUBLISHER] = publisher
}

export const rebuildSitesTask: TaskConfig<{ input: RebuildSitesInput; output: object }> = {
  slug: REBUILD_SITES_TASK,
  label: 'Rebuild clinic sites',
  inputSchema: [
    { name: 'clinics', type: 'json', required: true },
    { name: 'removals', type: 'checkbox' },
    { name: 'reason', type: 'text' },
  ],
  // A failed build leaves the live sites as they were; it is retried after 5, 10, 20 and 40 s.
  retries: { attempts: 4, backoff: { type: 'exponential', delay: 5_000 } },
  handler: async ({ input }) => {
    const publisher = (globalThis as Holder)[PUBLISHER]
    if (!publisher)
      throw new Error('No site publisher runs in this process (it runs inside the CMS server).')
    await publisher.request({
      clinics: input.clinics,
      removals: Boolean(input.removals),
      reason: input.reason ?? '',
    })
    return { output: {} }
  },
}

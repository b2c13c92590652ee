/**
 * The `rebuildSites` job: stored by the hooks in the change's transaction, run by the server's
 * site publisher (publisher.ts) after the commit. The publisher runs the queue with itself in the
 * request context; the handler hands the clinics to it, and it coalesces every job it is given
 * while a build runs into one follow-up build and resolves each job when a build covering it went
 * live (or fails it, so Payload retries it).
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
  /**
   * The locales whose pages changed (e.g. ['es'] when only the Spanish was published); absent:
   * every locale (a change to a clinic, a provider or a condition, or an older job).
   */
  locales?: string[]
}

/** What the handler needs of the publisher. */
export interface SitePublisherHandle {
  /** Asks for a build (resolves once a build covering it went live; rejects when it failed). */
  request: (input: RebuildSitesInput) => Promise<void>
}

/** Where the publisher puts itself in the context of the queue runs it starts. */
export const PUBLISHER_CONTEXT = 'sitePublisher'

export const rebuildSitesTask: TaskConfig<{ input: RebuildSitesInput; output: object }> = {
  slug: REBUILD_SITES_TASK,
  label: 'Rebuild clinic sites',
  inputSchema: [
    { name: 'clinics', type: 'json', required: true },
    { name: 'removals', type: 'checkbox' },
    { name: 'reason', type: 'text' },
    { name: 'locales', type: 'json' },
  ],
  // A failed build leaves the live sites as they were; it is retried after 5, 10, 20 and 40 s.
  retries: { attempts: 4, backoff: { type: 'exponential', delay: 5_000 } },
  handler: async ({ input, req }) => {
    const publisher = req.context[PUBLISHER_CONTEXT] as SitePublisherHandle | undefined
    if (!publisher)
      throw new Error(
        "Site rebuilds are run by the CMS server's site publisher, not by this queue runner.",
      )
    await publisher.request({
      clinics: input.clinics,
      removals: Boolean(input.removals),
      reason: input.reason ?? '',
      ...(Array.isArray(input.locales) ? { locales: input.locales } : {}),
    })
    return { output: {} }
  },
}

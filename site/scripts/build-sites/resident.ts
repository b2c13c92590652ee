/**
 * The resident site builder: the CMS's publisher keeps one build process per SITES_DIR loaded
 * and hands it each build (an IPC message with the build's input), instead of starting Node and
 * Astro again for every publish. Measured on the 10,000-page benchmark network (three clinics,
 * load average 8-9): Astro's build() takes 8.7-11.3 s in a new process and 2.2-3.1 s when the
 * process has built before. Each build renders from a fresh network snapshot (network-cache.ts)
 * in a working folder of its own, so its page modules are new instances too; the snapshot is made
 * of the documents the process kept from earlier builds and those that changed since, which alone
 * are read in full again (`currentDocuments` in src/data/network.ts). Builds into one
 * shared folder fail (Node's module cache keeps the previous build's chunks under the same names);
 * in a measurement, a third build into a new folder failed once inside the bundler (a chunk
 * importing one it had not written), so the CMS runs a failed build once more in a new process
 * (cms/src/publishing/siteBuild.ts) before it counts as failed.
 *
 * Builds run one at a time (the publisher never asks for two at once). The process ends with the
 * CMS (its channel closes) and the CMS replaces it after a failed build and every RECYCLE builds
 * (its memory grows by tens of MB per build).
 */
import { forgetNetwork } from '../../src/data/network-cache.ts'
import { restartClock } from './log.ts'

/** What changes from one build to the next (the rest of the environment is the process's own). */
export const BUILD_INPUT = [
  'CMS_URL',
  'CLINICS',
  'SITES_ALLOW_PAGE_DROP',
  'SITES_DEFER_SEARCH',
  'SITES_LOCALES',
  'SITES_RESULT_FILE',
] as const

export interface BuildRequest {
  build: Partial<Record<(typeof BUILD_INPUT)[number], string>>
}
export interface BuildDone {
  done: true
  ok: boolean
  /**
   * The failure as printed on stderr: the CMS may read this message before the pipe's last lines,
   * and it words a failed build's record from them.
   */
  failure?: string
}

export const isResident = () => process.env.SITES_RESIDENT === '1' && Boolean(process.send)

/** Waits for builds from the CMS and runs each with `run`; `fail` reports a failed one. */
export function serveBuilds(run: () => Promise<void>, fail: (error: unknown) => string): void {
  process.once('disconnect', () => process.exit(1))
  // Loaded while waiting, so that the first build finds Astro ready.
  void import('astro')
  process.on('message', (message: BuildRequest) => {
    void (async () => {
      for (const name of BUILD_INPUT) delete process.env[name]
      Object.assign(process.env, message.build)
      forgetNetwork()
      restartClock()
      let failure: string | undefined
      try {
        await run()
      } catch (error) {
        failure = fail(error)
      }
      process.send!({ done: true, ok: failure === undefined, failure } satisfies BuildDone)
    })()
  })
}

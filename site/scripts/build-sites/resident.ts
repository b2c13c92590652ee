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
 * Builds run one at a time (the publisher never asks for two at once). A build is reported done
 * once its clinics are live; its follow-up (build-sites/follow-up.ts: search indexes, shared files,
 * pruning) runs after that and is stopped by the next message, which then waits only for the
 * follow-up to let go of SITES_DIR. The process ends with the CMS (its channel closes); the CMS
 * replaces it after a failed build, and retires it every SITES_BUILDER_RECYCLE builds (its memory
 * grows by tens of MB per build): a retired process ends once its last follow-up is done or
 * stopped.
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

/** Runs a build (stopping the previous build's follow-up first). */
export interface BuildRequest {
  build: Partial<Record<(typeof BUILD_INPUT)[number], string>>
  /** The CMS retires the process after this build: no next build is bundled ahead. */
  last?: boolean
}
/** The process ends once its last build's follow-up is done (the CMS has started its successor). */
export interface RetireRequest {
  retire: true
}
/** Stops the last build's follow-up (a retired process's, when its successor is about to build). */
export interface StopFollowUpRequest {
  stopFollowUp: true
}
export type ResidentRequest = BuildRequest | RetireRequest | StopFollowUpRequest

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

/**
 * Waits for builds from the CMS and runs each with `run`, which calls `live` once its clinics are
 * live (the build is reported done then) and stops its follow-up when `signal` aborts; `fail`
 * reports a failed build. Once a build is live, `prepare` starts the next one (bundled ahead:
 * ahead.ts), which `run` is given with the next build, and `discard` ends when the process
 * retires.
 */
export function serveBuilds<Ahead>(
  run: (live: () => void, signal: AbortSignal, ahead?: Promise<Ahead | undefined>) => Promise<void>,
  fail: (error: unknown) => string,
  {
    prepare,
    discard,
  }: {
    prepare: () => Promise<Ahead | undefined>
    discard: (ahead: Ahead) => Promise<void>
  },
): void {
  process.once('disconnect', () => process.exit(1))
  // Loaded while waiting, so that the first build finds Astro ready.
  void import('astro')
  // The build running now (until its follow-up ended), and what stops its follow-up.
  let running: Promise<void> = Promise.resolve()
  let followUp: AbortController | undefined
  let next: Promise<Ahead | undefined> | undefined
  let retiring = false
  const build = async ({ build: input, last = false }: BuildRequest) => {
    const ahead = next
    next = undefined
    for (const name of BUILD_INPUT) delete process.env[name]
    Object.assign(process.env, input)
    forgetNetwork()
    restartClock()
    const stop = new AbortController()
    followUp = stop
    let reported = false
    const report = (failure?: string) => {
      reported = true
      process.send!({ done: true, ok: failure === undefined, failure } satisfies BuildDone)
      // The next build bundles while this one's follow-up runs (and while the CMS waits).
      if (failure === undefined && !retiring && !last) {
        next = prepare()
        next.catch(() => {})
      }
    }
    try {
      await run(() => report(), stop.signal, ahead)
      if (!reported) report()
    } catch (error) {
      const failure = fail(error)
      // After the switch, the build stays done: what failed is printed, and left to the next.
      if (!reported) report(failure)
    } finally {
      followUp = undefined
    }
  }
  process.on('message', (message: ResidentRequest) => {
    if ('retire' in message) {
      retiring = true
      void running
        .then(async () => {
          const ahead = await next?.catch(() => undefined)
          if (ahead) await discard(ahead)
        })
        .finally(() => process.exit(0))
      return
    }
    followUp?.abort()
    if ('build' in message) running = running.then(() => build(message))
  })
}

/**
 * The publisher's resident site builder (site/scripts/build-sites/resident.ts): one build process
 * kept loaded per publisher, handed each build over IPC. Started ahead of the first build and
 * again after each replacement, so a publish never waits for Node and Astro to load.
 *
 * A build is done when its clinics are live; the process then works on the build's follow-up
 * (search indexes, shared files, pruning), which the next build stops. A process replaced after
 * SITES_BUILDER_RECYCLE builds is retired, not killed: it ends once that follow-up is done, or
 * stopped when its successor gets a build (the successor waits for it to let go of SITES_DIR).
 */
import type { ChildProcess } from 'node:child_process'

import { startSiteScript } from './siteScripts'

/**
 * Builds one process runs before it is replaced (each leaves compiled modules in memory):
 * SITES_BUILDER_RECYCLE, default 20.
 */
function recycleAfter(): number {
  const value = Number(process.env.SITES_BUILDER_RECYCLE)
  return Number.isInteger(value) && value >= 1 ? value : 20
}
/** How long a retired process may take to finish its follow-up. */
const RETIRE_LIMIT_MS = 5 * 60_000

export interface BuildOutcome {
  code: number | null
  signal: NodeJS.Signals | null
  spawnError?: Error
  /** The failure as the build printed it (its stderr lines may arrive after the outcome). */
  failure?: string
}

export interface ResidentBuilderOptions {
  sitesDir: string
  cmsUrl: () => string
  /** Output of the process between builds (a build's own output goes to its `forward`). */
  log: (line: string) => void
}

export class ResidentBuilder {
  #child: ChildProcess | undefined
  /** Replaced processes still finishing a follow-up. */
  readonly #retiring = new Set<ChildProcess>()
  #builds = 0
  #forward: ((chunk: Buffer) => void) | undefined
  #closed = false

  constructor(private readonly options: ResidentBuilderOptions) {}

  /** Starts the process now if none is running (so the next build finds it loaded). */
  warm(): void {
    if (this.#closed || (this.#child && this.#child.exitCode === null && !this.#child.signalCode))
      return
    const child = startSiteScript('build-sites', {
      env: {
        CMS_URL: this.options.cmsUrl(),
        SITES_DIR: this.options.sitesDir,
        SITES_RESIDENT: '1',
      },
      ipc: true,
    })
    const idle = (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) this.options.log(line)
    }
    // A retired process's follow-up is not the running build's.
    const route = (chunk: Buffer) =>
      (this.#child === child && this.#forward ? this.#forward : idle)(chunk)
    child.stdout!.on('data', route)
    child.stderr!.on('data', route)
    child.on('error', () => {})
    this.#child = child
    this.#builds = 0
  }

  /** Runs one build with `input` (the build's environment); `kill` ends it (and the process). */
  async run(
    input: Record<string, string>,
    forward: (chunk: Buffer) => void,
  ): Promise<{ outcome: Promise<BuildOutcome>; kill: () => void }> {
    // A process that died while idle is replaced (a fresh one is connected at once).
    if (!this.#child?.connected) this.#child = undefined
    this.warm()
    for (const retired of this.#retiring)
      if (retired.connected) retired.send({ stopFollowUp: true }, () => {})
    const child = this.#child!
    this.#forward = forward
    this.#builds++
    const outcome = new Promise<BuildOutcome>((resolve) => {
      const onMessage = (message: { done?: boolean; ok?: boolean; failure?: string }) => {
        if (!message.done) return
        cleanup()
        resolve({ code: message.ok ? 0 : 1, signal: null, failure: message.failure })
      }
      const onExit = (code: number | null, signal: NodeJS.Signals | null) => {
        cleanup()
        resolve({ code: code ?? null, signal })
      }
      const onError = (spawnError: Error) => {
        cleanup()
        resolve({ code: null, signal: null, spawnError })
      }
      const cleanup = () => {
        child.off('message', onMessage)
        child.off('exit', onExit)
        child.off('error', onError)
      }
      child.on('message', onMessage)
      child.on('exit', onExit)
      child.on('error', onError)
    }).then((result) => {
      this.#forward = undefined
      // A failed build may have left the process in any state; an old one holds much memory.
      if (result.code !== 0) this.#replace(child)
      else if (this.#builds >= recycleAfter()) this.#retire(child)
      return result
    })
    // The process's last build before it is retired: it need not bundle a next one.
    child.send({ build: input, last: this.#builds >= recycleAfter() })
    return { outcome, kill: () => child.kill('SIGTERM') }
  }

  #replace(child: ChildProcess): void {
    if (child.exitCode === null && !child.signalCode) child.kill('SIGTERM')
    if (this.#child === child) this.#child = undefined
    this.warm()
  }

  /** Lets `child` finish its follow-up and end, and starts its successor now. */
  #retire(child: ChildProcess): void {
    if (this.#child === child) this.#child = undefined
    if (child.connected) {
      this.options.log(
        `[publish] site build process ${child.pid} retired after ${this.#builds} build(s); it ends once its last build's follow-up is done`,
      )
      this.#retiring.add(child)
      // A follow-up takes seconds; one that hangs does not keep the process for ever.
      const limit = setTimeout(() => child.kill('SIGTERM'), RETIRE_LIMIT_MS).unref()
      child.once('exit', (code, signal) => {
        clearTimeout(limit)
        this.#retiring.delete(child)
        this.options.log(
          `[publish] retired site build process ${child.pid} ended (${signal ?? `code ${code}`})`,
        )
      })
      child.send({ retire: true }, () => {})
    }
    this.warm()
  }

  close(): void {
    this.#closed = true
    this.#child?.kill('SIGTERM')
    this.#child = undefined
    for (const retired of this.#retiring) retired.kill('SIGTERM')
    this.#retiring.clear()
  }
}

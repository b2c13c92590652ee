/** The build's progress lines, `[sites] ...`, with the time since the build started. */
let started = Date.now()

/**
 * Time per phase of one build, for the breakdown line (`[sites] phases: ...`) that
 * bench:publish reads. Phases that run per clinic in lanes add up every clinic's time.
 */
class Phases {
  #ms = new Map<string, number>()

  add(phase: string, ms: number): void {
    this.#ms.set(phase, (this.#ms.get(phase) ?? 0) + ms)
  }

  /** Runs `work` and adds its time to `phase`. */
  async time<T>(phase: string, work: () => T | Promise<T>): Promise<T> {
    const from = Date.now()
    try {
      return await work()
    } finally {
      this.add(phase, Date.now() - from)
    }
  }

  summary(): string {
    return [...this.#ms].map(([phase, ms]) => `${phase} ${ms} ms`).join(', ')
  }

  reset(): void {
    this.#ms.clear()
  }
}
export const phases = new Phases()

/** A new build starts (the resident builder runs many in one process). */
export const restartClock = () => {
  started = Date.now()
  phases.reset()
}
export const sinceStart = () => Date.now() - started
export const elapsed = () => `${(sinceStart() / 1000).toFixed(1)} s`
export const log = (line: string) => process.stdout.write(`[sites] ${line}\n`)

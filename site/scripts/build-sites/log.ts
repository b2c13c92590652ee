/** The build's progress lines, `[sites] ...`, with the time since the build started. */
let started = Date.now()

/** A new build starts (the resident builder runs many in one process). */
export const restartClock = () => {
  started = Date.now()
}
export const sinceStart = () => Date.now() - started
export const elapsed = () => `${(sinceStart() / 1000).toFixed(1)} s`
export const log = (line: string) => process.stdout.write(`[sites] ${line}\n`)

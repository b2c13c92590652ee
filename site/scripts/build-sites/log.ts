/** The build's progress lines, `[sites] ...`, with the time since the build started. */
const started = Date.now()

export const sinceStart = () => Date.now() - started
export const elapsed = () => `${(sinceStart() / 1000).toFixed(1)} s`
export const log = (line: string) => process.stdout.write(`[sites] ${line}\n`)

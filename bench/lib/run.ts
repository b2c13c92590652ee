/**
 * Runs a benchmark's main function: exit code from main (1 if it threw), cleanup on the way out
 * and on Ctrl-C. Shared by bench/api.ts and bench/sites.ts.
 */
export async function runBench(
  main: () => Promise<number>,
  cleanup: () => Promise<void>,
  log: (line: string) => void,
): Promise<never> {
  let interrupted = false
  process.once('SIGINT', () => {
    interrupted = true
    log('[bench] interrupted; cleaning up...')
    cleanup().finally(() => process.exit(130))
  })

  let exitCode: number
  try {
    exitCode = await main()
  } catch (error) {
    console.error(`[bench] RUN FAILED: ${(error as Error).stack ?? error}`)
    exitCode = 1
  } finally {
    if (!interrupted) await cleanup()
  }
  process.exit(exitCode)
}

/**
 * The `importClinics` job (queue `imports`): one import run of the admin's Import view (run.ts).
 * The import engine (jsdom, the extractors, the planner) is loaded by the first run, not with the
 * config: a server that never imports does not pay for its thousand modules at start.
 */
import type { TaskConfig } from 'payload'

import type { RunId } from './run'

export const IMPORT_TASK = 'importClinics'
export const IMPORT_QUEUE = 'imports'

export const importClinicsTask: TaskConfig<{ input: { run: RunId }; output: object }> = {
  slug: IMPORT_TASK,
  label: 'Import a clinic site',
  inputSchema: [{ name: 'run', type: 'text', required: true }],
  retries: 0,
  handler: async ({ input, req }) => {
    const { runImport } = await import('./run')
    await runImport(req.payload, input.run)
    return { output: {} }
  },
}

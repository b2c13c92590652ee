/**
 * What one `importClinics` job does (task.ts): one import run of the admin's Import view. Plans
 * the uploaded export for its clinic, applies it unless it is a dry run, and keeps the run's
 * phase, rows and report up to date for the view; a cancel (endpoints.ts) stops it before the next
 * document. The uploaded file is deleted however the run ends. Not retried: a failed import is
 * reported; running it again resumes (apply/index.ts).
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import type { Payload } from 'payload'

import { IMPORT_RUNS } from '../../collections/slugs'
import { applyPlan } from '../apply'
import { ImportCancelled, type ApplyProgress } from '../apply/types'
import { networkData, planImport } from '../engine'
import { ImportInputError } from '../errors'
import { articleBodyEditorConfig } from '../lexical'

export type RunId = string | number
const PROGRESS_EVERY_MS = 500

async function setRun(payload: Payload, id: RunId, data: Record<string, unknown>) {
  await payload.update({ collection: IMPORT_RUNS, id, data, overrideAccess: true })
}

export async function runImport(payload: Payload, id: RunId): Promise<void> {
  const run = await payload.findByID({
    collection: IMPORT_RUNS,
    id,
    overrideAccess: true,
    showHiddenFields: true,
  })
  const upload = run.upload
  const progressWrites = new Set<Promise<unknown>>()
  let ending: Record<string, unknown>
  let unexpected: unknown
  try {
    ending = await importUpload(payload, run, progressWrites)
  } catch (error) {
    if (error instanceof ImportCancelled) {
      ending = { status: 'cancelled', error: error.message }
    } else if (error instanceof ImportInputError) {
      ending = { status: 'failed', error: error.message }
    } else {
      ending = { status: 'failed', error: 'The import failed; see the server log.' }
      unexpected = error
    }
  }
  // The run's end is written last, once the uploaded file is gone and no progress write can land
  // after it: whoever sees the run ended sees all of it ended (a progress write arriving late
  // would put a finished run's phase back, and a file deleted after "done" may still be there).
  await Promise.allSettled(progressWrites)
  if (upload) await fs.rm(path.dirname(upload), { recursive: true, force: true })
  await setRun(payload, id, { ...ending, upload: null })
  if (unexpected) throw unexpected
}

/** Plans and (unless a dry run) applies the run's upload; returns what the run's end records. */
async function importUpload(
  payload: Payload,
  run: {
    id: RunId
    upload?: string | null
    clinic: string
    label: string
    dryRun?: boolean | null
  },
  progressWrites: Set<Promise<unknown>>,
): Promise<Record<string, unknown>> {
  const { id, upload } = run
  if (!upload) throw new ImportInputError('The uploaded file is gone.', String(id))
  await setRun(payload, id, { status: 'running', phase: 'reading' })
  const plan = await planImport({
    clinics: [{ clinic: run.clinic, inputs: [upload] }],
    network: await networkData(payload),
    editorConfig: articleBodyEditorConfig(payload.config),
  })
  // What the report shows: the uploaded file's name, not where the server kept it.
  const report = JSON.parse(JSON.stringify(plan.report).split(upload).join(run.label))
  await setRun(payload, id, { report, phase: run.dryRun ? 'planned' : 'writing' })
  if (run.dryRun) return { status: 'done' }
  const stop = new AbortController()
  let last = 0
  const applied = await applyPlan(payload, plan, {
    signal: stop.signal,
    onProgress: (progress: ApplyProgress) => {
      const now = Date.now()
      if (now - last < PROGRESS_EVERY_MS) return
      last = now
      // Not awaited: progress never slows the import down; the cancel flag comes back with it.
      const write = payload
        .update({
          collection: IMPORT_RUNS,
          id,
          data: { phase: progress.phase, done: progress.done, total: progress.total },
          overrideAccess: true,
        })
        .then((doc) => {
          if (doc.cancelRequested) stop.abort()
        })
        .catch(() => {})
        .finally(() => progressWrites.delete(write))
      progressWrites.add(write)
    },
  })
  return { status: 'done', phase: 'done', applied }
}

import crypto from 'node:crypto'
import fs from 'node:fs/promises'
import path from 'node:path'

import { addDataAndFileToRequest } from 'payload'
import type { PayloadHandler, PayloadRequest } from 'payload'

import { isNetworkStaff } from '../../access/roles'
import { CLINICS, IMPORT_RUNS } from '../../collections/slugs'
import { dataDir } from '../../lib/paths'
import { IMPORT_QUEUE, IMPORT_TASK } from './task'

/** Exports the admin accepts: a WordPress export, saved REST JSON, or one saved page. */
const EXTENSIONS = new Set(['.xml', '.json', '.html', '.htm', '.txt', '.md'])
export const uploadsDir = () => path.join(dataDir, 'import-uploads')

const fail = (status: number, message: string) =>
  Response.json({ errors: [{ message }] }, { status })

/**
 * POST /api/import-runs/upload (multipart: `file`, and `_payload` = {"clinic", "dryRun"}):
 * network staff only. The file is bounded by the server's upload limits (UPLOAD_FILE_LIMIT), kept
 * outside every served folder under a random name, and deleted when its run ends (task.ts).
 */
export const uploadImport: PayloadHandler = async (req) => {
  if (!isNetworkStaff(req.user)) return fail(403, 'Only network staff may import sites.')
  try {
    await addDataAndFileToRequest(req)
  } catch (error) {
    return fail(400, `The upload could not be read: ${(error as Error).message}`)
  }
  const file = req.file
  const data = (req.data ?? {}) as { clinic?: unknown; dryRun?: unknown }
  if (!file) return fail(400, 'Choose an export file to upload.')
  const ext = path.extname(file.name).toLowerCase()
  if (!EXTENSIONS.has(ext))
    return fail(
      400,
      `"${file.name}" is not an export: upload a WordPress export (.xml), saved REST JSON (.json) or a saved page (.html, .txt, .md).`,
    )
  const limit = req.payload.config.upload?.limits?.fileSize
  if ((file as { truncated?: boolean }).truncated || (limit && file.size > limit))
    return fail(
      413,
      `"${file.name}" is larger than the upload limit; import it with npm run import.`,
    )
  if (typeof data.clinic !== 'string' || data.clinic === '') return fail(400, 'Choose a clinic.')
  const clinic = await req.payload.find({
    collection: CLINICS,
    where: { slug: { equals: data.clinic } },
    limit: 1,
    depth: 0,
    overrideAccess: true,
  })
  if (clinic.totalDocs === 0) return fail(400, `Unknown clinic "${data.clinic}".`)

  const dir = path.join(uploadsDir(), crypto.randomUUID())
  await fs.mkdir(dir, { recursive: true, mode: 0o700 })
  // The original name only for its extension: the engine reads the format from it.
  const stored = path.join(dir, `export${ext}`)
  await fs.writeFile(stored, file.data, { mode: 0o600 })
  const run = await req.payload.create({
    collection: IMPORT_RUNS,
    overrideAccess: true,
    data: {
      label: file.name.slice(0, 200),
      clinic: data.clinic,
      dryRun: data.dryRun === true,
      status: 'queued',
      upload: stored,
    },
  })
  await req.payload.jobs.queue({
    task: IMPORT_TASK,
    queue: IMPORT_QUEUE,
    input: { run: String(run.id) },
  })
  // Run it now, outside this request: the view follows its progress by polling the run.
  void req.payload.jobs.run({ queue: IMPORT_QUEUE, limit: 1 }).catch((error: unknown) => {
    req.payload.logger.error({ err: error, msg: 'import job failed to run' })
  })
  return Response.json({ id: run.id }, { status: 201 })
}

/** POST /api/import-runs/:id/cancel: the job stops before its next document (network staff). */
export const cancelImportRun: PayloadHandler = async (req: PayloadRequest) => {
  if (!isNetworkStaff(req.user)) return fail(403, 'Only network staff may cancel imports.')
  const id = req.routeParams?.id as string | undefined
  const run = id
    ? await req.payload.findByID({
        collection: IMPORT_RUNS,
        id,
        overrideAccess: true,
        disableErrors: true,
      })
    : null
  if (!run) return fail(404, 'Not found.')
  if (run.status === 'queued' || run.status === 'running') {
    await req.payload.update({
      collection: IMPORT_RUNS,
      id: run.id,
      overrideAccess: true,
      data: { cancelRequested: true },
    })
  }
  return Response.json({ id: run.id, cancelRequested: true })
}

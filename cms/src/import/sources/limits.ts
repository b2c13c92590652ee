import fs from 'node:fs/promises'

import { ImportInputError, megabytes } from '../errors'

/**
 * What one run reads at most. An export over the file limit is refused before a byte is read: a
 * WordPress site of a few hundred posts exports a few MB, and Tools -> Export can split a larger
 * one by date range or post type. Files under it are streamed (WXR) or read whole (JSON, pages).
 */
export interface ReadLimits {
  /** Largest export file (WXR or REST JSON). */
  maxFileBytes: number
  /** Largest saved page or text file. */
  maxPageBytes: number
  /** Largest single post body inside an export; larger ones are skipped and reported. */
  maxItemChars: number
  /** Most files read from one saved-pages folder. */
  maxFolderFiles: number
}

export const DEFAULT_LIMITS: ReadLimits = {
  maxFileBytes: 100 * 1024 * 1024,
  maxPageBytes: 5 * 1024 * 1024,
  maxItemChars: 2 * 1024 * 1024,
  maxFolderFiles: 5_000,
}

/** Refuses a file over `max` bytes with a message that says how to get under it. */
export async function assertFileSize(file: string, max: number, advice: string): Promise<number> {
  const { size } = await fs.stat(file)
  if (size > max) {
    throw new ImportInputError(
      `${file} is ${megabytes(size)}; the importer reads at most ${megabytes(max)} per file. ${advice}`,
      file,
      413,
    )
  }
  return size
}

/** True when the first bytes look like text (no NUL byte): a zip or an image is not an export. */
export async function looksLikeText(file: string): Promise<boolean> {
  const handle = await fs.open(file, 'r')
  try {
    const buffer = Buffer.alloc(4096)
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0)
    return !buffer.subarray(0, bytesRead).includes(0)
  } finally {
    await handle.close()
  }
}

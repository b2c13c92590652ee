import fs from 'node:fs/promises'
import path from 'node:path'

import { ImportInputError } from '../errors'
import type { ClinicSource } from '../types'
import { DEFAULT_LIMITS, type ReadLimits } from './limits'
import { readSavedPages } from './savedPages'
import { fetchWpRest, readWpRestFile } from './wpRest'
import { readWxr } from './wxr'

export { DEFAULT_LIMITS, type ReadLimits } from './limits'

/**
 * One clinic's inputs, each a WXR file, a saved REST JSON file, a folder of saved pages or a live
 * site's base URL, read into one ClinicSource. The kind is told by what the input is, then by its
 * first bytes, never trusted from the extension alone.
 */
export async function readClinicSources(
  clinic: string,
  inputs: string[],
  { limits = DEFAULT_LIMITS, cwd = process.cwd() }: { limits?: ReadLimits; cwd?: string } = {},
): Promise<ClinicSource> {
  const parts: ClinicSource[] = []
  for (const input of inputs) parts.push(await readOne(clinic, input, limits, cwd))
  return {
    clinic,
    items: parts.flatMap((part) => part.items),
    attachments: parts.flatMap((part) => part.attachments),
    authors: parts.flatMap((part) => part.authors),
    siteUrls: [...new Set(parts.flatMap((part) => part.siteUrls))],
    issues: parts.flatMap((part) => part.issues),
  }
}

async function readOne(
  clinic: string,
  input: string,
  limits: ReadLimits,
  cwd: string,
): Promise<ClinicSource> {
  if (/^https?:\/\//i.test(input)) return fetchWpRest(input, clinic, { limits })
  const file = path.resolve(cwd, input)
  let stat
  try {
    stat = await fs.stat(file)
  } catch {
    throw new ImportInputError(`${input} does not exist.`, input)
  }
  if (stat.isDirectory()) return readSavedPages(file, clinic, input, limits)
  if (!stat.isFile()) throw new ImportInputError(`${input} is not a file or folder.`, input)
  if (stat.size === 0) throw new ImportInputError(`${input} is empty.`, input)
  switch (await sniff(file)) {
    case 'xml':
      return readWxr(file, clinic, input, limits)
    case 'json':
      return readWpRestFile(file, clinic, input, limits)
    default:
      throw new ImportInputError(
        `${input} is not an export the importer reads: pass a WordPress export (.xml), saved /wp-json/wp/v2/posts or /pages JSON, or a folder of saved pages.`,
        input,
      )
  }
}

async function sniff(file: string): Promise<'xml' | 'json' | 'other'> {
  const handle = await fs.open(file, 'r')
  try {
    const buffer = Buffer.alloc(512)
    const { bytesRead } = await handle.read(buffer, 0, 512, 0)
    const head = buffer
      .subarray(0, bytesRead)
      .toString('utf8')
      .replace(/^\uFEFF/, '')
      .trimStart()
    if (head.startsWith('<')) return 'xml'
    if (head.startsWith('[') || head.startsWith('{')) return 'json'
    return 'other'
  } finally {
    await handle.close()
  }
}

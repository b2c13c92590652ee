import fs from 'node:fs/promises'
import path from 'node:path'

import { ImportInputError } from '../errors'
import type { ClinicSource, SourceItem } from '../types'
import { DEFAULT_LIMITS, type ReadLimits } from './limits'

/**
 * A folder of saved pages: `.html`/`.htm` as a browser saved them and `.txt`/`.md` visible text.
 * Each file's old address comes from `urls.csv` (file,url) in the folder, else from its path
 * (`2019/05/ketamine-and-pain.html` -> `/2019/05/ketamine-and-pain/`).
 */

const PAGE_EXTENSIONS: Record<string, SourceItem['format']> = {
  '.html': 'page',
  '.htm': 'page',
  '.txt': 'text',
  '.md': 'markdown',
}

export async function readSavedPages(
  folder: string,
  clinic: string,
  displayPath: string,
  limits: ReadLimits = DEFAULT_LIMITS,
): Promise<ClinicSource> {
  const files = await listPages(folder, limits.maxFolderFiles, displayPath)
  if (files.length === 0) {
    throw new ImportInputError(
      `${displayPath} has no saved pages: expected .html, .htm, .txt or .md files (with an optional urls.csv).`,
      displayPath,
    )
  }
  const urls = await readUrlsCsv(path.join(folder, 'urls.csv'), displayPath)
  const source: ClinicSource = {
    clinic,
    items: [],
    attachments: [],
    authors: [],
    siteUrls: [],
    issues: [],
  }
  for (const relative of files) {
    const file = path.join(folder, relative)
    const where = path.join(displayPath, relative)
    const { size } = await fs.stat(file)
    if (size > limits.maxPageBytes) {
      source.issues.push({
        clinic,
        code: 'skipped-too-large',
        where,
        message: `${where} is larger than ${limits.maxPageBytes} bytes; it was not read.`,
      })
      continue
    }
    const content = await fs.readFile(file, 'utf8')
    if (content.includes('\u0000')) {
      source.issues.push({
        clinic,
        code: 'unreadable-item',
        where,
        message: `${where} is a binary file, not a saved page.`,
      })
      continue
    }
    const url = urls.get(relative.split(path.sep).join('/')) ?? urlFromPath(relative)
    source.items.push({
      source: { clinic, kind: 'saved-pages', url, wpId: null, file: where },
      type: 'post',
      status: 'publish',
      title: '',
      slug: slugFromUrl(url),
      excerpt: null,
      publishedAt: null,
      modifiedAt: null,
      author: null,
      categories: [],
      tags: [],
      format: PAGE_EXTENSIONS[path.extname(relative).toLowerCase()]!,
      content,
      featuredImage: null,
    })
  }
  return source
}

async function listPages(folder: string, max: number, displayPath: string): Promise<string[]> {
  const entries = await fs.readdir(folder, { recursive: true, withFileTypes: true })
  const pages = entries
    .filter((entry) => entry.isFile() && path.extname(entry.name).toLowerCase() in PAGE_EXTENSIONS)
    .map((entry) => path.relative(folder, path.join(entry.parentPath, entry.name)))
    .sort()
  if (pages.length > max) {
    throw new ImportInputError(
      `${displayPath} holds ${pages.length} pages; one run reads at most ${max}. Import it in parts.`,
      displayPath,
      413,
    )
  }
  return pages
}

/** The last path segment, unless it is a number (a page of a list: `/blog/page/2/`). */
function slugFromUrl(url: string): string | null {
  const last = url.split(/[?#]/)[0]!.split('/').filter(Boolean).pop()
  return last && !/^\d+$/.test(last) ? last : null
}

/** `2019/05/ketamine-and-pain.html` -> `/2019/05/ketamine-and-pain/`; `index.html` files name their folder. */
export function urlFromPath(relative: string): string {
  const parts = relative.split(path.sep)
  const last = parts.pop()!.replace(/\.[^.]+$/, '')
  if (last !== 'index') parts.push(last)
  return parts.length === 0 ? '/' : `/${parts.map(encodeURIComponent).join('/')}/`
}

/**
 * `file,url` rows (a header row is optional; fields may be double-quoted). Two columns of plain
 * text need no CSV library.
 */
async function readUrlsCsv(file: string, displayPath: string): Promise<Map<string, string>> {
  let text: string
  try {
    text = await fs.readFile(file, 'utf8')
  } catch {
    return new Map()
  }
  const urls = new Map<string, string>()
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === '') return
    const fields = [...line.matchAll(/\s*(?:"((?:[^"]|"")*)"|([^,]*))\s*(?:,|$)/g)]
      .map((match) => (match[1] !== undefined ? match[1].replace(/""/g, '"') : match[2]!).trim())
      .slice(0, 2)
    const [name, url] = fields
    if (index === 0 && name?.toLowerCase() === 'file') return
    if (!name || !url) {
      throw new ImportInputError(
        `${path.join(displayPath, 'urls.csv')} line ${index + 1}: expected "file,url".`,
        displayPath,
      )
    }
    urls.set(name.replace(/^\.\//, ''), url)
  })
  return urls
}

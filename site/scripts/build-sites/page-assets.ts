/**
 * Which /_astro/ files each page of a tree uses (`.page-assets.json`, kept with the release like
 * its page keys). A tree links only the images its pages use (assemble.ts), and a build of one
 * language takes the other language's pages with the files they use from the live release
 * (locales.ts); both read that from the pages' HTML. A publish's tree is mostly the live release's
 * own pages, linked unchanged (page-keys.ts): their record comes from the release instead of their
 * HTML, which at 64,000 pages was half of a publish's tree time (reading every page of three
 * clinics: 0.34 s; the kept Spanish pages: most of 0.22 s).
 *
 * A record is only taken for a page that is the release's file (linked from it, so the same
 * bytes); any other page, or one the record lacks, is read.
 */
import fsSync from 'node:fs'
import path from 'node:path'

export const PAGE_ASSETS_FILE = '.page-assets.json'

const ASSET_REF = /\/_astro\/[^"'\s),]+/g

/** Each page's /_astro/ files (names, without the folder), by the page's file in the tree. */
export type PageAssets = Map<string, string[]>

/** The /_astro/ files a page's HTML refers to, each once, in order of appearance. */
export const assetsInHtml = (html: string): string[] => [
  ...new Set((html.match(ASSET_REF) ?? []).map((ref) => ref.slice('/_astro/'.length))),
]

/** A release's record, or undefined when it has none (a release from before, a broken file). */
export function readPageAssets(dir: string): PageAssets | undefined {
  try {
    const record = JSON.parse(fsSync.readFileSync(path.join(dir, PAGE_ASSETS_FILE), 'utf8')) as {
      pages: Record<string, string[]>
    }
    return new Map(Object.entries(record.pages))
  } catch {
    return undefined
  }
}

/**
 * The /_astro/ files of the page at `relative` in `tree`: from `release`'s record when the page
 * is that release's file (`fromRelease`), otherwise from its HTML.
 */
export function pageAssets(
  tree: string,
  relative: string,
  release?: { record: PageAssets | undefined; fromRelease: boolean },
): string[] {
  const recorded = release?.fromRelease ? release.record?.get(relative) : undefined
  return recorded ?? assetsInHtml(fsSync.readFileSync(path.join(tree, relative), 'utf8'))
}

/** Writes a tree's record, pages in file order (the same pages make the same file). */
export function writePageAssets(tree: string, pages: PageAssets): void {
  const sorted = [...pages].sort(([a], [b]) => (a < b ? -1 : 1))
  fsSync.writeFileSync(
    path.join(tree, PAGE_ASSETS_FILE),
    `${JSON.stringify({ pages: Object.fromEntries(sorted) })}\n`,
  )
}

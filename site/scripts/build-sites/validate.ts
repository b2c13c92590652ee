/** Step 2b: a clinic's tree is complete, its links resolve, and it shows what the CMS published. */
import fs from 'node:fs'
import path from 'node:path'

import { DEFAULT_LOCALE, LOCALE_CODES, type Locale } from '@clinic/shared/locales'
import { articleIndexPath, homePath, notFoundPath, rssPath } from '@clinic/shared/paths'
import type { LiveRelease } from '@clinic/shared/releases'

import { exists, walk } from './files.ts'
import type { BuildSettings } from './settings.ts'

const REQUIRED_FILES = [
  ...LOCALE_CODES.flatMap((locale) =>
    [homePath(locale), notFoundPath(locale), rssPath(locale)].map((file) =>
      file.endsWith('/') ? `${file.slice(1)}index.html` : file.slice(1),
    ),
  ),
  'sitemap.xml',
  'robots.txt',
  'favicon.svg',
]
const LINK_REF = /\s(?:href|src)="(\/[^"#?]*)[^"]*"/g

/**
 * Every root-relative href/src in the tree's pages must resolve to a file of the same tree; not
 * checked again in the `unchanged` pages (files relative to the tree), which are the live
 * release's own files, whose links resolved when it was validated. A page linked by the render
 * (page-keys.ts): what it links to that can go away (an article, a condition, a page of the
 * article list) is in every page's key (the paths of every article and condition), so a change
 * that removes one renders every page again. A page of another language a one-language build
 * kept (locales.ts): a change that adds, removes or moves a version rebuilds every language whose
 * pages link to it (`changedLocales` in cms/src/publishing/hooks.ts). Returns the number of pages.
 */
function checkLinks(slug: string, tree: string, unchanged?: Set<string>): number {
  const broken: string[] = []
  const seen = new Map<string, boolean>()
  let pages = 0
  const resolves = (target: string) => {
    let result = seen.get(target)
    if (result === undefined) {
      const file = decodeURI(target).endsWith('/')
        ? path.join(tree, decodeURI(target), 'index.html')
        : path.join(tree, decodeURI(target))
      result = file.startsWith(tree) && fs.existsSync(file)
      seen.set(target, result)
    }
    return result
  }
  for (const file of walk(tree)) {
    if (!file.endsWith('.html')) continue
    pages++
    if (unchanged?.has(path.relative(tree, file))) continue
    const html = fs.readFileSync(file, 'utf8')
    for (const match of html.matchAll(LINK_REF)) {
      const target = match[1]!
      // Pagefind's files are written after this check.
      if (target.startsWith('/pagefind/')) continue
      if (!resolves(target)) broken.push(`${path.relative(tree, file)} -> ${target}`)
    }
  }
  if (broken.length > 0) {
    throw new Error(
      `${slug}: ${broken.length} broken internal link(s):\n  ${broken.slice(0, 20).join('\n  ')}`,
    )
  }
  return pages
}

/**
 * The tree shows exactly the published articles the CMS listed for this clinic in `locale` (none
 * missing, no page for anything else, e.g. a draft or an English-only article under /es/).
 */
function checkArticles(
  slug: string,
  tree: string,
  locale: Locale,
  expectedArticles: string[],
): void {
  // /articles/ and its list pages' folder (/articles/page/), or /es/articulos/ and /pagina/.
  const articlesDir = path.join(tree, articleIndexPath(1, locale))
  const pagesDir = path.basename(path.dirname(path.join(tree, articleIndexPath(2, locale))))
  const rendered = new Set<string>()
  const entries = fs.existsSync(articlesDir)
    ? fs.readdirSync(articlesDir, { withFileTypes: true })
    : []
  for (const entry of entries) {
    if (
      entry.isDirectory() &&
      entry.name !== pagesDir &&
      fs.existsSync(path.join(articlesDir, entry.name, 'index.html'))
    )
      rendered.add(entry.name)
  }
  const expected = new Set(expectedArticles)
  const missing = [...expected].filter((article) => !rendered.has(article))
  const unexpected = [...rendered].filter((article) => !expected.has(article))
  if (missing.length > 0 || unexpected.length > 0) {
    throw new Error(
      `${slug}: the ${locale} article pages do not match the published articles the CMS lists for this clinic` +
        `${missing.length ? `; missing: ${missing.join(', ')}` : ''}${unexpected.length ? `; not published here: ${unexpected.join(', ')}` : ''}`,
    )
  }
}

/**
 * The tree does not lose more than SITES_MAX_PAGE_DROP of the live release's pages unless the
 * change removed content.
 */
function checkPageCount(
  slug: string,
  pages: number,
  live: LiveRelease | undefined,
  { allowPageDrop, maxPageDrop }: BuildSettings,
): void {
  const before = live?.manifest?.pages
  if (before && !allowPageDrop && pages < before * (1 - maxPageDrop)) {
    throw new Error(
      `${slug}: the new release has ${pages} pages, the live one ${before}: a drop of more than ${Math.round(maxPageDrop * 100)}% ` +
        'without an unpublish or delete to explain it (SITES_MAX_PAGE_DROP; SITES_ALLOW_PAGE_DROP=1 to accept it)',
    )
  }
}

/** Checks a clinic's assembled tree against the CMS and its live release; returns its page count. */
export async function validateTree(
  slug: string,
  tree: string,
  {
    articles,
    translations = {},
    live,
    settings,
    unchanged,
  }: {
    /** The English articles' slugs. */
    articles: string[]
    /** Per other language, its articles' slugs (a language missing here must have none). */
    translations?: Record<string, string[]>
    live: LiveRelease | undefined
    settings: BuildSettings
    /** Pages linked from the live release unchanged, whose links are not checked again. */
    unchanged?: Set<string>
  },
): Promise<number> {
  for (const required of REQUIRED_FILES) {
    if (!(await exists(path.join(tree, required))))
      throw new Error(`${slug}: ${required} is missing`)
  }
  const pages = checkLinks(slug, tree, unchanged)
  for (const locale of LOCALE_CODES)
    checkArticles(
      slug,
      tree,
      locale,
      locale === DEFAULT_LOCALE ? articles : (translations[locale] ?? []),
    )
  checkPageCount(slug, pages, live, settings)
  return pages
}

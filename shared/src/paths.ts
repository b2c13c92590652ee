/**
 * The URL scheme of a clinic site: what the site generator renders at, and what links to it use
 * (canonical URLs, the CMS's links to live pages). Root-relative: each clinic's tree is served at
 * its domain root.
 */
export const ARTICLES_PER_PAGE = 12

/**
 * Article list page n. Pages 2+ live under /articles/page/<n>/ rather than /articles/<n>/: article
 * slugs may be numbers ("2" is a valid slug), and the two must never collide.
 */
export const articleIndexPath = (page: number) =>
  page <= 1 ? '/articles/' : `/articles/page/${page}/`

export const articlePath = (slug: string) => `/articles/${slug}/`
export const conditionPath = (slug: string) => `/conditions/${slug}/`

/** An absolute URL on a clinic's site: its site URL (with or without a trailing slash) and a path. */
export const absoluteUrl = (siteUrl: string, path: string) =>
  `${siteUrl.replace(/\/+$/, '')}${path}`

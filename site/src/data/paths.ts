/** URL scheme of a clinic site (root-relative: each clinic's tree is served at its domain root). */
export const ARTICLES_PER_PAGE = 12

/**
 * Article list page n. Pages 2+ live under /articles/page/<n>/ rather than /articles/<n>/: article
 * slugs may be numbers ("2" is a valid slug), and the two must never collide.
 */
export const articleIndexPath = (page: number) =>
  page <= 1 ? '/articles/' : `/articles/page/${page}/`

export const articlePath = (slug: string) => `/articles/${slug}/`
export const conditionPath = (slug: string) => `/conditions/${slug}/`

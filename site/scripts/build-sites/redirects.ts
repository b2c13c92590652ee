/**
 * Step 2d: each clinic's redirects (the CMS's redirects collection: imported old addresses and
 * those added by hand) written into its tree before the switch, so they go live with the release:
 * - `.redirects/nginx-uri.map` and `.redirects/nginx-request-uri.map`, the bodies of the nginx
 *   `map`s that cms/src/webServer/nginx.ts includes for the clinic (production);
 * - `.redirects/rules.json`, what cms/src/server/localSites.ts answers 301 from (the local demo);
 * - `<old path>/index.html` with a meta refresh and a canonical link, for hosts that cannot redirect.
 * Dot folders are never served (nginx.ts and the local server refuse them). What the files say is
 * a pure function of the release's data (@clinic/shared/redirects), whichever build writes it.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import { articlePath } from '@clinic/shared/paths'
import {
  clinicRedirectRules,
  nginxRedirectMaps,
  redirectFallbackPage,
  type ResolvedRedirect,
} from '@clinic/shared/redirects'

import { CmsClient } from '../../src/lib/cms-client.ts'
import { exists, walk } from './files.ts'
import { log } from './log.ts'
import type { PreparedTree } from './release.ts'
import type { BuildManifest } from './render.ts'
import type { BuildSettings } from './settings.ts'

export const REDIRECTS_DIR = '.redirects'

/** Root-relative paths a tree serves: `/a/b/` for `a/b/index.html`, `/404.html` for itself. */
async function servedPaths(tree: string): Promise<Set<string>> {
  const paths = new Set<string>(['/'])
  for (const file of walk(tree)) {
    const rel = `/${path.relative(tree, file).split(path.sep).join('/')}`
    if (rel.startsWith(`/${REDIRECTS_DIR}/`)) continue
    paths.add(rel.endsWith('/index.html') ? rel.slice(0, -'index.html'.length) : rel)
  }
  return paths
}

export async function writeRedirects(
  trees: PreparedTree[],
  manifest: BuildManifest,
  settings: BuildSettings,
): Promise<void> {
  const client = new CmsClient({ baseUrl: settings.cmsUrl })
  const redirects = await client.findAll('redirects', {
    select: ['from', 'to', 'ownerClinic'],
    depth: 0,
  })
  // Read only when there are redirects to resolve: listing every article took 2-3 s of a publish
  // on the 10,000-page benchmark network, which has none.
  const [clinics, articles] =
    redirects.length === 0
      ? [[], []]
      : await Promise.all([
          client.findAll('clinics', { select: ['slug'], depth: 0 }),
          // Published articles only (the API hides drafts from the build): a draft target has no page.
          client.findAll('articles', { select: ['slug'], depth: 0 }),
        ])
  // The build's summary counts every request it made of the CMS.
  manifest.cms.requests += client.requests
  manifest.cms.retries += client.retries
  const clinicSlug = new Map(clinics.map((clinic) => [String(clinic.id), clinic.slug]))
  const articleSlug = new Map(articles.map((article) => [String(article.id), article.slug]))

  for (const { slug, tree } of trees) {
    const shown = new Set(manifest.articles[slug] ?? [])
    const resolved: ResolvedRedirect[] = redirects
      .filter((redirect) => clinicSlug.get(String(redirect.ownerClinic)) === slug)
      .map((redirect) => {
        if (redirect.to?.type === 'custom')
          return { from: redirect.from, to: redirect.to.url ?? null }
        const value = redirect.to?.reference?.value
        const target = articleSlug.get(String(typeof value === 'object' ? value?.id : value))
        if (!target)
          return { from: redirect.from, to: null, reason: 'its article is not published' }
        if (!shown.has(target))
          return {
            from: redirect.from,
            to: null,
            reason: `its article "${target}" is not on this site`,
          }
        return { from: redirect.from, to: articlePath(target) }
      })
    // A clinic without redirects (most publishes) has no use for its paths: at 64,000 pages,
    // walking three trees (the search index copied in among them) took 0.07-0.15 s of a publish.
    const served = resolved.length === 0 ? new Set<string>() : await servedPaths(tree)
    const { rules, problems } = clinicRedirectRules(resolved, served)
    for (const problem of problems) log(`${slug}: redirect left out: ${problem}`)

    const dir = path.join(tree, REDIRECTS_DIR)
    await fs.mkdir(dir, { recursive: true })
    const maps = nginxRedirectMaps(rules)
    await fs.writeFile(path.join(dir, 'nginx-uri.map'), maps.byUri)
    await fs.writeFile(path.join(dir, 'nginx-request-uri.map'), maps.byRequestUri)
    await fs.writeFile(path.join(dir, 'rules.json'), `${JSON.stringify(rules, null, 1)}\n`)
    const siteUrl = manifest.clinics.find((clinic) => clinic.slug === slug)?.siteUrl ?? ''
    let pages = 0
    for (const rule of rules) {
      const page = fallbackFile(tree, rule.from)
      if (!page || (await exists(page))) continue
      await fs.mkdir(path.dirname(page), { recursive: true })
      await fs.writeFile(page, redirectFallbackPage(rule, siteUrl))
      pages++
    }
    if (rules.length > 0)
      log(`${slug}: ${rules.length} redirects (${pages} fallback pages for static hosts)`)
  }
}

/** `<tree>/<decoded old path>/index.html`, inside the tree, or null (a query has no file). */
function fallbackFile(tree: string, from: string): string | null {
  if (from.includes('?')) return null
  let decoded: string
  try {
    decoded = decodeURIComponent(from)
  } catch {
    return null
  }
  const file = path.resolve(tree, `.${decoded.endsWith('/') ? decoded : `${decoded}/`}index.html`)
  return file.startsWith(tree + path.sep) && !file.includes(`${path.sep}.`) ? file : null
}

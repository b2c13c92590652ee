/**
 * Publishing a translation with real builds on the real server (the site publisher on, its loaded
 * build process): the first Spanish version of a live English article goes live at /es/ and the
 * English page gains its language switcher and hreflang; a later Spanish-only edit rebuilds the
 * Spanish pages and leaves every English file of the clinic's site byte for byte as it was.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { localeOfFile } from '../../site/scripts/build-sites/locales.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import { hashTree } from '../support/site.ts'
import {
  adminToken,
  type Json,
  liveIds,
  type NetworkIds,
  networkIds,
  PUBLISH_ENV,
  rest,
  servedPage,
  siteBuilds,
  startNetwork,
  waitForStartupBuild,
  waitUntilSettled,
} from './publishing.ts'

/** Shown on every clinic, English only in the demo. */
const ARTICLE = 'ketamine-side-effects-and-safety'
const SPANISH = {
  title: 'Efectos secundarios de la ketamina y su seguridad',
  slug: 'efectos-secundarios-de-la-ketamina',
  excerpt: 'Qué puede sentir durante y después de una infusión, y cómo lo cuidamos.',
  body: 'Durante la infusión puede sentirse mareado o distante; estas sensaciones pasan pronto.',
}

describe('publishing a Spanish translation with real builds', () => {
  let dataDir: string
  let sitesDir: string
  let cms: CmsHandle
  let payload: Payload
  let ids: NetworkIds
  let token: string
  let article: Json

  const api = (method: string, urlPath: string, body?: unknown) =>
    rest(cms, token, method, urlPath, body)
  const englishFiles = (clinic: string) =>
    Object.fromEntries(
      Object.entries(hashTree(path.join(sitesDir, clinic))).filter(
        ([file]) => localeOfFile(file) === 'en',
      ),
    )
  const switcherHref = (html: string) =>
    /<a href="([^"]*)"[^>]*data-language-switch/.exec(html)?.[1]

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-spanish-publish-'))
    sitesDir = path.join(dataDir, 'sites')
    cms = await startNetwork({ seed: true, dataDir, sitesDir, env: PUBLISH_ENV })
    payload = await localApi(cms)
    ids = await networkIds(payload)
    token = await adminToken(cms)
    await waitForStartupBuild(payload, sitesDir)
    article = (
      await payload.find({
        collection: 'articles',
        where: { slug: { equals: ARTICLE } },
        limit: 1,
        depth: 0,
        overrideAccess: true,
      })
    ).docs[0] as Json
  })

  afterAll(async () => {
    await cms?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('puts the first Spanish version live at /es/ and gives the English page its switcher', async () => {
    const englishUrl = `/articles/${ARTICLE}/`
    const spanishUrl = `/es/articulos/${SPANISH.slug}/`
    const before = await servedPage(cms, 'albuquerque', englishUrl)
    expect(before.status).toBe(200)
    expect(switcherHref(before.html)).toBe('/es/')
    expect((await servedPage(cms, 'albuquerque', spanishUrl)).status).toBe(404)

    const res = await api('PATCH', `/api/articles/${article.id}?locale=es`, {
      title: SPANISH.title,
      slug: SPANISH.slug,
      excerpt: SPANISH.excerpt,
      body: toLexical([{ p: SPANISH.body }]),
      // Reference titles are per language too (the links are shared).
      references: ((article.references ?? []) as Json[]).map((reference, i) => ({
        id: reference.id,
        url: reference.url,
        title: `Referencia ${i + 1} (en inglés)`,
      })),
      medicalReviewer: ids.reviewer,
      lastReviewedAt: new Date(Date.now() - 86_400_000).toISOString(),
      _status: 'published',
    })
    expect(res.status, res.text).toBe(200)
    await waitUntilSettled(payload, sitesDir)

    const spanish = await servedPage(cms, 'albuquerque', spanishUrl)
    expect(spanish.status).toBe(200)
    expect(spanish.html).toContain(`<h1>${SPANISH.title}</h1>`)
    expect(spanish.html).toContain('<html lang="es"')
    expect(switcherHref(spanish.html)).toBe(englishUrl)
    const english = await servedPage(cms, 'albuquerque', englishUrl)
    expect(switcherHref(english.html)).toBe(spanishUrl)
    expect(english.html).toContain(
      `<link rel="alternate" hreflang="es" href="https://albuquerque.clearwater-infusion.example${spanishUrl}">`,
    )
    expect((await servedPage(cms, 'albuquerque', '/es/articulos/')).html).toContain(SPANISH.title)
  })

  it('rebuilds a Spanish-only edit without touching an English file', async () => {
    const releases = await liveIds(sitesDir)
    const logFrom = cms.logs().length
    const english = englishFiles('temecula')
    expect(Object.keys(english).length).toBeGreaterThan(10)
    const excerpt = `Un resumen revisado por nuestro equipo, ${Date.now()}.`
    const res = await api('PATCH', `/api/articles/${article.id}?locale=es`, {
      excerpt,
      _status: 'published',
    })
    expect(res.status, res.text).toBe(200)
    await waitUntilSettled(payload, sitesDir)

    const after = await liveIds(sitesDir)
    expect(after.temecula).not.toBe(releases.temecula)
    expect((await servedPage(cms, 'temecula', `/es/articulos/${SPANISH.slug}/`)).html).toContain(
      excerpt,
    )
    expect(englishFiles('temecula')).toEqual(english)
    // Only the Spanish pages were rendered; the English ones came from the live release.
    expect(cms.logs().slice(logFrom)).toMatch(
      /temecula: rendered es; \d+ en files kept from the live release/,
    )
    const [build] = (await siteBuilds(payload)).slice(-1)
    expect(build!.status).toBe('live')
  })
})

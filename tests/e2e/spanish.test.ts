/**
 * Publishing a Spanish translation end to end in a real browser against the real server with its
 * site publisher on: an admin opens a live English article in the admin in Español, writes the
 * Spanish, records the Spanish medical review and publishes Spanish; a visitor then reads it at
 * /es/ on the clinic's site, and the English page has gained its language switcher and hreflang.
 * The English article itself is set up through REST (it is the starting point, not the subject).
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { launchChromium } from '../support/browser.ts'
import { type CmsHandle, cmsJson, startCms, waitForStartupSiteBuild } from '../support/cms.ts'
import { sleep } from '../support/wait.ts'

const ADMIN = {
  email: 'e2e-spanish.admin@clinic-test.example',
  password: 'e2e-spanish-admin-password-1',
}
const REVIEWER = 'Thomas Reyes'
const suffix = randomBytes(3).toString('hex')
const ENGLISH = {
  title: `Drinking water before your infusion ${suffix}`,
  slug: `drinking-water-before-your-infusion-${suffix}`,
  excerpt: 'Why a glass of water helps, and when to stop eating before a ketamine infusion.',
}
const SPANISH = {
  title: `Tomar agua antes de su infusión ${suffix}`,
  excerpt: 'Por qué ayuda un vaso de agua y cuándo dejar de comer antes de una infusión.',
  body: 'Tome agua como de costumbre hasta dos horas antes de su cita.',
}
const LIVE_LIMIT_MS = 30_000

describe('publishing a Spanish translation from the admin to the clinic site', () => {
  let cms: CmsHandle
  let chromium: Browser
  let admin: Page
  let visitor: Page
  let articleId: string | number

  const siteUrl = (clinic: string, urlPath: string) =>
    `http://${clinic}.localhost:${new URL(cms.url).port}${urlPath}`

  const api = (method: string, urlPath: string, token?: string, body?: unknown) =>
    cmsJson(cms, method, urlPath, token, body)

  beforeAll(async () => {
    cms = await startCms({
      seed: true,
      env: {
        SITES_PUBLISH: 'on',
        BUILD_SITES_ON_START: 'true',
        SITES_POLL_MS: '500',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
    })
    await waitForStartupSiteBuild(cms)
    // The live English article (Albuquerque's own), reviewed and published.
    const { token } = await api('POST', '/users/login', undefined, ADMIN)
    const clinic = (await api('GET', '/clinics?where[slug][equals]=albuquerque&depth=0', token))
      .docs[0]
    const reviewer = (
      await api('GET', `/users?where[roles][contains]=medical-reviewer&limit=1&depth=0`, token)
    ).docs[0]
    const author = (await api('GET', '/providers?where[slug][equals]=elena-marquez', token)).docs[0]
    const created = await api('POST', '/articles', token, {
      ...ENGLISH,
      body: toLexical([{ p: 'Drink water as usual until two hours before your visit.' }]),
      owner: 'clinic',
      ownerClinic: clinic.id,
      author: author.id,
      medicalReviewer: reviewer.id,
      lastReviewedAt: new Date(Date.now() - 86_400_000).toISOString(),
      _status: 'published',
    })
    articleId = created.doc.id

    chromium = await launchChromium()
    admin = await (await chromium.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    visitor = await (await chromium.newContext()).newPage()
  })

  afterAll(async () => {
    // E2E_CMS_LOG=<file> keeps the server's log (builds included) for a look after the run.
    if (process.env.E2E_CMS_LOG) fs.writeFileSync(process.env.E2E_CMS_LOG, cms?.logs() ?? '')
    await chromium?.close()
    await cms?.stop()
  })

  /** The page at `url` once it answers 200 (the publisher builds in the background). */
  async function visit(url: string, limitMs: number) {
    const started = Date.now()
    for (;;) {
      const res = await visitor.goto(url)
      if (res?.status() === 200) return res
      if (Date.now() - started > limitMs) throw new Error(`${url} did not go live in ${limitMs} ms`)
      await sleep(250)
    }
  }

  it('shows the live English article with a switcher to the Spanish home page', async () => {
    await visit(siteUrl('albuquerque', `/articles/${ENGLISH.slug}/`), 90_000)
    expect(await visitor.locator('h1').first().innerText()).toBe(ENGLISH.title)
    expect(await visitor.locator('[data-language-switch]').getAttribute('href')).toBe('/es/')
  })

  it('publishes the Spanish written in the admin and serves it at /es/, the English page gaining its switcher', async () => {
    await admin.goto(`${cms.url}/admin/login`)
    await admin.waitForLoadState('networkidle')
    await admin.locator('input[name="email"]').fill(ADMIN.email)
    await admin.locator('input[name="password"]').fill(ADMIN.password)
    await admin.locator('button[type="submit"]').click()
    await admin.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/', {
      timeout: 30_000,
    })

    // The edit view in Spanish: the localized fields are empty until someone writes them.
    await admin.goto(`${cms.url}/admin/collections/articles/${articleId}?locale=es`)
    await admin.waitForLoadState('networkidle')
    await admin.locator('#field-title').waitFor()
    expect(await admin.locator('#field-title').inputValue()).toBe('')
    await admin.locator('#field-title').fill(SPANISH.title)
    await admin.locator('#field-excerpt').fill(SPANISH.excerpt)
    await admin.locator('.rich-text-lexical [data-lexical-editor="true"]').click()
    await admin.keyboard.type(SPANISH.body)

    // The Spanish needs its own medical review.
    await admin.locator('.tabs-field__tab-button', { hasText: 'Medical review' }).click()
    await admin.locator('#field-medicalReviewer .rs__control').click()
    await admin.locator('.rs__option', { hasText: REVIEWER }).first().click({ timeout: 15_000 })
    await admin.locator('#field-lastReviewedAt input').click()
    await admin.locator('.react-datepicker__day--today').click()

    const [response] = await Promise.all([
      admin.waitForResponse(
        (res) =>
          res.request().method() === 'PATCH' &&
          new URL(res.url()).pathname === `/api/articles/${articleId}` &&
          new URL(res.url()).searchParams.get('draft') !== 'true',
        { timeout: 30_000 },
      ),
      admin.locator('#action-save').click(),
    ])
    const saved = (await response.json()) as Record<string, any>
    expect(response.status(), JSON.stringify(saved.errors ?? saved)).toBe(200)
    expect(new URL(response.url()).searchParams.get('locale')).toBe('es')
    expect(saved.doc).toMatchObject({ _status: 'published', title: SPANISH.title })
    const spanishPath = `/es/articulos/${saved.doc.slug}/`

    await visit(siteUrl('albuquerque', spanishPath), LIVE_LIMIT_MS)
    expect(await visitor.locator('h1').first().innerText()).toBe(SPANISH.title)
    expect(await visitor.locator('html').getAttribute('lang')).toBe('es')
    expect(await visitor.locator('main').innerText()).toContain(SPANISH.body)

    // A new visitor: the first one's browser may keep the old English page for its max-age.
    visitor = await (await chromium.newContext()).newPage()
    await visit(siteUrl('albuquerque', `/articles/${ENGLISH.slug}/`), LIVE_LIMIT_MS)
    const switcher = visitor.locator('[data-language-switch]')
    expect(decodeURI((await switcher.getAttribute('href')) ?? '')).toBe(spanishPath)
    await switcher.click()
    await visitor.waitForURL((url) => decodeURI(url.pathname) === spanishPath)
    // The English article's title and text stayed as they were.
    await visitor.goBack()
    expect(await visitor.locator('h1').first().innerText()).toBe(ENGLISH.title)
  })
})

/**
 * Publish to live, end to end in a real browser against the real server with its site publisher
 * on: a clinic editor writes an article for their clinic in the admin and saves a draft, a medical
 * reviewer (a second browser session) records their review, the editor publishes, and a visitor
 * reads the article on that clinic's site within 10 seconds of the publish; another clinic's site
 * neither shows it nor gets a new release, and the dashboard reports the new build as live.
 * Only the accounts are set up through REST: everything the people do goes through the admin UI.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { liveRelease } from '@clinic/shared/releases'
import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium } from '../support/browser.ts'
import { type CmsHandle, cmsJson, startCms, waitForStartupSiteBuild } from '../support/cms.ts'
import { sleep, waitFor } from '../support/wait.ts'

type Id = string | number

const CLINICS = ['albuquerque', 'temecula', 'waxahachie'] as const
const ADMIN = {
  email: 'e2e-publish.admin@clinic-test.example',
  password: 'e2e-publish-admin-password-1',
}
// The demo network's people (cms/src/seed/content/people.ts). Outside the embedded default the seed
// creates the reviewers without a usable password and no clinic editor: the admin sets both up.
const EDITOR = {
  email: 'editor.albuquerque@clearwater-infusion.example',
  password: 'e2e-clinic-editor-password-1',
  name: 'Albuquerque Clinic Editor',
}
const REVIEWER = {
  email: 'thomas.reyes@clearwater-infusion.example',
  password: 'e2e-reviewer-password-1',
  name: 'Thomas Reyes',
}
/** Works at the Albuquerque clinic, so may author its articles. */
const AUTHOR = 'Elena Marquez'

const suffix = randomBytes(3).toString('hex')
const ARTICLE = {
  title: `What to expect at your first infusion in Albuquerque ${suffix}`,
  excerpt:
    'A step-by-step look at a first ketamine infusion visit, from check-in to the ride home.',
  body: [
    'Your first visit starts with a short check-in and a review of your health history.',
    'A nurse stays with you for the whole infusion.',
  ],
}
const PUBLISH_TO_LIVE_LIMIT_MS = 10_000

describe('publishing an article from the admin to the clinic site', () => {
  let cms: CmsHandle
  let sitesDir: string
  let chromium: Browser
  let editor: Page
  let reviewer: Page
  let visitor: Page
  /** What went wrong in the admin pages: CSP violations, script errors, failed requests. */
  const adminProblems: string[] = []

  const article: { id?: Id; slug?: string } = {}
  let reviewerId: Id
  let lastBuildLinkBefore: string | null = null
  const releasesBefore: Partial<Record<(typeof CLINICS)[number], string>> = {}
  let publishedAt = 0
  let publishToLiveMs = 0

  const siteUrl = (clinic: string, urlPath: string) => {
    const { port } = new URL(cms.url)
    return `http://${clinic}.localhost:${port}${urlPath}`
  }
  const liveId = async (clinic: string) => (await liveRelease(sitesDir, clinic))?.id

  const api = (method: string, urlPath: string, token?: string, body?: unknown) =>
    cmsJson(cms, method, urlPath, token, body)

  async function newAdminPage(context: BrowserContext, who: string): Promise<Page> {
    const page = await context.newPage()
    page.on('console', (message) => {
      const text = message.text()
      // Chromium asks for /favicon.ico by itself after client-side navigations; the admin's icons are elsewhere.
      if (message.location().url.endsWith('/favicon.ico')) return
      if (/Content Security Policy|Refused to/i.test(text) || message.type() === 'error') {
        adminProblems.push(
          `${who} on ${page.url()}: console ${message.type()}: ${text} (${message.location().url})`,
        )
      }
    })
    page.on('pageerror', (error) => adminProblems.push(`${who}: page error: ${error.message}`))
    page.on('response', (response) => {
      if (response.status() >= 400 && new URL(response.url()).host === new URL(cms.url).host) {
        adminProblems.push(
          `${who}: ${response.request().method()} ${response.url()} answered ${response.status()}`,
        )
      }
    })
    return page
  }

  /** Opens an admin page and waits until it has hydrated (a click before that can be lost to the list view's own URL update). */
  async function openAdmin(page: Page, urlPath: string) {
    await page.goto(`${cms.url}${urlPath}`)
    await page.waitForLoadState('networkidle')
  }

  async function logIn(page: Page, { email, password }: { email: string; password: string }) {
    await openAdmin(page, '/admin/login')
    await page.locator('input[name="email"]').fill(email)
    await page.locator('input[name="password"]').fill(password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/', {
      timeout: 30_000,
    })
  }

  /** The draft as the signed-in user's own REST session sees it (the admin's cookie). */
  async function draftAs(page: Page): Promise<Record<string, any>> {
    const res = await page.request.get(`${cms.url}/api/articles/${article.id}?draft=true&depth=0`)
    expect(res.status()).toBe(200)
    return (await res.json()) as Record<string, any>
  }

  /**
   * Opens the article from the collection list, as people find it. Payload locks a document to
   * whoever changes it (for 5 minutes) and unlocks it when they save; an autosaving form never
   * unlocks on leaving, so whether the previous person's lock outlived their visit depends on the
   * order in which their last change's requests arrived. When the admin says the article is locked,
   * this person takes it over, as its "Document locked" dialog offers.
   */
  async function openArticle(page: Page, who: string) {
    await openAdmin(page, '/admin/collections/articles?limit=50')
    const row = page.getByRole('link', { name: ARTICLE.title })
    await row.first().waitFor({ timeout: 30_000 })
    await row.first().click()
    await page.waitForURL(new RegExp(`/admin/collections/articles/${article.id}$`))
    await page.locator('#field-title').waitFor()
    const locked = page.locator('#document-locked')
    if (
      await locked.waitFor({ timeout: 2_000 }).then(
        () => true,
        () => false,
      )
    ) {
      console.log(
        `[e2e] ${who}: the admin says the article is still locked by the previous editor ("${(await locked.innerText()).replace(/\s+/g, ' ')}"); taking it over`,
      )
      await page.locator('#document-locked-take-over').click()
      await locked.waitFor({ state: 'hidden' })
    }
  }

  /** Chooses an option of a relationship field (react-select) by its label. */
  async function choose(page: Page, field: string, option: string) {
    await page.locator(`#field-${field} .rs__control`).click()
    await page.locator('.rs__option', { hasText: option }).first().click({ timeout: 15_000 })
    await expect
      .poll(() => page.locator(`#field-${field} .rs__value-container`).innerText())
      .toContain(option)
  }

  /**
   * Articles autosave (versions.drafts.autosave), so the admin has no "Save draft" button: Ctrl+S
   * saves the draft at once (or the autosave already did). Done when the server holds `expected`.
   */
  async function saveDraft(page: Page, expected: (draft: Record<string, any>) => boolean) {
    await page.keyboard.press('Control+s')
    await waitFor('the draft to be saved', async () => expected(await draftAs(page)), 20_000, 500)
  }

  /** Leaves the edit view through the breadcrumb, as people do. */
  async function leaveToList(page: Page) {
    await page.locator('.step-nav a', { hasText: 'Articles' }).click()
    await page.waitForURL(/\/admin\/collections\/articles(\?|$)/)
  }

  beforeAll(async () => {
    cms = await startCms({
      seed: true,
      env: {
        SITES_PUBLISH: 'on',
        BUILD_SITES_ON_START: 'true',
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
      },
    })
    sitesDir = path.join(cms.dataDir, 'sites')

    // The initial build of every clinic's site goes live before anything is published.
    await waitForStartupSiteBuild(cms)
    for (const clinic of CLINICS)
      expect(await liveId(clinic), `${clinic} has a live release`).toMatch(
        /^\d{8}T\d{9}Z-[0-9a-f]{4}$/,
      )

    // Accounts only: the clinic editor of Albuquerque, and a password for a seeded medical reviewer.
    const { token } = await api('POST', '/users/login', undefined, ADMIN)
    const { docs: clinics } = await api(
      'GET',
      '/clinics?where[slug][equals]=albuquerque&depth=0',
      token,
    )
    await api('POST', '/users', token, {
      ...EDITOR,
      roles: ['clinic-editor'],
      clinics: [clinics[0].id],
    })
    const { docs: reviewers } = await api(
      'GET',
      `/users?where[email][equals]=${encodeURIComponent(REVIEWER.email)}&depth=0`,
      token,
    )
    reviewerId = reviewers[0].id
    await api('PATCH', `/users/${reviewerId}`, token, { password: REVIEWER.password })

    chromium = await launchChromium()
    editor = await newAdminPage(
      await chromium.newContext({ viewport: { width: 1280, height: 900 } }),
      'editor',
    )
    reviewer = await newAdminPage(
      await chromium.newContext({ viewport: { width: 1280, height: 900 } }),
      'reviewer',
    )
    visitor = await (await chromium.newContext()).newPage()
  })

  afterAll(async () => {
    // E2E_CMS_LOG=<file> keeps the server's log (builds included) for a look after the run.
    if (process.env.E2E_CMS_LOG) fs.writeFileSync(process.env.E2E_CMS_LOG, cms?.logs() ?? '')
    await chromium?.close()
    await cms?.stop()
  })

  it('lets the clinic editor write an article for their clinic and save it as a draft', async () => {
    await logIn(editor, EDITOR)
    // The dashboard's "Clinic sites" panel shows the editor's clinic, built on start.
    const row = editor.locator('tr[data-clinic="albuquerque"]')
    await row.waitFor({ timeout: 30_000 })
    expect(await row.locator('td[data-status]').getAttribute('data-status')).toBe('live')
    lastBuildLinkBefore = await row
      .locator('td a[href*="/collections/site-builds/"]')
      .getAttribute('href')

    await openAdmin(editor, '/admin/collections/articles')
    await editor
      .getByRole('link', { name: /Create new/i })
      .first()
      .click()
    // Articles autosave: the admin creates the draft as the create view opens and moves to its page.
    await editor
      .waitForURL(/\/admin\/collections\/articles\/(?!create)[^/?]+$/, { timeout: 30_000 })
      .catch(() => {
        const refusals = cms
          .logs()
          .split('\n')
          .filter((line) => /not allowed|Forbidden|error/i.test(line))
        throw new Error(
          `"Create new" did not open a new draft for the clinic editor (still at ${editor.url()}). Refusals in the server log:\n${refusals.slice(-5).join('\n') || '(none)'}`,
        )
      })
    article.id = decodeURIComponent(new URL(editor.url()).pathname.split('/').pop()!)
    await editor.locator('#field-title').waitFor()

    // Owned by the editor's clinic (the only owner a clinic editor may choose).
    const clinicOwner = editor.locator('#field-owner input[type="radio"][id^="field-owner-clinic"]')
    if (!(await clinicOwner.isChecked()))
      await editor.locator('#field-owner label', { hasText: 'One clinic' }).click()
    if (!(await editor.locator('#field-ownerClinic').innerText()).includes('Albuquerque'))
      await choose(editor, 'ownerClinic', 'Albuquerque')

    await editor.locator('#field-title').fill(ARTICLE.title)
    await editor.locator('#field-excerpt').fill(ARTICLE.excerpt)
    await editor.locator('.rich-text-lexical [data-lexical-editor="true"]').click()
    await editor.keyboard.type(ARTICLE.body[0]!)
    await editor.keyboard.press('Enter')
    await editor.keyboard.type(ARTICLE.body[1]!)

    await editor.locator('.tabs-field__tab-button', { hasText: 'Medical review' }).click()
    await choose(editor, 'author', AUTHOR)

    await saveDraft(
      editor,
      (draft) =>
        draft.title === ARTICLE.title &&
        draft.excerpt === ARTICLE.excerpt &&
        Boolean(draft.author) &&
        JSON.stringify(draft.body).includes(ARTICLE.body[1]!),
    )
    const draft = await draftAs(editor)
    expect(draft).toMatchObject({ _status: 'draft', owner: 'clinic', medicalReviewer: null })
    expect(draft.slug).toMatch(/^what-to-expect-at-your-first-infusion-in-albuquerque-/)
    article.slug = draft.slug
    await leaveToList(editor)
  })

  it('lets a medical reviewer record their review on the draft', async () => {
    expect(article.id, 'the editor created the article').toBeDefined()
    await logIn(reviewer, REVIEWER)
    await openArticle(reviewer, 'reviewer')
    await reviewer.locator('.tabs-field__tab-button', { hasText: 'Medical review' }).click()
    await choose(reviewer, 'medicalReviewer', REVIEWER.name)
    // Reviewed today: the date picker's "today".
    await reviewer.locator('#field-lastReviewedAt input').click()
    await reviewer.locator('.react-datepicker__day--today').click()

    // Reviewers save drafts only (reviewersSaveDrafts); the editor publishes.
    await saveDraft(
      reviewer,
      (draft) =>
        String(draft.medicalReviewer) === String(reviewerId) && Boolean(draft.lastReviewedAt),
    )
    const draft = await draftAs(reviewer)
    expect(draft._status).toBe('draft')
    expect(draft.reviewedBy).toMatchObject({ name: REVIEWER.name })
    expect(Math.abs(new Date(draft.lastReviewedAt).getTime() - Date.now())).toBeLessThan(
      36 * 3_600_000,
    )
    // The review changed nothing the editor wrote.
    expect(draft).toMatchObject({ title: ARTICLE.title, excerpt: ARTICLE.excerpt, owner: 'clinic' })
    await leaveToList(reviewer)
  })

  it('publishes the reviewed article from the admin and serves it on the clinic site within 10 seconds', async () => {
    expect(article.slug, 'the editor saved the draft').toBeDefined()
    for (const clinic of CLINICS) releasesBefore[clinic] = await liveId(clinic)
    const articleUrl = siteUrl('albuquerque', `/articles/${article.slug}/`)
    expect((await visitor.goto(articleUrl))?.status(), 'a draft is not on the site').toBe(404)

    await openArticle(editor, 'editor')
    await editor.locator('.tabs-field__tab-button', { hasText: 'Medical review' }).click()
    await expect
      .poll(() => editor.locator('[id="field-reviewedBy__name"]').inputValue())
      .toBe(REVIEWER.name)

    const publishButton = editor.locator('#action-save')
    expect(await publishButton.innerText()).toMatch(/Publish/)
    const logFrom = cms.logs().length
    const [response] = await Promise.all([
      editor.waitForResponse(
        (res) =>
          res.request().method() === 'PATCH' &&
          new URL(res.url()).pathname === `/api/articles/${article.id}` &&
          new URL(res.url()).searchParams.get('draft') !== 'true',
        { timeout: 30_000 },
      ),
      publishButton.click(),
    ])
    publishedAt = performance.now()
    const saved = (await response.json()) as Record<string, any>
    expect(response.status(), JSON.stringify(saved.errors ?? saved)).toBe(200)
    expect(saved.doc).toMatchObject({ _status: 'published', slug: article.slug })

    // The visitor reloads the article page until it is there.
    let title = ''
    for (;;) {
      const res = await visitor.goto(articleUrl)
      if (res?.status() === 200) {
        title = await visitor.locator('h1').first().innerText()
        if (title === ARTICLE.title) break
      }
      if (performance.now() - publishedAt > PUBLISH_TO_LIVE_LIMIT_MS + 20_000) break
      await sleep(100)
    }
    publishToLiveMs = performance.now() - publishedAt
    console.log(
      `[e2e] publish-to-live: ${(publishToLiveMs / 1000).toFixed(2)} s (publish response -> ${articleUrl} shows the title)`,
    )
    const buildLog = cms
      .logs()
      .slice(logFrom)
      .split('\n')
      .filter((line) => /^\[(publish|sites)\]/.test(line))
      .join('\n')
    expect(title, buildLog).toBe(ARTICLE.title)
    expect(publishToLiveMs, `server log since the publish:\n${buildLog}`).toBeLessThanOrEqual(
      PUBLISH_TO_LIVE_LIMIT_MS,
    )
    expect(await visitor.locator('main').innerText()).toContain(ARTICLE.body[1])
    expect(await liveId('albuquerque')).not.toBe(releasesBefore.albuquerque)
  })

  it("leaves the other clinics' sites without the article and without a new release", async () => {
    expect(publishToLiveMs, 'the article was published').toBeGreaterThan(0)
    const res = await visitor.goto(siteUrl('temecula', `/articles/${article.slug}/`))
    expect(res?.status()).toBe(404)
    expect(await visitor.locator('h1').first().innerText()).toBe('Page not found')
    expect(await visitor.content()).not.toContain(ARTICLE.title)
    expect(await liveId('temecula')).toBe(releasesBefore.temecula)
    expect(await liveId('waxahachie')).toBe(releasesBefore.waxahachie)
  })

  it("shows the publish's build as live in the dashboard's Clinic sites panel", async () => {
    expect(publishToLiveMs, 'the article was published').toBeGreaterThan(0)
    const release = await liveId('albuquerque')
    const row = editor.locator('tr[data-clinic="albuquerque"]')
    // The build's record turns "live" right after the switch: reload until the panel shows it.
    await waitFor(
      'the new build to show as live',
      async () => {
        await openAdmin(editor, '/admin')
        await row.waitFor({ timeout: 30_000 })
        const lastBuild = await row
          .locator('td a[href*="/collections/site-builds/"]')
          .getAttribute('href')
        return (
          lastBuild !== lastBuildLinkBefore &&
          (await row.locator('td[data-status]').getAttribute('data-status')) === 'live'
        )
      },
      15_000,
      500,
    )
    expect(await row.locator('td[data-status]').innerText()).toBe('Live')
    expect(
      await row.locator(`td[title="${release}"]`).count(),
      'the live release column names the new release',
    ).toBe(1)
    // A clinic editor sees their own clinic only.
    expect(await editor.locator('tr[data-clinic]').count()).toBe(1)
  })

  it('runs the admin without CSP violations, script errors or failed requests', () => {
    expect(adminProblems).toEqual([])
  })
})

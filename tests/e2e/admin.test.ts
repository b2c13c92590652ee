import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser } from '../support/browser.ts'
import { type CmsHandle, startCms } from '../support/cms.ts'

const ADMIN = { email: 'e2e.admin@clearwater-infusion.example', password: 'e2e-admin-password-1' }

describe('admin UI in a real browser', () => {
  let cms: CmsHandle
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let page: Page
  const cspViolations: string[] = []
  const pageErrors: string[] = []

  beforeAll(async () => {
    cms = await startCms({
      seed: true,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    })
    browser = await launchBrowser()
    page = await browser.context.newPage()
    page.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text()))
        cspViolations.push(message.text())
    })
    page.on('pageerror', (error) => pageErrors.push(error.message))
  })

  afterAll(async () => {
    await browser?.close()
    await cms?.stop()
  })

  it('logs in with the configured admin and shows the dashboard', async () => {
    await page.goto(`${cms.url}/admin/login`)
    await page.locator('input[name="email"]').fill(ADMIN.email)
    await page.locator('input[name="password"]').fill(ADMIN.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/', {
      timeout: 30_000,
    })
    await expect(
      page
        .getByRole('link', { name: /Articles/ })
        .first()
        .isVisible(),
    ).resolves.toBe(true)
  })

  it('lists articles whose medical review is due on the dashboard', async () => {
    // No demo review is older than 11 months: the list says so rather than showing nothing.
    await page.getByRole('heading', { name: 'Medical review due' }).waitFor({ timeout: 30_000 })
    expect(
      await page.getByText(/No published article has a review older than 11 months/).isVisible(),
    ).toBe(true)
  })

  it('lists the demo network articles and opens one for editing', async () => {
    await page.goto(`${cms.url}/admin/collections/articles?limit=50`)
    const row = page.getByRole('link', { name: 'Is ketamine infusion therapy right for you?' })
    await row.first().waitFor({ timeout: 30_000 })
    await row.first().click()
    await page.waitForURL(/\/admin\/collections\/articles\/\d+|[a-f0-9]{24}/)
    const title = page.locator('input[name="title"]')
    await title.waitFor({ timeout: 30_000 })
    expect(await title.inputValue()).toBe('Is ketamine infusion therapy right for you?')
    // Who published it is visible in the sidebar (stamped by the seed's publish, which had no user).
    expect(await page.locator('#field-publishedAt, [id*="publishedAt"]').count()).toBeGreaterThan(0)
    if (process.env.E2E_SCREENSHOTS)
      await page.screenshot({
        path: `${process.env.E2E_SCREENSHOTS}/admin-article.png`,
        fullPage: true,
      })
  })

  it('runs the admin without Content Security Policy violations or script errors', () => {
    expect(cspViolations).toEqual([])
    expect(pageErrors).toEqual([])
  })
})

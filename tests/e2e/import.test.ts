/**
 * The admin's Import view in a real browser: network staff upload a clinic's export, follow the
 * job to its end and read the report and what awaits medical review (also on the dashboard); a
 * file that is not an export gets a clear error; a clinic editor has no Import link and gets a
 * 404 for the view.
 */
import path from 'node:path'

import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium } from '../support/browser.ts'
import { type CmsHandle, localApi, startCms } from '../support/cms.ts'

const ADMIN = {
  email: 'e2e.import.admin@clearwater-infusion.example',
  password: 'e2e-import-password-1',
}
const EDITOR = {
  email: 'e2e.import.editor@clearwater-infusion.example',
  password: 'e2e-import-editor-1',
}
const fixtures = path.resolve(import.meta.dirname, '../fixtures/import')

async function logIn(page: Page, url: string, who: { email: string; password: string }) {
  await page.goto(`${url}/admin/login`)
  await page.locator('input[name="email"]').fill(who.email)
  await page.locator('input[name="password"]').fill(who.password)
  await page.locator('button[type="submit"]').click()
  await page.waitForURL((u) => u.pathname === '/admin' || u.pathname === '/admin/', {
    timeout: 30_000,
  })
}

describe('the Import view in a real browser', () => {
  let cms: CmsHandle
  let chromium: Browser
  let staff: Page
  const pageErrors: string[] = []

  beforeAll(async () => {
    cms = await startCms({
      seed: true,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    })
    const payload = await localApi(cms)
    const clinic = await payload.find({
      collection: 'clinics',
      where: { slug: { equals: 'temecula' } },
      overrideAccess: true,
    })
    await payload.create({
      collection: 'users',
      data: {
        ...EDITOR,
        name: 'Import Editor',
        roles: ['clinic-editor'],
        clinics: [clinic.docs[0]!.id],
      } as never,
      overrideAccess: true,
    })
    await payload.destroy()
    chromium = await launchChromium()
    staff = await (await chromium.newContext()).newPage()
    staff.on('pageerror', (error) => pageErrors.push(error.message))
    await logIn(staff, cms.url, ADMIN)
  })

  afterAll(async () => {
    await chromium?.close()
    await cms?.stop()
  })

  it('lets network staff upload an export and shows progress to the end, the report and what awaits review', async () => {
    // The navigation (collapsed at this window size) links the view for staff.
    expect(await staff.locator('#nav-import').getAttribute('href')).toBe('/admin/import')
    await staff.goto(`${cms.url}/admin/import`)
    await staff.getByLabel('Clinic').selectOption('albuquerque')
    await staff.getByLabel('Export file').setInputFiles(path.join(fixtures, 'albuquerque.xml'))
    await staff.getByRole('button', { name: 'Import' }).click()
    await staff.locator('#import-status', { hasText: 'done' }).waitFor({ timeout: 120_000 })
    expect(await staff.locator('#import-report').isVisible()).toBe(true)
    expect(await staff.locator('#import-issues li').count()).toBeGreaterThan(0)
    const awaiting = staff.locator('#import-awaiting-review li')
    expect(await awaiting.count()).toBeGreaterThan(0)
    if (process.env.E2E_SCREENSHOTS)
      await staff.screenshot({
        path: `${process.env.E2E_SCREENSHOTS}/admin-import.png`,
        fullPage: true,
      })

    await staff.goto(`${cms.url}/admin`)
    await staff
      .getByRole('heading', { name: 'Imported articles awaiting medical review' })
      .waitFor({ timeout: 30_000 })
  })

  it('says clearly when a file is not an export, and starts nothing', async () => {
    await staff.goto(`${cms.url}/admin/import`)
    await staff.getByLabel('Clinic').selectOption('temecula')
    await staff
      .getByLabel('Export file')
      .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: Buffer.alloc(32) })
    await staff.getByRole('button', { name: 'Import' }).click()
    await staff.locator('#import-error').waitFor({ timeout: 30_000 })
    expect(await staff.locator('#import-error').textContent()).toMatch(/not an export/)
    expect(await staff.locator('#import-run').count()).toBe(0)
  })

  it('gives a clinic editor no Import link and a 404 for the view', async () => {
    const editor = await (await chromium.newContext()).newPage()
    await logIn(editor, cms.url, EDITOR)
    expect(await editor.locator('#nav-import').count()).toBe(0)
    const response = await editor.goto(`${cms.url}/admin/import`)
    expect(response?.status()).toBe(404)
    expect(await editor.locator('#import-file').count()).toBe(0)
  })

  it('runs without script errors', () => {
    expect(pageErrors).toEqual([])
  })
})

/**
 * Document locks and a clinic editor's lists in a real browser, after the lock and list rules of
 * issue 10: the admin's own lock flow (a clinic editor opens and edits their clinic's profile, an
 * admin who opens it is told it is locked, takes it over and saves) still works with locks limited to their
 * owners; and a clinic editor's article list shows a network article that network staff are
 * editing, as published, and opens it.
 */
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium } from '../support/browser.ts'
import { type CmsHandle, startCms } from '../support/cms.ts'
import { sleep, waitFor } from '../support/wait.ts'

const ADMIN = { email: 'e2e-locks.admin@clinic-test.example', password: 'e2e-locks-admin-pass-1' }
const EDITOR = {
  email: 'editor.albuquerque@clearwater-infusion.example',
  password: 'e2e-locks-editor-pass-1',
  name: 'Albuquerque Clinic Editor',
}
/** One of the Albuquerque clinic's network articles. */
const NETWORK_SLUG = 'ketamine-booster-infusions'

describe('document locks and clinic editor lists in the admin', () => {
  let cms: CmsHandle
  let chromium: Browser
  let editor: Page
  let admin: Page
  let adminToken: string
  let adminId: string
  const failedRequests: string[] = []

  async function api(method: string, urlPath: string, body?: unknown) {
    const res = await fetch(`${cms.url}/api${urlPath}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `JWT ${adminToken}` },
      body: body === undefined ? undefined : JSON.stringify(body),
    })
    const json = (await res.json()) as Record<string, any>
    if (!res.ok) throw new Error(`${method} ${urlPath}: ${res.status} ${JSON.stringify(json)}`)
    return json
  }

  async function signedInPage(who: string, account: { email: string; password: string }) {
    const page = await (
      await chromium.newContext({ viewport: { width: 1280, height: 900 } })
    ).newPage()
    page.on('response', (response) => {
      const url = new URL(response.url())
      // Lock requests are what this test is about: any refusal of them is a failure.
      if (response.status() >= 400 && url.pathname.startsWith('/api/payload-locked-documents'))
        failedRequests.push(
          `${who}: ${response.request().method()} ${url.pathname} ${response.status()}`,
        )
    })
    await page.goto(`${cms.url}/admin/login`)
    await page.waitForLoadState('networkidle')
    await page.locator('input[name="email"]').fill(account.email)
    await page.locator('input[name="password"]').fill(account.password)
    await page.locator('button[type="submit"]').click()
    await page.waitForURL((url) => url.pathname === '/admin' || url.pathname === '/admin/', {
      timeout: 30_000,
    })
    return page
  }

  beforeAll(async () => {
    cms = await startCms({
      seed: true,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    })
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    const session = (await login.json()) as { token: string; user: { id: number | string } }
    adminToken = session.token
    adminId = String(session.user.id)
    const { docs: clinics } = await api('GET', '/clinics?where[slug][equals]=albuquerque&depth=0')
    await api('POST', '/users', { ...EDITOR, roles: ['clinic-editor'], clinics: [clinics[0].id] })
    chromium = await launchChromium()
    editor = await signedInPage('editor', EDITOR)
    admin = await signedInPage('admin', ADMIN)
  })

  afterAll(async () => {
    await chromium?.close()
    await cms?.stop()
  })

  it("lets an admin take over a clinic editor's lock and save, with locks kept to their owners", async () => {
    // The clinic's profile, which its editor keeps up to date: it has no autosave, so the
    // editor's lock holds until they save (Payload releases a lock on every save, autosaves
    // included, which would make the moment of the take-over a race on articles and FAQs).
    const { docs } = await api('GET', `/clinics?where[slug][equals]=albuquerque&depth=0`)
    const id = docs[0].id as number
    const lockOf = async () =>
      (
        await api(
          'GET',
          `/payload-locked-documents?where[document.relationTo][equals]=clinics&where[document.value][equals]=${id}&depth=0`,
        )
      ).docs[0] as { user: { value: number | string } } | undefined
    const editorAccount = await api(
      'GET',
      `/users?where[email][equals]=${encodeURIComponent(EDITOR.email)}`,
    )
    const editorId = String(editorAccount.docs[0].id)

    // The editor opens the profile and edits it: the admin locks it to them.
    await editor.goto(`${cms.url}/admin/collections/clinics/${id}`)
    await editor.locator('#field-tagline').waitFor({ timeout: 30_000 })
    await editor.locator('#field-tagline').fill('Edited by the clinic editor.')
    await waitFor(
      'the editor lock',
      async () => String((await lockOf())?.user.value) === editorId,
      20_000,
      500,
    )

    // The admin opens it: told who is editing, takes it over.
    await admin.goto(`${cms.url}/admin/collections/clinics/${id}`)
    const locked = admin.locator('#document-locked')
    await locked.waitFor({ timeout: 30_000 })
    await admin.locator('#document-locked-take-over').click()
    await locked.waitFor({ state: 'hidden' })
    await waitFor(
      'the take-over',
      async () => String((await lockOf())?.user.value) === adminId,
      20_000,
      500,
    )

    // The editor, typing on, is told the document was taken over.
    await editor.locator('#field-tagline').pressSequentially(' More.')
    const takenOver = editor.locator('#document-take-over')
    await takenOver.waitFor({ timeout: 30_000 })
    expect(await takenOver.textContent()).toMatch(/taken over/i)

    // The admin edits and saves. Taking over reloads the form: type once it has settled.
    const adminTagline = 'As the admin left it.'
    await waitFor(
      'the admin to type into the taken-over form',
      async () => {
        await admin.locator('#field-tagline').fill(adminTagline)
        await sleep(1_000)
        return (await admin.locator('#field-tagline').inputValue()) === adminTagline
      },
      20_000,
      0,
    )
    await admin.keyboard.press('Control+s')
    await waitFor(
      "the admin's save",
      async () => (await api('GET', `/clinics/${id}?depth=0`)).tagline === adminTagline,
      20_000,
      500,
    )
    expect(failedRequests).toEqual([])
  })

  it('shows a clinic editor a network article that network staff are editing, as published, and opens it', async () => {
    const { docs } = await api('GET', `/articles?where[slug][equals]=${NETWORK_SLUG}&depth=0`)
    const published = docs[0] as { id: number; title: string }
    const draftTitle = `${published.title} (network draft in progress)`
    await api('PATCH', `/articles/${published.id}?draft=true`, {
      title: draftTitle,
      _status: 'draft',
    })

    await editor.goto(`${cms.url}/admin/collections/articles?limit=100`)
    await editor.waitForLoadState('networkidle')
    const row = editor.getByRole('link', { name: published.title, exact: true })
    await row.first().waitFor({ timeout: 30_000 })
    expect(await editor.getByText(draftTitle).count()).toBe(0)
    await row.first().click()
    await editor.waitForURL(new RegExp(`/admin/collections/articles/${published.id}$`))
    await editor.locator('#field-title').waitFor({ timeout: 30_000 })
    expect(await editor.locator('#field-title').inputValue()).toBe(published.title)
  })
})

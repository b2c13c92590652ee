/**
 * A visitor requests a consultation in a real browser with JavaScript turned off: from the clinic
 * site's home page to the form, a refusal (a phone number the server does not accept) shown in the
 * clinic's layout and answered by going Back to the typed answers, then the thanks page, and the
 * email in a real SMTP server (STARTTLS). The clinic sites are a real build of the demo network,
 * served by the CMS at <clinic>.localhost. (axe on the form and its refusal page:
 * tests/site/accessibility.test.ts.)
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Browser, BrowserContext, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchChromium } from '../support/browser.ts'
import { type CmsHandle, startCms } from '../support/cms.ts'
import { buildSitesOrThrow } from '../support/site.ts'
import { localhostCertificate, startSmtp, type TestSmtp } from '../support/smtp.ts'
import { waitFor } from '../support/wait.ts'

describe('requesting a consultation with JavaScript disabled', () => {
  let cms: CmsHandle
  let smtp: TestSmtp
  let chromium: Browser
  let context: BrowserContext
  let visitor: Page
  const problems: string[] = []
  const site = (urlPath: string) =>
    `http://albuquerque.localhost:${new URL(cms.url).port}${urlPath}`

  beforeAll(async () => {
    const tls = localhostCertificate()
    smtp = await startSmtp({ tls })
    const sitesDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-e2e-consult-sites-'))
    cms = await startCms({
      seed: true,
      env: {
        SITES_DIR: sitesDir,
        SMTP_HOST: 'localhost',
        SMTP_PORT: String(smtp.port),
        SMTP_TLS_CA: tls.cert,
        CONSULTATION_MIN_FILL_SECONDS: '1',
      },
    })
    await buildSitesOrThrow({ cmsUrl: cms.url, sitesDir })
    chromium = await launchChromium()
    context = await chromium.newContext({ javaScriptEnabled: false })
    visitor = await context.newPage()
    visitor.on('console', (message) => {
      if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text())
    })
  })

  afterAll(async () => {
    await context?.close()
    await chromium?.close()
    await cms?.stop()
    await smtp?.stop()
  })

  it('goes from the home page to the form through "Request a consultation"', async () => {
    await visitor.goto(site('/'))
    await Promise.all([
      visitor.waitForURL(site('/consultation/')),
      visitor.locator('header a', { hasText: 'Request a consultation' }).click(),
    ])
    expect(await visitor.title()).toContain('Request a consultation')
    // This clinic is chosen; the network's other locations are offered.
    expect(await visitor.inputValue('#consultation-location')).toBe('albuquerque')
    expect(await visitor.locator('#consultation-location option').count()).toBe(3)
  })

  it("shows the server's refusal in the clinic's layout, without the answers, and Back keeps them", async () => {
    await visitor.fill('#consultation-name', 'Avery Example')
    await visitor.fill('#consultation-phone', '12')
    await visitor.fill('#consultation-email', 'avery@example.com')
    await visitor.check('#consultation-contact_method-email')
    await visitor.selectOption('#consultation-contact_time', 'afternoon')
    await visitor.fill('#consultation-message', 'Could I visit on a Saturday morning?')
    await visitor.check('#consultation-consent')
    await visitor.waitForTimeout(1100)
    const [response] = await Promise.all([
      visitor.waitForResponse((r) => r.request().method() === 'POST'),
      visitor.click('button[type=submit]'),
    ])
    expect(response.status()).toBe(400)
    await visitor.waitForLoadState('load')
    expect(await visitor.title()).toMatch(/^Error: /)
    expect(await visitor.textContent('.error-summary')).toContain(
      'Enter a phone number using digits',
    )
    expect(await visitor.getAttribute('#consultation-phone', 'aria-invalid')).toBe('true')
    // The clinic's own header and footer around it; nothing typed comes back.
    expect(await visitor.textContent('header')).toContain('Clearwater Infusion Albuquerque')
    const html = await visitor.content()
    for (const typed of ['Avery Example', 'avery@example.com', 'Saturday morning'])
      expect(html).not.toContain(typed)

    await visitor.goBack()
    expect(await visitor.inputValue('#consultation-name')).toBe('Avery Example')
    expect(await visitor.inputValue('#consultation-message')).toBe(
      'Could I visit on a Saturday morning?',
    )
  })

  it('sends the corrected form, lands on the thanks page, and the clinic gets the email', async () => {
    await visitor.fill('#consultation-phone', '(505) 555-0177')
    await visitor.waitForTimeout(1100)
    await Promise.all([
      visitor.waitForURL(site('/consultation/thanks/')),
      visitor.click('button[type=submit]'),
    ])
    expect(await visitor.textContent('h1')).toContain('your request was sent')
    const mail = await waitFor('the email', async () => smtp.messages[0], 30_000)
    expect(mail.secure).toBe(true)
    expect(mail.to).toEqual(['requests@albuquerque.clearwater-infusion.example'])
    for (const value of [
      'Avery Example',
      '(505) 555-0177',
      'avery@example.com',
      'Contact by:       Email',
      'Best time:        Afternoon',
      'Could I visit on a Saturday morning?',
    ])
      expect(mail.text).toContain(value)
    expect(problems).toEqual([])
  })
})

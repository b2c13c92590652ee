/**
 * WCAG 2.2 AA with axe-core in Chromium on one page of every type on every clinic's site, served
 * over HTTP by the CMS at <clinic>.localhost with the sites' real headers (CSP included), so the
 * clinics' own accent colours and the Pagefind search UI are checked as visitors get them.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { launchBrowser } from '../support/browser.ts'
import { repoRoot } from '../support/cms.ts'
import { type BuiltNetwork, CLINIC_SLUGS, FIXTURES, startBuiltNetwork } from './fixtures.ts'

const WCAG_22_AA = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']
// Evaluated over the DevTools protocol: the sites' CSP (script-src 'self') refuses the inline
// <script> that page.addScriptTag would add, and bypassing CSP would test a page visitors never get.
const AXE_SOURCE = fs.readFileSync(
  path.join(repoRoot, 'node_modules', 'axe-core', 'axe.min.js'),
  'utf8',
)

const ARTICLE_OF: Record<(typeof CLINIC_SLUGS)[number], string> = {
  albuquerque: 'is-ketamine-infusion-right-for-you',
  temecula: FIXTURES.illustrated.slug,
  waxahachie: 'ketamine-for-chronic-pain-and-opioids',
}

interface PageType {
  name: string
  path: (network: BuiltNetwork, clinic: (typeof CLINIC_SLUGS)[number]) => string
  status?: number
  /** Brings the page to the state to check (e.g. search results shown). */
  prepare?: (page: Page) => Promise<void>
}

/** The same page types in Spanish (the clinic's first Spanish article and treated condition). */
const SPANISH_PAGE_TYPES: PageType[] = [
  { name: 'Spanish home', path: () => '/es/' },
  { name: 'Spanish article index', path: () => '/es/articulos/' },
  {
    name: 'Spanish article',
    path: (network, clinic) => {
      const site = network.rest.clinics.find((c) => c.slug === clinic)!
      const article = network.rest.spanish.articles.find(
        (a) =>
          (a.owner === 'clinic' && String(a.ownerClinic) === String(site.id)) ||
          (a.owner === 'network' &&
            (a.syndication === 'all' ||
              (a.clinics ?? []).some((id) => String(id) === String(site.id)))),
      )!
      return `/es/articulos/${article.slug}/`
    },
  },
  { name: 'Spanish condition index', path: () => '/es/condiciones/' },
  {
    name: 'Spanish condition',
    path: (network, clinic) => {
      const { conditions } = network.rest.clinics.find((c) => c.slug === clinic)!
      const condition = network.rest.spanish.conditions.find(
        (c) => String(c.id) === String(conditions?.[0]),
      )!
      return `/es/condiciones/${condition.slug}/`
    },
  },
  { name: 'Spanish FAQ', path: () => '/es/preguntas-frecuentes/' },
  { name: 'Spanish location', path: () => '/es/ubicacion/' },
  {
    name: 'Spanish search (with results)',
    path: () => '/es/buscar/',
    prepare: async (page) => {
      const input = page.locator('.pagefind-ui__search-input')
      await input.waitFor({ timeout: 30_000 })
      await input.fill('ketamina')
      await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 30_000 })
    },
  },
  { name: 'Spanish not found', path: () => '/es/no-existe/', status: 404 },
]

const PAGE_TYPES: PageType[] = [
  { name: 'home', path: () => '/' },
  { name: 'article index', path: () => '/articles/' },
  { name: 'article', path: (_, clinic) => `/articles/${ARTICLE_OF[clinic]}/` },
  { name: 'condition index', path: () => '/conditions/' },
  {
    name: 'condition',
    path: (network, clinic) => {
      const { conditions } = network.rest.clinics.find((c) => c.slug === clinic)!
      return `/conditions/${network.rest.conditions.find((condition) => String(condition.id) === String(conditions?.[0]))!.slug}/`
    },
  },
  { name: 'FAQ', path: () => '/faq/' },
  { name: 'location', path: () => '/location/' },
  {
    name: 'search (with results)',
    path: () => '/search/',
    prepare: async (page) => {
      const input = page.locator('.pagefind-ui__search-input')
      await input.waitFor({ timeout: 30_000 })
      await input.fill('ketamine')
      await page.locator('.pagefind-ui__result').first().waitFor({ timeout: 30_000 })
    },
  },
  { name: 'not found', path: () => '/no-such-page/', status: 404 },
  // Served by the CMS (a fresh form token), in the clinic's layout.
  { name: 'consultation form', path: () => '/consultation/' },
  {
    name: 'consultation refusal (a phone number the server refuses)',
    path: () => '/consultation/',
    prepare: async (page) => {
      await page.fill('#consultation-name', 'Jordan Example')
      await page.fill('#consultation-phone', '12')
      await page.check('#consultation-contact_method-phone')
      await page.check('#consultation-consent')
      // The default minimum fill time (3 s) counts from when the page was served.
      await page.waitForTimeout(3200)
      const [response] = await Promise.all([
        page.waitForResponse((r) => r.request().method() === 'POST'),
        page.click('button[type=submit]'),
      ])
      expect(response.status()).toBe(400)
      await page.waitForLoadState('load')
      expect(await page.textContent('.error-summary')).toContain(
        'Enter a phone number using digits',
      )
    },
  },
  { name: 'consultation sent', path: () => '/consultation/thanks/' },
  { name: 'privacy notice', path: () => '/privacy/' },
  ...SPANISH_PAGE_TYPES,
]

interface AxeResults {
  violations: {
    id: string
    impact: string | null
    help: string
    nodes: { target: unknown[]; failureSummary?: string }[]
  }[]
  passes: unknown[]
}

describe('accessibility of every page type (axe-core, WCAG 2.2 AA, Chromium)', () => {
  let network: BuiltNetwork
  let browser: Awaited<ReturnType<typeof launchBrowser>>
  let port: string

  beforeAll(async () => {
    network = await startBuiltNetwork()
    port = new URL(network.cms.url).port
    browser = await launchBrowser()
  })

  afterAll(async () => {
    await browser?.close()
    await network?.stop()
  })

  describe.each(CLINIC_SLUGS)('%s', (clinic) => {
    it.each(PAGE_TYPES)('$name page has no violations', async (type) => {
      const page = await browser.context.newPage()
      const problems: string[] = []
      page.on('console', (message) => {
        if (/Content Security Policy|Refused to/i.test(message.text()))
          problems.push(message.text())
      })
      page.on('pageerror', (error) => problems.push(error.message))
      try {
        const url = `http://${clinic}.localhost:${port}${type.path(network, clinic)}`
        const response = await page.goto(url, { waitUntil: 'load' })
        expect(response?.status(), url).toBe(type.status ?? 200)
        await type.prepare?.(page)
        await page.evaluate(AXE_SOURCE)
        const results = await page.evaluate(
          (tags) =>
            (
              window as unknown as {
                axe: { run: (context: Document, options: unknown) => Promise<AxeResults> }
              }
            ).axe.run(document, { runOnly: { type: 'tag', values: tags } }),
          WCAG_22_AA,
        )
        const violations = results.violations.map(
          (violation) =>
            `${violation.id} (${violation.impact}): ${violation.help}\n${violation.nodes
              .slice(0, 5)
              .map(
                (node) =>
                  `    ${JSON.stringify(node.target)} ${node.failureSummary?.replace(/\s+/g, ' ') ?? ''}`,
              )
              .join('\n')}`,
        )
        expect(violations, url).toEqual([])
        expect(results.passes.length, url).toBeGreaterThan(5)
        expect(problems, url).toEqual([])
      } finally {
        await page.close()
      }
    })
  })
})

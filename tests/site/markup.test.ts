/**
 * The markup of every page of a real build: structured data that parses and says what the page
 * shows, internal links and images that resolve inside the clinic's own tree, and HTML that passes
 * html-validate's recommended rules.
 */
import fs from 'node:fs'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  CONSULTATION_PATH,
  ERROR_SUMMARY_MARKER,
  FIELD,
  LIMITS,
  TOKEN_PLACEHOLDER,
  fieldErrorMarker,
} from '../../shared/src/consultation.ts'
import {
  type JsonLdNode,
  type Page,
  allElements,
  attr,
  htmlValidator,
  jsonLdNodes,
  nodesOfType,
  readPages,
  resolveInTree,
  textOf,
  xmlValues,
} from '../support/site.ts'
import { type BuiltNetwork, CLINIC_SLUGS, FIXTURES, startBuiltNetwork } from './fixtures.ts'

const DAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']
const withoutSpace = (text: string) => text.replace(/\s+/g, '')

describe('markup of every page (real build of the demo network)', () => {
  let network: BuiltNetwork
  const pages = new Map<string, Page[]>()

  beforeAll(async () => {
    network = await startBuiltNetwork()
    for (const slug of CLINIC_SLUGS) pages.set(slug, await readPages(network.tree(slug)))
  })

  afterAll(async () => {
    await network?.stop()
  })

  const clinicOf = (slug: string) => network.rest.clinics.find((clinic) => clinic.slug === slug)!
  const isArticlePage = (page: Page) =>
    /^\/articles\/(?!page\/)[^/]+\/$/.test(page.url) ||
    /^\/es\/articulos\/(?!pagina\/)[^/]+\/$/.test(page.url)
  /** The article a page shows, in the page's language. */
  const articleOf = (page: Page) =>
    page.url.startsWith('/es/')
      ? network.rest.spanish.articles.find(
          (a) => `/es/articulos/${a.slug}/` === decodeURI(page.url),
        )!
      : network.rest.articles.find((a) => `/articles/${a.slug}/` === page.url)!

  describe.each(CLINIC_SLUGS)('%s', (slug) => {
    const nodesOf = (page: Page) => {
      try {
        return jsonLdNodes(page.root)
      } catch (error) {
        throw new Error(
          `${slug}/${page.file}: JSON-LD does not parse: ${(error as Error).message}`,
          {
            cause: error,
          },
        )
      }
    }

    it('describes the clinic as the same MedicalClinic on every page', () => {
      const clinic = clinicOf(slug)
      for (const page of pages.get(slug)!) {
        const [node, ...others] = nodesOfType(nodesOf(page), 'MedicalClinic')
        expect(others, page.file).toEqual([])
        expect(node, page.file).toMatchObject({
          '@id': `${clinic.siteUrl}/#clinic`,
          name: clinic.name,
          telephone: expect.stringMatching(/^\+1-\d{3}-\d{3}-\d{4}$/),
          address: {
            '@type': 'PostalAddress',
            streetAddress: clinic.address.street,
            addressLocality: clinic.address.city,
            addressRegion: clinic.address.state,
            postalCode: clinic.address.postalCode,
            addressCountry: clinic.address.country,
          },
          geo: { '@type': 'GeoCoordinates', latitude: clinic.geo.lat, longitude: clinic.geo.lng },
        })
        const hours = node!.openingHoursSpecification as JsonLdNode[]
        expect(hours.length, page.file).toBe(clinic.openingHours?.length)
        expect(hours, page.file).toEqual(
          (clinic.openingHours ?? []).map((row) =>
            expect.objectContaining({
              dayOfWeek: `https://schema.org/${row.day[0]!.toUpperCase()}${row.day.slice(1)}`,
              opens: row.opens,
              closes: row.closes,
            }),
          ),
        )
        expect(
          hours.every((row) =>
            DAYS.includes(String(row.dayOfWeek).replace('https://schema.org/', '').toLowerCase()),
          ),
        ).toBe(true)
      }
    })

    it('describes every article as a MedicalWebPage with its reviewer and review date', () => {
      const articlePages = pages.get(slug)!.filter(isArticlePage)
      expect(articlePages.length).toBeGreaterThan(0)
      for (const page of articlePages) {
        const article = articleOf(page)
        const [node, ...others] = nodesOfType(nodesOf(page), 'MedicalWebPage')
        expect(others, page.file).toEqual([])
        const reviewed = page.root.querySelector('.reviewed time')
        expect(node, page.file).toMatchObject({
          headline: article.title,
          reviewedBy: { '@type': 'Person', name: article.reviewedBy?.name },
          lastReviewed: attr(reviewed!, 'datetime'),
        })
        expect(article.reviewedBy?.name, page.file).toBeTruthy()
        expect(node!.lastReviewed, page.file).toMatch(/^\d{4}-\d{2}-\d{2}$/)
        expect(textOf(page.root.querySelector('.reviewed')), page.file).toContain(
          String(article.reviewedBy?.name),
        )
      }
    })

    it('adds FAQPage exactly where questions and answers are visible, with the same questions and answers', () => {
      let withFaqs = 0
      for (const page of pages.get(slug)!) {
        const visible = page.root.querySelectorAll('section.faq').map((section) => ({
          question: textOf(section.querySelector('h2') ?? section.querySelector('h3')),
          answer: withoutSpace(textOf(section.querySelector('.prose'))),
        }))
        const faqPages = nodesOfType(nodesOf(page), 'FAQPage')
        if (visible.length === 0) {
          expect(faqPages, page.file).toEqual([])
          continue
        }
        withFaqs++
        expect(faqPages, page.file).toHaveLength(1)
        const marked = (faqPages[0]!.mainEntity as JsonLdNode[]).map((entity) => ({
          question: String(entity.name),
          answer: withoutSpace(String((entity.acceptedAnswer as JsonLdNode).text)),
        }))
        const byQuestion = (a: { question: string }, b: { question: string }) =>
          a.question.localeCompare(b.question)
        expect(marked.sort(byQuestion), page.file).toEqual(visible.sort(byQuestion))
      }
      // The FAQ page and at least one condition page show questions.
      expect(withFaqs).toBeGreaterThanOrEqual(2)
      expect(
        nodesOfType(nodesOf(pages.get(slug)!.find((page) => page.url === '/faq/')!), 'FAQPage'),
      ).toHaveLength(1)
    })

    it('sends every "Request a consultation" link to the consultation form, on every page', () => {
      let links = 0
      for (const page of pages.get(slug)!) {
        for (const link of page.root.querySelectorAll('a')) {
          if (!['Request a consultation', 'Solicitar una consulta'].includes(textOf(link))) continue
          links++
          expect(attr(link, 'href'), page.file).toBe(CONSULTATION_PATH)
        }
        expect(page.html, page.file).not.toMatch(/mailto:[^"]*subject=/)
      }
      // The header and the footer of every page, plus home, location and article footers.
      expect(links).toBeGreaterThan(2 * pages.get(slug)!.length)
    })

    it('renders the consultation form the CMS answers: its fields, limits, markers and token placeholder', () => {
      const page = pages.get(slug)!.find((p) => p.url === CONSULTATION_PATH)!
      const form = page.root.querySelector('form.consultation-form')!
      expect(attr(form, 'method')).toBe('post')
      expect(attr(form, 'action')).toBe(CONSULTATION_PATH)
      const control = (name: string) => form.querySelector(`[name="${name}"]`)!
      expect(attr(control(FIELD.name), 'autocomplete')).toBe('name')
      expect(attr(control(FIELD.phone), 'autocomplete')).toBe('tel')
      expect(attr(control(FIELD.email), 'autocomplete')).toBe('email')
      expect(attr(control(FIELD.message), 'maxlength')).toBe(String(LIMITS.message))
      expect(attr(control(FIELD.token), 'value')).toBe(TOKEN_PLACEHOLDER)
      expect(page.root.querySelector(`.trap [name="${FIELD.honeypot}"]`)).toBeTruthy()
      // Every visible control is labelled.
      for (const input of form.querySelectorAll('input, select, textarea')) {
        if (['hidden'].includes(attr(input, 'type') ?? '') || input.id === 'consultation-website')
          continue
        expect(form.querySelector(`label[for="${input.id}"]`), String(input.id)).toBeTruthy()
      }
      // The location list is the network's clinics, this one chosen.
      const options = form.querySelectorAll(`[name="${FIELD.location}"] option`)
      expect(options.map((option) => attr(option, 'value')).sort()).toEqual(
        [...CLINIC_SLUGS].sort(),
      )
      expect(
        options.filter((option) => option.hasAttribute('selected')).map((o) => attr(o, 'value')),
      ).toEqual([slug])
      // Where a refusal's messages go (shared/src/consultation.ts).
      expect(page.html).toContain(ERROR_SUMMARY_MARKER)
      for (const field of [FIELD.name, FIELD.phone, FIELD.email, FIELD.message, FIELD.consent])
        expect(page.html, field).toContain(fieldErrorMarker(field))
    })

    it('gives every page but home and 404 a BreadcrumbList that matches its visible breadcrumbs', () => {
      const { siteUrl } = clinicOf(slug)
      for (const page of pages.get(slug)!) {
        const lists = nodesOfType(nodesOf(page), 'BreadcrumbList')
        const trail = page.root.querySelectorAll('nav.breadcrumbs li')
        const spanish = page.url.startsWith('/es/')
        const home = spanish ? '/es/' : '/'
        if (page.url === home || page.url === `${home}404.html`) {
          expect(lists, page.file).toEqual([])
          expect(trail, page.file).toEqual([])
          continue
        }
        expect(lists, page.file).toHaveLength(1)
        const visible = trail.map((li, index) => {
          const link = li.querySelector('a')
          return {
            position: index + 1,
            name: textOf(li),
            item: `${siteUrl}${link ? attr(link, 'href') : page.url}`,
          }
        })
        expect(visible[0], page.file).toEqual({
          position: 1,
          name: spanish ? 'Inicio' : 'Home',
          item: `${siteUrl}${home}`,
        })
        expect(visible.at(-1)!.item, page.file).toBe(`${siteUrl}${page.url}`)
        const items = (lists[0]!.itemListElement as JsonLdNode[]).map(
          ({ position, name, item }) => ({ position, name, item }),
        )
        expect(items, page.file).toEqual(visible)
      }
    })

    it('describes the care team on the location page as Physician or Person nodes of the clinic', () => {
      const { id, siteUrl } = clinicOf(slug)
      const page = pages.get(slug)!.find((p) => p.url === '/location/')!
      const nodes = nodesOf(page).filter(
        (node) => node['@type'] === 'Physician' || node['@type'] === 'Person',
      )
      const team = network.rest.providers.filter((provider) =>
        (provider.clinics ?? []).some((clinic) => String(clinic) === String(id)),
      )
      expect(team.length).toBeGreaterThan(0)
      expect(nodes.map((node) => node.name).sort()).toEqual(
        team.map((provider) => provider.name).sort(),
      )
      for (const provider of team) {
        const node = nodes.find((n) => n.name === provider.name)!
        expect(node['@type'], provider.name).toBe(
          /\b(MD|DO)\b/.test(provider.credentials ?? '') ? 'Physician' : 'Person',
        )
        expect(node).toMatchObject({
          '@id': `${siteUrl}/location/#${provider.slug}`,
          memberOf: { '@id': `${siteUrl}/#clinic` },
        })
        const card = page.root
          .querySelectorAll('article.provider')
          .find((element) => element.id === provider.slug)
        expect(textOf(card?.querySelector('h3')), provider.name).toContain(provider.name)
      }
      // Literal: a physician and a nurse practitioner at Albuquerque.
      if (slug === 'albuquerque') {
        expect(nodes.find((n) => String(n['@id']).endsWith('#elena-marquez'))?.['@type']).toBe(
          'Physician',
        )
        expect(nodes.find((n) => String(n['@id']).endsWith('#sarah-lindqvist'))?.['@type']).toBe(
          'Person',
        )
      }
    })

    it('resolves every internal link, image and same-network URL inside the right clinic tree', () => {
      const tree = network.tree(slug)
      const siteOf = new Map(
        network.rest.clinics.map((clinic) => [new URL(clinic.siteUrl).origin, clinic.slug]),
      )
      const broken: string[] = []
      const idsOf = new Map<string, Set<string>>()
      const ids = (treeDir: string, file: string) => {
        const key = `${treeDir}:${file}`
        if (!idsOf.has(key)) {
          const html = fs.readFileSync(file, 'utf8')
          idsOf.set(key, new Set([...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!)))
        }
        return idsOf.get(key)!
      }
      const check = (page: Page, element: string, what: string, url: string) => {
        let treeDir = tree
        let local = url
        if (/^https?:/.test(url)) {
          const parsed = new URL(url)
          const owner = siteOf.get(parsed.origin)
          // Canonical, og:url and og:image URLs the build writes; editors' links (a booking page
          // on the clinic's domain) may be served by something else there.
          if (!owner || (element !== 'link' && element !== 'meta')) return
          treeDir = network.tree(owner)
          local = `${parsed.pathname}${parsed.hash}`
        } else if (url.startsWith('//')) {
          broken.push(`${page.file}: protocol-relative ${what} ${url}`)
          return
        } else if (url.startsWith('#')) {
          local = `${page.url}${url}`
        } else if (!url.startsWith('/')) {
          return
        }
        const file = resolveInTree(treeDir, local)
        if (!file) {
          broken.push(`${page.file}: ${what} ${url}`)
          return
        }
        const fragment = local.split('#')[1]
        if (
          fragment &&
          file.endsWith('.html') &&
          !ids(treeDir, file).has(decodeURIComponent(fragment))
        ) {
          broken.push(`${page.file}: ${what} ${url} (no id="${fragment}")`)
        }
      }
      let images = 0
      for (const page of pages.get(slug)!) {
        for (const element of allElements(page.root)) {
          for (const name of ['href', 'src', 'content']) {
            const value = attr(element, name)
            if (value !== undefined && (name !== 'content' || /^https?:/.test(value)))
              check(page, element.tagName, `${element.tagName}[${name}]`, value)
          }
          for (const candidate of (attr(element, 'srcset') ?? '')
            .split(',')
            .filter((c) => c.trim())) {
            check(
              page,
              element.tagName,
              `${element.tagName}[srcset]`,
              candidate.trim().split(/\s+/)[0]!,
            )
          }
          if (element.tagName === 'img') {
            images++
            if (
              !element.hasAttribute('alt') ||
              !attr(element, 'width') ||
              !attr(element, 'height') ||
              !attr(element, 'src')?.startsWith('/_astro/')
            ) {
              broken.push(
                `${page.file}: <img> without alt, size or a built source: ${attr(element, 'src')}`,
              )
            }
          }
        }
      }
      const { siteUrl } = clinicOf(slug)
      for (const feed of ['sitemap.xml', 'rss.xml']) {
        const xml = fs.readFileSync(path.join(tree, feed), 'utf8')
        const urls = xmlValues(xml, feed === 'rss.xml' ? 'link' : 'loc')
        expect(urls.length).toBeGreaterThan(1)
        for (const url of urls) {
          if (!url.startsWith(`${siteUrl}/`)) broken.push(`${feed}: ${url} is not on ${siteUrl}`)
          else if (!resolveInTree(tree, url.slice(siteUrl.length))) broken.push(`${feed}: ${url}`)
        }
      }
      expect(broken).toEqual([])
      if (slug === FIXTURES.illustrated.clinic) expect(images).toBeGreaterThanOrEqual(2)
    })

    it('passes html-validate (recommended rules) on every page', async () => {
      const validator = htmlValidator()
      const errors: string[] = []
      for (const page of pages.get(slug)!) {
        const report = await validator.validateString(page.html, `${slug}/${page.file}`)
        for (const result of report.results) {
          for (const message of result.messages)
            errors.push(
              `${result.filePath}:${message.line}:${message.column} ${message.ruleId}: ${message.message}`,
            )
        }
      }
      expect(pages.get(slug)!.length).toBeGreaterThan(10)
      expect(errors).toEqual([])
    })
  })

  it('passes html-validate on the network index', async () => {
    const report = await htmlValidator().validateString(
      fs.readFileSync(path.join(network.sitesDir, 'index.html'), 'utf8'),
      'index.html',
    )
    expect(
      report.results.flatMap((result) => result.messages.map((m) => `${m.ruleId}: ${m.message}`)),
    ).toEqual([])
  })

  it('keeps a long article title out of <title> beyond 70 characters, cut at a word', () => {
    const slug = 'ketamine-for-chronic-pain-and-opioids'
    const article = network.rest.articles.find((a) => a.slug === slug)!
    expect(article.title.length).toBeGreaterThan(70)
    for (const clinic of CLINIC_SLUGS) {
      const page = pages.get(clinic)!.find((p) => p.url === `/articles/${slug}/`)!
      const title = textOf(page.root.querySelector('title'))
      expect(title.length).toBeLessThanOrEqual(70)
      expect(title.endsWith('…')).toBe(true)
      const kept = title.slice(0, -1)
      expect(article.title.startsWith(kept)).toBe(true)
      expect(article.title[kept.length]).toMatch(/[\s,;:.]/)
      expect(textOf(page.root.querySelector('h1'))).toBe(article.title)
      const ogTitle = page.root
        .querySelectorAll('meta')
        .find((meta) => attr(meta, 'property') === 'og:title')!
      expect(attr(ogTitle, 'content')).toBe(article.title)
    }
  })
})

/**
 * English and Spanish are published separately, and a reader never gets a Spanish draft nor
 * English text in a Spanish answer: REST (`?locale=es`, `fallback-locale`, `locale=all`), GraphQL,
 * the Local API, relationship population and versions, for articles and FAQs; documents without
 * drafts (conditions) come back empty in Spanish rather than in English.
 */
import { randomBytes } from 'node:crypto'

import type { Article } from '@clinic/shared/payload-types'
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, databaseLabel, dropDatabase, localApi, startCms } from '../support/cms.ts'

type Id = string | number
type Json = Record<string, unknown>

const ADMIN = {
  email: 'locales-admin@clinic-test.example',
  password: 'locales-admin-password-1',
  name: 'Locales Admin',
}
const suffix = randomBytes(4).toString('hex')
/** Only Spanish drafts contain this token: finding it in a public response is a leak. */
const ES_DRAFT = `borradorsinrevisar${suffix}`
const richText = (text: string) => toLexical([{ p: text }]) as Article['body']

describe(`Spanish and English are published separately (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let payload: Payload
  const ids = {} as Record<
    'esDraft' | 'bothPublished' | 'esNewerDraft' | 'englishOnly' | 'faqEsDraft' | 'faqBoth',
    Id
  > & { conditionEnglishOnly: Id; clinic: Id }

  const get = async (path: string) => {
    const res = await fetch(`${cms.url}${path}`)
    return { status: res.status, text: await res.text() }
  }
  const graphql = async (query: string) => {
    const res = await fetch(`${cms.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    })
    const text = await res.text()
    return { status: res.status, text, body: JSON.parse(text) as { data?: any; errors?: any[] } }
  }
  let publishAfterDelay: (id: Id, locale: 'en' | 'es', data: Json) => Promise<Article>
  const docsOf = (text: string) => (JSON.parse(text) as { docs: Json[] }).docs

  beforeAll(async () => {
    cms = await startCms()
    payload = await localApi(cms)
    await payload.create({ collection: 'users', data: { ...ADMIN, roles: ['admin'] } })
    const { user } = await payload.login({ collection: 'users', data: ADMIN })
    const as = { user, overrideAccess: false, depth: 0 } as const
    const author = await payload.create({
      collection: 'providers',
      data: { name: 'Dr. Locale Author', credentials: 'MD' },
      ...as,
    })
    const reviewer = await payload.create({
      collection: 'users',
      data: {
        email: 'locales-reviewer@clinic-test.example',
        password: 'locales-reviewer-password-1',
        name: 'Locale Reviewer',
        roles: ['medical-reviewer'],
      },
      ...as,
    })
    const review = {
      medicalReviewer: reviewer.id,
      lastReviewedAt: new Date(Date.now() - 3 * 86_400_000).toISOString(),
    }
    const english = (title: string) => ({
      title,
      excerpt: `${title}: the short version.`,
      body: richText(`${title}, explained.`),
      owner: 'network' as const,
      syndication: 'all' as const,
      author: author.id,
      ...review,
    })
    const spanish = (title: string) => ({
      title,
      excerpt: `${title}: en pocas palabras.`,
      body: richText(`${title}, explicado.`),
      ...review,
    })
    const createPublished = async (title: string) =>
      (
        await payload.create({
          collection: 'articles',
          data: { ...english(title), _status: 'published' },
          ...as,
        })
      ).id
    const saveSpanish = (id: Id, data: Json, publish: boolean) =>
      payload.update({
        collection: 'articles',
        id,
        locale: 'es',
        data: { ...data, _status: publish ? 'published' : 'draft' },
        draft: !publish,
        ...as,
      })

    ids.esDraft = await createPublished('Ketamine and depression')
    await saveSpanish(ids.esDraft, spanish(`Ketamina y depresión ${ES_DRAFT}`), false)

    ids.bothPublished = await createPublished('Preparing for your infusion')
    await saveSpanish(ids.bothPublished, spanish('Cómo prepararse para su infusión'), true)

    ids.esNewerDraft = await createPublished('After your infusion')
    await saveSpanish(ids.esNewerDraft, spanish('Después de su infusión'), true)
    await saveSpanish(ids.esNewerDraft, { title: `Después de la infusión ${ES_DRAFT}` }, false)

    ids.englishOnly = await createPublished('Insurance and payment')
    publishAfterDelay = async (id, locale, data) => {
      await new Promise((resolve) => setTimeout(resolve, 20))
      const fields = locale === 'es' ? spanish(String(data.title)) : english(String(data.title))
      return payload.update({
        collection: 'articles',
        id,
        locale,
        data: { ...fields, ...data, _status: 'published' },
        ...as,
      })
    }

    const faq = (question: string) => ({
      question,
      answer: richText(`${question} Yes.`),
      topic: 'during' as const,
      owner: 'network' as const,
    })
    ids.faqEsDraft = (
      await payload.create({
        collection: 'faqs',
        data: { ...faq('Will I be awake?'), _status: 'published' },
        ...as,
      })
    ).id
    await payload.update({
      collection: 'faqs',
      id: ids.faqEsDraft,
      locale: 'es',
      data: { question: `¿Estaré despierto? ${ES_DRAFT}`, _status: 'draft' },
      draft: true,
      ...as,
    })
    ids.faqBoth = (
      await payload.create({
        collection: 'faqs',
        data: { ...faq('Can I drive home?'), _status: 'published' },
        ...as,
      })
    ).id
    await payload.update({
      collection: 'faqs',
      id: ids.faqBoth,
      locale: 'es',
      data: { question: '¿Puedo manejar a casa?', answer: richText('No.'), _status: 'published' },
      ...as,
    })

    ids.conditionEnglishOnly = (
      await payload.create({
        collection: 'conditions',
        data: { name: 'Migraine', category: 'pain', summary: 'Recurring headaches.' },
        ...as,
      })
    ).id
    ids.clinic = (
      await payload.create({
        collection: 'clinics',
        data: {
          name: 'Locale Test Clinic',
          slug: 'locale-test',
          siteUrl: 'https://locale-test.clinic-test.example',
          email: 'front-desk@clinic-test.example',
          phone: '(505) 555-0142',
          address: { street: '1 Test St', city: 'Santa Fe', state: 'NM', postalCode: '87501' },
          geo: { lat: 35.68, lng: -105.94 },
          timezone: 'America/Denver',
          optedOutArticles: [ids.esDraft, ids.bothPublished],
        } as never,
        ...as,
      })
    ).id
  })

  afterAll(async () => {
    await cms?.stop()
    if (payload) {
      await dropDatabase(payload)
      await payload.destroy()
    }
  })

  describe('REST', () => {
    it('lists in Spanish only what is published in Spanish, each in its published version', async () => {
      for (const path of [
        '/api/articles?locale=es&limit=50',
        '/api/articles?locale=es&draft=true',
      ]) {
        const { status, text } = await get(path)
        expect(status, path).toBe(200)
        expect(text, path).not.toContain(ES_DRAFT)
        const docs = docsOf(text)
        expect(docs.map((doc) => doc.id).sort(), path).toEqual(
          [ids.bothPublished, ids.esNewerDraft].sort(),
        )
        expect(docs.map((doc) => doc.title).sort(), path).toEqual([
          'Cómo prepararse para su infusión',
          'Después de su infusión',
        ])
        expect(
          docs.every((doc) => doc._status === 'published'),
          path,
        ).toBe(true)
      }
    })

    it('still lists every article in English, unchanged by the Spanish drafts', async () => {
      for (const path of ['/api/articles?limit=50', '/api/articles?locale=en&limit=50']) {
        const { status, text } = await get(path)
        expect(status, path).toBe(200)
        expect(text, path).not.toContain(ES_DRAFT)
        expect(
          docsOf(text)
            .map((doc) => doc.title)
            .sort(),
          `${path} ${text.slice(0, 400)}`,
        ).toEqual([
          'After your infusion',
          'Insurance and payment',
          'Ketamine and depression',
          'Preparing for your infusion',
        ])
      }
    })

    it('answers 404 in Spanish for an article whose Spanish is a draft or missing', async () => {
      for (const id of [ids.esDraft, ids.englishOnly]) {
        for (const path of [
          `/api/articles/${id}?locale=es`,
          `/api/articles/${id}?locale=es&draft=true`,
        ]) {
          const { status, text } = await get(path)
          expect(status, path).toBe(404)
          expect(text, path).not.toContain(ES_DRAFT)
          expect(text, path).not.toContain('Ketamine')
        }
      }
    })

    it('never falls back to English, even when asked to', async () => {
      for (const path of [
        '/api/articles?locale=es&fallback-locale=en',
        `/api/articles/${ids.englishOnly}?locale=es&fallback-locale=en`,
        `/api/faqs?locale=es&fallback-locale=en`,
      ]) {
        const { text } = await get(path)
        expect(text, path).not.toContain('Insurance and payment')
        expect(text, path).not.toContain('Will I be awake')
        expect(text, path).not.toContain(ES_DRAFT)
      }
      const condition = await get(
        `/api/conditions/${ids.conditionEnglishOnly}?locale=es&fallback-locale=en`,
      )
      expect(condition.status).toBe(200)
      expect(JSON.parse(condition.text)).toMatchObject({ category: 'pain' })
      expect(JSON.parse(condition.text).name ?? null).toBeNull()
      expect(condition.text).not.toContain('Migraine')
    })

    it('refuses every-locale reads with a clear 400', async () => {
      for (const path of [
        '/api/articles?locale=all',
        '/api/articles?locale=*',
        `/api/articles/${ids.esDraft}?locale=all`,
        '/api/faqs?locale=all',
        '/api/conditions?locale=all',
        '/api/clinics?locale=all',
      ]) {
        const { status, text } = await get(path)
        expect(status, path).toBe(400)
        expect(text, path).toContain('one locale at a time')
        expect(text, path).not.toContain(ES_DRAFT)
      }
    })

    it('lists in Spanish only the FAQs published in Spanish', async () => {
      const { status, text } = await get('/api/faqs?locale=es')
      expect(status).toBe(200)
      expect(text).not.toContain(ES_DRAFT)
      expect(docsOf(text).map((doc) => doc.question)).toEqual(['¿Puedo manejar a casa?'])
    })

    it('populates no Spanish draft through a relationship', async () => {
      const { status, text } = await get(`/api/clinics/${ids.clinic}?locale=es&depth=1`)
      expect(status).toBe(200)
      expect(text).not.toContain(ES_DRAFT)
      expect(text).toContain('Cómo prepararse para su infusión')
    })

    it('shows readers no versions in any locale', async () => {
      for (const path of ['/api/articles/versions?locale=es', '/api/faqs/versions?locale=es']) {
        const { text } = await get(path)
        expect(text, path).not.toContain(ES_DRAFT)
        expect(text, path).not.toContain('Ketamina')
      }
    })
  })

  describe('GraphQL', () => {
    it('lists in Spanish only what is published in Spanish', async () => {
      const { body, text } = await graphql(
        '{ Articles(locale: es, limit: 50) { docs { id title _status } } Faqs(locale: es) { docs { question } } }',
      )
      expect(text).not.toContain(ES_DRAFT)
      expect(body.data.Articles.docs.map((doc: Json) => doc.title).sort()).toEqual([
        'Cómo prepararse para su infusión',
        'Después de su infusión',
      ])
      expect(body.data.Faqs.docs.map((doc: Json) => doc.question)).toEqual([
        '¿Puedo manejar a casa?',
      ])
    })

    it('finds no Spanish draft by id, with a fallback locale or with every locale', async () => {
      for (const query of [
        `{ Article(id: ${JSON.stringify(ids.esDraft)}, locale: es) { title } }`,
        `{ Article(id: ${JSON.stringify(ids.esDraft)}, locale: es, draft: true) { title } }`,
        `{ Article(id: ${JSON.stringify(ids.englishOnly)}, locale: es, fallbackLocale: en) { title } }`,
        '{ Articles(locale: all) { docs { title } } }',
        `{ Condition(id: ${JSON.stringify(ids.conditionEnglishOnly)}, locale: es, fallbackLocale: en) { name } }`,
      ]) {
        const { text, body } = await graphql(query)
        expect(text, query).not.toContain(ES_DRAFT)
        expect(text, query).not.toContain('Ketamine')
        expect(text, query).not.toContain('Insurance')
        expect(text, query).not.toContain('Migraine')
        expect(JSON.stringify(body.data ?? null), query).not.toMatch(/"title":"[^"]/)
      }
    })
  })

  describe('Local API', () => {
    it('reads no Spanish draft for a reader without an account', async () => {
      const { docs } = await payload.find({
        collection: 'articles',
        locale: 'es',
        overrideAccess: false,
        depth: 0,
      })
      expect(JSON.stringify(docs)).not.toContain(ES_DRAFT)
      expect(docs.map((doc) => doc.id).sort()).toEqual([ids.bothPublished, ids.esNewerDraft].sort())
    })

    it('returns empty Spanish fields, not English ones, by default', async () => {
      const doc = await payload.findByID({
        collection: 'articles',
        id: ids.englishOnly,
        locale: 'es',
        depth: 0,
      })
      expect(doc.title ?? null).toBeNull()
      const condition = await payload.findByID({
        collection: 'conditions',
        id: ids.conditionEnglishOnly,
        locale: 'es',
      })
      expect(condition.name ?? null).toBeNull()
    })

    it("dates an article by its English publishes: publishing the Spanish leaves every English page's date and order", async () => {
      const before = await payload.findByID({
        collection: 'articles',
        id: ids.bothPublished,
        depth: 0,
      })
      expect(before.publishedAt).toBeTruthy()
      const spanish = await publishAfterDelay(ids.bothPublished, 'es', {
        title: 'Antes de su infusión',
      })
      expect(spanish.publishedAt).toBe(before.publishedAt)
      expect(spanish.updatedAt).not.toBe(before.updatedAt)
      const english = await publishAfterDelay(ids.bothPublished, 'en', {
        title: 'Before your infusion',
      })
      expect(english.publishedAt! > before.publishedAt!).toBe(true)
    })

    it('keeps a locale published while the other one gets a new draft', async () => {
      const es = await payload.findByID({
        collection: 'articles',
        id: ids.esNewerDraft,
        locale: 'es',
        depth: 0,
      })
      expect(es).toMatchObject({ _status: 'published', title: 'Después de su infusión' })
      const latest = await payload.findByID({
        collection: 'articles',
        id: ids.esNewerDraft,
        locale: 'es',
        draft: true,
        depth: 0,
      })
      expect(latest.title).toBe(`Después de la infusión ${ES_DRAFT}`)
      const en = await payload.findByID({
        collection: 'articles',
        id: ids.esDraft,
        locale: 'en',
        depth: 0,
      })
      expect(en).toMatchObject({ _status: 'published', title: 'Ketamine and depression' })
    })
  })
})

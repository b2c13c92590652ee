import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { seedDemoNetwork } from '../../cms/src/seed/index.ts'
import { type CmsHandle, databaseLabel, dropDatabase, localApi, startCms } from '../support/cms.ts'

const ADMIN = { email: 'seed.admin@clearwater-infusion.example', password: 'seed-admin-password-1' }

describe(`demo network seeded on first start (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let payload: Payload

  beforeAll(async () => {
    cms = await startCms({
      seed: true,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    })
    payload = await localApi(cms)
  })

  afterAll(async () => {
    await dropDatabase(payload)
    await payload?.destroy()
    await cms?.stop()
  })

  it('creates three clinics in different states with fictional 555-01xx phones, geo and opening hours', async () => {
    const { docs } = await payload.find({ collection: 'clinics', limit: 10 })
    expect(docs).toHaveLength(3)
    expect(new Set(docs.map((clinic) => clinic.address.state)).size).toBe(3)
    for (const clinic of docs) {
      expect(clinic.phone).toMatch(/^\(\d{3}\) 555-01\d\d$/)
      expect(clinic.geo.lat).toBeTypeOf('number')
      expect(clinic.openingHours?.length).toBeGreaterThanOrEqual(5)
      expect(clinic.conditions?.length).toBeGreaterThan(0)
    }
  })

  it('publishes at least 8 articles: 3+ shared with two or more clinics, 2+ local, all with references', async () => {
    const { docs } = await payload.find({
      collection: 'articles',
      limit: 100,
      depth: 0,
      where: { _status: { equals: 'published' } },
    })
    expect(docs.length).toBeGreaterThanOrEqual(8)
    const shared = docs.filter(
      (a) => a.owner === 'network' && (a.syndication === 'all' || (a.clinics?.length ?? 0) >= 2),
    )
    const local = docs.filter((a) => a.owner === 'clinic' && a.ownerClinic)
    expect(shared.length).toBeGreaterThanOrEqual(3)
    expect(local.length).toBeGreaterThanOrEqual(2)
    for (const article of shared) {
      expect(article.references?.length, article.title).toBeGreaterThan(0)
      expect(article.author, article.title).toBeTruthy()
      expect(article.medicalReviewer, article.title).toBeTruthy()
    }
  })

  it('publishes at least 15 FAQs across every topic', async () => {
    const { docs } = await payload.find({ collection: 'faqs', limit: 200, depth: 0 })
    expect(docs.length).toBeGreaterThanOrEqual(15)
    expect(new Set(docs.map((faq) => faq.topic))).toEqual(
      new Set(['before', 'during', 'after', 'safety', 'cost', 'general']),
    )
  })

  it('creates the configured admin from ADMIN_EMAIL, who can log in over REST', async () => {
    const res = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { user: { roles: string[] } }
    expect(body.user.roles).toEqual(['admin'])
  })

  it("is idempotent: a second run creates nothing and keeps an editor's change", async () => {
    const { docs } = await payload.find({
      collection: 'conditions',
      limit: 1,
      where: { slug: { equals: 'migraine' } },
    })
    const migraine = docs[0]!
    await payload.update({
      collection: 'conditions',
      id: migraine.id,
      data: { summary: 'Edited by an editor.' },
    })
    await payload.update({
      collection: 'conditions',
      id: migraine.id,
      locale: 'es',
      data: { summary: 'Editado por una editora.' },
    })
    const before = await payload.count({ collection: 'articles' })

    const summary = await seedDemoNetwork(payload, { users: [] })

    expect(Object.values(summary.created).reduce((a, b) => a + b, 0)).toBe(0)
    expect((await payload.count({ collection: 'articles' })).totalDocs).toBe(before.totalDocs)
    const after = await payload.findByID({ collection: 'conditions', id: migraine.id })
    expect(after.summary).toBe('Edited by an editor.')
    const spanish = await payload.findByID({
      collection: 'conditions',
      id: migraine.id,
      locale: 'es',
    })
    expect(spanish.summary).toBe('Editado por una editora.')
  })

  it('publishes Spanish versions, each article with its own review, and leaves some articles English-only', async () => {
    const get = async (path: string) => {
      const res = await fetch(`${cms.url}${path}`)
      expect(res.status, path).toBe(200)
      return (await res.json()) as { docs: Record<string, any>[]; totalDocs: number }
    }
    const es = await get('/api/articles?locale=es&limit=100&depth=0')
    const en = await get('/api/articles?locale=en&limit=100&depth=0')
    expect(es.totalDocs).toBeGreaterThanOrEqual(5)
    expect(en.totalDocs).toBeGreaterThan(es.totalDocs)
    expect(es.docs.filter((a) => a.owner === 'network').length).toBeGreaterThanOrEqual(2)
    const english = new Map(en.docs.map((a) => [a.id, a]))
    for (const article of es.docs) {
      expect(article.title).not.toBe(english.get(article.id)?.title)
      expect(article.slug).not.toBe(english.get(article.id)?.slug)
      expect(article.medicalReviewer, article.title).toBeTruthy()
      expect(article.lastReviewedAt, article.title).toBeTruthy()
      for (const reference of article.references ?? []) expect(reference.title).toBeTruthy()
    }
    const faqs = await get('/api/faqs?locale=es&limit=100&depth=0')
    expect(faqs.totalDocs).toBeGreaterThanOrEqual(12)
    for (const faq of faqs.docs) expect(faq.question).toMatch(/^¿/)
    const conditions = await get('/api/conditions?locale=es&limit=100&depth=0')
    for (const condition of conditions.docs) {
      expect(condition.name, condition.id).toBeTruthy()
      expect(condition.summary, condition.id).toBeTruthy()
    }
    const clinics = await get('/api/clinics?locale=es&limit=10&depth=0')
    for (const clinic of clinics.docs) expect(clinic.about, clinic.slug).toBeTruthy()
  })

  it('serves the seeded articles on the public REST API', async () => {
    const res = await fetch(`${cms.url}/api/articles?limit=100&depth=0`)
    const body = (await res.json()) as { totalDocs: number; docs: { slug: string }[] }
    expect(res.status).toBe(200)
    expect(body.totalDocs).toBeGreaterThanOrEqual(8)
    expect(body.docs.map((d) => d.slug)).toContain('is-ketamine-infusion-right-for-you')
  })
})

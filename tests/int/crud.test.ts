/**
 * Create -> read (by id and by slug) -> update -> delete -> gone, for every collection and the
 * network-settings global, through the Local API (as an admin, access enforced) and through REST
 * (as an admin holding a JWT). The row table must name every collection in the config.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { CollectionSlug, Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, databaseLabel, dropDatabase, localApi, startCms } from '../support/cms.ts'

type Id = string | number
type Data = Record<string, unknown>
type Doc = Data & { id: Id }

interface Upload {
  data: Buffer
  mimetype: string
  name: string
  size: number
}

interface Fixtures {
  clinicId: Id
  conditionId: Id
  /** An author and a medical reviewer: publishing an article requires both. */
  providerId: Id
  reviewerId: Id
}

interface CrudRow {
  collection: CollectionSlug
  /** The field readers look a document up by: its slug where it has one. */
  lookupField: string
  /** A new document; `tag` keeps unique fields unique between the two transports. */
  create: (tag: string, fx: Fixtures) => Data
  /** What reading the created document back must return (secrets such as passwords left out). */
  expected: (tag: string, fx: Fixtures) => Data
  update: (tag: string) => Data
  upload?: boolean
}

const ADMIN = {
  email: 'crud-admin@clinic-test.example',
  password: 'crud-admin-password-1',
  name: 'CRUD Admin',
}

/** A review date inside the network's review interval, whenever the suite runs. */
const REVIEWED_AT = new Date(
  Math.floor(Date.now() / 86_400_000) * 86_400_000 - 30 * 86_400_000 + 12 * 3_600_000,
).toISOString()

const body = (text: string) =>
  toLexical([
    { h2: 'Overview' },
    { p: `${text} See [NIMH](https://www.nimh.nih.gov/).` },
    { ul: ['One', 'Two'] },
  ])

const withoutPassword = ({ password: _password, ...rest }: Data) => rest

const rows: CrudRow[] = [
  {
    collection: 'articles',
    lookupField: 'slug',
    create: (tag, fx) => ({
      title: `What to expect during an infusion ${tag}`,
      slug: `what-to-expect-${tag}`,
      excerpt: 'A first infusion, step by step.',
      body: body('Plan on about two hours.'),
      references: [{ title: 'NIMH', url: 'https://www.nimh.nih.gov/' }],
      author: fx.providerId,
      medicalReviewer: fx.reviewerId,
      lastReviewedAt: REVIEWED_AT,
      conditions: [fx.conditionId],
      owner: 'network',
      syndication: 'selected',
      clinics: [fx.clinicId],
      meta: { title: `Infusion day ${tag}`, description: 'What happens on infusion day.' },
      _status: 'published',
    }),
    expected(tag, fx) {
      return this.create(tag, fx)
    },
    update: (tag) => ({
      title: `What to expect during your first infusion ${tag}`,
      excerpt: 'Updated excerpt.',
    }),
  },
  {
    collection: 'faqs',
    lookupField: 'question',
    create: (tag, fx) => ({
      question: `Can I drive home after an infusion? ${tag}`,
      answer: body('No: arrange a ride home.'),
      topic: 'after',
      conditions: [fx.conditionId],
      owner: 'clinic',
      ownerClinic: fx.clinicId,
      order: 10,
      _status: 'published',
    }),
    expected(tag, fx) {
      return this.create(tag, fx)
    },
    update: () => ({ topic: 'safety', order: 5 }),
  },
  {
    collection: 'conditions',
    lookupField: 'slug',
    create: (tag) => ({
      name: `Fibromyalgia ${tag}`,
      slug: `fibromyalgia-${tag}`,
      category: 'pain',
      summary: 'Widespread pain with fatigue and poor sleep.',
      body: body('Fibromyalgia is a chronic pain condition.'),
    }),
    expected(tag) {
      return this.create(tag, {} as Fixtures)
    },
    update: () => ({ summary: 'Widespread musculoskeletal pain.' }),
  },
  {
    collection: 'clinics',
    lookupField: 'slug',
    create: (tag, fx) => ({
      name: `Santa Fe Infusion ${tag}`,
      slug: `santa-fe-${tag}`,
      siteUrl: `https://santa-fe-${tag}.clinic-test.example`,
      phone: '(505) 555-0142',
      email: `santa-fe-${tag}@clinic-test.example`,
      address: {
        street: '12 Cerrillos Rd',
        city: 'Santa Fe',
        state: 'NM',
        postalCode: '87505',
        country: 'US',
      },
      geo: { lat: 35.68, lng: -105.94 },
      timezone: 'America/Denver',
      openingHours: [{ day: 'monday', opens: '08:00', closes: '17:00' }],
      conditions: [fx.conditionId],
      treatments: [{ name: 'Ketamine infusion' }],
      about: body('A calm clinic near the plaza.'),
      brand: { accentColor: '#1f5f8b' },
    }),
    expected(tag, fx) {
      return this.create(tag, fx)
    },
    update: () => ({ phone: '(505) 555-0199', tagline: 'Care close to home' }),
  },
  {
    // An old address of a clinic's site (imports write them; editors add their own).
    collection: 'redirects',
    lookupField: 'from',
    create: (tag, fx) => ({
      from: `/old-site/${tag}/`,
      to: { type: 'custom', url: '/location/' },
      ownerClinic: fx.clinicId,
    }),
    expected(tag, fx) {
      return this.create(tag, fx)
    },
    update: () => ({ to: { type: 'custom', url: '/faq/' } }),
  },
  {
    // Where a clinic's consultation requests go (network staff only; see the access matrix).
    collection: 'consultation-intakes',
    lookupField: 'email',
    create: (tag, fx) => ({
      clinic: fx.clinicId,
      email: `intake-${tag}@clinic-test.example`,
      webhookUrl: `https://crm.clinic-test.example/hooks/${tag}`,
      webhookSecret: 'a-webhook-signing-secret-of-forty-characters',
    }),
    expected(tag, fx) {
      return this.create(tag, fx)
    },
    update: () => ({ webhookUrl: 'https://crm.clinic-test.example/hooks/moved' }),
  },
  {
    collection: 'providers',
    lookupField: 'slug',
    create: (tag, fx) => ({
      name: `Dr. Ana Ortiz ${tag}`,
      slug: `ana-ortiz-${tag}`,
      credentials: 'MD',
      role: 'Medical Director',
      bio: body('Board-certified anesthesiologist.'),
      clinics: [fx.clinicId],
    }),
    expected(tag, fx) {
      return this.create(tag, fx)
    },
    update: () => ({ role: 'Lead Physician' }),
  },
  {
    collection: 'media',
    lookupField: 'filename',
    upload: true,
    create: () => ({ alt: 'A quiet infusion room with a reclining chair', credit: 'Clinic photo' }),
    expected: (tag) => ({
      alt: 'A quiet infusion room with a reclining chair',
      credit: 'Clinic photo',
      filename: `infusion-room-${tag}.png`,
      mimeType: 'image/png',
      width: 2000,
      height: 1200,
    }),
    update: () => ({ alt: 'An infusion room with a reclining chair and a window' }),
  },
  {
    collection: 'users',
    lookupField: 'email',
    create: (tag, fx) => ({
      email: `editor-${tag}@clinic-test.example`,
      password: `editor-password-${tag}`,
      name: `Clinic Editor ${tag}`,
      roles: ['clinic-editor'],
      clinics: [fx.clinicId],
    }),
    expected(tag, fx) {
      return withoutPassword(this.create(tag, fx))
    },
    update: () => ({ name: 'Renamed Editor', roles: ['network-editor'] }),
  },
]

/** One way of talking to the CMS; every method asserts its own success. */
interface Transport {
  name: string
  create(collection: CollectionSlug, data: Data, file?: Upload): Promise<Doc>
  findByID(collection: CollectionSlug, id: Id): Promise<Doc>
  findWhereEquals(
    collection: CollectionSlug,
    field: string,
    value: unknown,
  ): Promise<{ totalDocs: number; docs: Doc[] }>
  update(collection: CollectionSlug, id: Id, data: Data): Promise<Doc>
  delete(collection: CollectionSlug, id: Id): Promise<Doc>
  expectGone(collection: CollectionSlug, id: Id): Promise<void>
  readGlobal(): Promise<Data>
  updateGlobal(data: Data): Promise<Data>
}

async function pngOf(width: number, height: number): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 31, g: 95, b: 139 } } })
    .composite([
      {
        input: { create: { width: 400, height: 400, channels: 3, background: '#f4c542' } },
        left: 200,
        top: 200,
      },
    ])
    .png()
    .toBuffer()
}

/** Uploads a 2000x1200 PNG and lists the original and its generated sizes. */
async function uploadPng(t: Transport, name: string) {
  const data = await pngOf(2000, 1200)
  const media = await t.create(
    'media',
    { alt: 'Clinic waiting room' },
    { data, mimetype: 'image/png', name, size: data.length },
  )
  const sizes = media.sizes as Record<
    string,
    { url: string; filename: string; width: number; height: number; mimeType: string }
  >
  const files = [
    {
      url: media.url as string,
      filename: media.filename as string,
      type: 'image/png',
      width: 2000,
    },
    ...Object.values(sizes).map((size) => ({
      url: size.url,
      filename: size.filename,
      type: 'image/webp',
      width: size.width,
    })),
  ]
  return { media, sizes, files }
}

async function json(res: Response, status: number): Promise<Data> {
  const text = await res.text()
  expect(res.status, `${res.url} answered ${res.status}: ${text.slice(0, 500)}`).toBe(status)
  return JSON.parse(text) as Data
}

describe(`CRUD on every collection and the network-settings global (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let payload: Payload
  let fx: Fixtures
  const transports: Record<'Local API' | 'REST', Transport> = {} as never

  beforeAll(async () => {
    cms = await startCms()
    payload = await localApi(cms)
    // Bootstrap: the first account, made without access control like the seed does.
    await payload.create({
      collection: 'users',
      data: { ...ADMIN, roles: ['admin'] },
      overrideAccess: true,
    })
    const { user: admin } = await payload.login({ collection: 'users', data: ADMIN })
    const asAdmin = { user: admin, overrideAccess: false, depth: 0 } as const

    const condition = await payload.create({
      collection: 'conditions',
      data: {
        name: 'Chronic pain fixture',
        category: 'pain',
        summary: 'Fixture for relationships.',
      },
      ...asAdmin,
    })
    const clinic = await payload.create({
      collection: 'clinics',
      data: {
        name: 'Fixture Clinic',
        siteUrl: 'https://fixture.clinic-test.example',
        phone: '(505) 555-0100',
        email: 'fixture@clinic-test.example',
        address: {
          street: '1 Main St',
          city: 'Albuquerque',
          state: 'NM',
          postalCode: '87101',
          country: 'US',
        },
        geo: { lat: 35.08, lng: -106.65 },
        timezone: 'America/Denver',
      },
      ...asAdmin,
    })
    const author = await payload.create({
      collection: 'providers',
      data: { name: 'Fixture Author', credentials: 'MD', clinics: [clinic.id] },
      ...asAdmin,
    })
    const reviewer = await payload.create({
      collection: 'users',
      data: {
        email: 'crud-reviewer@clinic-test.example',
        password: 'crud-reviewer-password-1',
        name: 'Fixture Reviewer',
        credentials: 'MD',
        roles: ['medical-reviewer'],
      },
      ...asAdmin,
    })
    fx = {
      clinicId: clinic.id,
      conditionId: condition.id,
      providerId: author.id,
      reviewerId: reviewer.id,
    }

    transports['Local API'] = {
      name: 'Local API',
      create: async (collection, data, file) =>
        (await payload.create({
          collection,
          data: data as never,
          file,
          ...asAdmin,
        })) as unknown as Doc,
      findByID: async (collection, id) =>
        (await payload.findByID({ collection, id, ...asAdmin })) as unknown as Doc,
      findWhereEquals: async (collection, field, value) =>
        (await payload.find({
          collection,
          where: { [field]: { equals: value } },
          ...asAdmin,
        })) as never,
      update: async (collection, id, data) =>
        (await payload.update({
          collection,
          id,
          data: data as never,
          ...asAdmin,
        })) as unknown as Doc,
      delete: async (collection, id) =>
        (await payload.delete({ collection, id, ...asAdmin })) as unknown as Doc,
      expectGone: async (collection, id) => {
        await expect(payload.findByID({ collection, id, ...asAdmin })).rejects.toMatchObject({
          status: 404,
        })
      },
      readGlobal: async () =>
        (await payload.findGlobal({ slug: 'network-settings', ...asAdmin })) as unknown as Data,
      updateGlobal: async (data) =>
        (await payload.updateGlobal({
          slug: 'network-settings',
          data: data as never,
          ...asAdmin,
        })) as unknown as Data,
    }

    const login = await json(
      await fetch(`${cms.url}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
      }),
      200,
    )
    const auth = { authorization: `JWT ${login.token as string}` }
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${cms.url}/api${path}`, {
        ...init,
        headers: { ...auth, ...(init.headers as Record<string, string>) },
      })
    const sendJson = (method: string, data: Data): RequestInit => ({
      method,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(data),
    })

    transports.REST = {
      name: 'REST',
      async create(collection, data, file) {
        let init = sendJson('POST', data)
        if (file) {
          const form = new FormData()
          form.append(
            'file',
            new Blob([new Uint8Array(file.data)], { type: file.mimetype }),
            file.name,
          )
          form.append('_payload', JSON.stringify(data))
          init = { method: 'POST', body: form }
        }
        return (await json(await api(`/${collection}?depth=0`, init), 201)).doc as Doc
      },
      findByID: async (collection, id) =>
        (await json(await api(`/${collection}/${id}?depth=0`), 200)) as Doc,
      findWhereEquals: async (collection, field, value) =>
        (await json(
          await api(
            `/${collection}?depth=0&where[${field}][equals]=${encodeURIComponent(String(value))}`,
          ),
          200,
        )) as never,
      update: async (collection, id, data) =>
        (await json(await api(`/${collection}/${id}?depth=0`, sendJson('PATCH', data)), 200))
          .doc as Doc,
      delete: async (collection, id) =>
        (await json(await api(`/${collection}/${id}`, { method: 'DELETE' }), 200)).doc as Doc,
      expectGone: async (collection, id) => {
        const res = await api(`/${collection}/${id}`)
        expect(res.status).toBe(404)
      },
      readGlobal: async () => json(await api('/globals/network-settings?depth=0'), 200),
      updateGlobal: async (data) =>
        (await json(await api('/globals/network-settings?depth=0', sendJson('POST', data)), 200))
          .result as Data,
    }
  })

  afterAll(async () => {
    await cms?.stop()
    if (payload) {
      await dropDatabase(payload)
      await payload.destroy()
    }
  })

  it('has a CRUD row for every collection and global in the config', () => {
    // Written by the server only (nobody may create, update or delete them over any transport, admins
    // included): their rows are in the access matrix (tests/int/access/matrix/table.ts).
    const serverWritten = ['site-builds', 'consultation-deliveries', 'import-runs']
    const collections = payload.config.collections
      .map((c) => c.slug)
      .filter((slug) => !slug.startsWith('payload-') && !serverWritten.includes(slug))
    expect(collections.length).toBeGreaterThan(0)
    expect(collections.filter((slug) => !rows.some((row) => row.collection === slug))).toEqual([])
    expect(payload.config.globals.map((g) => g.slug)).toEqual(['network-settings'])
  })

  describe.each(['Local API', 'REST'] as const)('through the %s as an admin', (transportName) => {
    const tag = transportName === 'REST' ? 'rest' : 'local'

    it.each(rows)('creates, reads back, updates and deletes $collection', async (row) => {
      const t = transports[transportName]
      const file = row.upload
        ? await pngOf(2000, 1200).then((data) => ({
            data,
            mimetype: 'image/png',
            name: `infusion-room-${tag}.png`,
            size: data.length,
          }))
        : undefined

      const created = await t.create(row.collection, row.create(tag, fx), file)
      const expected = row.expected(tag, fx)
      expect(created).toMatchObject(expected)
      expect(created).not.toHaveProperty('password')

      expect(await t.findByID(row.collection, created.id)).toMatchObject({
        id: created.id,
        ...expected,
      })
      const lookupValue = created[row.lookupField]
      expect(lookupValue).toBe(expected[row.lookupField])
      const found = await t.findWhereEquals(row.collection, row.lookupField, lookupValue)
      expect(found.totalDocs).toBe(1)
      expect(found.docs[0]).toMatchObject({ id: created.id, ...expected })

      const patch = row.update(tag)
      const updated = await t.update(row.collection, created.id, patch)
      expect(updated).toMatchObject({ ...expected, ...patch })
      // Fields the update did not send (the slug among them) keep their values.
      expect(updated[row.lookupField]).toBe(lookupValue)
      expect(await t.findByID(row.collection, created.id)).toMatchObject({ ...expected, ...patch })

      expect((await t.delete(row.collection, created.id)).id).toBe(created.id)
      await t.expectGone(row.collection, created.id)
      expect(
        (await t.findWhereEquals(row.collection, row.lookupField, lookupValue)).totalDocs,
      ).toBe(0)
    })

    it('uploads a PNG, generates thumbnail, card and hero sizes and serves every file', async () => {
      const { media, sizes, files } = await uploadPng(
        transports[transportName],
        `waiting-room-${tag}.png`,
      )
      expect(media).toMatchObject({ mimeType: 'image/png', width: 2000, height: 1200 })
      expect(sizes.thumbnail).toMatchObject({ width: 400, height: 300, mimeType: 'image/webp' })
      expect(sizes.card).toMatchObject({ width: 800, height: 480, mimeType: 'image/webp' })
      expect(sizes.hero).toMatchObject({ width: 1600, height: 960, mimeType: 'image/webp' })
      expect(files).toHaveLength(4)
      for (const file of files) {
        const res = await fetch(new URL(file.url, cms.url))
        expect(res.status, file.url).toBe(200)
        expect(res.headers.get('content-type')).toBe(file.type)
        const metadata = await sharp(Buffer.from(await res.arrayBuffer())).metadata()
        expect(metadata.width).toBe(file.width)
      }
    })

    it('removes the original and every size from disk when an image is deleted', async () => {
      const t = transports[transportName]
      const { media, files } = await uploadPng(t, `deleted-on-disk-${tag}.png`)
      const onDisk = files.map((file) => path.join(cms.dataDir, 'media', file.filename))
      expect(onDisk.filter((file) => !fs.existsSync(file))).toEqual([])
      await t.delete('media', media.id)
      expect(onDisk.filter((file) => fs.existsSync(file))).toEqual([])
    })

    it('serves an image asked for by version (?v=updatedAt, as site builds ask) as immutable, and a plain URL without caching', async () => {
      const { media } = await uploadPng(transports[transportName], `versioned-${tag}.png`)
      const url = new URL(media.url as string, cms.url)
      const plain = await fetch(url)
      expect(plain.status).toBe(200)
      expect(plain.headers.get('cache-control')).toBeNull()
      url.searchParams.set('v', media.updatedAt as string)
      const versioned = await fetch(url)
      expect(versioned.status).toBe(200)
      expect(versioned.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
      expect(Buffer.from(await versioned.arrayBuffer())).toEqual(
        Buffer.from(await plain.arrayBuffer()),
      )
      // A missing file is never cached, whatever its version.
      const missing = new URL(`/api/media/file/missing-${tag}.png?v=1`, cms.url)
      const gone = await fetch(missing)
      expect(gone.status).toBe(404)
      expect(gone.headers.get('cache-control')).toBeNull()
    })

    it("answers 404 for a deleted image's URLs", async () => {
      const t = transports[transportName]
      const { media, files } = await uploadPng(t, `deleted-url-${tag}.png`)
      await t.delete('media', media.id)
      for (const file of files) {
        const res = await fetch(new URL(file.url, cms.url))
        expect(res.status, file.url).toBe(404)
        expect(res.headers.get('content-type')).not.toMatch(/^image\//)
      }
    })

    it('reads and updates the network-settings global', async () => {
      const t = transports[transportName]
      const before = await t.readGlobal()
      expect(before).toMatchObject({
        networkName: expect.any(String),
        reviewIntervalMonths: expect.any(Number),
      })

      const patch = {
        networkName: `Clearwater Infusion Network (${tag})`,
        noindexSyndicatedCopies: true,
        reviewIntervalMonths: 6,
      }
      expect(await t.updateGlobal(patch)).toMatchObject(patch)
      expect(await t.readGlobal()).toMatchObject(patch)

      // Globals cannot be deleted; reset it so the other transport starts from the same state.
      const reset = {
        networkName: 'Clinic network',
        noindexSyndicatedCopies: false,
        reviewIntervalMonths: 12,
      }
      expect(await t.updateGlobal(reset)).toMatchObject(reset)
      expect(await t.readGlobal()).toMatchObject(reset)
    })
  })
})

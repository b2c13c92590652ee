/**
 * Hostile or broken input through the real server's REST API: each request is refused with a
 * clear 4xx JSON error, changes nothing in the database or the media folder, and leaves the
 * server serving. One file because every case shares that contract (`expectRefused`).
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Payload } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, databaseLabel, dropDatabase, localApi, startCms } from '../support/cms.ts'

interface ApiResponse {
  status: number
  body:
    | {
        errors?: { message?: string; data?: { errors?: { message?: string }[] } }[]
        docs?: unknown[]
      }
    | undefined
  text: string
}

interface RequestBody {
  json?: unknown
  raw?: string
  form?: FormData
}

type Id = number | string
type LexicalNode = Record<string, unknown> & { children?: LexicalNode[] }

const ADMIN = {
  email: 'bad-input-admin@clinic.example',
  password: 'Admin-password-for-tests-1',
  name: 'Input Admin',
}
const INVISIBLE_SLUGS = ['what\u200Bto-expect', 'a\u202Eb']
const UNSAFE_URLS = [
  'javascript:alert(1)',
  'JavaScript:alert(1)',
  ' javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'vbscript:msgbox(1)',
]
const INVISIBLE_MESSAGE = /invisible/i
const UNSAFE_LINK_MESSAGE = /is not allowed: links must be http\(s\)/

describe(`bad input is refused without side effects (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let payload: Payload
  let token: string
  let articleId: Id
  let conditionId: Id
  let mediaDir: string
  let authorId: Id
  let reviewerId: Id

  async function api(
    method: string,
    url: string,
    { json, raw, form }: RequestBody = {},
  ): Promise<ApiResponse> {
    const headers: Record<string, string> = { authorization: `JWT ${token}` }
    if (json !== undefined || raw !== undefined) headers['content-type'] = 'application/json'
    const body = json !== undefined ? JSON.stringify(json) : (raw ?? form)
    const res = await fetch(`${cms.url}${url}`, { method, headers, body })
    const text = await res.text()
    let parsed: ApiResponse['body']
    try {
      parsed = JSON.parse(text) as ApiResponse['body']
    } catch {
      parsed = undefined
    }
    return { status: res.status, body: parsed, text }
  }

  /** Everything a refused request must leave as it was. */
  async function persistedState() {
    const common = { overrideAccess: true, depth: 0 } as const
    return {
      articles: (await payload.count({ collection: 'articles', ...common })).totalDocs,
      articleVersions: (
        await payload.countVersions({ collection: 'articles', overrideAccess: true })
      ).totalDocs,
      conditions: (await payload.count({ collection: 'conditions', ...common })).totalDocs,
      media: (await payload.count({ collection: 'media', ...common })).totalDocs,
      users: (await payload.count({ collection: 'users', ...common })).totalDocs,
      article: await payload.findByID({ collection: 'articles', id: articleId, ...common }),
      articleDraft: await payload.findByID({
        collection: 'articles',
        id: articleId,
        draft: true,
        ...common,
      }),
      condition: await payload.findByID({ collection: 'conditions', id: conditionId, ...common }),
      mediaFiles: fs.existsSync(mediaDir) ? fs.readdirSync(mediaDir).sort() : [],
    }
  }

  function messagesOf(res: ApiResponse): string {
    return (res.body?.errors ?? [])
      .flatMap((error) => [
        error.message ?? '',
        ...(error.data?.errors ?? []).map((detail) => detail.message ?? ''),
      ])
      .join('\n')
  }

  async function expectStillServing() {
    expect((await fetch(`${cms.url}/healthz`)).status).toBe(200)
    expect((await api('GET', `/api/articles/${articleId}`)).status).toBe(200)
  }

  /** Sends a request that must be refused with `status` and `message`, and proves nothing changed. */
  async function expectRefused(
    send: () => Promise<ApiResponse>,
    status: number,
    message: RegExp,
  ): Promise<ApiResponse> {
    const before = await persistedState()
    const res = await send()
    expect(res.status, res.text).toBe(status)
    expect(res.body?.errors?.length, res.text).toBeGreaterThan(0)
    expect(messagesOf(res)).toMatch(message)
    expect(await persistedState()).toEqual(before)
    await expectStillServing()
    return res
  }

  /** User ids in the order the API lists them; the listing must never carry password material. */
  async function userIdsSortedBy(sort: string): Promise<Id[]> {
    const res = await api('GET', `/api/users?depth=0&sort=${sort}`)
    expect(res.status, res.text).toBe(200)
    expect(res.text).not.toMatch(/"(hash|salt|password)"/)
    return (res.body?.docs as { id: Id }[]).map((doc) => doc.id)
  }

  let titles = 0
  /** Titles (and so generated slugs) unique per request, so one test's leftovers never refuse another's. */
  const uniqueTitle = (base: string) => `${base} ${++titles}`

  const articleData = (overrides: Record<string, unknown> = {}) => ({
    title: 'What to expect during an infusion',
    excerpt: 'A calm walk through the first appointment, from check-in to the ride home.',
    body: toLexical([{ p: 'Most infusions take about forty minutes in a quiet, monitored room.' }]),
    author: authorId,
    medicalReviewer: reviewerId,
    lastReviewedAt: new Date().toISOString(),
    _status: 'published',
    ...overrides,
  })

  const conditionData = (overrides: Record<string, unknown> = {}) => ({
    name: 'Fibromyalgia',
    category: 'pain',
    summary: 'Widespread pain with fatigue and poor sleep.',
    ...overrides,
  })

  /** A rich-text body whose only link (or autolink) points at `url`. */
  function bodyLinkingTo(url: string, type: 'link' | 'autolink' = 'link') {
    const doc = toLexical([
      { p: 'Before your first visit, [read the guide](https://www.nimh.nih.gov/) with family.' },
    ])
    const paragraph = doc.root.children[0] as LexicalNode
    const link = paragraph.children!.find((node) => node.type === 'link')!
    link.type = type
    link.fields = { linkType: 'custom', url, newTab: false }
    return doc
  }

  function mediaUpload(
    file: { name: string; type: string; content: string | Uint8Array<ArrayBuffer> },
    data: Record<string, unknown>,
  ) {
    const form = new FormData()
    form.append('file', new Blob([file.content], { type: file.type }), file.name)
    form.append('_payload', JSON.stringify(data))
    return form
  }

  beforeAll(async () => {
    cms = await startCms()
    mediaDir = path.join(cms.dataDir, 'media')
    payload = await localApi(cms)
    await payload.create({
      collection: 'users',
      data: { ...ADMIN, roles: ['admin'] },
      overrideAccess: true,
    })
    // A published article names its author and medical reviewer, so refusals below are about the bad input only.
    const reviewer = await payload.create({
      collection: 'users',
      data: {
        email: 'bad-input-reviewer@clinic.example',
        password: 'Reviewer-password-for-tests-1',
        name: 'Dr. Reviewer',
        roles: ['medical-reviewer'],
      },
      overrideAccess: true,
    })
    reviewerId = reviewer.id
    authorId = (
      await payload.create({
        collection: 'providers',
        data: { name: 'Dr. Author' } as never,
        overrideAccess: true,
      })
    ).id
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: ADMIN.email, password: ADMIN.password }),
    })
    token = ((await login.json()) as { token: string }).token
    const article = await payload.create({
      collection: 'articles',
      data: articleData() as never,
      overrideAccess: true,
    })
    articleId = article.id
    const condition = await payload.create({
      collection: 'conditions',
      data: conditionData() as never,
      overrideAccess: true,
    })
    conditionId = condition.id
  })

  afterAll(async () => {
    if (payload) {
      await dropDatabase(payload)
      await payload.destroy()
    }
    await cms?.stop()
  })

  describe('malformed and oversized JSON', () => {
    const malformed = '{"title": "Unclosed", "excerpt": '

    it('refuses malformed JSON on create with 400', async () => {
      await expectRefused(
        () => api('POST', '/api/articles', { raw: malformed }),
        400,
        /malformed json/i,
      )
    })

    it('refuses malformed JSON on update with 400', async () => {
      await expectRefused(
        () => api('PATCH', `/api/articles/${articleId}`, { raw: malformed }),
        400,
        /malformed json/i,
      )
    })

    it('refuses a JSON body over 1 MB with 413', async () => {
      const huge = articleData({ excerpt: 'x'.repeat(1024 * 1024 + 10) })
      await expectRefused(() => api('POST', '/api/articles', { json: huge }), 413, /too large/i)
    })

    it('refuses a JSON update over 1 MB with 413', async () => {
      const huge = { excerpt: 'x'.repeat(1024 * 1024 + 10) }
      await expectRefused(
        () => api('PATCH', `/api/articles/${articleId}`, { json: huge }),
        413,
        /too large/i,
      )
    })
  })

  describe('queries on hidden or unknown user fields', () => {
    it.each([
      ['password', 'exists', 'true'],
      ['hash', 'exists', 'true'],
      ['salt', 'exists', 'true'],
      ['hash', 'like', 'a'],
      ['resetPasswordToken', 'exists', 'false'],
      ['nope', 'equals', '1'],
    ])('refuses where[%s][%s] with 400 and no documents', async (field, operator, value) => {
      const res = await expectRefused(
        () => api('GET', `/api/users?where[${field}][${operator}]=${value}`),
        400,
        new RegExp(`cannot be queried: ${field}`),
      )
      expect(res.body?.docs).toBeUndefined()
    })

    it('refuses a hidden field nested in an or-query with 400', async () => {
      const res = await expectRefused(
        () =>
          api(
            'GET',
            '/api/users?where[or][0][hash][like]=a&where[or][1][name][equals]=Dr.%20Reviewer',
          ),
        400,
        /cannot be queried: hash/,
      )
      expect(res.body?.docs).toBeUndefined()
    })

    it.each(['hash', '-hash', 'salt'])(
      'refuses sort=%s with 400 so the order cannot leak the hash',
      async (sort) => {
        const res = await expectRefused(
          () => api('GET', `/api/users?sort=${sort}`),
          400,
          /cannot be queried: (hash|salt)/,
        )
        expect(res.body?.docs).toBeUndefined()
      },
    )

    // A real sort would reverse with the sign; the same order both ways reveals nothing.
    it.each(['password', 'nope'])(
      'ignores sort=%s on a field users do not have: same order both ways, no error',
      async (field) => {
        expect(await userIdsSortedBy(field)).toEqual(await userIdsSortedBy(`-${field}`))
        await expectStillServing()
      },
    )
  })

  describe('ids that name no document', () => {
    const ids = ['not-a-real-id', '999999']
    const requests = [
      ['GET', undefined],
      ['PATCH', { title: 'Renamed by a bad id' }],
      ['DELETE', undefined],
    ] as const

    for (const id of ids) {
      it.each(requests)(`answers %s /api/articles/${id} with 404`, async (method, json) => {
        await expectRefused(() => api(method, `/api/articles/${id}`, { json }), 404, /not found/i)
      })
    }
  })

  describe('slugs with invisible characters', () => {
    it.each(INVISIBLE_SLUGS)('refuses creating a condition with slug %j', async (slug) => {
      await expectRefused(
        () =>
          api('POST', '/api/conditions', {
            json: conditionData({ name: uniqueTitle('Migraine'), slug }),
          }),
        400,
        INVISIBLE_MESSAGE,
      )
    })

    it.each(INVISIBLE_SLUGS)('refuses renaming a condition to slug %j', async (slug) => {
      await expectRefused(
        () => api('PATCH', `/api/conditions/${conditionId}`, { json: { slug } }),
        400,
        INVISIBLE_MESSAGE,
      )
    })

    it.each(INVISIBLE_SLUGS)('refuses publishing a new article with slug %j', async (slug) => {
      await expectRefused(
        () =>
          api('POST', '/api/articles', {
            json: articleData({ title: uniqueTitle('Slug test'), slug }),
          }),
        400,
        INVISIBLE_MESSAGE,
      )
    })

    it.each(INVISIBLE_SLUGS)('refuses renaming a published article to slug %j', async (slug) => {
      await expectRefused(
        () => api('PATCH', `/api/articles/${articleId}`, { json: { slug, _status: 'published' } }),
        400,
        INVISIBLE_MESSAGE,
      )
    })

    it.each(INVISIBLE_SLUGS)('refuses a new draft article with slug %j', async (slug) => {
      const draft = articleData({ title: uniqueTitle('Draft slug test'), slug, _status: 'draft' })
      await expectRefused(
        () => api('POST', '/api/articles?draft=true', { json: draft }),
        400,
        INVISIBLE_MESSAGE,
      )
    })

    it.each(INVISIBLE_SLUGS)('refuses a draft update of an article to slug %j', async (slug) => {
      await expectRefused(
        () =>
          api('PATCH', `/api/articles/${articleId}?draft=true`, {
            json: { slug, _status: 'draft' },
          }),
        400,
        INVISIBLE_MESSAGE,
      )
    })
  })

  describe('media uploads', () => {
    const svg =
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(document.cookie)</script><rect width="10" height="10"/></svg>'
    const xhtml = '<!doctype html><html><body><script>alert(document.cookie)</script></body></html>'
    const looseHtml = '<html><body><img src=x onerror=alert(1)><p>Hello</body></html>'
    const alt = { alt: 'Infusion room with a reclining chair' }

    it.each([
      [
        'an SVG carrying a script',
        'logo.svg',
        'image/svg+xml',
        svg,
        /Invalid MIME type: image\/svg\+xml.*SVG file contains potentially harmful content/,
      ],
      [
        'an SVG renamed .png and sent as image/png',
        'logo.png',
        'image/png',
        svg,
        /Invalid MIME type: image\/svg\+xml.*SVG file contains potentially harmful content/,
      ],
      [
        'an HTML page renamed .jpg',
        'photo.jpg',
        'image/jpeg',
        xhtml,
        /Invalid MIME type: application\/xml/,
      ],
      [
        'tag soup HTML renamed .jpg',
        'photo.jpg',
        'image/jpeg',
        looseHtml,
        /File type text\/plain \(from extension jpg\) is not allowed/,
      ],
    ])('refuses %s with 400 and writes no file', async (_label, name, type, content, message) => {
      await expectRefused(
        () => api('POST', '/api/media', { form: mediaUpload({ name, type, content }, alt) }),
        400,
        message,
      )
    })

    const png = async () =>
      new Uint8Array(
        await sharp({ create: { width: 16, height: 12, channels: 3, background: '#1f5f8b' } })
          .png()
          .toBuffer(),
      )

    it('refuses a real PNG without alt text with 400', async () => {
      const form = mediaUpload(
        { name: 'room.png', type: 'image/png', content: await png() },
        { credit: 'Clinic staff' },
      )
      await expectRefused(() => api('POST', '/api/media', { form }), 400, /Alt text is required/)
    })

    it('accepts the same PNG once alt text is given', async () => {
      const res = await api('POST', '/api/media', {
        form: mediaUpload({ name: 'room.png', type: 'image/png', content: await png() }, alt),
      })
      expect(res.status, res.text).toBe(201)
      expect(fs.readdirSync(mediaDir)).toContain('room.png')
    })
  })

  describe('unsafe link targets in rich text', () => {
    const targets = [
      [
        'publishing a new article',
        (body: unknown) =>
          api('POST', '/api/articles', {
            json: articleData({ title: uniqueTitle('Unsafe link'), body }),
          }),
      ],
      [
        'a new draft article',
        (body: unknown) =>
          api('POST', '/api/articles?draft=true', {
            json: articleData({ title: uniqueTitle('Unsafe draft'), body, _status: 'draft' }),
          }),
      ],
      [
        'updating a published article',
        (body: unknown) =>
          api('PATCH', `/api/articles/${articleId}`, { json: { body, _status: 'published' } }),
      ],
      [
        'a draft update of an article',
        (body: unknown) =>
          api('PATCH', `/api/articles/${articleId}?draft=true`, {
            json: { body, _status: 'draft' },
          }),
      ],
      [
        'creating a condition',
        (body: unknown) =>
          api('POST', '/api/conditions', {
            json: conditionData({ name: uniqueTitle('CRPS'), body }),
          }),
      ],
      [
        'updating a condition',
        (body: unknown) => api('PATCH', `/api/conditions/${conditionId}`, { json: { body } }),
      ],
    ] as const

    describe.each(targets)('on %s', (_label, send) => {
      it.each(UNSAFE_URLS)('refuses a link to %j with 400', async (url) => {
        await expectRefused(() => send(bodyLinkingTo(url)), 400, UNSAFE_LINK_MESSAGE)
      })

      it('refuses an autolink to javascript: with 400', async () => {
        await expectRefused(
          () => send(bodyLinkingTo('javascript:alert(1)', 'autolink')),
          400,
          UNSAFE_LINK_MESSAGE,
        )
      })
    })
  })

  describe('references', () => {
    const references = [{ title: 'Click me', url: 'javascript:alert(1)' }]

    it('refuses a javascript: reference on a new published article with 400', async () => {
      await expectRefused(
        () =>
          api('POST', '/api/articles', {
            json: articleData({ title: uniqueTitle('Bad reference'), references }),
          }),
        400,
        /http\(s\) address/,
      )
    })

    it('refuses a javascript: reference added to a published article with 400', async () => {
      await expectRefused(
        () =>
          api('PATCH', `/api/articles/${articleId}`, {
            json: { references, _status: 'published' },
          }),
        400,
        /http\(s\) address/,
      )
    })

    it('refuses a javascript: reference in a draft article with 400', async () => {
      const draft = articleData({
        title: uniqueTitle('Bad reference draft'),
        references,
        _status: 'draft',
      })
      await expectRefused(
        () => api('POST', '/api/articles?draft=true', { json: draft }),
        400,
        /http\(s\) address/,
      )
    })
  })
})

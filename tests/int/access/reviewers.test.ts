/**
 * A medical reviewer records reviews in drafts and nothing else: their saves never change what is
 * published (no publish, unpublish, restore or delete) over REST, GraphQL and the Local API, and
 * they record only their own review. Admins may record any reviewer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AccessWorld, type Id, type Json } from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'

describe(`medical reviewers (${databaseLabel()})`, () => {
  const w = new AccessWorld()
  let n = 0
  const next = () => ++n
  let otherReviewer: Json

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
    otherReviewer = await w.payload.create({
      collection: 'users',
      data: {
        email: `second.reviewer.${Date.now()}@access-test.example`,
        password: 'second-reviewer-password-1',
        name: 'Dr Second Reviewer',
        credentials: 'MD',
        roles: ['medical-reviewer'],
      } as any,
      overrideAccess: true,
    })
  })

  afterAll(() => w.stop())

  const published = (owner: 'network' | Id = 'network') =>
    w.createContent('articles', `rev${next()}`, owner, 'published')
  /** What the public sees and what is stored as the live document. */
  const liveState = async (id: Id) => {
    const live = (await w.payload.findByID({
      collection: 'articles',
      id,
      depth: 0,
      draft: false,
      ...w.system(),
    })) as Json
    const publicRead = await w.rest('anonymous', 'GET', `/api/articles/${id}?depth=0`)
    return {
      status: live._status,
      title: live.title,
      reviewer: live.medicalReviewer,
      reviewedBy: live.reviewedBy?.name ?? null,
      publicStatus: publicRead.status,
      publicTitle: publicRead.json?.title,
    }
  }
  const gqlStatus = (json: Json) => json.errors?.[0]?.extensions?.statusCode ?? 200

  describe("reviewers' saves never change what is published", () => {
    const transports = {
      rest: (id: Id, data: Json, query = '') =>
        w.rest('reviewer', 'PATCH', `/api/articles/${id}${query}`, data).then((r) => r.status),
      graphql: (id: Id, data: Json, draft?: boolean) =>
        w
          .graphql(
            'reviewer',
            `mutation($data: mutationArticleUpdateInput!) { updateArticle(id: ${JSON.stringify(id)}, data: $data${draft === undefined ? '' : `, draft: ${draft}`}) { id } }`,
            { data },
          )
          .then((r) => gqlStatus(r.json)),
      local: (id: Id, data: Json, draft?: boolean) =>
        w
          .local(() =>
            w.payload.update({
              collection: 'articles',
              id,
              data: data as any,
              ...(draft === undefined ? {} : { draft }),
              ...w.as('reviewer'),
            }),
          )
          .then((r) => r.status),
    }

    it.each(['rest', 'graphql', 'local'] as const)(
      'refuses a reviewer unpublishing a live article with {_status: "draft"} outside draft mode (%s)',
      async (transport) => {
        const article = await published()
        const before = await liveState(article.id)
        const status = await transports[transport](article.id, { _status: 'draft' })
        expect(status, transport).toBe(403)
        expect(await liveState(article.id)).toEqual(before)
        expect(before.publicStatus).toBe(200)
      },
    )

    it.each(['rest', 'graphql', 'local'] as const)(
      'refuses a reviewer changing a live article outside draft mode, even with review fields only (%s)',
      async (transport) => {
        const article = await published()
        const before = await liveState(article.id)
        const status = await transports[transport](article.id, {
          lastReviewedAt: new Date().toISOString(),
        })
        expect(status, transport).toBe(403)
        expect(await liveState(article.id)).toEqual(before)
      },
    )

    it.each(['rest', 'graphql', 'local'] as const)(
      'refuses a reviewer publishing with {_status: "published"} in draft mode (%s)',
      async (transport) => {
        const draft = await w.createContent('articles', `revd${next()}`, 'network', 'draft', {
          author: w.providers.AB!.id,
          ...w.review,
        })
        const data = { _status: 'published' }
        const status =
          transport === 'rest'
            ? await transports.rest(draft.id, data, '?draft=true')
            : await transports[transport](draft.id, data, true)
        expect(status, transport).toBe(403)
        expect((await liveState(draft.id)).publicStatus).toBe(404)
      },
    )

    it('refuses a reviewer restoring a version or deleting an article (REST, GraphQL, Local API)', async () => {
      const article = await published()
      await w.payload.update({
        collection: 'articles',
        id: article.id,
        data: { title: `Retitled ${next()}` } as any,
        ...w.system(),
      })
      const before = await liveState(article.id)
      const { docs } = await w.payload.findVersions({
        collection: 'articles',
        where: { parent: { equals: article.id } },
        sort: 'createdAt',
        limit: 1,
        ...w.system(),
      })
      const versionId = docs[0]!.id
      expect((await w.rest('reviewer', 'POST', `/api/articles/versions/${versionId}`)).status).toBe(
        403,
      )
      const gql = await w.graphql(
        'reviewer',
        `mutation { restoreVersionArticle(id: ${JSON.stringify(versionId)}) { id } }`,
      )
      expect(gqlStatus(gql.json)).toBe(403)
      expect((await w.rest('reviewer', 'DELETE', `/api/articles/${article.id}`)).status).toBe(403)
      const local = await w.local(() =>
        w.payload.delete({ collection: 'articles', id: article.id, ...w.as('reviewer') }),
      )
      expect(local.status).toBe(403)
      expect(await liveState(article.id)).toEqual(before)
    })

    it.each(['rest', 'graphql', 'local'] as const)(
      'lets a reviewer record a review in a draft of a live article, leaving the live article as it was (%s, control)',
      async (transport) => {
        const article = await published()
        const before = await liveState(article.id)
        const data = {
          medicalReviewer: w.users.reviewer.id,
          lastReviewedAt: new Date().toISOString(),
          _status: 'draft',
        }
        const status =
          transport === 'rest'
            ? await transports.rest(article.id, data, '?draft=true')
            : await transports[transport](article.id, data, true)
        expect(status, transport).toBe(200)
        expect(await liveState(article.id)).toEqual(before)
        const latest = (await w.payload.findByID({
          collection: 'articles',
          id: article.id,
          draft: true,
          depth: 0,
          ...w.system(),
        })) as Json
        expect(latest.lastReviewedAt).toBe(data.lastReviewedAt)
      },
    )
  })

  describe('reviewers record only their own review', () => {
    const draftFor = () =>
      w.createContent('articles', `own${next()}`, 'network', 'draft', {
        author: w.providers.AB!.id,
      })
    const storedDraft = async (id: Id) =>
      (await w.payload.findByID({
        collection: 'articles',
        id,
        draft: true,
        depth: 0,
        ...w.system(),
      })) as Json

    it.each(['rest', 'graphql', 'local'] as const)(
      "refuses a reviewer naming another reviewer as the article's medical reviewer (%s)",
      async (transport) => {
        const draft = await draftFor()
        const data = {
          medicalReviewer: otherReviewer.id,
          lastReviewedAt: new Date().toISOString(),
          _status: 'draft',
        }
        const status =
          transport === 'rest'
            ? (await w.rest('reviewer', 'PATCH', `/api/articles/${draft.id}?draft=true`, data))
                .status
            : transport === 'graphql'
              ? gqlStatus(
                  (
                    await w.graphql(
                      'reviewer',
                      `mutation($data: mutationArticleUpdateInput!) { updateArticle(id: ${JSON.stringify(draft.id)}, data: $data, draft: true) { id } }`,
                      { data },
                    )
                  ).json,
                )
              : (
                  await w.local(() =>
                    w.payload.update({
                      collection: 'articles',
                      id: draft.id,
                      data: data as any,
                      draft: true,
                      ...w.as('reviewer'),
                    }),
                  )
                ).status
        expect([400, 403], transport).toContain(status)
        const after = await storedDraft(draft.id)
        expect([after.medicalReviewer ?? null, after.reviewedBy?.name ?? null]).toEqual([
          null,
          null,
        ])
      },
    )

    it("refuses a reviewer dating a new review under another reviewer's name", async () => {
      const draft = await draftFor()
      await w.payload.update({
        collection: 'articles',
        id: draft.id,
        data: { medicalReviewer: otherReviewer.id, lastReviewedAt: w.review.lastReviewedAt } as any,
        draft: true,
        ...w.system(),
      })
      const before = await storedDraft(draft.id)
      const res = await w.rest('reviewer', 'PATCH', `/api/articles/${draft.id}?draft=true`, {
        lastReviewedAt: new Date().toISOString(),
        _status: 'draft',
      })
      expect([400, 403], res.text).toContain(res.status)
      const after = await storedDraft(draft.id)
      expect([after.medicalReviewer, after.lastReviewedAt]).toEqual([
        before.medicalReviewer,
        before.lastReviewedAt,
      ])
    })

    it('lets an admin record any reviewer (control)', async () => {
      const draft = await draftFor()
      const res = await w.rest('admin', 'PATCH', `/api/articles/${draft.id}?draft=true`, {
        medicalReviewer: otherReviewer.id,
        lastReviewedAt: new Date().toISOString(),
        _status: 'draft',
      })
      expect(res.status, res.text).toBe(200)
      const after = await storedDraft(draft.id)
      expect([after.medicalReviewer, after.reviewedBy?.name]).toEqual([
        otherReviewer.id,
        'Dr Second Reviewer',
      ])
    })
  })

  describe('each language has its own review', () => {
    const spanish = {
      title: 'Qué esperar de su infusión',
      excerpt: 'Lo que pasa el día de su infusión.',
    }
    const publishedEnglish = () =>
      w.createContent('articles', `es${next()}`, 'network', 'published', {
        author: w.providers.AB!.id,
      })
    const stored = async (id: Id, locale: 'en' | 'es', draft: boolean) =>
      (await w.payload.findByID({
        collection: 'articles',
        id,
        locale,
        draft,
        depth: 0,
        ...w.system(),
      })) as Json
    const spanishBody = () => ({
      root: {
        type: 'root',
        version: 1,
        direction: 'ltr',
        format: '',
        indent: 0,
        children: [
          {
            type: 'paragraph',
            version: 1,
            direction: 'ltr',
            format: '',
            indent: 0,
            children: [{ type: 'text', text: spanish.excerpt, version: 1 }],
          },
        ],
      },
    })

    it("refuses publishing the Spanish until it has its own review, whatever the English's", async () => {
      const article = await publishedEnglish()
      const data = { title: spanish.title, excerpt: spanish.excerpt, body: spanishBody() }
      const refused = await w.rest('admin', 'PATCH', `/api/articles/${article.id}?locale=es`, {
        ...data,
        _status: 'published',
      })
      expect(refused.status, refused.text).toBe(400)
      expect(refused.text).toContain('medical reviewer')
      expect(
        (await w.rest('anonymous', 'GET', `/api/articles/${article.id}?locale=es`)).status,
      ).toBe(404)
      const reviewed = await w.rest('admin', 'PATCH', `/api/articles/${article.id}?locale=es`, {
        ...data,
        ...w.review,
        _status: 'published',
      })
      expect(reviewed.status, reviewed.text).toBe(200)
      const live = await w.rest('anonymous', 'GET', `/api/articles/${article.id}?locale=es&depth=0`)
      expect(live.status).toBe(200)
      expect(live.json).toMatchObject({ title: spanish.title, _status: 'published' })
    })

    it('lets a reviewer record their own Spanish review in a draft, leaving both live versions and the English review alone', async () => {
      const article = await publishedEnglish()
      const englishBefore = await stored(article.id, 'en', false)
      const reviewedAt = new Date().toISOString()
      const res = await w.rest(
        'reviewer',
        'PATCH',
        `/api/articles/${article.id}?locale=es&draft=true`,
        {
          medicalReviewer: w.users.reviewer.id,
          lastReviewedAt: reviewedAt,
          _status: 'draft',
        },
      )
      expect(res.status, res.text).toBe(200)
      const spanishDraft = await stored(article.id, 'es', true)
      expect([spanishDraft.medicalReviewer, spanishDraft.lastReviewedAt]).toEqual([
        w.users.reviewer.id,
        reviewedAt,
      ])
      const englishDraft = await stored(article.id, 'en', true)
      expect([englishDraft.medicalReviewer, englishDraft.lastReviewedAt]).toEqual([
        englishBefore.medicalReviewer,
        englishBefore.lastReviewedAt,
      ])
      expect(await stored(article.id, 'en', false)).toMatchObject({
        _status: 'published',
        title: englishBefore.title,
      })
      expect(
        (await w.rest('anonymous', 'GET', `/api/articles/${article.id}?locale=es`)).status,
      ).toBe(404)
    })

    it('refuses a reviewer publishing the Spanish or recording another reviewer on it', async () => {
      const article = await publishedEnglish()
      const publish = await w.rest(
        'reviewer',
        'PATCH',
        `/api/articles/${article.id}?locale=es&draft=true`,
        {
          title: spanish.title,
          excerpt: spanish.excerpt,
          body: spanishBody(),
          medicalReviewer: w.users.reviewer.id,
          lastReviewedAt: new Date().toISOString(),
          _status: 'published',
        },
      )
      expect(publish.status, publish.text).toBe(403)
      const other = await w.rest(
        'reviewer',
        'PATCH',
        `/api/articles/${article.id}?locale=es&draft=true`,
        {
          medicalReviewer: otherReviewer.id,
          lastReviewedAt: new Date().toISOString(),
          _status: 'draft',
        },
      )
      expect([400, 403], other.text).toContain(other.status)
      const spanishDraft = await stored(article.id, 'es', true)
      expect(spanishDraft.medicalReviewer ?? null).toBeNull()
      expect(
        (await w.rest('anonymous', 'GET', `/api/articles/${article.id}?locale=es`)).status,
      ).toBe(404)
    })
  })
})

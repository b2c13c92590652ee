/**
 * What one anonymous request may cost is bounded: bodies of any content type and transfer encoding
 * (413), text filter terms, the size and depth of `where` trees, GraphQL cost, aliases and
 * fragments, `limit` and `depth` (400 with the limit named). Each refusal changes nothing and the
 * server keeps answering its health probe. Limits are the defaults documented in the README.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AccessWorld, graphqlStatus, type Json } from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'
import { streamRequest } from '../../support/raw-http.ts'

const MB = 1024 * 1024

describe(`request limits (${databaseLabel()})`, () => {
  const w = new AccessWorld()

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
  })

  afterAll(() => w.stop())

  /** Every stored article, drafts and versions included, as a fingerprint. */
  const snapshot = async () => {
    const docs = await w.payload.find({
      collection: 'articles',
      draft: true,
      limit: 1000,
      depth: 0,
      ...w.system(),
    })
    const versions = await w.payload.countVersions({ collection: 'articles', ...w.system() })
    return {
      docs: docs.docs.map((d) => [d.id, d.updatedAt, d.title]),
      versions: versions.totalDocs,
    }
  }
  const healthy = async () => {
    const started = performance.now()
    const res = await fetch(`${w.url}/healthz`)
    expect(res.status).toBe(200)
    return performance.now() - started
  }
  const messages = (json: Json | undefined) =>
    (json?.errors ?? []).map((e: Json) => e.message).join(' | ')

  describe('bodies of any content type and transfer encoding (413)', () => {
    const filler = Buffer.alloc(64 * 1024, 'a')
    const refuses = async (
      path: string,
      headers: Record<string, string>,
      totalBytes: number,
      extra: { method?: string; contentLength?: boolean } = {},
    ) => {
      const before = await snapshot()
      const res = await streamRequest(`${w.url}${path}`, {
        headers,
        totalBytes,
        chunk: filler,
        ...extra,
      })
      expect(res.status, res.text.slice(0, 300)).toBe(413)
      expect(res.text).toMatch(/too large/i)
      expect(await snapshot()).toEqual(before)
      await healthy()
    }

    it("refuses a 14 MB form body sent chunked with Payload's method-override header", async () => {
      await refuses(
        '/api/articles',
        {
          'content-type': 'application/x-www-form-urlencoded',
          'x-payload-http-method-override': 'GET',
        },
        14 * MB,
      )
    })

    it('refuses a 3 MB chunked text/plain update of an article', async () => {
      await refuses(
        `/api/articles/${w.content.articles.aPub!.id}`,
        { 'content-type': 'text/plain', authorization: w.headers('admin').authorization! },
        3 * MB,
        { method: 'PATCH' },
      )
    })

    it('refuses a 3 MB chunked JSON body to GraphQL', async () => {
      await refuses('/api/graphql', { 'content-type': 'application/json' }, 3 * MB)
    })

    it('refuses a 3 MB body to the admin, chunked or with its length declared', async () => {
      await refuses('/admin', { 'content-type': 'text/plain' }, 3 * MB)
      await refuses('/admin/login', { 'content-type': 'application/octet-stream' }, 3 * MB, {
        contentLength: true,
      })
    })

    it('refuses a multipart upload past its own limit, sent chunked', async () => {
      await refuses(
        '/api/media',
        {
          'content-type': 'multipart/form-data; boundary=x',
          authorization: w.headers('admin').authorization!,
        },
        16 * MB,
      )
    })

    it('accepts a JSON update under the limit (control)', async () => {
      const res = await w.rest('admin', 'PATCH', `/api/articles/${w.content.articles.aPub!.id}`, {
        excerpt: 'x'.repeat(250),
      })
      expect(res.status, res.text).toBe(200)
    })
  })

  describe('query cost (400 naming the limit)', () => {
    const refusedRest = async (path: string, limit: RegExp, init?: RequestInit) => {
      const res = await fetch(`${w.url}${path}`, init)
      const text = await res.text()
      expect(res.status, text.slice(0, 300)).toBe(400)
      expect(messages(JSON.parse(text) as Json)).toMatch(limit)
      expect(await healthy()).toBeLessThan(1000)
    }

    it('refuses a text filter term past the maximum length (GET and method override)', async () => {
      await refusedRest(
        `/api/articles?where[title][like]=${'a'.repeat(10_000)}`,
        /QUERY_MAX_TERM_LENGTH/,
      )
      await refusedRest('/api/articles', /QUERY_MAX_TERM_LENGTH/, {
        method: 'POST',
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          'x-payload-http-method-override': 'GET',
        },
        body: `where[title][like]=${'b'.repeat(500_000)}`,
      })
    })

    it('refuses a like of 1,100 words instead of failing in the database', async () => {
      const words = Array.from({ length: 1100 }, (_, i) => `w${i}`).join('+')
      await refusedRest(`/api/articles?where[title][like]=${words}`, /QUERY_MAX_/)
    })

    it('refuses a where tree with too many conditions (REST)', async () => {
      const or = Array.from({ length: 300 }, (_, i) => `where[or][${i}][title][equals]=t${i}`).join(
        '&',
      )
      await refusedRest(`/api/articles?${or}`, /QUERY_MAX_CONDITIONS/)
    })

    it('refuses a where tree nested too deep (GraphQL, Local API)', async () => {
      let literal = '{ title: { like: "a" } }'
      for (let i = 0; i < 100; i++) literal = `{ AND: [${literal}] }`
      const gql = await w.graphql('anonymous', `{ Articles(where: ${literal}) { totalDocs } }`)
      expect(graphqlStatus(gql.json), gql.text.slice(0, 300)).toBe(400)
      expect(messages(gql.json)).toMatch(/QUERY_MAX_DEPTH/)

      let where: Json = { title: { like: 'a' } }
      for (let i = 0; i < 2000; i++) where = { and: [where] }
      const local = await w.local(() =>
        w.payload.find({ collection: 'articles', where, ...w.as('anonymous') }),
      )
      expect(local.status, local.text.slice(0, 300)).toBe(400)
      expect(local.text).toMatch(/QUERY_MAX_DEPTH/)
    })

    it('refuses a GraphQL query nested through list relationships by its cost, lists multiplied', async () => {
      const query = `{ Providers { docs { clinics { careTeam { docs { clinics { careTeam { docs { clinics { name } } } } } } } } } }`
      const res = await w.graphql('anonymous', query)
      expect(res.status, res.text.slice(0, 300)).toBe(400)
      expect(messages(res.json)).toMatch(/GRAPHQL_MAX_COST/)
    })

    it('refuses more aliases than the limit, and 300 of them by their tokens alone', async () => {
      const id = JSON.stringify(w.content.articles.netPub!.id)
      const query = (n: number) =>
        `{ ${Array.from({ length: n }, (_, i) => `a${i}: Article(id: ${id}) { title }`).join(' ')} }`
      const some = await w.graphql('anonymous', query(25))
      expect(some.status, some.text.slice(0, 300)).toBe(400)
      expect(messages(some.json)).toMatch(/GRAPHQL_MAX_ALIASES/)
      const many = await w.graphql('anonymous', query(300))
      expect(many.status, many.text.slice(0, 300)).toBe(400)
      expect(messages(many.json)).toMatch(/GRAPHQL_MAX_TOKENS/)
    })

    it('refuses fragments that expand into a huge query before analysing it', async () => {
      const fragments = ['fragment F0 on Article { title }']
      for (let i = 1; i <= 18; i++)
        fragments.push(`fragment F${i} on Article { ...F${i - 1} id ...F${i - 1} }`)
      const res = await w.graphql(
        'anonymous',
        `{ Articles(limit: 1) { docs { ...F18 } } } ${fragments.join(' ')}`,
      )
      expect(res.status, res.text.slice(0, 300)).toBe(400)
      expect(messages(res.json)).toMatch(/GRAPHQL_MAX_/)
    })

    it('answers an ordinary GraphQL list with its relationships (control)', async () => {
      const res = await w.graphql(
        'anonymous',
        '{ Articles(limit: 20) { docs { title author { name } heroImage { alt } conditions { name } } } }',
      )
      expect(res.status, res.text.slice(0, 300)).toBe(200)
      expect(res.json.errors).toBeUndefined()
    })
  })

  describe('limit and depth', () => {
    it.each(['limit=101', 'limit=0', 'pagination=false', 'limit=100000'])(
      'refuses %s to anonymous readers with 400 naming API_MAX_LIMIT_ANONYMOUS',
      async (param) => {
        const res = await w.rest('anonymous', 'GET', `/api/articles?${param}`)
        expect(res.status, res.text.slice(0, 300)).toBe(400)
        expect(messages(res.json)).toMatch(/API_MAX_LIMIT_ANONYMOUS/)
      },
    )

    it('refuses a GraphQL list past the anonymous limit', async () => {
      const res = await w.graphql('anonymous', '{ Articles(limit: 500) { docs { id } } }')
      expect(graphqlStatus(res.json) === 400 || res.status === 400, res.text.slice(0, 300)).toBe(
        true,
      )
      expect(messages(res.json)).toMatch(/API_MAX_LIMIT_ANONYMOUS|GRAPHQL_MAX_COST/)
    })

    it('refuses an anonymous depth past API_MAX_DEPTH_ANONYMOUS', async () => {
      const res = await w.rest('anonymous', 'GET', '/api/articles?depth=3&limit=5')
      expect(res.status, res.text.slice(0, 300)).toBe(400)
      expect(messages(res.json)).toMatch(/API_MAX_DEPTH_ANONYMOUS/)
    })

    it('answers the largest anonymous page and the signed-in admin past it (control)', async () => {
      expect((await w.rest('anonymous', 'GET', '/api/articles?limit=100&depth=1')).status).toBe(200)
      const admin = await w.rest('admin', 'GET', '/api/articles?limit=500&depth=0')
      expect(admin.status).toBe(200)
    })
  })
})

/**
 * `where` and `sort` may only follow what the requester may read: a path that reaches a hidden or
 * authentication field of an account (hash, salt, loginAttempts, lockUntil, resetPasswordToken,
 * resetPasswordExpiration), directly or through relationships, or a field the requester may not
 * read (another user's email), is refused with 400 on every collection and transport. Otherwise
 * the order of the answer is an oracle on password hashes and on who just failed to log in.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  AccessWorld,
  graphqlStatus,
  type Json,
  PASSWORD,
  type Subject,
} from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'

const HIDDEN = [
  'hash',
  'salt',
  'loginAttempts',
  'lockUntil',
  'resetPasswordToken',
  'resetPasswordExpiration',
]

/** Every way into the users collection: the collection, the path to an account, versions or not. */
interface Route {
  collection: string
  prefix: string
  versions?: boolean
  /** GraphQL list query and its type's plural (null: the collection has no GraphQL type). */
  gql: string | null
}
const ROUTES: Route[] = [
  { collection: 'users', prefix: '', gql: 'Users' },
  { collection: 'articles', prefix: 'medicalReviewer.', gql: 'Articles' },
  { collection: 'articles', prefix: 'publishedBy.', gql: 'Articles' },
  {
    collection: 'articles',
    prefix: 'version.medicalReviewer.',
    versions: true,
    gql: 'versionsArticles',
  },
  { collection: 'clinics', prefix: 'optedOutArticles.medicalReviewer.', gql: 'Clinics' },
  { collection: 'site-builds', prefix: 'clinics.optedOutArticles.publishedBy.', gql: 'SiteBuilds' },
]

describe(`hidden and unreadable fields in where and sort (${databaseLabel()})`, () => {
  const w = new AccessWorld()

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
    // An account that just failed to log in: loginAttempts and lockUntil differ between accounts.
    const locked = await w.payload.create({
      collection: 'users',
      data: {
        email: `qp.locked.${Date.now()}@access-test.example`,
        password: PASSWORD,
        name: 'Locked',
        roles: ['medical-reviewer'],
      } as any,
      overrideAccess: true,
    })
    for (let i = 0; i < 5; i++) {
      await fetch(`${w.url}/api/users/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: locked.email, password: `${PASSWORD}-wrong` }),
      })
    }
    // Published articles reviewed and published by different accounts, so that an order could differ.
    for (const [reviewer, publisher] of [
      [w.users.reviewer.id, w.users.admin.id],
      [locked.id, w.users.editorA.id],
    ] as const) {
      const doc = await w.createContent('articles', `qp${reviewer}`, 'network', 'published')
      await w.payload.db.updateOne({
        collection: 'articles',
        id: doc.id,
        data: { medicalReviewer: reviewer, publishedBy: publisher },
      })
    }
    await w.payload.update({
      collection: 'clinics',
      id: w.clinicId('A'),
      data: { optedOutArticles: [w.content.articles.netPub!.id] } as any,
      overrideAccess: true,
    })
  })

  afterAll(() => w.stop())

  /** The status each transport answers for one sort or where on one route, as one subject. */
  async function statuses(
    subject: Subject,
    route: Route,
    query: { sort: string } | { where: Json; whereQs: string },
  ) {
    const base = route.versions ? `/api/${route.collection}/versions` : `/api/${route.collection}`
    const qs = 'sort' in query ? `sort=${encodeURIComponent(query.sort)}` : query.whereQs
    const rest = await w.rest(subject, 'GET', `${base}?${qs}&depth=0&limit=5`)
    const out: Record<string, number> = { rest: rest.status }
    if (route.gql && 'sort' in query) {
      const gql = await w.graphql(
        subject,
        `{ q: ${route.gql}(sort: ${JSON.stringify(query.sort)}, limit: 5) { docs { id } } }`,
      )
      out.graphql = graphqlStatus(gql.json)
    }
    const args = {
      collection: route.collection as 'articles',
      depth: 0,
      limit: 5,
      ...('sort' in query ? { sort: query.sort } : { where: query.where }),
      ...w.as(subject),
    }
    const local = await w.local(() =>
      route.versions ? w.payload.findVersions(args) : (w.payload.find(args) as Promise<unknown>),
    )
    out.local = local.status
    return out
  }

  const refusedEverywhere = (result: Record<string, number>) =>
    Object.fromEntries(Object.keys(result).map((key) => [key, 400]))

  const cases = (fields: string[]) =>
    ROUTES.flatMap((route) =>
      fields.map((field) => ({
        route,
        collection: route.versions ? `${route.collection} versions` : route.collection,
        field,
        path: `${route.prefix}${field}`,
      })),
    )

  describe.each(['anonymous', 'editorA', 'admin'] as const)('as %s', (subject) => {
    it.each(cases(HIDDEN))(
      'refuses sort on $collection by $path, ascending and descending (REST, GraphQL, Local API)',
      async ({ route, path }) => {
        for (const sort of [path, `-${path}`]) {
          const result = await statuses(subject, route, { sort })
          expect(result, sort).toEqual(refusedEverywhere(result))
        }
      },
    )

    it.each(cases(HIDDEN))(
      'refuses where on $collection by $path (REST, Local API)',
      async ({ route, path }) => {
        const result = await statuses(subject, route, {
          where: { [path]: { exists: true } },
          whereQs: `where[${path}][exists]=true`,
        })
        expect(result, path).toEqual(refusedEverywhere(result))
      },
    )
  })

  describe.each(['anonymous', 'editorA'] as const)(
    'as %s, who may not read other accounts',
    (subject) => {
      it.each(cases(['email', 'name']).filter(({ route }) => route.prefix !== ''))(
        'refuses sort and where on $collection by $path',
        async ({ route, path }) => {
          const sorted = await statuses(subject, route, { sort: path })
          expect(sorted, path).toEqual(refusedEverywhere(sorted))
          const filtered = await statuses(subject, route, {
            where: { [path]: { like: 'a' } },
            whereQs: `where[${path}][like]=a`,
          })
          expect(filtered, path).toEqual(refusedEverywhere(filtered))
        },
      )
    },
  )

  it('refuses a bulk update whose where reaches a hidden field, and changes nothing', async () => {
    const before = await w.payload.find({
      collection: 'articles',
      limit: 100,
      depth: 0,
      ...w.system(),
    })
    const res = await w.rest(
      'network',
      'PATCH',
      '/api/articles?where[medicalReviewer.hash][like]=a',
      { excerpt: 'Changed by an oracle probe' },
    )
    expect(res.status, res.text).toBe(400)
    const after = await w.payload.find({
      collection: 'articles',
      limit: 100,
      depth: 0,
      ...w.system(),
    })
    expect(after.docs.map((d) => d.excerpt)).toEqual(before.docs.map((d) => d.excerpt))
  })

  it('still sorts and filters by readable paths through relationships (control)', async () => {
    const res = await w.rest(
      'anonymous',
      'GET',
      '/api/articles?sort=-author.name&where[author.name][exists]=true&depth=0&limit=5',
    )
    expect(res.status, res.text).toBe(200)
    const admin = await w.rest('admin', 'GET', '/api/articles?sort=publishedBy.email&limit=5')
    expect(admin.status, admin.text).toBe(200)
  })

  it('refuses with 400, not 500, a path through a localized relationship (one reviewer per language)', async () => {
    for (const path of [
      '/api/articles?sort=medicalReviewer.email&limit=5',
      '/api/articles?where[medicalReviewer.name][exists]=true&limit=5',
    ]) {
      const admin = await w.rest('admin', 'GET', path)
      expect(admin.status, `${path} ${admin.text}`).toBe(400)
    }
    const byId = await w.rest('admin', 'GET', '/api/articles?sort=medicalReviewer&limit=5')
    expect(byId.status, byId.text).toBe(200)
  })
})

/**
 * Tenancy attacks, one per test, over the real server: what a clinic editor, a medical reviewer or
 * an anonymous caller might try to reach another clinic's documents, drafts or accounts, or to
 * promote themselves. Each asserts the refusal (or that the request changed nothing) AND that the
 * response carries nothing the caller may not see.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  AccessWorld,
  emailOf,
  type Id,
  type Json,
  lexical,
  leaked,
  SUBJECTS,
  tok,
  tinyPng,
} from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'

const PASSWORD_MATERIAL = /"(hash|salt|resetPasswordToken)"\s*:/
/** Tokens of clinic B's and the network's unpublished text: editor A may see none of them. */
const hiddenFromA = (collection: 'articles' | 'faqs') =>
  ['bDraft', 'bPubNext', 'netDraft', 'netPubNext'].map((key) => tok(`${collection}${key}`))

describe(`tenancy attacks (${databaseLabel()})`, () => {
  const w = new AccessWorld()
  let n = 0
  const next = () => ++n

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
  })

  afterAll(() => w.stop())

  const A = () => w.clinicId('A')
  const B = () => w.clinicId('B')
  const stored = (collection: string, id: Id, draft = true) =>
    w.payload.findByID({
      collection: collection as 'articles',
      id,
      depth: 0,
      draft,
      ...w.system(),
    }) as Promise<Json>
  const draftOf = (clinic: Id, label = `att${next()}`) =>
    w.createContent('articles', label, clinic, 'draft')
  const publishedOf = (clinic: Id | 'network', label = `att${next()}`) =>
    w.createContent('articles', label, clinic, 'published')
  const errorPaths = (json: Json | undefined): string[] =>
    (json?.errors ?? []).flatMap((e: Json) => [
      ...(e.data?.errors ?? []).map((d: Json) => d.path),
      ...(e.path ? [e.path] : []),
    ])

  describe('ownership', () => {
    it.each(['articles', 'faqs'] as const)(
      'refuses a clinic editor creating %s owned by another clinic or by the network',
      async (collection) => {
        const before = await w.payload.count({ collection, overrideAccess: true })
        const data = (owner: 'network' | Id) =>
          collection === 'articles'
            ? w.articleData(`Planted ${next()}`, owner)
            : w.faqData(`Planted ${next()}?`, owner)
        for (const body of [data(B()), data('network'), { ...data(A()), ownerClinic: B() }]) {
          const res = await w.rest('editorA', 'POST', `/api/${collection}?draft=true`, {
            ...body,
            _status: 'draft',
          })
          expect(res.status, res.text).toBe(403)
          expect(res.json?.doc).toBeUndefined()
        }
        expect((await w.payload.count({ collection, overrideAccess: true })).totalDocs).toBe(
          before.totalDocs,
        )
      },
    )

    it('refuses a clinic editor uploading an image owned by another clinic', async () => {
      const png = await tinyPng()
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'planted.png')
      form.append('_payload', JSON.stringify({ alt: 'Planted image', ownerClinic: B() }))
      const res = await w.rest('editorA', 'POST', '/api/media', form)
      expect(res.status, res.text).toBe(403)
      expect(
        (
          await w.payload.count({
            collection: 'media',
            where: { alt: { equals: 'Planted image' } },
            overrideAccess: true,
          })
        ).totalDocs,
      ).toBe(0)
    })

    it('refuses a clinic editor creating a provider of another clinic, or claiming one', async () => {
      const create = await w.rest('editorA', 'POST', '/api/providers', {
        name: 'Planted provider',
        clinics: [B()],
      })
      expect(create.status, create.text).toBe(403)
      const claim = await w.rest('editorA', 'PATCH', `/api/providers/${w.providers.B!.id}`, {
        clinics: [A()],
      })
      expect(claim.status, claim.text).toBe(403)
      const shared = await w.rest('editorA', 'PATCH', `/api/providers/${w.providers.AB!.id}`, {
        clinics: [A()],
      })
      expect(shared.status, shared.text).toBe(403)
      expect((await stored('providers', w.providers.B!.id, false)).clinics).toEqual([B()])
      expect((await stored('providers', w.providers.AB!.id, false)).clinics).toEqual([A(), B()])
    })

    it.each(['articles', 'faqs'] as const)(
      'refuses moving %s of clinic A to clinic B or to the network (REST, GraphQL, Local API)',
      async (collection) => {
        const doc = await w.createContent(collection, `move${next()}`, A(), 'draft')
        const moves = [{ ownerClinic: B() }, { owner: 'network', ownerClinic: null }]
        for (const data of moves) {
          const rest = await w.rest('editorA', 'PATCH', `/api/${collection}/${doc.id}`, data)
          expect(rest.status, rest.text).toBe(403)
          const one = collection === 'articles' ? 'Article' : 'Faq'
          const gql = await w.graphql(
            'editorA',
            `mutation($data: mutation${one}UpdateInput!) { r: update${one}(id: ${JSON.stringify(doc.id)}, data: $data) { id } }`,
            { data },
          )
          expect(gql.json.errors?.[0]?.extensions?.statusCode, gql.text).toBe(403)
          const local = await w.local(() =>
            w.payload.update({ collection, id: doc.id, data: data as any, ...w.as('editorA') }),
          )
          expect(local.status, local.text).toBe(403)
        }
        const after = await stored(collection, doc.id)
        expect([after.owner, after.ownerClinic]).toEqual(['clinic', A()])
      },
    )

    it('refuses moving an image of clinic A to clinic B or to the network', async () => {
      const image = await w.createMedia(`move${next()}`, A())
      for (const ownerClinic of [B(), null]) {
        const res = await w.rest('editorA', 'PATCH', `/api/media/${image.id}`, { ownerClinic })
        expect(res.status, res.text).toBe(403)
      }
      expect((await stored('media', image.id, false)).ownerClinic).toBe(A())
    })

    it('lets an editor of both clinics move a document between their own clinics (control)', async () => {
      const doc = await draftOf(A())
      const res = await w.rest('editorAB', 'PATCH', `/api/articles/${doc.id}`, { ownerClinic: B() })
      expect(res.status, res.text).toBe(200)
      expect((await stored('articles', doc.id)).ownerClinic).toBe(B())
    })
  })

  describe('relationships to another clinic', () => {
    it.each([
      ['heroImage', () => ({ heroImage: w.media.B!.id })],
      ['author', () => ({ author: w.providers.B!.id })],
      ['meta.image', () => ({ meta: { image: w.media.B!.id } })],
    ])("refuses clinic B's %s on clinic A's published article", async (field, data) => {
      const article = await publishedOf(A())
      const before = await stored('articles', article.id, false)
      const res = await w.rest('editorA', 'PATCH', `/api/articles/${article.id}`, data())
      expect(res.status, res.text).toBe(400)
      expect(errorPaths(res.json), res.text).toContain(field)
      const after = await stored('articles', article.id, false)
      expect([after.heroImage, after.author, after.meta?.image], field).toEqual([
        before.heroImage,
        before.author,
        before.meta?.image,
      ])
    })

    it.each([
      ['heroImage', () => ({ heroImage: w.media.B!.id })],
      ['author', () => ({ author: w.providers.B!.id })],
      ['meta.image', () => ({ meta: { image: w.media.B!.id } })],
    ])(
      "refuses clinic B's %s on clinic A's draft too (drafts skip field validation)",
      async (field, data) => {
        const article = await draftOf(A())
        const res = await w.rest('editorA', 'PATCH', `/api/articles/${article.id}?draft=true`, {
          ...data(),
          _status: 'draft',
        })
        expect(res.status, res.text).toBeGreaterThanOrEqual(400)
        const after = await stored('articles', article.id)
        expect(
          [after.heroImage ?? null, after.author ?? null, after.meta?.image ?? null],
          field,
        ).toEqual([null, null, null])
      },
    )

    it("accepts a network image and a provider who works at clinic A on A's article (control)", async () => {
      const article = await publishedOf(A())
      const res = await w.rest('admin', 'PATCH', `/api/articles/${article.id}`, {
        heroImage: w.media.net!.id,
        author: w.providers.AB!.id,
      })
      expect(res.status, res.text).toBe(200)
    })

    it("refuses clinic B's image as clinic A's logo or as the photo of A's provider", async () => {
      const logo = await w.rest('editorA', 'PATCH', `/api/clinics/${A()}`, {
        brand: { logo: w.media.B!.id },
      })
      expect(logo.status, logo.text).toBe(400)
      expect((await stored('clinics', A(), false)).brand?.logo ?? null).toBeNull()
      const photo = await w.rest('editorA', 'PATCH', `/api/providers/${w.providers.A!.id}`, {
        photo: w.media.B!.id,
      })
      expect(photo.status, photo.text).toBe(400)
      expect((await stored('providers', w.providers.A!.id, false)).photo ?? null).toBeNull()
    })
  })

  describe('accounts', () => {
    it('ignores a clinic editor promoting themselves (roles, clinics) over REST, and the next login carries no new power', async () => {
      const me = w.users.editorA
      const res = await w.rest('editorA', 'PATCH', `/api/users/${me.id}`, {
        roles: ['admin'],
        clinics: [A(), B(), w.clinicId('C')],
      })
      expect(res.status, res.text).toBeLessThan(500)
      const after = await stored('users', me.id, false)
      expect(after.roles).toEqual(['clinic-editor'])
      expect(after.clinics).toEqual([A()])
      const token = await w.login(me.email)
      const login = await w.rest('anonymous', 'GET', '/api/users/me', undefined, {
        authorization: `JWT ${token}`,
      })
      expect(login.json?.user?.roles).toEqual(['clinic-editor'])
      const users = await w.rest('anonymous', 'GET', '/api/users?limit=100', undefined, {
        authorization: `JWT ${token}`,
      })
      expect(users.json?.docs?.map((u: Json) => u.id)).toEqual([me.id])
    })

    it('ignores self-promotion over GraphQL and the Local API, for a clinic editor and a reviewer', async () => {
      for (const subject of ['editorB', 'reviewer'] as const) {
        const me = w.users[subject]
        const before = await stored('users', me.id, false)
        await w.graphql(
          subject,
          `mutation { updateUser(id: ${JSON.stringify(me.id)}, data: { roles: [admin], clinics: [${JSON.stringify(A())}] }) { id } }`,
        )
        await w.local(() =>
          w.payload.update({
            collection: 'users',
            id: me.id,
            data: { roles: ['admin'], clinics: [A()] } as any,
            ...w.as(subject),
          }),
        )
        const after = await stored('users', me.id, false)
        expect([after.roles, after.clinics], subject).toEqual([before.roles, before.clinics])
      }
    })

    it("refuses a network editor changing another user's roles or clinic assignments", async () => {
      const res = await w.rest('network', 'PATCH', `/api/users/${w.users.editorA.id}`, {
        roles: ['network-editor'],
        clinics: [B()],
      })
      expect(res.status, res.text).toBe(403)
      const after = await stored('users', w.users.editorA.id, false)
      expect([after.roles, after.clinics]).toEqual([['clinic-editor'], [A()]])
    })

    it("does not show a clinic editor another user's account, email or password material", async () => {
      const byId = await w.rest('editorA', 'GET', `/api/users/${w.users.editorB.id}`)
      expect(byId.status).toBe(404)
      const list = await w.rest('editorA', 'GET', '/api/users?limit=100&depth=2')
      for (const res of [byId, list]) {
        expect(
          leaked(res.text, [emailOf('editorB'), emailOf('admin'), emailOf('reviewer')]),
        ).toEqual([])
        expect(res.text).not.toMatch(PASSWORD_MATERIAL)
      }
    })
  })

  describe('hidden fields in where and sort', () => {
    it.each(['hash', 'salt', 'password', 'resetPasswordToken', 'email'])(
      "gives a clinic editor no oracle on other users' %s",
      async (field) => {
        const admin = emailOf('admin')
        const probes = [
          `where[${field}][exists]=true`,
          `where[${field}][like]=${encodeURIComponent(field === 'email' ? admin.slice(0, 6) : 'a')}`,
          `sort=${field}`,
          `sort=-${field}`,
        ]
        for (const probe of probes) {
          const res = await w.rest('editorA', 'GET', `/api/users?${probe}&limit=100`)
          const ids = (res.json?.docs ?? []).map((u: Json) => u.id)
          expect(
            ids.filter((id: Id) => id !== w.users.editorA.id),
            probe,
          ).toEqual([])
          expect(res.text, probe).not.toMatch(PASSWORD_MATERIAL)
          expect(leaked(res.text, [admin, emailOf('editorB')]), probe).toEqual([])
        }
      },
    )

    it("gives anonymous readers no oracle on a reviewer's or publisher's email through an article's relationships", async () => {
      const reviewer = emailOf('reviewer')
      const count = async (query: string) =>
        (await w.rest('anonymous', 'GET', `/api/articles?${query}&limit=100&depth=0`)).json
          ?.totalDocs ?? -1
      for (const field of ['medicalReviewer', 'publishedBy']) {
        const matching = await count(
          `where[${field}.email][like]=${encodeURIComponent(reviewer.slice(0, 8))}`,
        )
        const notMatching = await count(`where[${field}.email][like]=zzzz-no-such-address`)
        expect(matching, field).toBe(notMatching)
        const hash = await count(`where[${field}.hash][exists]=true`)
        expect([0, -1], field).toContain(hash)
      }
    })

    it("gives anonymous readers no ordering oracle on reviewers' emails", async () => {
      // Two reviewers whose emails sort opposite to their articles' creation order.
      const make = async (local: string) =>
        w.payload.create({
          collection: 'users',
          data: {
            email: `${local}@access-test.example`,
            password: 'pw-oracle-123456',
            name: `Dr ${local}`,
            roles: ['medical-reviewer'],
          } as any,
          overrideAccess: true,
        })
      const [zed, amy] = [await make(`zzz-${next()}`), await make(`aaa-${next()}`)]
      const first = await publishedOf('network', `oracleFirst${next()}`)
      await w.payload.update({
        collection: 'articles',
        id: first.id,
        data: { medicalReviewer: zed.id } as any,
        overrideAccess: true,
      })
      const second = await publishedOf('network', `oracleSecond${next()}`)
      await w.payload.update({
        collection: 'articles',
        id: second.id,
        data: { medicalReviewer: amy.id } as any,
        overrideAccess: true,
      })
      const order = async (sort: string) => {
        const res = await w.rest(
          'anonymous',
          'GET',
          `/api/articles?where[id][in]=${first.id},${second.id}&sort=${sort}&depth=0`,
        )
        return res.status === 200 ? res.json!.docs.map((d: Json) => d.id) : res.status
      }
      const up = await order('medicalReviewer.email')
      const down = await order('-medicalReviewer.email')
      // Refused, or ignored (same order both ways): either way the sort reveals nothing.
      expect(
        typeof up === 'number' || JSON.stringify(up) === JSON.stringify(down),
        `${up} vs ${down}`,
      ).toBe(true)
    })

    it("gives a clinic editor no oracle on another user's email through document locks", async () => {
      await w.createLock('editorB', { collection: 'articles', id: w.content.articles.bDraft!.id })
      const res = await w.rest(
        'editorA',
        'GET',
        `/api/payload-locked-documents?where[user.email][like]=${encodeURIComponent(emailOf('editorB').slice(0, 7))}&depth=3`,
      )
      expect(res.json?.totalDocs ?? 0, res.text).toBe(0)
      expect(leaked(res.text, [emailOf('editorB'), ...hiddenFromA('articles')])).toEqual([])
    })
  })

  describe('drafts and versions of another clinic', () => {
    it("does not populate another clinic's draft at depth 3 from a document the editor can read", async () => {
      const hub = await publishedOf('network', `hub${next()}`)
      const link = {
        type: 'link',
        version: 3,
        direction: 'ltr',
        format: '',
        indent: 0,
        id: `l${next()}`,
        fields: {
          linkType: 'internal',
          newTab: false,
          doc: { relationTo: 'articles', value: w.content.articles.bDraft!.id },
        },
        children: [
          {
            type: 'text',
            text: 'related',
            detail: 0,
            format: 0,
            mode: 'normal',
            style: '',
            version: 1,
          },
        ],
      }
      const body = lexical('See also: ')
      ;(body.root.children[0] as unknown as { children: unknown[] }).children.push(link)
      await w.payload.update({
        collection: 'articles',
        id: hub.id,
        data: { body } as any,
        overrideAccess: true,
      })
      await w.createLock('editorB', { collection: 'articles', id: w.content.articles.bDraft!.id })
      const responses = [
        await w.rest('editorA', 'GET', `/api/articles/${hub.id}?depth=3`),
        await w.rest('editorA', 'GET', `/api/articles/${hub.id}?depth=3&draft=true`),
        await w.rest('editorA', 'GET', `/api/articles?depth=3&limit=100&draft=true`),
        await w.rest('editorA', 'GET', `/api/clinics?depth=3&limit=100`),
        await w.rest('editorA', 'GET', `/api/payload-locked-documents?depth=3&limit=100`),
        await w.rest('anonymous', 'GET', `/api/articles/${hub.id}?depth=3&draft=true`),
        await w.graphql(
          'editorA',
          `{ Article(id: ${JSON.stringify(hub.id)}, draft: true) { title body(depth: 3) } }`,
        ),
      ]
      for (const res of responses) {
        expect(leaked(res.text, hiddenFromA('articles'))).toEqual([])
        expect(res.text).not.toMatch(PASSWORD_MATERIAL)
      }
      expect(responses[0]!.status).toBe(200)
    })

    it("refuses a clinic editor another clinic's versions, as a list and by id (REST, GraphQL, Local API)", async () => {
      const target = w.content.articles.bDraft!
      const { docs } = await w.payload.findVersions({
        collection: 'articles',
        where: { parent: { equals: target.id } },
        overrideAccess: true,
        limit: 1,
      })
      const versionId = docs[0]!.id
      const list = await w.rest(
        'editorA',
        'GET',
        `/api/articles/versions?where[parent][equals]=${target.id}&depth=2`,
      )
      expect(list.status).toBe(200)
      expect(list.json?.totalDocs).toBe(0)
      const byId = await w.rest('editorA', 'GET', `/api/articles/versions/${versionId}?depth=2`)
      expect([403, 404]).toContain(byId.status)
      const gql = await w.graphql(
        'editorA',
        `{ a: versionArticle(id: ${JSON.stringify(versionId)}) { version { title } } b: versionsArticles(where: { parent: { equals: ${JSON.stringify(target.id)} } }) { totalDocs docs { version { title } } } }`,
      )
      expect(gql.json.data?.a ?? null).toBeNull()
      expect(gql.json.data?.b?.totalDocs ?? 0).toBe(0)
      const local = await w.local(() =>
        w.payload.findVersionByID({ collection: 'articles', id: versionId, ...w.as('editorA') }),
      )
      expect([403, 404]).toContain(local.status)
      for (const text of [list.text, byId.text, gql.text, local.text])
        expect(leaked(text, hiddenFromA('articles'))).toEqual([])
    })

    it('shows anonymous readers no draft with ?draft=true, by id or in lists', async () => {
      const c = w.content.articles
      const paths = [
        `/api/articles?draft=true&limit=100`,
        `/api/articles/${c.netPub!.id}?draft=true`,
        `/api/articles/${c.aDraft!.id}?draft=true`,
        `/api/articles/${c.bPub!.id}?draft=true&depth=2`,
        `/api/faqs?draft=true&limit=100`,
        `/api/faqs/${c.netDraft!.id}?draft=true`,
      ]
      const draftTokens = [
        'netDraft',
        'netPubNext',
        'aDraft',
        'aPubNext',
        'bDraft',
        'bPubNext',
      ].flatMap((k) => [tok(`articles${k}`), tok(`faqs${k}`)])
      for (const path of paths) {
        const res = await w.rest('anonymous', 'GET', path)
        expect(leaked(res.text, draftTokens), path).toEqual([])
      }
      const byId = await w.rest('anonymous', 'GET', `/api/articles/${c.aDraft!.id}?draft=true`)
      expect(byId.status).toBe(404)
    })

    it('answers GraphQL aliases that ask for the same draft through several access paths with nothing', async () => {
      const id = JSON.stringify(w.content.articles.bDraft!.id)
      const query = `{
        a: Article(id: ${id}) { title }
        b: Articles(where: { id: { equals: ${id} } }, draft: true) { totalDocs docs { title } }
        c: Article(id: ${id}, draft: true) { title excerpt }
        d: countArticles(where: { id: { equals: ${id} } }, draft: true) { totalDocs }
        e: versionsArticles(where: { parent: { equals: ${id} } }) { docs { version { title } } }
        f: Articles(where: { title: { like: "${tok('articlesbDraft')}" } }) { totalDocs }
      }`
      for (const subject of ['editorA', 'anonymous'] as const) {
        const res = await w.graphql(subject, query)
        expect(leaked(res.text, hiddenFromA('articles')), subject).toEqual([])
        const data = res.json.data ?? {}
        expect([data.a ?? null, data.c ?? null], subject).toEqual([null, null])
        expect(
          [
            data.b?.totalDocs ?? 0,
            data.d?.totalDocs ?? 0,
            data.e?.docs?.length ?? 0,
            data.f?.totalDocs ?? 0,
          ],
          subject,
        ).toEqual([0, 0, 0, 0])
      }
    })
  })

  describe('duplicates', () => {
    const copies = async () =>
      (await w.payload.count({ collection: 'articles', overrideAccess: true })).totalDocs

    it.each([
      ['a clinic editor', 'editorA', 'A'],
      ['a network editor', 'network', 'network'],
    ] as const)(
      'keeps the copy of a published article a draft that anonymous readers cannot see, when %s duplicates it over REST',
      async (_label, subject, owner) => {
        const source = await publishedOf(owner === 'A' ? A() : 'network')
        const res = await w.rest(subject, 'POST', `/api/articles/${source.id}/duplicate`, {})
        expect(res.status, res.text).toBe(200)
        const copyId = res.json!.doc.id as Id
        expect((await stored('articles', copyId, false))._status).toBe('draft')
        expect((await w.rest('anonymous', 'GET', `/api/articles/${copyId}`)).status).toBe(404)
        expect(
          (await w.rest('anonymous', 'GET', `/api/articles?where[id][equals]=${copyId}&draft=true`))
            .json?.totalDocs,
        ).toBe(0)
      },
    )

    it.each(['editorA', 'network'] as const)(
      'never publishes a copy made by %s, even asked with ?draft=false or over GraphQL',
      async (subject) => {
        const source = await publishedOf(subject === 'editorA' ? A() : 'network')
        const before = await copies()
        const rest = await w.rest(
          subject,
          'POST',
          `/api/articles/${source.id}/duplicate?draft=false`,
          {},
        )
        // GraphQL's duplicate mutation has no draft argument and requires the required fields.
        const data = w.articleData(`Copy ${next()}`, subject === 'editorA' ? A() : 'network')
        const gql = await w.graphql(
          subject,
          `mutation($data: mutationArticleInput!) { r: duplicateArticle(id: ${JSON.stringify(source.id)}, data: $data) { id } }`,
          { data },
        )
        const created = [rest.json?.doc?.id, gql.json.data?.r?.id].filter(
          (id) => id !== undefined && id !== null,
        )
        expect(await copies()).toBe(before + created.length)
        for (const id of created)
          expect((await stored('articles', id, false))._status, `copy ${id}`).toBe('draft')
      },
    )
  })

  describe('site builds', () => {
    /** Every token of clinic B's own build: summary, reasons, error, release ids. */
    const tokensOfB = () =>
      ['build', 'buildreasons', 'builderror', 'buildrelease'].map((t) => tok(`${t}B`))
    const idsOf = (res: { json?: Json }) =>
      ((res.json?.docs ?? []) as Json[]).map((doc) => doc.id).sort()

    it("gives a clinic editor no oracle on another clinic's build through where on its fields, its clinics or an OR", async () => {
      const [a, b, ab] = [w.siteBuilds.A!.id, w.siteBuilds.B!.id, w.siteBuilds.AB!.id]
      const q = encodeURIComponent
      // Probes on the fields of B's build: they match it alone (the admin's answer proves it) ...
      const onlyB = [
        `where[id][equals]=${b}`,
        `where[summary][like]=${q(tok('buildB'))}`,
        `where[reasons][contains]=${q(tok('buildreasonsB'))}`,
        `where[error][like]=${q(tok('builderrorB'))}`,
        `where[or][0][id][equals]=${b}&where[or][1][error][like]=${q(tok('builderrorB'))}`,
      ]
      // ... and probes through its clinics, or OR-ed with what A may read: they may match more.
      const wider = [
        `where[clinics][in]=${B()}`,
        `where[clinics][not_in]=${A()}`,
        `where[clinics.name][like]=${q(tok('clinicB'))}`,
        `where[and][0][clinics][in]=${B()}&where[and][1][clinics][not_equals]=${A()}`,
        `where[or][0][id][equals]=${b}&where[or][1][clinics][in]=${A()}`,
        'where[status][equals]=failed',
      ]
      for (const probe of [...onlyB, ...wider]) {
        const admin = await w.rest('admin', 'GET', `/api/site-builds?${probe}&depth=0&limit=100`)
        expect(idsOf(admin), `admin: ${probe}`).toContain(b)
        if (onlyB.includes(probe)) expect(idsOf(admin), `admin: ${probe}`).toEqual([b])
        // Editor A gets what the admin gets, less what A may not read ...
        const readable = idsOf(admin).filter((id: Id) => id === a || id === ab)
        const list = await w.rest('editorA', 'GET', `/api/site-builds?${probe}&depth=1&limit=100`)
        expect(list.status, list.text).toBe(200)
        if (probe.includes('clinics')) {
          // ... or, through `clinics`, possibly less: on SQLite, Payload's Drizzle adapter evaluates
          // every condition on a hasMany relationship, the access constraint's included, against one
          // joined row (getTableColumnFromPath reuses the join per path), so editor A filtering by
          // clinic B does not get the shared build AB. Fewer documents, never more.
          expect(readable, probe).toEqual(expect.arrayContaining(idsOf(list)))
        } else {
          expect(idsOf(list), probe).toEqual(readable)
        }
        const count = await w.rest('editorA', 'GET', `/api/site-builds/count?${probe}`)
        expect(count.json?.totalDocs, `count: ${probe}`).toBe(idsOf(list).length)
        for (const res of [list, count]) expect(leaked(res.text, tokensOfB()), probe).toEqual([])
      }
      const gql = await w.graphql(
        'editorA',
        `{ byError: SiteBuilds(where: { error: { like: ${JSON.stringify(tok('builderrorB'))} } }) { totalDocs docs { id } }
           byOr: SiteBuilds(where: { OR: [{ id: { equals: ${b} } }, { reasons: { contains: ${JSON.stringify(tok('buildreasonsB'))} } }] }) { totalDocs docs { id } }
           count: countSiteBuilds(where: { summary: { like: ${JSON.stringify(tok('buildB'))} } }) { totalDocs } }`,
      )
      expect(gql.json.errors, gql.text).toBeUndefined()
      expect(
        [
          gql.json.data!.byError.totalDocs,
          gql.json.data!.byOr.totalDocs,
          gql.json.data!.count.totalDocs,
        ],
        gql.text,
      ).toEqual([0, 0, 0])
      expect(leaked(gql.text, tokensOfB())).toEqual([])
    })

    it("does not reach another clinic's build through the population of clinics at depth 3 (REST, GraphQL)", async () => {
      const [a, ab] = [w.siteBuilds.A!.id, w.siteBuilds.AB!.id]
      const list = await w.rest('editorA', 'GET', '/api/site-builds?depth=3&limit=100')
      expect(idsOf(list), list.text).toEqual([a, ab].sort())
      // The build of both clinics populates both (clinics are public), and nothing of B's own build.
      const shared = await w.rest('editorA', 'GET', `/api/site-builds/${ab}?depth=3`)
      expect(shared.status, shared.text).toBe(200)
      expect((shared.json!.clinics as Json[]).map((clinic) => clinic.id)).toEqual([A(), B()])
      const responses = [
        list,
        shared,
        await w.rest('editorA', 'GET', `/api/clinics/${B()}?depth=3`),
        await w.rest('editorA', 'GET', `/api/users/${w.users.editorA.id}?depth=3`),
        await w.rest('anonymous', 'GET', `/api/clinics?depth=3&limit=100`),
        await w.graphql(
          'editorA',
          `{ SiteBuilds(limit: 100) { docs { id summary reasons error releases clinics { id name } } } Clinic(id: ${JSON.stringify(B())}) { id name } }`,
        ),
      ]
      const gql = responses.at(-1)! as Awaited<ReturnType<typeof w.graphql>>
      expect(gql.json.errors, gql.text).toBeUndefined()
      expect(
        (gql.json.data!.SiteBuilds.docs as Json[]).map((doc) => doc.id).sort(),
        gql.text,
      ).toEqual([a, ab].sort())
      for (const res of responses)
        expect(leaked(res.text, tokensOfB()), res.text.slice(0, 300)).toEqual([])
      // Anonymous readers of the public clinics reach no build at all.
      expect(
        leaked(
          responses[4]!.text,
          ['A', 'AB'].flatMap((key) => [tok(`build${key}`), tok(`builderror${key}`)]),
        ),
      ).toEqual([])
    })

    it('refuses every subject, admins included, writing a build over REST (403), and no stored build changes', async () => {
      const snapshot = async () =>
        (
          await w.payload.find({
            collection: 'site-builds',
            depth: 0,
            pagination: false,
            sort: 'id',
            overrideAccess: true,
          })
        ).docs
      const before = await snapshot()
      const id = w.siteBuilds.A!.id
      const forged = {
        summary: `Forged build ${next()}`,
        status: 'live',
        error: null,
        clinics: [A(), B()],
        startedAt: new Date().toISOString(),
      }
      const requests: [string, string, unknown?][] = [
        ['POST', '/api/site-builds', forged],
        ['PATCH', `/api/site-builds/${id}`, forged],
        ['PATCH', `/api/site-builds?where[id][equals]=${id}`, forged],
        ['DELETE', `/api/site-builds/${id}`],
        ['DELETE', `/api/site-builds?where[id][equals]=${id}`],
        ['POST', `/api/site-builds/${id}/duplicate`, {}],
      ]
      for (const subject of SUBJECTS) {
        for (const [method, path, body] of requests) {
          const res = await w.rest(subject, method, path, body)
          expect(res.status, `${subject} ${method} ${path}: ${res.text}`).toBe(403)
          expect(res.json?.doc ?? res.json?.docs, `${subject} ${method} ${path}`).toBeUndefined()
        }
      }
      expect(await snapshot()).toEqual(before)
    })
  })

  describe('clinic profile and review fields', () => {
    it("ignores or refuses a clinic editor changing their clinic's slug or site URL", async () => {
      const before = await stored('clinics', A(), false)
      for (const data of [
        { slug: `hijacked-${next()}` },
        { siteUrl: `https://hijacked-${next()}.example.com` },
        { slug: `x-${next()}`, siteUrl: 'https://x.example.com', tagline: 'New tagline' },
      ]) {
        const res = await w.rest('editorA', 'PATCH', `/api/clinics/${A()}`, data)
        expect(res.status, res.text).toBeLessThan(500)
        const after = await stored('clinics', A(), false)
        expect([after.slug, after.siteUrl]).toEqual([before.slug, before.siteUrl])
      }
    })

    it('refuses a clinic editor deleting their own clinic or opting another clinic out of an article', async () => {
      const del = await w.rest('editorA', 'DELETE', `/api/clinics/${A()}`)
      expect(del.status).toBe(403)
      const optOut = await w.rest('editorA', 'PATCH', `/api/clinics/${B()}`, {
        optedOutArticles: [w.content.articles.netPub!.id],
      })
      expect(optOut.status).toBe(403)
      expect((await stored('clinics', B(), false)).optedOutArticles ?? []).toEqual([])
    })

    it('ignores a medical reviewer changing a non-review field, and refuses them publishing', async () => {
      const article = await draftOf(A())
      const edit = await w.rest('reviewer', 'PATCH', `/api/articles/${article.id}?draft=true`, {
        title: 'Rewritten by the reviewer',
        _status: 'draft',
      })
      expect(edit.status, edit.text).toBeLessThan(500)
      expect((await stored('articles', article.id)).title).toBe(article.title)
      const publish = await w.rest('reviewer', 'PATCH', `/api/articles/${article.id}`, {
        _status: 'published',
        ...w.review,
        author: w.providers.A!.id,
      })
      expect(publish.status, publish.text).toBe(403)
      expect((await stored('articles', article.id, false))._status).toBe('draft')
      const live = await publishedOf(A())
      const liveEdit = await w.rest('reviewer', 'PATCH', `/api/articles/${live.id}`, {
        lastReviewedAt: new Date().toISOString(),
      })
      expect(liveEdit.status, liveEdit.text).toBe(403)
      const restore = await w.rest(
        'reviewer',
        'POST',
        `/api/articles/versions/${(await w.payload.findVersions({ collection: 'articles', where: { parent: { equals: live.id } }, overrideAccess: true, limit: 1 })).docs[0]!.id}`,
      )
      expect(restore.status).toBe(403)
    })

    it('lets a medical reviewer record a review as a draft (control)', async () => {
      const live = await publishedOf(A())
      const reviewedAt = new Date().toISOString()
      const res = await w.rest('reviewer', 'PATCH', `/api/articles/${live.id}?draft=true`, {
        medicalReviewer: w.users.reviewer.id,
        lastReviewedAt: reviewedAt,
        _status: 'draft',
      })
      expect(res.status, res.text).toBe(200)
      const draft = await stored('articles', live.id)
      expect([draft.medicalReviewer, draft.lastReviewedAt]).toEqual([
        w.users.reviewer.id,
        reviewedAt,
      ])
      expect((await stored('articles', live.id, false))._status).toBe('published')
    })

    it.each(['editorA', 'network'] as const)('ignores review fields set by %s', async (subject) => {
      const article = await draftOf(A())
      const res = await w.rest(subject, 'PATCH', `/api/articles/${article.id}?draft=true`, {
        medicalReviewer: w.users.reviewer.id,
        lastReviewedAt: new Date().toISOString(),
        reviewedBy: { name: 'Dr Forged', credentials: 'MD' },
        _status: 'draft',
      })
      expect(res.status, res.text).toBeLessThan(500)
      const after = await stored('articles', article.id)
      expect([
        after.medicalReviewer ?? null,
        after.lastReviewedAt ?? null,
        after.reviewedBy?.name ?? null,
      ]).toEqual([null, null, null])
    })
  })
})

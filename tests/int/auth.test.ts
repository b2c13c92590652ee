/**
 * Accounts on a fresh, empty database: first-user registration, login (token and cookie), /me,
 * wrong passwords, users granting themselves roles, and anonymous reads of the users collection.
 */
import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CmsHandle, databaseLabel, dropDatabase, localApi, startCms } from '../support/cms.ts'

type Json = Record<string, unknown>

const FIRST = {
  email: 'first-admin@clinic-test.example',
  password: 'first-admin-password-1',
  name: 'First Admin',
}
const LATECOMER = {
  email: 'latecomer@clinic-test.example',
  password: 'latecomer-password-1',
  name: 'Latecomer',
}
const EDITOR = {
  email: 'clinic-editor@clinic-test.example',
  password: 'clinic-editor-password-1',
  name: 'Clinic Editor',
}
const WRONG_PASSWORD_USER = {
  email: 'typo-prone@clinic-test.example',
  password: 'typo-prone-password-1',
  name: 'Typo Prone',
}
const READER = {
  email: 'reader-editor@clinic-test.example',
  password: 'reader-editor-password-1',
  name: 'Reader Editor',
}

describe(`accounts and authentication (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let payload: Payload

  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${cms.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    })

  const graphql = (query: string, headers: Record<string, string> = {}) =>
    post('/api/graphql', { query }, headers)

  async function restLogin(credentials: {
    email: string
    password: string
  }): Promise<{ token: string; user: Json }> {
    const res = await post('/api/users/login', {
      email: credentials.email,
      password: credentials.password,
    })
    expect(res.status).toBe(200)
    return (await res.json()) as { token: string; user: Json }
  }

  const storedUser = (email: string) =>
    payload
      .find({
        collection: 'users',
        where: { email: { equals: email } },
        overrideAccess: true,
        depth: 0,
      })
      .then((r) => r.docs)

  /** Every account's email: none of them may appear in an anonymous response. */
  const allEmails = [FIRST, LATECOMER, EDITOR, WRONG_PASSWORD_USER, READER].map((u) => u.email)
  const leakedEmails = (text: string) =>
    allEmails.filter((email) => text.toLowerCase().includes(email))

  beforeAll(async () => {
    cms = await startCms()
    payload = await localApi(cms)
  })

  afterAll(async () => {
    await cms?.stop()
    if (payload) {
      await dropDatabase(payload)
      await payload.destroy()
    }
  })

  describe('first-user registration', () => {
    it('makes the first registered user an admin even when the body asks for another role', async () => {
      expect((await payload.count({ collection: 'users', overrideAccess: true })).totalDocs).toBe(0)

      const res = await post('/api/users/first-register', { ...FIRST, roles: ['clinic-editor'] })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { token?: string; user: Json }
      expect(body.user).toMatchObject({ email: FIRST.email, roles: ['admin'] })
      expect(body.token).toEqual(expect.any(String))

      const [stored, ...others] = await storedUser(FIRST.email)
      expect(others).toEqual([])
      expect(stored?.roles).toEqual(['admin'])
    })

    it('refuses a second first-register once a user exists', async () => {
      const res = await post('/api/users/first-register', { ...LATECOMER, roles: ['admin'] })
      expect(res.status).toBe(403)
      const text = await res.text()
      expect(text).not.toContain('"token"')
      expect(await storedUser(LATECOMER.email)).toEqual([])
      expect((await payload.count({ collection: 'users', overrideAccess: true })).totalDocs).toBe(1)
    })
  })

  describe('login', () => {
    it('returns a token and an HTTP-only session cookie carrying it', async () => {
      const res = await post('/api/users/login', { email: FIRST.email, password: FIRST.password })
      expect(res.status).toBe(200)
      const body = (await res.json()) as { token: string; user: Json }
      expect(body.token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/)
      expect(body.user).toMatchObject({ email: FIRST.email })
      expect(body.user).not.toHaveProperty('password')
      expect(body.user).not.toHaveProperty('hash')
      expect(body.user).not.toHaveProperty('salt')

      const cookie = res.headers.getSetCookie().find((c) => c.startsWith('payload-token='))
      expect(cookie).toBeDefined()
      expect(cookie).toContain(`payload-token=${body.token}`)
      expect(cookie).toMatch(/;\s*HttpOnly/i)
      expect(cookie).toMatch(/;\s*SameSite=Lax/i)
    })

    it('identifies the user on /api/users/me by token and by cookie', async () => {
      const { token } = await restLogin(FIRST)

      const byToken = await fetch(`${cms.url}/api/users/me`, {
        headers: { authorization: `JWT ${token}` },
      })
      expect(byToken.status).toBe(200)
      expect(((await byToken.json()) as { user: Json }).user).toMatchObject({
        email: FIRST.email,
        roles: ['admin'],
      })

      const byCookie = await fetch(`${cms.url}/api/users/me`, {
        headers: { cookie: `payload-token=${token}` },
      })
      expect(byCookie.status).toBe(200)
      expect(((await byCookie.json()) as { user: Json }).user).toMatchObject({ email: FIRST.email })
    })

    it('answers an anonymous /api/users/me with no user', async () => {
      const res = await fetch(`${cms.url}/api/users/me`)
      expect(res.status).toBe(200)
      expect(((await res.json()) as { user: unknown }).user).toBeNull()
    })

    it('refuses a wrong password with 401 and issues no token or cookie', async () => {
      await payload.create({
        collection: 'users',
        data: { ...WRONG_PASSWORD_USER, roles: ['clinic-editor'] },
        overrideAccess: true,
      })

      const res = await post('/api/users/login', {
        email: WRONG_PASSWORD_USER.email,
        password: 'not-the-password',
      })
      expect(res.status).toBe(401)
      const text = await res.text()
      expect(text).not.toContain('"token"')
      expect(leakedEmails(text)).toEqual([])
      expect(res.headers.getSetCookie().filter((c) => /^payload-token=[^;]+/.test(c))).toEqual([])
    })
  })

  describe('a non-admin granting themselves roles', () => {
    let editorId: string | number

    beforeAll(async () => {
      const { user: admin } = await payload.login({ collection: 'users', data: FIRST })
      const editor = await payload.create({
        collection: 'users',
        data: { ...EDITOR, roles: ['clinic-editor'] },
        user: admin,
        overrideAccess: false,
      })
      editorId = editor.id
    })

    const storedRoles = async () =>
      (await payload.findByID({ collection: 'users', id: editorId, overrideAccess: true })).roles

    it('still lets them update their own name (the control case)', async () => {
      const { token } = await restLogin(EDITOR)
      const res = await fetch(`${cms.url}/api/users/${editorId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
        body: JSON.stringify({ name: 'Clinic Editor Renamed' }),
      })
      expect(res.status).toBe(200)
      expect(
        (await payload.findByID({ collection: 'users', id: editorId, overrideAccess: true })).name,
      ).toBe('Clinic Editor Renamed')
    })

    it.each([
      ['PATCH /api/users/:id', () => `/api/users/${editorId}`],
      ['PATCH /api/users?where[id][equals]=:id', () => `/api/users?where[id][equals]=${editorId}`],
    ])('refuses or ignores roles: [admin] sent over REST as %s', async (_route, pathOf) => {
      const { token } = await restLogin(EDITOR)
      const res = await fetch(`${cms.url}${pathOf()}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
        body: JSON.stringify({ roles: ['admin'] }),
      })
      expect([200, 403]).toContain(res.status)
      expect(await res.text()).not.toMatch(/"roles":\[[^\]]*"admin"/)

      expect(await storedRoles()).toEqual(['clinic-editor'])
      const me = await fetch(`${cms.url}/api/users/me`, {
        headers: { authorization: `JWT ${(await restLogin(EDITOR)).token}` },
      })
      expect(((await me.json()) as { user: Json }).user.roles).toEqual(['clinic-editor'])
    })

    it('refuses or ignores roles: [admin] sent through the Local API with access enforced', async () => {
      const { user: editor } = await payload.login({ collection: 'users', data: EDITOR })
      const attempt = payload
        .update({
          collection: 'users',
          id: editorId,
          data: { roles: ['admin'] },
          user: editor,
          overrideAccess: false,
        })
        .then(
          (doc) => doc.roles,
          (error: { status?: number }) => error.status,
        )
      const outcome = await attempt
      expect([['clinic-editor'], 403]).toContainEqual(outcome)
      expect(await storedRoles()).toEqual(['clinic-editor'])
    })
  })

  describe('anonymous reads of the users collection', () => {
    it('refuses an anonymous REST list of users and shows no email', async () => {
      for (const path of [
        '/api/users',
        '/api/users?depth=0&limit=100',
        `/api/users?where[email][like]=clinic-test`,
      ]) {
        const res = await fetch(`${cms.url}${path}`)
        expect(res.status, path).toBe(403)
        const text = await res.text()
        expect(leakedEmails(text), path).toEqual([])
        expect(text, path).not.toContain('@')
      }
    })

    it('refuses an anonymous REST read of one user and shows no email', async () => {
      const [admin] = await storedUser(FIRST.email)
      const res = await fetch(`${cms.url}/api/users/${admin!.id}`)
      expect(res.status).toBe(403)
      const text = await res.text()
      expect(text).not.toContain('@')
    })

    it('refuses an anonymous GraphQL users query and shows no email', async () => {
      const [admin] = await storedUser(FIRST.email)
      const queries = [
        '{ Users(limit: 100) { totalDocs docs { id email name roles } } }',
        `{ User(id: ${JSON.stringify(admin!.id)}) { id email name } }`,
      ]
      for (const query of queries) {
        const res = await graphql(query)
        const text = await res.text()
        expect(res.status, query).toBeLessThan(500)
        const body = JSON.parse(text) as {
          data?: Record<string, unknown> | null
          errors?: Array<{ message: string }>
        }
        expect(body.errors?.length, query).toBeGreaterThan(0)
        expect(
          Object.values(body.data ?? {}).filter((value) => value !== null),
          query,
        ).toEqual([])
        expect(leakedEmails(text), query).toEqual([])
        expect(text, query).not.toContain('@')
      }
    })

    it('refuses an anonymous Local API find of users with access enforced', async () => {
      await expect(
        payload.find({ collection: 'users', overrideAccess: false }),
      ).rejects.toMatchObject({ status: 403 })
    })

    it("shows a clinic editor only their own account, never the admin's", async () => {
      const { user: admin } = await payload.login({ collection: 'users', data: FIRST })
      await payload.create({
        collection: 'users',
        data: { ...READER, roles: ['clinic-editor'] },
        user: admin,
        overrideAccess: false,
      })
      const { token } = await restLogin(READER)
      const res = await fetch(`${cms.url}/api/users?limit=100`, {
        headers: { authorization: `JWT ${token}` },
      })
      expect(res.status).toBe(200)
      const text = await res.text()
      const body = JSON.parse(text) as { docs: Json[] }
      expect(body.docs.map((doc) => doc.email)).toEqual([READER.email])
      expect(leakedEmails(text)).toEqual([READER.email])
    })
  })
})

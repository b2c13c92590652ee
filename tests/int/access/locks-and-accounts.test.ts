/**
 * What a signed-in user may do to other people's account locks, document locks and scheduled
 * publishes, over the real server: unlocking another account is an admin's job; document locks
 * are seen only on documents the user can read and written only in the user's own name on
 * documents the user can edit; a scheduled publish is cancelled only by who may publish the
 * document. Every refusal leaves the database as it was.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  AccessWorld,
  emailOf,
  type Id,
  type Json,
  leaked,
  PASSWORD,
  tok,
} from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'
import { callServerFunction } from '../../support/server-functions.ts'

const LOCKS = 'payload-locked-documents'

describe(`account locks, document locks and scheduled publishes (${databaseLabel()})`, () => {
  const w = new AccessWorld()
  let n = 0
  const next = () => ++n

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
  })

  afterAll(() => w.stop())

  describe('unlocking accounts', () => {
    /** A fresh account locked by five failed logins (the configured maximum). */
    async function lockedAccount(roles: string[]) {
      const email = `locked${next()}.${tok('x')}@access-test.example`
      await w.payload.create({
        collection: 'users',
        data: { email, password: PASSWORD, name: `Locked ${n}`, roles } as any,
        overrideAccess: true,
      })
      for (let i = 0; i < 5; i++) {
        await fetch(`${w.url}/api/users/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ email, password: 'wrong-password-123' }),
        })
      }
      return email
    }
    const lockState = async (email: string) => {
      const { docs } = await w.payload.find({
        collection: 'users',
        where: { email: { equals: email } },
        overrideAccess: true,
        showHiddenFields: true,
        depth: 0,
      })
      const user = docs[0] as Json
      return { loginAttempts: user.loginAttempts, locked: Boolean(user.lockUntil) }
    }

    it("refuses a clinic editor unlocking an admin's account over REST, GraphQL and the Local API, and the account stays locked", async () => {
      const email = await lockedAccount(['admin'])
      const before = await lockState(email)
      expect(before).toEqual({ loginAttempts: 5, locked: true })

      const rest = await w.rest('editorA', 'POST', '/api/users/unlock', { email })
      expect(rest.status, rest.text).toBe(403)
      const gql = await w.graphql('editorA', `mutation { unlockUser(email: "${email}") }`)
      expect(gql.json.errors?.[0]?.extensions?.statusCode, gql.text).toBe(403)
      const local = await w.local(() =>
        w.payload.unlock({ collection: 'users', data: { email } as any, ...w.as('editorA') }),
      )
      expect(local.status, local.text).toBe(403)
      expect(await lockState(email)).toEqual(before)
    })

    it("refuses a network editor and a medical reviewer unlocking another editor's account", async () => {
      const email = await lockedAccount(['clinic-editor'])
      for (const subject of ['network', 'reviewer', 'anonymous'] as const) {
        const res = await w.rest(subject, 'POST', '/api/users/unlock', { email })
        expect([401, 403], `${subject}: ${res.text}`).toContain(res.status)
      }
      expect(await lockState(email)).toEqual({ loginAttempts: 5, locked: true })
    })

    it('lets an admin unlock any account (control)', async () => {
      const email = await lockedAccount(['clinic-editor'])
      const res = await w.rest('admin', 'POST', '/api/users/unlock', { email })
      expect(res.status, res.text).toBe(200)
      expect(await lockState(email)).toEqual({ loginAttempts: 0, locked: false })
    })
  })

  describe('document locks', () => {
    const lockOn = (subject: 'admin' | 'editorA' | 'editorB', collection: string, id: Id) =>
      w.createLock(subject, { collection, id })
    const storedLock = async (id: Id) =>
      (await w.payload.findByID({
        collection: LOCKS,
        id,
        overrideAccess: true,
        depth: 0,
        disableErrors: true,
      })) as Json | null
    const lockIdsSeenBy = async (subject: 'editorA') => {
      const rest = await w.rest(subject, 'GET', `/api/${LOCKS}?limit=100&depth=0`)
      const gql = await w.graphql(
        subject,
        '{ PayloadLockedDocuments(limit: 100) { docs { id document { relationTo } } } }',
      )
      const local = await w.payload.find({ collection: LOCKS, limit: 100, ...w.as(subject) })
      return {
        rest: (rest.json?.docs ?? []).map((d: Json) => d.id),
        graphql: (gql.json.data?.PayloadLockedDocuments?.docs ?? []).map((d: Json) => d.id),
        local: local.docs.map((d) => d.id),
        texts: [rest.text, gql.text],
      }
    }

    it("does not show a clinic editor the locks on another clinic's documents (REST, GraphQL, Local API)", async () => {
      const onBDraft = await lockOn('editorB', 'articles', w.content.articles.bDraft!.id)
      const onBFaq = await lockOn('admin', 'faqs', w.content.faqs.bDraft!.id)
      const onNetDraft = await lockOn('admin', 'articles', w.content.articles.netDraft!.id)
      const seen = await lockIdsSeenBy('editorA')
      for (const transport of ['rest', 'graphql', 'local'] as const) {
        for (const hidden of [onBDraft, onBFaq, onNetDraft])
          expect(seen[transport], transport).not.toContain(hidden.id)
      }
      const byDocument = await w.rest(
        'editorA',
        'GET',
        `/api/${LOCKS}?where[document.value][equals]=${w.content.articles.bDraft!.id}&where[document.relationTo][equals]=articles`,
      )
      expect(byDocument.json?.totalDocs ?? 0, byDocument.text).toBe(0)
      const byId = await w.rest('editorA', 'GET', `/api/${LOCKS}/${onBDraft.id}`)
      expect([403, 404]).toContain(byId.status)
      for (const text of [...seen.texts, byDocument.text, byId.text])
        expect(leaked(text, [emailOf('editorB'), tok('articlesbDraft')])).toEqual([])
    })

    it("shows a clinic editor the lock on their own clinic's document (control)", async () => {
      const onADraft = await lockOn('editorB', 'articles', w.content.articles.aDraft!.id)
      const seen = await lockIdsSeenBy('editorA')
      expect(seen.rest).toContain(onADraft.id)
      expect(seen.local).toContain(onADraft.id)
    })

    it("refuses a clinic editor rewriting an admin's lock into another user's name or onto another document", async () => {
      const lock = await lockOn('admin', 'articles', w.content.articles.netPub!.id)
      const before = await storedLock(lock.id)
      const rewrites = [
        { user: { relationTo: 'users', value: w.users.editorB.id } },
        { document: { relationTo: 'articles', value: w.content.articles.bDraft!.id } },
        // The network article is readable but not editable by editor A: no taking over its lock.
        { user: { relationTo: 'users', value: w.users.editorA.id } },
      ]
      for (const data of rewrites) {
        const res = await w.rest('editorA', 'PATCH', `/api/${LOCKS}/${lock.id}`, data)
        expect([403, 404], `${JSON.stringify(data)}: ${res.text}`).toContain(res.status)
        const local = await w.local(() =>
          w.payload.update({
            collection: LOCKS,
            id: lock.id,
            data: data as any,
            ...w.as('editorA'),
          }),
        )
        expect([403, 404], local.text).toContain(local.status)
      }
      expect(await storedLock(lock.id)).toEqual(before)
    })

    it("refuses a clinic editor deleting an admin's lock (REST, GraphQL, Local API)", async () => {
      const lock = await lockOn('admin', 'articles', w.content.articles.aPub!.id)
      const rest = await w.rest('editorA', 'DELETE', `/api/${LOCKS}/${lock.id}`)
      expect([403, 404], rest.text).toContain(rest.status)
      const gql = await w.graphql(
        'editorA',
        `mutation { deletePayloadLockedDocument(id: ${JSON.stringify(lock.id)}) { id } }`,
      )
      expect([403, 404]).toContain(gql.json.errors?.[0]?.extensions?.statusCode)
      const local = await w.local(() =>
        w.payload.delete({ collection: LOCKS, id: lock.id, ...w.as('editorA') }),
      )
      expect([403, 404], local.text).toContain(local.status)
      // A bulk delete matches only the subject's own locks: refused, or done on nothing.
      const bulk = await w.rest('editorA', 'DELETE', `/api/${LOCKS}?where[id][equals]=${lock.id}`)
      expect(bulk.status >= 400 || bulk.json?.docs?.length === 0, bulk.text).toBe(true)
      expect(await storedLock(lock.id)).not.toBeNull()
    })

    it("refuses planting a lock on another clinic's document or in another user's name, so the admin's save is not blocked", async () => {
      // A draft of B that nobody has open (the fixtures' drafts carry locks of other tests).
      const target = await w.createContent('articles', `plant${next()}`, w.clinicId('B'), 'draft')
      const before = (await w.payload.count({ collection: LOCKS, overrideAccess: true })).totalDocs
      const plants = [
        { document: { relationTo: 'articles', value: target.id }, subject: 'editorA' },
        { document: { relationTo: 'articles', value: target.id }, subject: 'admin' },
        {
          document: { relationTo: 'articles', value: w.content.articles.aDraft!.id },
          subject: 'admin',
        },
        { globalSlug: 'network-settings', subject: 'editorA' },
      ] as const
      for (const { subject, ...target } of plants) {
        const data = { ...target, user: { relationTo: 'users', value: w.users[subject].id } }
        const rest = await w.rest('editorA', 'POST', `/api/${LOCKS}`, data)
        expect(rest.status, `${JSON.stringify(data)}: ${rest.text}`).toBe(403)
        const local = await w.local(() =>
          w.payload.create({ collection: LOCKS, data: data as any, ...w.as('editorA') }),
        )
        expect(local.status, local.text).toBe(403)
      }
      expect((await w.payload.count({ collection: LOCKS, overrideAccess: true })).totalDocs).toBe(
        before,
      )
      const save = await w.rest('admin', 'PATCH', `/api/articles/${target.id}?draft=true`, {
        excerpt: `Saved by the admin ${next()}`,
        _status: 'draft',
      })
      expect(save.status, save.text).toBe(200)
    })

    it("lets a clinic editor take over a lock on their own clinic's document, as the admin's take-over does (control)", async () => {
      const lock = await lockOn('admin', 'articles', w.content.articles.aDraft!.id)
      const res = await w.rest('editorA', 'PATCH', `/api/${LOCKS}/${lock.id}`, {
        user: { relationTo: 'users', value: w.users.editorA.id },
      })
      expect(res.status, res.text).toBe(200)
      expect((await storedLock(lock.id))?.user).toEqual({
        relationTo: 'users',
        value: w.users.editorA.id,
      })
    })
  })

  describe("cancelling a scheduled publish from the admin's schedule drawer", () => {
    /** Scheduled publishes still queued with this marker (ids are reused once a job is deleted). */
    const scheduledWith = async (marker: string) =>
      (
        await w.payload.count({
          collection: 'payload-jobs',
          where: { 'input.locale': { equals: marker } },
          overrideAccess: true,
        })
      ).totalDocs
    const jobsCount = async () =>
      (await w.payload.count({ collection: 'payload-jobs', overrideAccess: true })).totalDocs

    it("refuses a clinic editor cancelling another clinic's scheduled publish", async () => {
      const marker = tok(`sched${next()}`)
      const scheduled = await w.queueFarJob(
        'editorB',
        'articles',
        w.content.articles.bDraft!.id,
        marker,
      )
      const before = await jobsCount()
      const res = await callServerFunction(w.url, w.users.editorA.token, 'schedule-publish', {
        deleteID: scheduled.id,
      })
      expect(res.status, res.text.slice(0, 300)).toBe(200)
      expect(await scheduledWith(marker), 'the scheduled publish still exists').toBe(1)
      // Payload's handler queues a job after every call, a cancel included: a refusal stops it.
      expect(await jobsCount()).toBe(before)
    })

    it('lets the clinic editor who may publish the document cancel its scheduled publish (control)', async () => {
      const marker = tok(`sched${next()}`)
      const scheduled = await w.queueFarJob(
        'editorB',
        'articles',
        w.content.articles.bDraft!.id,
        marker,
      )
      const res = await callServerFunction(w.url, w.users.editorB.token, 'schedule-publish', {
        deleteID: scheduled.id,
      })
      expect(res.status, res.text.slice(0, 300)).toBe(200)
      expect(await scheduledWith(marker)).toBe(0)
    })
  })
})

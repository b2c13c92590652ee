/**
 * A clinic editor's article and FAQ lists in the admin (draft mode: each document's latest
 * version) show every network document their sites show, as published, even while network staff
 * edit a newer draft of it, and never reveal that draft: not its text, not through a filter on
 * it. Their own clinics' documents show as last saved.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { AccessWorld, type Json, leaked, tok } from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'

const HIDDEN_FROM_A = ['netPubNext', 'netDraft', 'bPub', 'bPubNext', 'bDraft']

describe(`a clinic editor's lists in draft mode (${databaseLabel()})`, () => {
  const w = new AccessWorld()

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
  })

  afterAll(() => w.stop())

  describe.each(['articles', 'faqs'] as const)('%s', (collection) => {
    const field = collection === 'articles' ? 'title' : 'question'
    const hidden = HIDDEN_FROM_A.map((key) => tok(`${collection}${key}`))
    const key = (doc: Json) =>
      Object.entries(w.content[collection]).find(([, fixture]) => fixture.id === doc.id)?.[0]

    async function listed() {
      const rest = await w.rest('editorA', 'GET', `/api/${collection}?draft=true&limit=100&depth=0`)
      const local = await w.payload.find({
        collection,
        draft: true,
        limit: 100,
        depth: 0,
        ...w.as('editorA'),
      })
      return { rest, local }
    }

    it('lists the network document with a newer network draft, as published', async () => {
      const { rest, local } = await listed()
      expect(rest.status, rest.text.slice(0, 300)).toBe(200)
      for (const docs of [rest.json!.docs as Json[], local.docs as Json[]]) {
        const netPub = docs.find((doc) => doc.id === w.content[collection].netPub!.id)
        expect(netPub, 'the network document is listed').toBeDefined()
        expect(netPub![field]).toBe(w.content[collection].netPub![field])
        expect(netPub!._status).toBe('published')
      }
    })

    it("lists the editor's own documents as last saved, and nothing of another clinic", async () => {
      const { rest, local } = await listed()
      for (const docs of [rest.json!.docs as Json[], local.docs as Json[]]) {
        expect(docs.map(key).filter(Boolean).sort()).toEqual(['aDraft', 'aPub', 'netPub'])
        const aPub = docs.find((doc) => doc.id === w.content[collection].aPub!.id)!
        expect(aPub[field]).toContain(tok(`${collection}aPubNext`))
      }
      expect(leaked(rest.text, hidden)).toEqual([])
      expect(leaked(JSON.stringify(local), hidden)).toEqual([])
    })

    it("gives no oracle on the network draft's text through a filter", async () => {
      const probe = tok(`${collection}netPubNext`)
      const res = await w.rest(
        'editorA',
        'GET',
        `/api/${collection}?draft=true&where[${field}][like]=${probe}&depth=0`,
      )
      expect(res.status).toBe(200)
      expect(res.json?.totalDocs).toBe(0)
      expect(leaked(res.text, hidden)).toEqual([])
    })
  })
})

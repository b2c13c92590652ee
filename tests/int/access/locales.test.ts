/**
 * The locale dimension of the access matrix, where it matters: the localized collections with
 * per-locale drafts (articles and FAQs) x every subject x the reads (find, findByID, count) x the
 * three transports x every configured locale, plus `locale=all`. The writes and the other
 * collections do not depend on the locale (access rules never look at it); matrix.test.ts covers
 * them once, in the default locale. Adding a locale to the config without adding it here fails the
 * first test.
 *
 * Fixtures: the matrix's network, A and B documents (published, each with a newer English draft),
 * each also published in Spanish and then given a newer Spanish draft. A non-draft read, by anyone,
 * in any locale, must show the published version of that locale: never a Spanish draft, never the
 * text of another locale (no fallback).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  AccessWorld,
  graphqlStatus,
  type Json,
  lexical,
  leaked,
  SUBJECTS,
  type Subject,
  tok,
} from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'
import { TESTED_LOCALES } from './matrix/model.ts'

const COLLECTIONS = ['articles', 'faqs'] as const
const LOCALES = TESTED_LOCALES
const KEYS = ['netPub', 'aPub', 'bPub'] as const
type Collection = (typeof COLLECTIONS)[number]

describe(`access by locale: subjects x localized collections x reads x transports x locales (${databaseLabel()})`, () => {
  const w = new AccessWorld()
  /** Per collection: the published Spanish title of each fixture, and every Spanish draft token. */
  const spanishTitle = {} as Record<Collection, Record<string, string>>
  const spanishDrafts: string[] = []
  const englishTokens: string[] = []

  const titleField = (collection: Collection) => (collection === 'articles' ? 'title' : 'question')

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
    for (const collection of COLLECTIONS) {
      spanishTitle[collection] = {}
      for (const key of KEYS) {
        const doc = w.content[collection][key]!
        const title = `Español ${key} ${tok(`${collection}${key}es`)}`
        const draft = tok(`${collection}${key}esdraft`)
        englishTokens.push(tok(`${collection}${key}`))
        spanishDrafts.push(draft)
        spanishTitle[collection][key] = title
        const spanish =
          collection === 'articles'
            ? { title, excerpt: 'Resumen.', body: lexical('Texto.'), ...w.review }
            : { question: title, answer: lexical('Respuesta.') }
        await w.payload.update({
          collection,
          id: doc.id,
          locale: 'es',
          data: { ...spanish, _status: 'published' } as any,
          ...w.system(),
        })
        await w.payload.update({
          collection,
          id: doc.id,
          locale: 'es',
          data: { [titleField(collection)]: `Borrador ${draft}`, _status: 'draft' } as any,
          draft: true,
          ...w.system(),
        })
      }
    }
  })

  afterAll(() => w.stop())

  it('covers every locale of the config', () => {
    expect([...LOCALES].sort()).toEqual(
      [...(w.payload.config.localization || { localeCodes: [] }).localeCodes].sort(),
    )
  })

  /** The published titles a subject must get for one collection in one locale, among the fixtures. */
  const expectedTitles = (collection: Collection, locale: (typeof LOCALES)[number]) =>
    KEYS.map((key) =>
      locale === 'es'
        ? spanishTitle[collection][key]!
        : (w.content[collection][key]![titleField(collection)] as string),
    )

  const read = async (
    subject: Subject,
    transport: 'rest' | 'graphql' | 'local',
    collection: Collection,
    op: 'find' | 'findByID' | 'count',
    locale: string,
  ): Promise<{ status: number; text: string; titles: string[] }> => {
    const field = titleField(collection)
    const ids = KEYS.map((key) => w.content[collection][key]!.id)
    const where = { id: { in: ids } }
    if (transport === 'rest') {
      const query = `locale=${locale}&depth=0&where[id][in]=${ids.join(',')}`
      const path =
        op === 'findByID'
          ? `/api/${collection}/${ids[0]}?locale=${locale}&depth=0`
          : `/api/${collection}${op === 'count' ? '/count' : ''}?${query}`
      const res = await w.rest(subject, 'GET', path)
      const json = res.json ?? {}
      const docs = op === 'findByID' ? [json] : ((json.docs as Json[] | undefined) ?? [])
      return { status: res.status, text: res.text, titles: docs.map((doc) => doc[field]) }
    }
    if (transport === 'graphql') {
      const type = collection === 'articles' ? 'Article' : 'Faq'
      const query =
        op === 'findByID'
          ? `{ ${type}(id: ${JSON.stringify(ids[0])}, locale: ${locale}) { ${field} } }`
          : op === 'count'
            ? `{ count${type}s(where: { id: { in: ${JSON.stringify(ids)} } }, locale: ${locale}) { totalDocs } }`
            : `{ ${type}s(where: { id: { in: ${JSON.stringify(ids)} } }, locale: ${locale}) { docs { ${field} } } }`
      const res = await w.graphql(subject, query)
      const data = (res.json.data ?? {}) as Json
      const value = Object.values(data)[0] as Json | null | undefined
      const docs = op === 'findByID' ? (value ? [value] : []) : ((value?.docs as Json[]) ?? [])
      return {
        status: graphqlStatus(res.json),
        text: res.text,
        titles: docs.map((doc) => doc[field]),
      }
    }
    const args = { collection, locale: locale as 'en', depth: 0, ...w.as(subject) }
    const res = await w.local<unknown>(() =>
      op === 'findByID'
        ? w.payload.findByID({ ...args, id: ids[0]! })
        : op === 'count'
          ? w.payload.count({ ...args, where })
          : w.payload.find({ ...args, where }),
    )
    const result = res.result as Json | undefined
    const docs = op === 'findByID' ? (result ? [result] : []) : ((result?.docs as Json[]) ?? [])
    return { status: res.status, text: res.text, titles: docs.map((doc) => doc[field]) }
  }

  describe.each(COLLECTIONS)('%s', (collection) => {
    describe.each(LOCALES)('locale %s', (locale) => {
      it.each(SUBJECTS)('%s reads only the published version of this locale', async (subject) => {
        for (const transport of ['rest', 'graphql', 'local'] as const) {
          for (const op of ['find', 'findByID', 'count'] as const) {
            const label = `${subject} ${transport} ${op}`
            const res = await read(subject, transport, collection, op, locale)
            expect(leaked(res.text, spanishDrafts), label).toEqual([])
            if (locale === 'es') expect(leaked(res.text, englishTokens), label).toEqual([])
            // Editors of one clinic cannot read the other clinic's documents at all.
            if (res.status !== 200 || op === 'count') continue
            const seen = res.titles.filter(Boolean)
            const all = expectedTitles(collection, locale)
            expect(
              seen.every((title) => all.includes(title)),
              `${label}: ${seen}`,
            ).toBe(true)
            if (op === 'find' && (subject === 'anonymous' || subject === 'admin'))
              expect([...seen].sort(), label).toEqual([...all].sort())
          }
        }
      })
    })

    it.each(SUBJECTS)(
      '%s never gets a Spanish draft from an every-locale read',
      async (subject) => {
        const ids = KEYS.map((key) => w.content[collection][key]!.id)
        for (const path of [
          `/api/${collection}?locale=all&depth=0&where[id][in]=${ids.join(',')}`,
          `/api/${collection}/${ids[0]}?locale=all&depth=0`,
        ]) {
          const res = await w.rest(subject, 'GET', path)
          expect(leaked(res.text, spanishDrafts), `${subject} ${path}`).toEqual([])
          if (subject === 'anonymous') expect(res.status, path).toBe(400)
        }
        const gql = await w.graphql(
          subject,
          `{ ${collection === 'articles' ? 'Articles' : 'Faqs'}(locale: all) { docs { id } } }`,
        )
        expect(leaked(gql.text, spanishDrafts), subject).toEqual([])
      },
    )
  })
})

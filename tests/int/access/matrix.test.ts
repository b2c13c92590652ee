/**
 * The tenancy matrix: 7 subjects (anonymous, clinic editors of A, of B, of A and B, network editor,
 * medical reviewer, admin) x every collection of the config (Payload's internal ones included) and
 * the network-settings global x 11 operations x 3 transports (REST and GraphQL with a JWT, the
 * Local API with overrideAccess: false and the user). Expectations live in matrix/table.ts.
 *
 * Every case asserts the outcome (status and what was seen or stored, read back with
 * overrideAccess) AND that no response carried a token of a document the subject may not read, a
 * password hash or salt, or (when refused) any document at all.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  AccessWorld,
  leaked,
  type Subject,
  SUBJECTS,
  type Transport,
  TRANSPORTS,
} from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'
import {
  ADAPTERS,
  buildRegistry,
  createInternalFixtures,
  FIXTURE_KEYS,
} from './matrix/collections.ts'
import {
  type Expectation,
  OPERATIONS,
  type Operation,
  rowFor,
  type Row,
  TESTED_LOCALES,
} from './matrix/model.ts'
import { type Ctx, type Observation, perform } from './matrix/perform.ts'
import { GLOBAL_TABLE, TABLE } from './matrix/table.ts'

const ROWS: Record<string, Record<Operation, Row>> = { ...TABLE, ...GLOBAL_TABLE }
const READS: Operation[] = ['find', 'findByID', 'count', 'versions']
const SECRET_KEYS = /"(hash|salt|resetPasswordToken|apiKey)"\s*:/

describe(`access matrix: subjects x collections x operations x transports (${databaseLabel()})`, () => {
  const w = new AccessWorld()
  const ctx = { w } as Ctx
  const privateTokens = {} as Record<Subject, string[]>

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
    await createInternalFixtures(w)
    ctx.registry = buildRegistry(w)
    let n = 0
    ctx.next = () => ++n
    ctx.targets = {}
    for (const [slug, adapter] of Object.entries(ADAPTERS)) {
      ctx.targets[slug] =
        slug === 'clinics'
          ? { A: w.clinics.A, B: w.clinics.B }
          : {
              A: await adapter.fresh(w, 'A', ctx.next()),
              B: await adapter.fresh(w, 'B', ctx.next()),
            }
    }
    // A token is private to a subject when neither the subject nor an anonymous reader may read its document.
    for (const subject of SUBJECTS) {
      privateTokens[subject] = Object.entries(ROWS).flatMap(([slug, rows]) => {
        const find = rows.find as Extract<Expectation, { kind: 'read' }>
        const readable = (s: Subject) =>
          typeof find.sees[s] === 'number' ? [] : (find.sees[s] as readonly string[])
        return Object.entries(ctx.registry[slug] ?? {})
          .filter(
            ([key]) => !readable(subject).includes(key) && !readable('anonymous').includes(key),
          )
          .flatMap(([, fixture]) => fixture.tokens)
      })
    }
  })

  afterAll(() => w.stop())

  it('has a row for every collection and global of the config, every operation and every transport', () => {
    const slugs = [
      ...w.payload.config.collections.map((c) => c.slug),
      ...w.payload.config.globals.map((g) => g.slug),
    ]
    expect(slugs).toEqual(
      expect.arrayContaining([
        'payload-jobs',
        'payload-preferences',
        'payload-locked-documents',
        'payload-migrations',
      ]),
    )
    const missing: string[] = []
    for (const slug of slugs) {
      for (const op of OPERATIONS) {
        const row = ROWS[slug]?.[op]
        for (const transport of TRANSPORTS) {
          const expectation = row && rowFor(row, transport)
          if (!expectation || (expectation.kind === 'n/a' && !expectation.why))
            missing.push(`${slug} ${op} ${transport}`)
        }
      }
    }
    expect(missing).toEqual([])
    expect(Object.keys(ROWS).sort()).toEqual([...slugs].sort())
    // Every locale of the config is read by the locale tests (access/locales.test.ts).
    const untested = (w.payload.config.localization || { localeCodes: [] }).localeCodes.filter(
      (code) => !(TESTED_LOCALES as readonly string[]).includes(code),
    )
    expect(untested, 'locales without access tests').toEqual([])
    // The fixtures behind the table's keys exist, each document with an id.
    for (const slug of slugs) {
      const { docs, pseudo = [] } = FIXTURE_KEYS[slug]!
      expect(Object.keys(ctx.registry[slug]!).sort(), slug).toEqual([...docs, ...pseudo].sort())
      for (const key of docs) expect(ctx.registry[slug]![key]!.id, `${slug} ${key}`).toBeDefined()
    }
  })

  /** Every response: no private token of this subject, no password material; refusals carry no document. */
  function assertNoLeak(subject: Subject, obs: Observation) {
    for (const text of obs.texts) {
      expect(leaked(text, privateTokens[subject]), 'private tokens in a response').toEqual([])
      expect(text, 'password material in a response').not.toMatch(SECRET_KEYS)
    }
    for (const refusal of obs.refusals)
      expect(refusal.body, `refused (${refusal.status}) yet answered with data`).toBeUndefined()
  }

  const docKeys = (slug: string, keys: readonly string[]) =>
    keys.filter((key) => FIXTURE_KEYS[slug]!.docs.includes(key)).sort()

  function expected(
    slug: string,
    op: Operation,
    e: Exclude<Expectation, { kind: 'n/a' }>,
    subject: Subject,
  ): unknown {
    if (e.kind === 'write') return e.who[subject]
    if (e.kind === 'bulk') return e.who[subject]
    const sees = e.sees[subject]
    if (op === 'findByID') {
      return Object.fromEntries(
        FIXTURE_KEYS[slug]!.docs.map((key) => [
          key,
          typeof sees === 'number' ? sees : sees.includes(key) ? 200 : (e.hidden?.[subject] ?? 404),
        ]),
      )
    }
    if (op === 'count')
      return typeof sees === 'number'
        ? { refused: sees }
        : { totalDocs: docKeys(slug, sees).length }
    if (typeof sees === 'number') return sees
    return docKeys(slug, sees)
  }

  function title(op: Operation, subject: Subject, want: unknown): string {
    if (op === 'count') {
      const { refused, totalDocs } = want as { refused?: number; totalDocs?: number }
      return refused ? `refuses ${subject} (${refused})` : `counts ${totalDocs} for ${subject}`
    }
    if (typeof want === 'number')
      return `refuses ${subject} (${want})${READS.includes(op) ? '' : ' and stores nothing'}`
    if (op === 'findByID') return `answers ${subject} per document: ${JSON.stringify(want)}`
    if (Array.isArray(want))
      return READS.includes(op)
        ? `shows ${subject} exactly [${want.join(', ')}]`
        : `lets ${subject} change exactly [${want.join(', ')}]`
    if (want === 'ignored') return `accepts ${subject}'s request but stores nothing`
    return `lets ${subject} ${op}`
  }

  const ordered = Object.entries(ROWS).flatMap(([slug, rows]) =>
    OPERATIONS.map((op) => [slug, op, rows[op]] as const),
  )
  // Reads first, on untouched fixtures; writes after, each on its own targets.
  const cases = [
    ...ordered.filter(([, op]) => READS.includes(op)),
    ...ordered.filter(([, op]) => !READS.includes(op)),
  ]

  for (const [slug, op, row] of cases) {
    if (TRANSPORTS.every((transport) => rowFor(row, transport).kind === 'n/a')) continue
    describe(`${slug} ${op}`, () => {
      for (const transport of TRANSPORTS) {
        const e = rowFor(row, transport)
        if (e.kind === 'n/a') continue
        describe(transport, () => {
          it.each(
            SUBJECTS.map((subject) => ({ subject, want: expected(slug, op, e, subject) })).map(
              (c) => ({ ...c, name: title(op, c.subject, c.want) }),
            ),
          )('$name', async ({ subject, want }) => {
            const obs = await perform(ctx, slug, op, subject, transport as Transport)
            expect(obs.observed, obs.texts.join('\n').slice(0, 600)).toEqual(want)
            if (obs.draftMode && Array.isArray(want)) {
              // Draft mode may hide a published document whose newest version is a draft; it never shows more.
              expect(want).toEqual(expect.arrayContaining(obs.draftMode.keys))
            }
            if (obs.draftMode && op === 'findByID' && typeof want === 'object' && want !== null) {
              const visible = Object.entries(want as Record<string, number>)
                .filter(([, s]) => s === 200)
                .map(([k]) => k)
              expect(visible).toEqual(expect.arrayContaining(obs.draftMode.keys))
            }
            // GraphQL's duplicate has no draft argument: its copies are saved as published (see the table).
            if (
              op === 'duplicate' &&
              want === 'done' &&
              ADAPTERS[slug]?.drafts &&
              transport !== 'graphql'
            ) {
              // The copy of a published document starts as a draft that anonymous readers cannot see.
              const copy = await w.payload.findByID({
                collection: slug as 'articles',
                id: obs.createdId!,
                draft: true,
                ...w.system(),
              })
              expect(copy._status).toBe('draft')
              expect(
                (await w.rest('anonymous', 'GET', `/api/${slug}/${obs.createdId}`)).status,
              ).toBe(404)
            }
            assertNoLeak(subject, obs)
          })
        })
      }
    })
  }

  describe('operations marked n/a are not offered', () => {
    const probes = ordered.filter(
      ([slug, op, row]) =>
        row.kind === 'n/a' &&
        ADAPTERS[slug] &&
        (op === 'versions' || op === 'restoreVersion' || op === 'duplicate'),
    )
    it.each(probes.map(([slug, op, row]) => ({ slug, op, why: (row as { why: string }).why })))(
      '$slug $op: $why',
      async ({ slug, op }) => {
        const id = w.users.editorA.id
        const path =
          op === 'versions'
            ? `/api/${slug}/versions`
            : op === 'restoreVersion'
              ? `/api/${slug}/versions/1`
              : `/api/${slug}/${id}/duplicate`
        const res = await w.rest(
          'admin',
          op === 'versions' ? 'GET' : 'POST',
          path,
          op === 'versions' ? undefined : {},
        )
        // Refused, or (preferences: /:key shadows the route) answered without any document.
        expect(
          res.status >= 400 || res.json?.value === null,
          `${path} answered ${res.status} ${res.text.slice(0, 200)}`,
        ).toBe(true)
        expect(res.json?.docs ?? res.json?.doc).toBeUndefined()
      },
    )
  })
})

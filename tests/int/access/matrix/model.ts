/**
 * The vocabulary of the access matrix: operations, expected outcomes and the shape of a row.
 */
import type { Subject, Transport } from '../../../support/access-fixtures.ts'

export const OPERATIONS = [
  'find',
  'findByID',
  'count',
  'create',
  'update',
  'updateMany',
  'delete',
  'deleteMany',
  'versions',
  'restoreVersion',
  'duplicate',
] as const
export type Operation = (typeof OPERATIONS)[number]

/**
 * The locales the access tests read in. The locale dimension is tested where it matters, on the
 * localized collections with per-locale drafts and their reads (../locales.test.ts); the rows
 * below are the default locale's. The meta-test fails when the config has a locale not listed.
 */
export const TESTED_LOCALES = ['en', 'es'] as const

/** A refusal: the status (REST), the error status (GraphQL `extensions.statusCode`) or the thrown error's status (Local API). */
export type Refused = 400 | 401 | 403 | 404 | 500 | 501

/** Reads (find, findByID, count, versions): the fixture keys the subject gets, or the refusal. */
export type Sees = readonly string[] | Refused

/**
 * Single-document writes: 'done' (2xx and the change is stored), 'ignored' (2xx, nothing stored:
 * field-level access dropped what the subject may not write) or the refusal (nothing stored).
 */
export type WriteOutcome = 'done' | 'ignored' | Refused

/** Bulk writes by `where` over one target of clinic A and one of clinic B: which changed, or the refusal. */
export type BulkOutcome = readonly ('A' | 'B')[] | Refused

export type Expectation =
  | { kind: 'read'; sees: Record<Subject, Sees>; hidden?: Partial<Record<Subject, Refused>> }
  | { kind: 'write'; who: Record<Subject, WriteOutcome> }
  | { kind: 'bulk'; who: Record<Subject, BulkOutcome> }
  | { kind: 'n/a'; why: string }

/** One collection x operation: the expectation, optionally replaced for one transport. */
export type Row = Expectation & { transports?: Partial<Record<Transport, Expectation>> }

export const na = (why: string): Expectation => ({ kind: 'n/a', why })

/** Resolves a row for one transport. */
export function rowFor(row: Row, transport: Transport): Expectation {
  return row.transports?.[transport] ?? row
}

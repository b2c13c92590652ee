import { APIError } from 'payload'
import type { CollectionBeforeOperationHook } from 'payload'

import { readsVersions } from '../access/readablePaths'
import { limits as defaults, type Limits } from './settings'

/** A request refused for what it would cost: 400, with the limit and its setting named. */
export class LimitError extends APIError {
  constructor(message: string) {
    super(message, 400, undefined, true)
    this.name = 'LimitError'
  }
}

const LIST_OPERATORS = new Set(['in', 'not_in', 'all'])
const WORD_OPERATORS = new Set(['like', 'not_like'])
/** Operations that list documents: the ones `limit` and `pagination` apply to. */
const LISTING = new Set(['read', 'readDistinct'])

interface Tally {
  conditions: number
  listValues: number
}

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

const pathWeight = (path: string) => path.replace(/__/g, '.').split('.').length

function checkTerm(limits: Limits, value: unknown) {
  if (typeof value === 'string' && value.length > limits.termLength)
    throw new LimitError(
      `A filter value is ${value.length} characters long: the limit is ${limits.termLength} (QUERY_MAX_TERM_LENGTH).`,
    )
}

function countOperand(limits: Limits, tally: Tally, operator: string, operand: unknown) {
  if (LIST_OPERATORS.has(operator)) {
    // REST sends lists as arrays or as one comma-separated string.
    const items = Array.isArray(operand)
      ? operand
      : typeof operand === 'string'
        ? operand.split(',')
        : [operand]
    tally.listValues += items.length
    for (const item of items) checkTerm(limits, item)
    return
  }
  checkTerm(limits, operand)
  // The database adapters match each word of a `like` on its own: one condition per word.
  if (WORD_OPERATORS.has(operator) && typeof operand === 'string')
    tally.conditions += Math.max(0, operand.trim().split(/\s+/).length - 1)
}

function walkWhere(limits: Limits, tally: Tally, where: unknown, depth: number) {
  if (!isPlainObject(where)) return
  if (depth > limits.whereDepth)
    throw new LimitError(
      `The where filter is nested deeper than ${limits.whereDepth} levels of and/or (QUERY_MAX_DEPTH).`,
    )
  for (const [key, value] of Object.entries(where)) {
    if (/^(and|or)$/i.test(key) && Array.isArray(value)) {
      for (const item of value) walkWhere(limits, tally, item, depth + 1)
      continue
    }
    if (!isPlainObject(value)) {
      tally.conditions += pathWeight(key)
      continue
    }
    for (const [operator, operand] of Object.entries(value)) {
      tally.conditions += pathWeight(key)
      // A nested query on a has-many relationship (`contains: { ...where }`) is a where of its own.
      if (isPlainObject(operand) && operator === 'contains')
        walkWhere(limits, tally, operand, depth + 1)
      else countOperand(limits, tally, operator, operand)
    }
  }
}

function sortPaths(sort: unknown): string[] {
  const list = Array.isArray(sort) ? sort : typeof sort === 'string' ? sort.split(',') : []
  return list.filter((item): item is string => typeof item === 'string' && item.trim() !== '')
}

/**
 * How many documents a `where` can match at most when it names them by id (`{ id: { in } }`,
 * `{ id: { equals } }`, or an `or` of those, as GraphQL has no `in` for numeric ids); undefined
 * when it does not. Relationship population asks this way, unpaginated.
 */
export function pinnedIdCount(where: unknown): number | undefined {
  if (!isPlainObject(where) || Object.keys(where).length !== 1) return undefined
  const [key, value] = Object.entries(where)[0]!
  if (/^or$/i.test(key) && Array.isArray(value)) {
    let total = 0
    for (const item of value) {
      const count = pinnedIdCount(item)
      if (count === undefined) return undefined
      total += count
    }
    return total
  }
  if (key !== 'id' || !isPlainObject(value)) return undefined
  const operators = Object.keys(value)
  if (operators.length !== 1) return undefined
  if (operators[0] === 'equals') return 1
  if (operators[0] !== 'in') return undefined
  const list = value.in
  return Array.isArray(list) ? list.length : typeof list === 'string' ? list.split(',').length : 1
}

function checkPage(
  limits: Limits,
  anonymous: boolean,
  { limit, pagination, where }: { limit?: unknown; pagination?: unknown; where?: unknown },
) {
  // Documents asked for by id are bounded by the list (QUERY_MAX_LIST_VALUES): how Payload
  // populates relationships, unpaginated.
  if (!anonymous || pinnedIdCount(where) !== undefined) return
  const max = limits.anonymousLimit
  const asked = limit === undefined || limit === null ? undefined : Number(limit)
  const unpaginated = pagination === false || pagination === 'false' || asked === 0
  if (unpaginated)
    throw new LimitError(
      `Anonymous requests are paginated: ask for at most ${max} documents per page (API_MAX_LIMIT_ANONYMOUS).`,
    )
  if (asked !== undefined && (!Number.isFinite(asked) || asked < 1 || asked > max))
    throw new LimitError(
      `limit must be between 1 and ${max} for anonymous requests (API_MAX_LIMIT_ANONYMOUS).`,
    )
}

/**
 * Bounds what one query may cost before Payload runs it: filter values, the size and depth of
 * `where` (joins' included), sort fields, and for anonymous readers `limit` and `depth`. Every
 * transport reaches the operations through this hook (REST, GraphQL, and the Local API unless
 * trusted server code overrides access). SQLite alone fails past about 1,000 nested terms
 * ("Expression tree is too large"), and a long `like` scans every row once per word.
 */
export function boundQueries(limits: Limits = defaults): CollectionBeforeOperationHook {
  return async ({ args, collection, operation, req }) => {
    const a = args as Record<string, unknown>
    if (a.overrideAccess === true) return args
    // Page and depth limits are for what anonymous readers may read; what they may not is refused
    // by access control (403) after this hook.
    const versions = operation === 'read' && readsVersions(collection, a.where, a.sort)
    const access = versions ? collection.access.readVersions : collection.access.read
    const anonymous = !req.user && Boolean(await access?.({ req }))
    const tally: Tally = { conditions: 0, listValues: 0 }
    walkWhere(limits, tally, a.where, 1)
    for (const path of sortPaths(a.sort)) tally.conditions += pathWeight(path)
    if (isPlainObject(a.joins)) {
      for (const join of Object.values(a.joins)) {
        if (!isPlainObject(join)) continue
        walkWhere(limits, tally, join.where, 1)
        for (const path of sortPaths(join.sort)) tally.conditions += pathWeight(path)
        checkPage(limits, anonymous, join)
      }
    }
    if (tally.conditions > limits.conditions)
      throw new LimitError(
        `The query has ${tally.conditions} conditions and sort fields (each word of a like and each field of a path counts one): the limit is ${limits.conditions} (QUERY_MAX_CONDITIONS).`,
      )
    if (tally.listValues > limits.listValues)
      throw new LimitError(
        `The where filter lists ${tally.listValues} values: the limit is ${limits.listValues} (QUERY_MAX_LIST_VALUES).`,
      )
    if (LISTING.has(operation) && a.id === undefined) checkPage(limits, anonymous, a)
    const depth = a.depth === undefined || a.depth === null ? undefined : Number(a.depth)
    if (anonymous && depth !== undefined && depth > limits.anonymousDepth)
      throw new LimitError(
        `depth must be at most ${limits.anonymousDepth} for anonymous requests (API_MAX_DEPTH_ANONYMOUS).`,
      )
    return args
  }
}

import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases'
import { configToSchema } from '@payloadcms/graphql'
import {
  type DocumentNode,
  getNullableType,
  GraphQLError,
  type GraphQLSchema,
  isListType,
  parse,
  validate,
} from 'graphql'
import { type ComplexityEstimator, getComplexity } from 'graphql-query-complexity'
import type { SanitizedConfig } from 'payload'

import { pinnedIdCount } from '../limits/queries'

import type { Limits } from '../limits/settings'

/** Payload's page size when a list query gives no `limit`, and the size assumed for other lists. */
const DEFAULT_PAGE = 10
/** Documents assumed for `limit: 0` or `pagination: false` (signed-in users only: see queries.ts). */
const UNBOUNDED_PAGE = 1000
/** A root field is a database operation of its own. */
const OPERATION_COST = 10

/**
 * The cost model: every field costs 1 and a root query 10; a field with a `limit` argument costs
 * its own weight plus `limit` times each document (Payload's default page, 10, when none is
 * given); any other list (has-many relationships, arrays, joins' documents) counts as 10 items.
 * Aliases are separate fields and add up. Related documents cost like fields: Payload loads each
 * level of relationships in one batched query. Payload's own complexity rule adds fields without
 * multiplying lists, so a query nested six levels through lists cost it little and the server
 * seconds.
 */
const listAwareCost: ComplexityEstimator = ({ type, field, args, childComplexity }) => {
  const root = type.name === 'Query' || type.name === 'Mutation'
  const base = root ? OPERATION_COST : 1
  if (field.args.some((arg) => arg.name === 'limit')) {
    const asked = typeof args.limit === 'number' ? args.limit : undefined
    const page =
      asked === 0 || args.pagination === false
        ? UNBOUNDED_PAGE
        : asked && asked > 0
          ? asked
          : DEFAULT_PAGE
    // Documents asked for by id are no more than the ids.
    const items = Math.min(page, pinnedIdCount(args.where) ?? page)
    return base + items * childComplexity
  }
  // The documents of a page were counted by the page's `limit`.
  const page = 'getFields' in type && 'totalDocs' in type.getFields()
  if (isListType(getNullableType(field.type)) && !page)
    return DEFAULT_PAGE * (base + childComplexity)
  return base + childComplexity
}

export interface GraphqlRequest {
  query?: unknown
  variables?: unknown
  operationName?: unknown
}

/**
 * Checks a GraphQL request against the limits before Payload parses, validates or runs it, so
 * that a refusal costs milliseconds and is always a 400 naming the limit: tokens (parsing),
 * fields once fragments are expanded (fragments that spread each other twice per level double
 * at every level, and Payload's complexity rule expands them all), aliases, and cost. Returns
 * the refusal's message, or undefined to let the request through (malformed requests are left to
 * Payload's own errors).
 */
export function graphqlGuard(config: SanitizedConfig, limits: Limits) {
  let schema: GraphQLSchema | undefined
  return (request: GraphqlRequest): string | undefined => {
    if (typeof request.query !== 'string') return undefined
    let document: DocumentNode
    try {
      document = parse(request.query, { maxTokens: limits.graphqlTokens })
    } catch (error) {
      // graphql-js says "more that N tokens" (sic) in 16.x: match either spelling.
      if (/contains more th(?:an|at) \d+ tokens/.test((error as Error).message))
        return `The GraphQL query has more than ${limits.graphqlTokens} tokens (GRAPHQL_MAX_TOKENS).`
      return undefined
    }
    // Built on first use from the same config as Payload's own schema.
    schema ??= configToSchema(config).schema
    const refusals: string[] = []
    validate(schema, document, [
      maxAliasesRule({
        n: limits.graphqlAliases,
        propagateOnRejection: false,
        onReject: [
          () =>
            refusals.push(
              `The GraphQL query uses more than ${limits.graphqlAliases} aliases (GRAPHQL_MAX_ALIASES).`,
            ),
        ],
      }),
    ])
    if (refusals.length > 0) return refusals[0]
    let cost: number
    try {
      cost = getComplexity({
        schema,
        query: document,
        estimators: [listAwareCost],
        variables: isRecord(request.variables) ? request.variables : {},
        operationName:
          typeof request.operationName === 'string' ? request.operationName : undefined,
        maxQueryNodes: limits.graphqlFields,
      })
    } catch (error) {
      if (error instanceof GraphQLError && /maximum allowed number of nodes/.test(error.message))
        return `The GraphQL query selects more than ${limits.graphqlFields} fields once its fragments are expanded (GRAPHQL_MAX_FIELDS).`
      // Unknown fields, bad variables and the like: Payload answers them.
      return undefined
    }
    if (cost > limits.graphqlCost)
      return `The GraphQL query costs ${cost}: the limit is ${limits.graphqlCost} (GRAPHQL_MAX_COST; a list counts its limit, or 10, times each item).`
    return undefined
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value)

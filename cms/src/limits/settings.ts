import bytes from 'bytes'

/**
 * What one request may cost, from the environment with documented defaults (README,
 * "Configuration" and "Security"). The defaults sit well above what the admin UI and the site
 * build ask for, and well below what blocks the server.
 */
export interface Limits {
  /** Largest request body of any content type except multipart uploads (bytes). */
  bodyBytes: number
  /** Largest multipart (upload) request body (bytes); the file itself is limited to `uploadFileBytes`. */
  uploadBodyBytes: number
  uploadFileBytes: number
  /** Longest value in a `where` filter (characters). */
  termLength: number
  /** Conditions in one `where` (each word of a `like` and each field of a path counts one) plus sort fields. */
  conditions: number
  /** Deepest nesting of `and`/`or` in a `where`. */
  whereDepth: number
  /** Values of all `in`/`not_in`/`all` lists in one `where`. */
  listValues: number
  /** Largest `limit` an anonymous request may ask for (no `limit=0`, no `pagination=false`). */
  anonymousLimit: number
  /** Deepest relationship population an anonymous request may ask for. */
  anonymousDepth: number
  /** Deepest population anyone may ask for (Payload's maxDepth). */
  maxDepth: number
  /** Largest GraphQL query cost (see server/graphqlCost.ts for the cost model). */
  graphqlCost: number
  /** Most aliases in one GraphQL query. */
  graphqlAliases: number
  /** Most fields one GraphQL query may select once its fragments are expanded. */
  graphqlFields: number
  /** Most tokens in one GraphQL document. */
  graphqlTokens: number
}

// Each variable is read by name at the call (process.env.X), so that a search for it finds it.
function integer(name: string, setting: string | undefined, fallback: number): number {
  const raw = setting?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${name} must be a positive whole number, not "${raw}".`)
  return value
}

function size(name: string, setting: string | undefined, fallback: string): number {
  const raw = setting?.trim() || fallback
  const value = bytes.parse(raw)
  if (value === null || !Number.isFinite(value) || value < 1)
    throw new Error(`${name} must be a size such as 1mb or 500kb, not "${raw}".`)
  return value
}

export function readLimits(): Limits {
  return {
    // JSON_BODY_LIMIT is the name this limit had when it applied to JSON bodies only.
    bodyBytes: size(
      'BODY_LIMIT',
      process.env.BODY_LIMIT,
      process.env.JSON_BODY_LIMIT?.trim() || '1mb',
    ),
    uploadBodyBytes: size('UPLOAD_BODY_LIMIT', process.env.UPLOAD_BODY_LIMIT, '12mb'),
    uploadFileBytes: size('UPLOAD_FILE_LIMIT', process.env.UPLOAD_FILE_LIMIT, '10mb'),
    termLength: integer('QUERY_MAX_TERM_LENGTH', process.env.QUERY_MAX_TERM_LENGTH, 200),
    conditions: integer('QUERY_MAX_CONDITIONS', process.env.QUERY_MAX_CONDITIONS, 100),
    whereDepth: integer('QUERY_MAX_DEPTH', process.env.QUERY_MAX_DEPTH, 6),
    listValues: integer('QUERY_MAX_LIST_VALUES', process.env.QUERY_MAX_LIST_VALUES, 1000),
    anonymousLimit: integer('API_MAX_LIMIT_ANONYMOUS', process.env.API_MAX_LIMIT_ANONYMOUS, 100),
    anonymousDepth: integer('API_MAX_DEPTH_ANONYMOUS', process.env.API_MAX_DEPTH_ANONYMOUS, 2),
    maxDepth: integer('API_MAX_DEPTH', process.env.API_MAX_DEPTH, 3),
    graphqlCost: integer('GRAPHQL_MAX_COST', process.env.GRAPHQL_MAX_COST, 5000),
    graphqlAliases: integer('GRAPHQL_MAX_ALIASES', process.env.GRAPHQL_MAX_ALIASES, 20),
    graphqlFields: integer('GRAPHQL_MAX_FIELDS', process.env.GRAPHQL_MAX_FIELDS, 2000),
    graphqlTokens: integer('GRAPHQL_MAX_TOKENS', process.env.GRAPHQL_MAX_TOKENS, 2000),
  }
}

/** Read once per process: the config, the hooks and the server share one set of limits. */
export const limits: Limits = readLimits()

export const formatBytes = (value: number) => bytes.format(value, { unitSeparator: ' ' })

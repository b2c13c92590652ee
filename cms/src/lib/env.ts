import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'

import { dataDir, defaultSqliteUri } from './paths'

export const isProduction = process.env.NODE_ENV === 'production'

/** The database URI: DATABASE_URI, or the embedded SQLite file under data/. */
export function databaseUri(): string {
  const uri = process.env.DATABASE_URI?.trim()
  return uri ? uri : defaultSqliteUri
}

/** True when running the zero-setup default: SQLite under data/, no DATABASE_URI. */
export function isEmbeddedDefault(): boolean {
  return !process.env.DATABASE_URI?.trim()
}

const WEAK_SECRETS = new Set([
  'secret',
  'changeme',
  'change-me',
  'payload',
  'YOUR_SECRET_HERE',
  'dev-secret',
])
export const MIN_SECRET_LENGTH = 32
const MIN_DISTINCT_CHARACTERS = 12

/** Too short, a known placeholder, or too repetitive to be random (`aaaa...`, `changemechangeme...`). */
export function isWeakSecret(secret: string): boolean {
  return (
    secret.length < MIN_SECRET_LENGTH ||
    WEAK_SECRETS.has(secret) ||
    new Set(secret).size < MIN_DISTINCT_CHARACTERS
  )
}

/**
 * PAYLOAD_SECRET signs sessions and preview links. The embedded default generates one and keeps
 * it in data/ (git-ignored); any other deployment must provide a strong one.
 */
export function payloadSecret(): string {
  const fromEnv = process.env.PAYLOAD_SECRET?.trim()
  if (fromEnv) {
    if (isProduction && !isEmbeddedDefault() && isWeakSecret(fromEnv)) {
      throw new Error(
        `PAYLOAD_SECRET is too weak for production: use at least ${MIN_SECRET_LENGTH} random characters (for example \`openssl rand -hex 32\`).`,
      )
    }
    return fromEnv
  }
  // `next build` evaluates the config without serving anyone: never persist a secret into a build.
  if (process.env.NEXT_PHASE === 'phase-production-build') return randomBytes(32).toString('hex')
  if (!isEmbeddedDefault()) {
    throw new Error(
      'PAYLOAD_SECRET is required when DATABASE_URI is set (for example `openssl rand -hex 32`).',
    )
  }
  const file = path.join(dataDir, '.payload-secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(dataDir, { recursive: true })
    const secret = randomBytes(32).toString('hex')
    fs.writeFileSync(file, secret, { mode: 0o600 })
    return secret
  }
}

/** Comma-separated origins allowed to call the API with credentials (CORS and CSRF). */
export function allowedOrigins(serverUrl: string | undefined): string[] {
  const extra = (process.env.ALLOWED_ORIGINS ?? '')
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  return [...new Set([...(serverUrl ? [serverUrl] : []), ...extra])]
}

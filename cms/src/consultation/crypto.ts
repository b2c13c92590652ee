/**
 * The two secrets of the consultation form, each with a key of its own derived from PAYLOAD_SECRET
 * (HKDF-SHA256 with a purpose label), so neither can stand in for the other or for any other use
 * of the secret (sessions, preview links):
 *
 * - a pending request exists only sealed with AES-256-GCM: a fresh random 96-bit nonce per message,
 *   and additional data binding the ciphertext to its request, clinic and channel (a sealed request
 *   copied into another job does not open);
 * - the form token: when the CMS served the form, for which clinic site, signed (HMAC-SHA256).
 */
import {
  createCipheriv,
  createDecipheriv,
  createHmac,
  hkdfSync,
  randomBytes,
  timingSafeEqual,
} from 'node:crypto'

const SEAL_VERSION = 'v1'
const NONCE_BYTES = 12
const TAG_BYTES = 16

const keys = new Map<string, Buffer>()
function keyFor(secret: string, purpose: string): Buffer {
  const id = `${purpose}\0${secret}`
  let key = keys.get(id)
  if (!key) {
    if (!secret) throw new Error('Consultation requests need a secret (PAYLOAD_SECRET)')
    key = Buffer.from(hkdfSync('sha256', secret, 'clinic-network', purpose, 32))
    keys.set(id, key)
  }
  return key
}

/** A sealed request that does not open: wrong secret, tampered, or moved to another job. */
export class SealError extends Error {
  override name = 'SealError'
}

/** `v1.<base64url(nonce | ciphertext | tag)>` */
export function seal(value: unknown, secret: string, boundTo: string): string {
  const nonce = randomBytes(NONCE_BYTES)
  const cipher = createCipheriv('aes-256-gcm', keyFor(secret, 'consultation-request/v1'), nonce)
  cipher.setAAD(Buffer.from(boundTo, 'utf8'))
  const body = Buffer.concat([cipher.update(JSON.stringify(value), 'utf8'), cipher.final()])
  return `${SEAL_VERSION}.${Buffer.concat([nonce, body, cipher.getAuthTag()]).toString('base64url')}`
}

export function open<T>(sealed: string, secret: string, boundTo: string): T {
  const [version, data] = String(sealed).split('.')
  const bytes = Buffer.from(data ?? '', 'base64url')
  if (version !== SEAL_VERSION || bytes.length < NONCE_BYTES + TAG_BYTES)
    throw new SealError('the sealed request is not in a known format')
  try {
    const decipher = createDecipheriv(
      'aes-256-gcm',
      keyFor(secret, 'consultation-request/v1'),
      bytes.subarray(0, NONCE_BYTES),
    )
    decipher.setAAD(Buffer.from(boundTo, 'utf8'))
    decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES))
    const plain = Buffer.concat([
      decipher.update(bytes.subarray(NONCE_BYTES, bytes.length - TAG_BYTES)),
      decipher.final(),
    ])
    return JSON.parse(plain.toString('utf8')) as T
  } catch {
    // Never the library's message: nothing of the content may reach a log or the job's error.
    throw new SealError(
      'the sealed request does not open (PAYLOAD_SECRET changed, or the data was altered)',
    )
  }
}

const tokenSignature = (clinic: string, issuedAt: number, secret: string) =>
  createHmac('sha256', keyFor(secret, 'consultation-form-token/v1'))
    .update(JSON.stringify(['form-token/v1', clinic, issuedAt]))
    .digest('base64url')

/** `<issued at, ms>.<signature>`: digits, a dot and base64url, safe inside an attribute. */
export function formToken(clinic: string, secret: string, issuedAt = Date.now()): string {
  return `${issuedAt}.${tokenSignature(clinic, issuedAt, secret)}`
}

export type TokenVerdict = 'ok' | 'missing' | 'invalid' | 'too-soon' | 'expired'

export function checkFormToken(
  token: string | undefined,
  clinic: string,
  secret: string,
  limits: { minFillMs: number; maxAgeMs: number },
  now = Date.now(),
): TokenVerdict {
  if (!token) return 'missing'
  const match = /^(\d{13})\.([A-Za-z0-9_-]{43})$/.exec(token)
  if (!match) return 'invalid'
  const issuedAt = Number(match[1])
  const given = Buffer.from(match[2]!, 'base64url')
  const expected = Buffer.from(tokenSignature(clinic, issuedAt, secret), 'base64url')
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return 'invalid'
  // A token from the future (clock skew between instances) is treated as just issued: too soon.
  const age = now - issuedAt
  if (age < limits.minFillMs) return 'too-soon'
  if (age > limits.maxAgeMs) return 'expired'
  return 'ok'
}

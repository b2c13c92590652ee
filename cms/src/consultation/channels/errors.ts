/**
 * What a failed delivery may say about itself. The delivery record, the job's error and the log
 * keep this message, so it is built from status codes and the failing step only: never a
 * library's own message text (an SMTP server's reply can quote addresses), never a submitted value.
 */
export class DeliveryError extends Error {
  override name = 'DeliveryError'
  /** False when retrying cannot help (the request cannot be opened, the clinic is gone). */
  readonly retryable: boolean
  constructor(message: string, { retryable = true }: { retryable?: boolean } = {}) {
    super(message)
    this.retryable = retryable
    // The stack names this module's frames only; keep it short in the job document.
    this.stack = `${this.name}: ${message}`
  }
}

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
])

/** The code of a network error or of its cause, when it is one of the well-known ones. */
function networkCode(error: unknown): string | undefined {
  for (
    let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string' && NETWORK_CODES.has(e.code)) return e.code
    e = e.cause as typeof e
  }
  return undefined
}

const SMTP_CODES: Record<string, string> = {
  ECONNECTION: 'cannot connect to the mail server',
  ETIMEDOUT: 'the mail server did not answer in time',
  ESOCKET: 'the connection to the mail server failed',
  ETLS: 'the mail server does not offer TLS (STARTTLS), which is required',
  EAUTH: 'the mail server refused the SMTP_USER / SMTP_PASSWORD login',
  ENOAUTH: 'the mail server requires a login (SMTP_USER, SMTP_PASSWORD)',
  EENVELOPE: 'the mail server refused the sender or recipient address',
  EMESSAGE: 'the mail server refused the message',
  EPROTOCOL: 'the mail server answered outside the SMTP protocol',
}

export function smtpFailure(error: unknown): DeliveryError {
  const e = error as { code?: string; responseCode?: number; command?: string; message?: string }
  const network = networkCode(error)
  const what =
    (e.code && SMTP_CODES[e.code]) ??
    (/STARTTLS/i.test(e.message ?? '') ? SMTP_CODES.ETLS : 'sending through the mail server failed')
  const details = [
    e.responseCode ? `reply ${e.responseCode}` : undefined,
    e.command && /^[A-Z ]{3,12}$/.test(e.command) ? `at ${e.command}` : undefined,
    network,
  ].filter(Boolean)
  return new DeliveryError(`email: ${what}${details.length ? ` (${details.join(', ')})` : ''}`)
}

export function webhookFailure(error: unknown, timeoutMs: number): DeliveryError {
  if ((error as { name?: string }).name === 'TimeoutError')
    return new DeliveryError(`webhook: no answer within ${timeoutMs / 1000} s`)
  const code = networkCode(error)
  return new DeliveryError(`webhook: cannot reach the receiver${code ? ` (${code})` : ''}`)
}

/**
 * Consultation requests: every setting from the environment, with the defaults the README
 * documents. Read once per process; a value that is not a number in range stops the start with a
 * message naming the variable.
 */
export interface ConsultationSettings {
  /** A submission sent sooner than this after the form was served is refused. */
  minFillMs: number
  /** A form served longer ago than this is refused (the refusal page carries a fresh one). */
  formMaxAgeMs: number
  /** Submissions per client address per window. */
  ipLimit: number
  ipWindowMs: number
  /** Accepted requests per clinic per hour. */
  clinicHourlyCap: number
  /** Undelivered requests older than this are dropped (with an alert line). */
  maxAgeMs: number
  /** Deliveries running at once in this process. */
  concurrency: number
  /** First retry delay; each failure doubles it up to retryMaxMs. */
  retryBaseMs: number
  retryMaxMs: number
  /** A delivery marked running for longer than this belongs to a process that died. */
  leaseMs: number
  /** How often the queue is checked besides right after each submission. */
  pollMs: number
  webhookTimeoutMs: number
  /** Delivery records (no content) are kept this long. */
  recordDays: number
}

type Env = Record<string, string | undefined>

function number(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name]?.trim()
  if (!raw) return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < min || value > max)
    throw new Error(`${name} must be a number from ${min} to ${max}, not "${raw}"`)
  return value
}

export function consultationSettings(env: Env = process.env): ConsultationSettings {
  const seconds = (name: string, fallback: number, min: number, max: number) =>
    number(env, name, fallback, min, max) * 1000
  return {
    minFillMs: seconds('CONSULTATION_MIN_FILL_SECONDS', 3, 0, 600),
    formMaxAgeMs: seconds('CONSULTATION_FORM_MAX_AGE_HOURS', 24, 1 / 60, 24 * 7) * 3600,
    ipLimit: number(env, 'CONSULTATION_IP_LIMIT', 10, 1, 1_000_000),
    ipWindowMs: seconds('CONSULTATION_IP_WINDOW_MINUTES', 15, 1 / 60, 24 * 60) * 60,
    clinicHourlyCap: number(env, 'CONSULTATION_CLINIC_HOURLY_CAP', 60, 1, 10_000_000),
    maxAgeMs: seconds('CONSULTATION_MAX_AGE_HOURS', 72, 1 / 3600, 24 * 30) * 3600,
    concurrency: number(env, 'CONSULTATION_CONCURRENCY', 20, 1, 200),
    retryBaseMs: seconds('CONSULTATION_RETRY_BASE_SECONDS', 5, 0.05, 3600),
    retryMaxMs: seconds('CONSULTATION_RETRY_MAX_MINUTES', 10, 1 / 60, 24 * 60) * 60,
    leaseMs: seconds('CONSULTATION_LEASE_MINUTES', 5, 1 / 60, 24 * 60) * 60,
    pollMs: number(env, 'CONSULTATION_POLL_MS', 1000, 50, 600_000),
    webhookTimeoutMs: seconds('CONSULTATION_WEBHOOK_TIMEOUT_SECONDS', 10, 0.1, 120),
    recordDays: number(env, 'CONSULTATION_RECORD_DAYS', 90, 1, 3650),
  }
}

/** "72 h", "30 min", "4 s": a setting's duration as the alert lines say it. */
export function durationText(ms: number): string {
  if (ms >= 3_600_000) return `${Math.round(ms / 360_000) / 10} h`
  if (ms >= 60_000) return `${Math.round(ms / 6_000) / 10} min`
  return `${Math.round(ms / 100) / 10} s`
}

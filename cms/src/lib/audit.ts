/**
 * Audit trail: one JSON line per security-relevant event on stdout, prefixed `[audit]`, for the
 * platform's log collector. Never includes passwords or tokens.
 */
export type AuditEvent = 'login' | 'login-failed' | 'publish' | 'role-change' | 'user-delete'

export function audit(event: AuditEvent, details: Record<string, unknown>): void {
  // Test processes that write through the Local API beside a running server turn it off.
  if (process.env.AUDIT_LOG === 'off') return
  console.log(`[audit] ${JSON.stringify({ at: new Date().toISOString(), event, ...details })}`)
}

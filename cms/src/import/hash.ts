import { createHash } from 'node:crypto'

/**
 * The content hash each planned document carries. The apply step stores it with the document and
 * recomputes it from the stored fields later: equal to the stored hash, nobody has edited the
 * draft since the import (it may be updated); different, an editor has (a changed source is a
 * conflict, not an overwrite). Keys are sorted so the hash does not depend on field order.
 */
export function contentHashOf(fields: Record<string, unknown>): string {
  return createHash('sha256').update(stableJson(fields)).digest('hex')
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`
  }
  return JSON.stringify(value ?? null)
}

/**
 * Document ids and the relationship values that hold them. Payload returns a relationship as a
 * bare id or, when populated, as the document itself; these read both the same way, on both
 * sides (ids are numbers on SQLite and strings on MongoDB, so they compare as strings).
 */
export type Id = string | number

/** The id a relationship value points at; undefined when it is empty (null or missing). */
export function relationId(value: unknown): Id | undefined {
  if (value === null || value === undefined) return undefined
  if (typeof value === 'string' || typeof value === 'number') return value
  if (typeof value === 'object' && 'id' in value) return (value as { id: Id }).id ?? undefined
  return undefined
}

/** The ids of a hasMany (or single) relationship value. */
export function relationIds(value: unknown): Id[] {
  const list = Array.isArray(value) ? value : value === null || value === undefined ? [] : [value]
  return list.map(relationId).filter((id): id is Id => id !== undefined)
}

/** Both point at the same document (neither empty). */
export function sameId(a: unknown, b: unknown): boolean {
  const left = relationId(a)
  const right = relationId(b)
  return left !== undefined && right !== undefined && String(left) === String(right)
}

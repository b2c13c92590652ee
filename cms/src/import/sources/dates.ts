/** An ISO 8601 timestamp from the date formats WordPress writes, or null (WordPress writes zeros for none). */
export function isoDate(value: string | null | undefined): string | null {
  const text = value?.trim()
  if (!text || text.startsWith('0000-00-00')) return null
  // "2019-05-06 15:00:00" (post_date_gmt) is UTC; REST's "date_gmt" has no zone either.
  const normalised = /^\d{4}-\d{2}-\d{2}[ T]\d{2}:\d{2}(:\d{2})?$/.test(text)
    ? `${text.replace(' ', 'T')}Z`
    : text
  const time = Date.parse(normalised)
  return Number.isNaN(time) ? null : new Date(time).toISOString()
}

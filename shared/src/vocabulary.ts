/**
 * Values the CMS stores and the sites show, with the labels both use: the CMS builds its select
 * options from them, the sites their headings and ordering.
 */

/** FAQ topics in the order the sites list them. */
export const FAQ_TOPICS = [
  { value: 'before', label: 'Before treatment' },
  { value: 'during', label: 'During treatment' },
  { value: 'after', label: 'After treatment' },
  { value: 'safety', label: 'Safety' },
  { value: 'cost', label: 'Cost & insurance' },
  { value: 'general', label: 'General' },
] as const satisfies readonly { value: string; label: string }[]
export type FaqTopic = (typeof FAQ_TOPICS)[number]['value']

/** Opening-hours days, Monday first (the sites show the week in this order). */
export const WEEKDAYS = [
  'monday',
  'tuesday',
  'wednesday',
  'thursday',
  'friday',
  'saturday',
  'sunday',
] as const
export type Weekday = (typeof WEEKDAYS)[number]

/** "Monday" for monday. */
export const dayName = (day: Weekday) => day[0]!.toUpperCase() + day.slice(1)

import type { DefaultServerCellComponentProps } from 'payload'

import { LOCALES } from '@clinic/shared/locales'

import { ARTICLES } from '../collections/slugs'
import { publishedLocales } from '../publishing/affected'

/**
 * Articles list column: the languages the article is live in. The list itself shows the status of
 * the locale selected at the top; this reads the stored row in every locale (one lookup by id per
 * listed article, at most the page size).
 */
export async function PublishedLocalesCell({ payload, rowData }: DefaultServerCellComponentProps) {
  const id = (rowData as { id?: string | number } | undefined)?.id
  if (id === undefined) return null
  const row = await payload.db.findOne({
    collection: ARTICLES,
    where: { id: { equals: id } },
    locale: 'all',
  })
  const live = publishedLocales(row as never)
  if (live.length === 0) return <span>Not published</span>
  return (
    <span>
      {LOCALES.filter(({ code }) => live.includes(code))
        .map(({ label }) => label)
        .join(', ')}
    </span>
  )
}

import type { SQLiteSchemaHook } from '@payloadcms/db-sqlite'

import { index } from '@payloadcms/db-sqlite/drizzle/sqlite-core'

/**
 * An index on `_parent_id` for every table of localized values (`<table>_locales`), which Payload's
 * SQLite schema does not give them: their only index is the unique (`_locale`, `_parent_id`), and
 * Drizzle reads a document's localized values with a subquery on `_parent_id` alone, which that
 * index cannot serve. Without it SQLite scans the whole `_locales` table, Lexical bodies included,
 * once per document read: on the 50,000-page benchmark network (5,254 article rows in
 * `articles_locales`) a page of 100 articles took 3.1 s to read, 0.27 s with these indexes, and
 * the cost grows with the square of the content.
 *
 * A `_locales` table whose documents have drafts also gets an index on (`_status`, `_locale`,
 * `_parent_id`). Every read of published documents (each REST list, each site build's query)
 * filters and joins on those three columns; Payload's own index holds only the first two, so SQLite
 * read each matching row for its `_parent_id`, the table's last column, stored after the Lexical
 * body: a walk through the body's overflow pages per document. With this index the filter and the
 * join are answered from the index alone: the ids of a page of published articles at 513 articles
 * took 3.3 ms, 0.19 ms with it, and the demo's site build ran 156 ms of SQL, 30 ms with it.
 *
 * Declared in the schema (not only in a migration), so development's schema push and
 * `migrate:create` see the same indexes the committed migrations create.
 */
export const indexLocalizedRowsByParent: SQLiteSchemaHook = ({ schema, extendTable }) => {
  for (const [name, table] of Object.entries(schema.tables)) {
    if (!name.endsWith('_locales') || !('_parentID' in table)) continue
    extendTable({
      table,
      extraConfig: (columns) => ({
        localizedRowsByParent: index(`${name}_parent_id_idx`).on(columns._parentID),
        ...('_status' in columns && {
          publishedRowsByParent: index(`${name}_status_parent_idx`).on(
            columns._status,
            columns._locale,
            columns._parentID,
          ),
        }),
      }),
    })
  }
  return schema
}

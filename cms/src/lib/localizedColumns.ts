/**
 * The data move of the localization migration (migrations/*_localization.ts), kept apart from the
 * schema statements drizzle-kit generates so that those can be regenerated when branches merge.
 *
 * Turning `localized` on for a field moves its SQLite column from the document's table into a
 * `<table>_locales` table; the generated schema statements create the new tables and drop the old
 * columns, which would lose every value. Around them:
 * - `keepValuesBeforeLocalizing` copies each affected table whole, before the columns go;
 * - `restoreValuesAsEnglish` writes the copied values into the `_locales` tables as English (the
 *   default locale), and marks Spanish "draft" where the status became per locale, so a document
 *   published before keeps its English page and shows no Spanish one.
 * The reverse pair does the same for `down`: English values go back into the old columns.
 * Columns are matched by name through `PRAGMA table_info`, so a regenerated schema part that adds
 * or removes other columns needs no change here.
 */
import { sql } from '@payloadcms/db-sqlite'
import type { MigrateUpArgs } from '@payloadcms/db-sqlite'
import type { Payload } from 'payload'

import { DEFAULT_LOCALE, LOCALE_CODES } from '@clinic/shared/locales'

type Db = MigrateUpArgs['db']

/** Each table that gained a `_locales` table in the localization migration. */
export const LOCALIZED_TABLES = [
  'articles',
  'articles_references',
  '_articles_v',
  '_articles_v_version_references',
  'faqs',
  '_faqs_v',
  'conditions',
  'clinics',
  'clinics_treatments',
  'clinics_opening_hours',
  'providers',
] as const

const STATUS_COLUMNS = new Set(['_status', 'version__status'])
const LOCALE_ROW_COLUMNS = new Set(['id', '_locale', '_parent_id'])
const OTHER_LOCALES_STATUS = 'draft'

const keptName = (table: string) => `_l10n_kept_${table}`
const localesName = (table: string) => `${table}_locales`

async function columnsOf(db: Db, table: string): Promise<string[]> {
  const rows = (await db.all(sql`SELECT name FROM pragma_table_info(${table})`)) as {
    name: string
  }[]
  return rows.map((row) => row.name)
}

async function exists(db: Db, table: string): Promise<boolean> {
  const rows = await db.all(
    sql`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ${table}`,
  )
  return rows.length > 0
}

const list = (columns: string[]) =>
  sql.join(
    columns.map((column) => sql.identifier(column)),
    sql`, `,
  )

async function keepTables(db: Db, tables: readonly string[]): Promise<void> {
  for (const table of tables) {
    if (!(await exists(db, table))) continue
    await db.run(sql`DROP TABLE IF EXISTS ${sql.identifier(keptName(table))}`)
    await db.run(
      sql`CREATE TABLE ${sql.identifier(keptName(table))} AS SELECT * FROM ${sql.identifier(table)}`,
    )
  }
}

/** The columns of a table in the schema Payload builds from the config (the target schema). */
function targetColumns(payload: Payload, table: string): Set<string> {
  const schema = (payload.db as unknown as { tables: Record<string, Record<string, unknown>> })
    .tables[table]
  return new Set(
    Object.values(schema ?? {})
      .filter((column): column is { name: string } =>
        Boolean(column && typeof column === 'object' && 'columnType' in column),
      )
      .map((column) => column.name),
  )
}

/**
 * drizzle-kit creates the `_locales` tables' indexes (named like the old ones: `articles_slug_idx`)
 * before it drops the old ones, which SQLite refuses: the old indexes on the moving columns go
 * first (the generated part's own `DROP INDEX` statements then say `IF EXISTS`).
 */
async function dropIndexesOfMovingColumns(db: Db, payload: Payload): Promise<void> {
  for (const table of LOCALIZED_TABLES) {
    const moving = targetColumns(payload, localesName(table))
    const indexes = (await db.all(
      sql`SELECT name FROM pragma_index_list(${table}) WHERE origin = 'c'`,
    )) as { name: string }[]
    for (const { name } of indexes) {
      const columns = (await db.all(sql`SELECT name FROM pragma_index_info(${name})`)) as {
        name: string
      }[]
      // `_parent_id` is in both tables (an array's rows and their `_locales` rows): it stays.
      if (columns.some((column) => moving.has(column.name) && !LOCALE_ROW_COLUMNS.has(column.name)))
        await db.run(sql`DROP INDEX ${sql.identifier(name)}`)
    }
  }
}

/** Before the schema part of `up`: a copy of every table whose columns are about to move. */
export async function keepValuesBeforeLocalizing(db: Db, payload: Payload): Promise<void> {
  await keepTables(db, LOCALIZED_TABLES)
  await dropIndexesOfMovingColumns(db, payload)
}

/** After the schema part of `up`: the kept values become the English ones. */
export async function restoreValuesAsEnglish(db: Db): Promise<void> {
  for (const table of LOCALIZED_TABLES) {
    const kept = keptName(table)
    if (!(await exists(db, kept))) continue
    const localeColumns = (await columnsOf(db, localesName(table))).filter(
      (column) => !LOCALE_ROW_COLUMNS.has(column),
    )
    const keptColumns = new Set(await columnsOf(db, kept))
    const moved = localeColumns.filter((column) => keptColumns.has(column))
    const locales = sql.identifier(localesName(table))
    if (moved.length > 0) {
      await db.run(
        sql`INSERT INTO ${locales} (${sql.identifier('_locale')}, ${sql.identifier('_parent_id')}, ${list(moved)})
            SELECT ${DEFAULT_LOCALE}, ${sql.identifier('id')}, ${list(moved)} FROM ${sql.identifier(kept)}`,
      )
    }
    const status = moved.find((column) => STATUS_COLUMNS.has(column))
    // The other locales exist as drafts: nothing was ever published in them.
    for (const locale of status ? LOCALE_CODES.filter((code) => code !== DEFAULT_LOCALE) : []) {
      await db.run(
        sql`INSERT INTO ${locales} (${sql.identifier('_locale')}, ${sql.identifier('_parent_id')}, ${sql.identifier(status as string)})
            SELECT ${locale}, ${sql.identifier('id')}, ${OTHER_LOCALES_STATUS} FROM ${sql.identifier(kept)}`,
      )
    }
    await db.run(sql`DROP TABLE ${sql.identifier(kept)}`)
  }
}

/** Before the schema part of `down`: a copy of the `_locales` tables about to be dropped. */
export async function keepLocalesBeforeUnlocalizing(db: Db): Promise<void> {
  await keepTables(db, LOCALIZED_TABLES.map(localesName))
}

/** After the schema part of `down`: the English values go back into the documents' columns. */
export async function restoreEnglishValues(db: Db): Promise<void> {
  for (const table of LOCALIZED_TABLES) {
    const kept = keptName(localesName(table))
    if (!(await exists(db, kept))) continue
    const tableColumns = new Set(await columnsOf(db, table))
    const moved = (await columnsOf(db, kept)).filter(
      (column) => !LOCALE_ROW_COLUMNS.has(column) && tableColumns.has(column),
    )
    for (const column of moved) {
      const target = sql.identifier(column)
      await db.run(
        sql`UPDATE ${sql.identifier(table)} SET ${target} = (
              SELECT ${target} FROM ${sql.identifier(kept)} AS kept
              WHERE kept._parent_id = ${sql.identifier(table)}.id AND kept._locale = ${DEFAULT_LOCALE})`,
      )
    }
    await db.run(sql`DROP TABLE ${sql.identifier(kept)}`)
  }
}

/**
 * The localization migration keeps every value: a database built and seeded by the code before
 * localization (the parent of the commit that added cms/src/localization.ts, checked out with
 * `git archive`) is migrated by this code, and every document and version reads the same in
 * English afterwards; Spanish is empty and unpublished. And the schema the migrations leave, after
 * that upgrade and on a new install, is the one Payload pushes from the config, every index
 * included. SQLite only: MongoDB has no migrations here (see README, "Languages").
 */
import { execFileSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { repoRoot } from '../support/cms.ts'

type Dump = Record<string, Record<string, unknown>[]>

const git = (...args: string[]) =>
  execFileSync('git', args, { cwd: repoRoot, encoding: 'utf8' }).trim()

/** The commit before localization (HEAD while the localization work is not committed yet). */
function codeBeforeLocalization(): string {
  const added = git('log', '--diff-filter=A', '--format=%H', '--', 'cms/src/localization.ts')
    .split('\n')
    .filter(Boolean)
    .at(-1)
  return added ? `${added}^` : 'HEAD'
}

function runTsx(cwd: string, script: string, env: Record<string, string>): Promise<string> {
  const tsx = path.join(repoRoot, 'node_modules', 'tsx', 'dist', 'cli.mjs')
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [tsx, script], {
      cwd,
      env: { ...process.env, NODE_ENV: 'production', DATABASE_PUSH: 'false', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    })
    let output = ''
    child.stdout.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.once('exit', (code) =>
      code === 0 ? resolve(output) : reject(new Error(`${script} exited ${code}:\n${output}`)),
    )
  })
}

/** Fields the localization added (empty on migrated documents) are not part of the comparison. */
function withoutNewEmptyFields(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNewEmptyFields)
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([key, v]) => !(['note', 'snapshot', 'publishedLocale'].includes(key) && v == null))
        // Fields of the later import migrations (issue 12), empty on documents nobody imported.
        .filter(([key, v]) => !(key === 'needsReview' && v === false))
        .filter(([key, v]) => !(key === 'sourceUrl' && v == null))
        .filter(
          ([key, v]) =>
            !(
              key === 'importSource' &&
              Object.values(v as object).every((field) => field == null || field === false)
            ),
        )
        .map(([key, v]) => [key, withoutNewEmptyFields(v)]),
    )
  }
  return value
}

/**
 * A SQLite database's tables with their columns, and its indexes with their table, columns and
 * uniqueness, read with the sqlite3 CLI (a Debian package the tests install): what the migrations
 * must leave equal to the schema Payload pushes from the config. Payload's own bookkeeping tables
 * and the migration's kept copies are left out.
 */
function schemaOf(file: string): { tables: Record<string, string[]>; indexes: string[] } {
  const query = (statement: string) =>
    execFileSync('sqlite3', ['-json', file, statement], { encoding: 'utf8' }).trim()
  const rows = <T>(statement: string): T[] => {
    const text = query(statement)
    return text ? (JSON.parse(text) as T[]) : []
  }
  const ours = (name: string) => !/^(payload_migrations|_l10n_kept_|sqlite_)/.test(name)
  const tables: Record<string, string[]> = {}
  for (const { name } of rows<{ name: string }>(
    `SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`,
  ).filter((table) => ours(table.name)))
    tables[name] = rows<{ name: string }>(`SELECT name FROM pragma_table_info('${name}')`)
      .map((column) => column.name)
      .sort()
  const indexes = rows<{ name: string; tbl_name: string }>(
    `SELECT name, tbl_name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name`,
  )
    .filter((index) => ours(index.tbl_name))
    .map(({ name, tbl_name }) => {
      const columns = rows<{ name: string }>(`SELECT name FROM pragma_index_info('${name}')`)
      const unique = rows<{ unique: number }>(
        `SELECT "unique" FROM pragma_index_list('${tbl_name}') WHERE name = '${name}'`,
      )[0]?.unique
      return `${name} ON ${tbl_name} (${columns.map((column) => column.name).join(', ')})${unique ? ' UNIQUE' : ''}`
    })
  return { tables, indexes }
}

const skip = Boolean(process.env.TEST_MONGODB_URI)

describe.skipIf(skip)('localization migration (SQLite)', () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-l10n-migration-'))
  const databaseUri = `file:${path.join(work, 'cms.db')}`
  const env = {
    DATABASE_URI: databaseUri,
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    DATA_DIR: work,
    JOBS_AUTORUN: 'false',
    ADMIN_EMAIL: 'admin@example.com',
    ADMIN_PASSWORD: randomBytes(12).toString('hex'),
  }
  let before: Dump
  let after: Dump

  beforeAll(async () => {
    const old = path.join(work, 'before')
    fs.mkdirSync(old)
    execFileSync('sh', [
      '-c',
      `git -C "${repoRoot}" archive "${codeBeforeLocalization()}" cms shared package.json tsconfig.json | tar -x -C "${old}"`,
    ])
    fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(old, 'node_modules'))
    const dumper = path.join(repoRoot, 'tests', 'support', 'dump-documents.ts')
    // The old code migrates the empty database to its schema, seeds the demo and reads it back.
    await runTsx(path.join(old, 'cms'), 'src/seed/run.ts', env)
    await runTsx(path.join(old, 'cms'), dumper, {
      ...env,
      DUMP_CONFIG: path.join(old, 'cms', 'src', 'payload.config.ts'),
      DUMP_OUT: path.join(work, 'before.json'),
    })
    // This code runs its pending migration (localization) on start, then reads in English.
    await runTsx(path.join(repoRoot, 'cms'), dumper, {
      ...env,
      DUMP_CONFIG: path.join(repoRoot, 'cms', 'src', 'payload.config.ts'),
      DUMP_OUT: path.join(work, 'after.json'),
    })
    before = JSON.parse(fs.readFileSync(path.join(work, 'before.json'), 'utf8')) as Dump
    after = JSON.parse(fs.readFileSync(path.join(work, 'after.json'), 'utf8')) as Dump
    // Two more databases, empty: one migrated from nothing by this code (a new install), one whose
    // schema Payload pushes straight from the config (development), for the schema comparison.
    for (const [name, nodeEnv] of [
      ['migrated', 'production'],
      ['pushed', 'development'],
    ] as const) {
      const file = path.join(work, `${name}.db`)
      await runTsx(path.join(repoRoot, 'cms'), dumper, {
        ...env,
        DATABASE_URI: `file:${file}`,
        NODE_ENV: nodeEnv,
        DATABASE_PUSH: nodeEnv === 'development' ? 'true' : 'false',
        DUMP_CONFIG: path.join(repoRoot, 'cms', 'src', 'payload.config.ts'),
        DUMP_OUT: path.join(work, `${name}.json`),
      })
    }
  }, 420_000)

  afterAll(() => fs.rmSync(work, { recursive: true, force: true }))

  it('starts from the seeded demo network', () => {
    expect(before.articles!.length).toBeGreaterThan(5)
    expect(before.faqs!.length).toBeGreaterThan(5)
    expect(before['articles:versions']!.length).toBeGreaterThanOrEqual(before.articles!.length)
    expect(before.articles!.some((doc) => typeof doc.title === 'string')).toBe(true)
  })

  for (const collection of [
    'articles',
    'faqs',
    'conditions',
    'clinics',
    'providers',
    'articles:versions',
    'faqs:versions',
  ]) {
    it(`keeps every ${collection} value as the English one`, () => {
      expect(after[collection]!.map((doc) => doc.id)).toEqual(
        before[collection]!.map((doc) => doc.id),
      )
      expect(withoutNewEmptyFields(after[collection])).toEqual(before[collection])
    })
  }

  // The localization migration once dropped four arrays' `_parent_id` indexes with the indexes of
  // the columns it moved, and SQLite then scanned whole tables to read those arrays.
  it('leaves the schema the config declares, every index included, after an upgrade and on a new install', () => {
    const pushed = schemaOf(path.join(work, 'pushed.db'))
    expect(pushed.indexes).toContain(
      'articles_references_parent_id_idx ON articles_references (_parent_id)',
    )
    expect(pushed.indexes).toContain(
      'articles_locales_parent_id_idx ON articles_locales (_parent_id)',
    )
    expect(schemaOf(path.join(work, 'migrated.db'))).toEqual(pushed)
    expect(schemaOf(path.join(work, 'cms.db'))).toEqual(pushed)
  })

  // Payload's index on (`_status`, `_locale`) left SQLite reading each published row for its
  // `_parent_id`, stored after the Lexical body: the statement is the shape Payload's list of
  // published articles takes (`select distinct` ids with the join on the localized row).
  it('finds the published documents of a language from an index alone, on every database', () => {
    for (const db of ['pushed', 'migrated', 'cms']) {
      const plan = execFileSync(
        'sqlite3',
        [
          path.join(work, `${db}.db`),
          `EXPLAIN QUERY PLAN SELECT DISTINCT articles.id, articles.created_at FROM articles
           LEFT JOIN articles_locales ON (articles.id = articles_locales._parent_id
             AND articles_locales._locale = 'en')
           WHERE articles_locales._status = 'published'
           ORDER BY articles.created_at DESC LIMIT 10`,
        ],
        { encoding: 'utf8' },
      )
      expect(plan, db).toContain('USING COVERING INDEX articles_locales_status_parent_idx')
    }
  })

  it('gives a database migrated before those fixes its indexes back, and names condition slugs in use twice', async () => {
    const broken = path.join(work, 'broken.db')
    const sqlite = (file: string, statement: string) =>
      execFileSync('sqlite3', [file, statement], { encoding: 'utf8' }).trim()
    sqlite(path.join(work, 'cms.db'), `VACUUM INTO '${broken}'`)
    // As the localization migration left it before the fixes, with no `_locales` parent indexes.
    const lost = [
      ...schemaOf(path.join(work, 'pushed.db'))
        .indexes.map((index) => index.split(' ')[0]!)
        .filter((name) => name.endsWith('_locales_parent_id_idx')),
      'articles_references_parent_id_idx',
      '_articles_v_version_references_parent_id_idx',
      'clinics_opening_hours_parent_id_idx',
      'clinics_treatments_parent_id_idx',
      'faqs__status_idx',
      '_faqs_v_version_version__status_idx',
      'conditions_slug_idx',
    ]
    expect(lost.length).toBeGreaterThan(10)
    sqlite(
      broken,
      `${lost.map((name) => `DROP INDEX IF EXISTS "${name}";`).join(' ')}
       DELETE FROM payload_migrations WHERE name LIKE '%_indexes_by_parent';`,
    )
    // A condition given another's slug while nothing stopped it.
    const [first, second] = sqlite(
      broken,
      `SELECT id || '|' || slug FROM conditions_locales WHERE _locale = 'en' ORDER BY id LIMIT 2`,
    )
      .split('\n')
      .map((row) => row.split('|'))
    sqlite(broken, `UPDATE conditions_locales SET slug = '${first![1]}' WHERE id = ${second![0]}`)
    const start = () =>
      runTsx(
        path.join(repoRoot, 'cms'),
        path.join(repoRoot, 'tests', 'support', 'dump-documents.ts'),
        {
          ...env,
          DATABASE_URI: `file:${broken}`,
          DUMP_CONFIG: path.join(repoRoot, 'cms', 'src', 'payload.config.ts'),
          DUMP_OUT: path.join(work, 'broken.json'),
        },
      )
    await expect(start()).rejects.toThrow(
      `conditions share a slug, which must be unique per language: "${first![1]}" (en, 2 conditions)`,
    )
    expect(sqlite(broken, `SELECT slug FROM conditions_locales WHERE id = ${second![0]}`)).toBe(
      first![1],
    )
    sqlite(broken, `UPDATE conditions_locales SET slug = '${second![1]}' WHERE id = ${second![0]}`)
    await start()
    expect(schemaOf(broken)).toEqual(schemaOf(path.join(work, 'pushed.db')))
  }, 120_000)
})

/**
 * The localization migration keeps every value: a database built and seeded by the code before
 * localization (the parent of the commit that added cms/src/localization.ts, checked out with
 * `git archive`) is migrated by this code, and every document and version reads the same in
 * English afterwards; Spanish is empty and unpublished. SQLite only: MongoDB has no migrations
 * here (see README, "Languages").
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
  }, 300_000)

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
})

/**
 * `npm run import` as an operator runs it (the real CLI through npm, on a seeded SQLite database):
 * bad input gets a clear message and exit status 2 before anything is written; a good run writes
 * drafts and prints progress, and a second run of the same command changes nothing.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { freshDatabaseUri, repoRoot } from '../../support/cms.ts'

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/import')
let dataDir: string
let env: Record<string, string>
let payload: Payload

function importCli(...args: string[]) {
  // From the data folder, as an operator runs it where their exports are (relative paths).
  const result = spawnSync(
    'npm',
    ['--prefix', repoRoot, 'run', '--silent', 'import', '--', ...args],
    {
      cwd: dataDir,
      env: { ...process.env, ...env },
      encoding: 'utf8',
      timeout: 240_000,
    },
  )
  return { status: result.status, out: `${result.stdout}\n${result.stderr}` }
}

const articleCount = async () =>
  (await payload.count({ collection: 'articles', overrideAccess: true })).totalDocs

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-import-cli-'))
  env = {
    DATA_DIR: dataDir,
    DATABASE_URI: freshDatabaseUri(dataDir),
    PAYLOAD_SECRET: randomBytes(32).toString('hex'),
    JOBS_AUTORUN: 'false',
  }
  Object.assign(process.env, env)
  const { getPayload } = await import('payload')
  const { default: config } = await import('../../../cms/src/payload.config.ts')
  payload = await getPayload({ config })
  const { seedDemoNetwork } = await import('../../../cms/src/seed/index.ts')
  const { demoReviewersWithoutLogin } = await import('../../../cms/src/seed/demoUsers.ts')
  await seedDemoNetwork(payload, { users: demoReviewersWithoutLogin() })
  fs.mkdirSync(path.join(dataDir, 'empty'))
  fs.writeFileSync(path.join(dataDir, 'broken.xml'), '<rss><channel><item><title>Half an export')
})

afterAll(async () => {
  await payload?.destroy()
  fs.rmSync(dataDir, { recursive: true, force: true })
})

describe('npm run import', () => {
  it('refuses an unknown clinic, an empty folder and malformed XML, writing nothing', async () => {
    const before = await articleCount()
    const cases: [string[], RegExp][] = [
      [
        ['--clinic', 'atlantis', path.join(fixtures, 'albuquerque.xml')],
        /Unknown clinic "atlantis"/,
      ],
      [['--clinic', 'albuquerque', 'empty'], /empty|no (export|files|pages)/i],
      [['--clinic', 'albuquerque', 'broken.xml'], /XML|malformed|not a WordPress export/i],
    ]
    for (const [args, message] of cases) {
      const result = importCli(...args)
      expect(result.status, result.out).toBe(2)
      expect(result.out).toMatch(message)
    }
    expect(await articleCount()).toBe(before)
  }, 300_000)

  it('writes drafts with progress, and a second run of the same command changes nothing', async () => {
    const before = await articleCount()
    const args = ['--clinic', 'albuquerque', path.join(fixtures, 'albuquerque.xml')]
    const first = importCli(...args)
    expect(first.status, first.out).toBe(0)
    expect(first.out).toMatch(/\[import\] articles: \d+\/\d+/)
    expect(first.out).toMatch(/Awaiting medical review/)
    const created = (await articleCount()) - before
    expect(created).toBeGreaterThan(0)
    const second = importCli(...args)
    expect(second.status, second.out).toBe(0)
    expect(second.out).toMatch(/articles\s+0 created, 0 updated, \d+ unchanged/)
    expect(await articleCount()).toBe(before + created)
  }, 300_000)
})

/**
 * Regenerates the code Payload derives from the config: TypeScript types (shared/src/payload-types.ts)
 * and the admin import map. With --check (run by `npm test`), fails when a committed copy was
 * stale, and when the config's database schema has changed without a committed migration.
 */
import { spawnSync } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

const cmsDir = path.resolve(import.meta.dirname, '..')
const check = process.argv.includes('--check')
const generated = [
  path.join(cmsDir, '..', 'shared', 'src', 'payload-types.ts'),
  path.join(cmsDir, 'src', 'app', '(payload)', 'admin', 'importMap.js'),
]
const migrationsDir = path.join(cmsDir, 'src', 'migrations')
const payloadBin = path.join(cmsDir, '..', 'node_modules', 'payload', 'bin.js')

// The config needs a secret and a database URI; generation touches neither.
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-generate-'))
const env = {
  ...process.env,
  PAYLOAD_CONFIG_PATH: 'src/payload.config.ts',
  PAYLOAD_SECRET: randomBytes(32).toString('hex'),
  DATA_DIR: scratch,
  DATABASE_URI: `file:${path.join(scratch, 'generate.db')}`,
  NODE_OPTIONS: '--no-deprecation',
}

function payload(...args: string[]) {
  const result = spawnSync(process.execPath, [payloadBin, ...args], {
    cwd: cmsDir,
    env,
    encoding: 'utf8',
  })
  if (result.status !== 0) {
    console.error(result.stdout, result.stderr)
    throw new Error(`payload ${args.join(' ')} failed with exit code ${result.status}`)
  }
  return result.stdout
}

const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null)
const before = new Map(generated.map((file) => [file, read(file)]))

console.log('[generate] Payload types...')
payload('generate:types')
console.log('[generate] admin import map...')
payload('generate:importmap')

const stale = generated.filter((file) => before.get(file) !== read(file))
const problems: string[] = []
if (stale.length > 0) {
  const names = stale.map((file) => path.relative(path.join(cmsDir, '..'), file)).join(', ')
  if (check)
    problems.push(
      `generated code was stale and has been regenerated: ${names}. Commit the regenerated files.`,
    )
  else console.log(`[generate] updated ${names}`)
} else {
  console.log('[generate] generated code is up to date')
}

if (check) {
  // A schema change without a migration would leave production SQLite databases without tables.
  const existing = new Set(fs.readdirSync(migrationsDir))
  const indexBefore = read(path.join(migrationsDir, 'index.ts'))
  payload('migrate:create', 'schema_check', '--skip-empty')
  const added = fs.readdirSync(migrationsDir).filter((name) => !existing.has(name))
  if (added.length > 0) {
    for (const name of added) fs.rmSync(path.join(migrationsDir, name))
    if (indexBefore !== null) fs.writeFileSync(path.join(migrationsDir, 'index.ts'), indexBefore)
    problems.push(
      'the collections changed the database schema but no migration was committed: run `npm run migrate:create -- <name>` and commit it.',
    )
  } else {
    console.log('[generate] migrations match the schema')
  }
}

fs.rmSync(scratch, { recursive: true, force: true })
if (problems.length > 0) {
  for (const problem of problems) console.error(`[generate] FAIL: ${problem}`)
  process.exit(1)
}

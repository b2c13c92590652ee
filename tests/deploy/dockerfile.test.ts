/**
 * The CMS image without a Docker engine: the Dockerfile must build and start the CMS with the same
 * scripts the tests use, install production dependencies only in the final stage, and keep
 * everything the runtime needs among them.
 */
import fs from 'node:fs'
import path from 'node:path'

import { describe, expect, it } from 'vitest'

import { externalPackagesFile, serverBundle } from '../../scripts/lib/admin-build.ts'

const repoRoot = path.resolve(import.meta.dirname, '..', '..')
const read = (file: string) => fs.readFileSync(path.join(repoRoot, file), 'utf8')

interface Instruction {
  op: string
  args: string
}
interface Stage {
  from: string
  name: string
  instructions: Instruction[]
}

/** Dockerfile stages with their instructions (comments dropped, continuation lines joined). */
function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = []
  const logical = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line && !line.startsWith('#'))
  for (const line of logical) {
    const [, op, args] = /^(\w+)\s+(.*)$/.exec(line)!
    if (op!.toUpperCase() === 'FROM') {
      const [, from, name] = /^(\S+)(?:\s+AS\s+(\S+))?$/i.exec(args!)!
      stages.push({ from: from!, name: name ?? String(stages.length), instructions: [] })
    } else {
      stages.at(-1)!.instructions.push({ op: op!.toUpperCase(), args: args!.replace(/\s+/g, ' ') })
    }
  }
  return stages
}

const stages = parseDockerfile(read('Dockerfile'))
const stage = (name: string) => stages.find((s) => s.name === name)!
/** A stage's instructions including those of the stages it is built FROM. */
function lineage(target: Stage): Instruction[] {
  const parent = stages.find((s) => s.name === target.from)
  return [...(parent ? lineage(parent) : []), ...target.instructions]
}
const runs = (target: Stage) =>
  lineage(target)
    .filter((i) => i.op === 'RUN')
    .map((i) => i.args)
const runtime = stages.at(-1)!
const rootPackage = JSON.parse(read('package.json')) as {
  workspaces: string[]
  scripts: Record<string, string>
}

describe('Dockerfile (the CMS image)', () => {
  it('builds on Node 24 (bookworm-slim)', () => {
    const external = stages.filter((s) => !stages.some((other) => other.name === s.from))
    expect(external.map((s) => s.from)).toEqual(['node:24-bookworm-slim'])
  })

  it('builds the admin with `npm ci` and `npm run build`, the scripts the tests use', () => {
    const build = stages.find((s) => runs(s).includes('npm run build'))!
    expect(build).toBeDefined()
    const commands = runs(build)
    expect(commands.indexOf('npm ci')).toBeGreaterThanOrEqual(0)
    expect(commands.indexOf('npm ci')).toBeLessThan(commands.indexOf('npm run build'))
    // No second way to build: everything goes through scripts/build.ts -> scripts/lib/admin-build.ts.
    for (const s of stages)
      for (const command of runs(s))
        expect(command).not.toMatch(/next build|npx|npm install|npm i\b/)
    expect(rootPackage.scripts.build).toBe('node scripts/build.ts')
    expect(read('scripts/build.ts')).toMatch(
      /import \{ ensureAdminBuild \} from '\.\/lib\/admin-build\.ts'/,
    )
    expect(read('tests/support/globalSetup.ts')).toMatch(
      /import \{ ensureAdminBuild \} from '\.\.\/\.\.\/scripts\/lib\/admin-build\.ts'/,
    )
    // The runtime gets both outputs of that build: the admin and the server bundle.
    const bundleDir = path.relative(repoRoot, path.dirname(serverBundle))
    for (const output of ['cms/.next', 'cms/.next-current', bundleDir])
      expect(runtime.instructions).toContainEqual({
        op: 'COPY',
        args: `--from=${build.name} /app/${output} ${output}`,
      })
  })

  it('installs production dependencies only in the final image', () => {
    const copiesFrom = runtime.instructions
      .filter((i) => i.op === 'COPY' && i.args.startsWith('--from='))
      .map((i) => /--from=(\S+)/.exec(i.args)![1]!)
    const depsStage = stage(
      copiesFrom.find(
        (name) =>
          runs(stage(name)).some((command) => command.startsWith('npm ci')) &&
          !runs(stage(name)).includes('npm run build'),
      )!,
    )
    expect(runs(depsStage)).toContain('npm ci --omit=dev')
    expect(runs(runtime).filter((command) => command.startsWith('npm'))).toEqual([])
  })

  it('starts the CMS with the command the tests and `npm start` use, as a non-root user', () => {
    const cmd = JSON.parse(
      runtime.instructions.filter((i) => i.op === 'CMD').at(-1)!.args,
    ) as string[]
    /** The arguments a script passes to spawn(process.execPath, [...]) and the cwd it gives. */
    const spawned = (file: string) => {
      const match =
        /spawn\(process\.execPath, \[([^\]]*)\], \{\s*cwd: ((?:[^,()\n}]|\([^()]*\))+)/.exec(
          read(file),
        )
      expect(match, `${file} spawns the server`).not.toBeNull()
      return {
        args: JSON.parse(`[${match![1]!.replace(/'/g, '"')}]`) as string[],
        cwd: match![2]!.trim(),
      }
    }
    expect(cmd[0]).toBe('node')
    expect(spawned('tests/support/cms.ts')).toEqual({ args: cmd.slice(1), cwd: 'cmsDir' })
    expect(spawned('scripts/start.ts')).toEqual({
      args: cmd.slice(1),
      cwd: "path.join(repoRoot, 'cms')",
    })
    expect(runtime.instructions.filter((i) => i.op === 'WORKDIR').at(-1)!.args).toBe('/app/cms')
    const user = runtime.instructions.filter((i) => i.op === 'USER').at(-1)?.args
    expect(user).toBeDefined()
    expect(['root', '0']).not.toContain(user)
    expect(runtime.instructions.findIndex((i) => i.op === 'USER')).toBeLessThan(
      runtime.instructions.findIndex((i) => i.op === 'CMD'),
    )
    expect(lineage(runtime)).toContainEqual(
      expect.objectContaining({ op: 'ENV', args: expect.stringContaining('NODE_ENV=production') }),
    )
  })

  it('keeps every package the server bundle loads among production dependencies', () => {
    // The bundle the test setup built (scripts/lib/admin-build.ts) leaves packages external but
    // SQLite's adapter and Drizzle; it lists what it imports, by importer. Ours must survive
    // `npm ci --omit=dev`, i.e. be a `dependencies` entry of a workspace; a bundled package's must
    // be among that package's own dependencies (installed with it; the build checked that the
    // bundle finds the same copy the package would).
    const dependencies = new Set(
      ['package.json', ...rootPackage.workspaces.map((w) => `${w}/package.json`)].flatMap((file) =>
        Object.keys((JSON.parse(read(file)) as { dependencies?: object }).dependencies ?? {}),
      ),
    )
    const imported = JSON.parse(
      fs.readFileSync(externalPackagesFile(path.dirname(serverBundle)), 'utf8'),
    ) as Record<string, string[]>
    expect(imported.cms!.length).toBeGreaterThan(3)
    expect(imported.cms!.filter((name) => !dependencies.has(name))).toEqual([])
    expect(Object.keys(imported).sort()).toEqual([
      '@payloadcms/db-sqlite',
      '@payloadcms/drizzle',
      'cms',
      'drizzle-orm',
    ])
    // The bundled adapter is what a `dependencies` entry installs.
    expect(dependencies).toContain('@payloadcms/db-sqlite')
    for (const [bundled, names] of Object.entries(imported).filter(([from]) => from !== 'cms')) {
      const manifest = JSON.parse(read(`node_modules/${bundled}/package.json`)) as Record<
        string,
        Record<string, string> | undefined
      >
      const theirs = new Set(
        ['dependencies', 'peerDependencies', 'optionalDependencies'].flatMap((field) =>
          Object.keys(manifest[field] ?? {}),
        ),
      )
      expect(
        names.filter((name) => !theirs.has(name)),
        bundled,
      ).toEqual([])
    }
    // Publishing rebuilds the clinic sites at runtime: the site generator's tools are runtime dependencies too.
    expect([...dependencies]).toEqual(expect.arrayContaining(['astro', 'pagefind', 'sharp']))
    const siteScripts = (
      JSON.parse(read('site/package.json')) as { scripts: Record<string, string> }
    ).scripts
    for (const script of Object.values(siteScripts).filter((s) => s.includes('astro build')))
      expect(script).not.toMatch(/\bnpx\b/)
  })

  it('copies every workspace: its manifest before `npm ci`, its sources into the build and the image', () => {
    const copies = (target: Stage) =>
      lineage(target)
        .filter((i) => i.op === 'COPY')
        .map((i) => i.args)
    const build = stages.find((s) => runs(s).includes('npm run build'))!
    for (const workspace of rootPackage.workspaces) {
      const manifest = `${workspace}/package.json ${workspace}/`
      const buildCopies = copies(build)
      expect(buildCopies, `${workspace} manifest`).toContain(manifest)
      const firstInstall = lineage(build).findIndex((i) => i.op === 'RUN' && i.args === 'npm ci')
      expect(lineage(build).findIndex((i) => i.op === 'COPY' && i.args === manifest)).toBeLessThan(
        firstInstall,
      )
      expect(buildCopies, `${workspace} sources (build)`).toContain(`${workspace} ${workspace}`)
      expect(copies(runtime), `${workspace} sources (image)`).toContain(`${workspace} ${workspace}`)
    }
  })

  it('bakes no secret into the image and keeps local state out of the build context', () => {
    for (const s of stages) {
      for (const i of s.instructions.filter(
        (instruction) => instruction.op === 'ENV' || instruction.op === 'ARG',
      )) {
        expect(i.args).not.toMatch(/SECRET|PASSWORD|DATABASE_URI|ADMIN_EMAIL/)
      }
    }
    const ignored = read('.dockerignore')
      .split('\n')
      .map((line) => line.trim())
    for (const pattern of [
      '**/node_modules',
      '**/.next',
      'data',
      '.env',
      '.env.*',
      '**/*.db',
      '.git',
    ])
      expect(ignored).toContain(pattern)
    expect(ignored).toContain('!.env.example')
  })
})

/**
 * Builds the CMS admin (`next build`) and the server bundle only when their inputs changed since
 * the last build. Used by `npm start`, `npm run build` and the test setup; plain Node, so it runs
 * before anything else (esbuild, the bundler, comes with the root's dev dependencies).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import { createRequire, isBuiltin } from 'node:module'
import path from 'node:path'

import type { BuildOptions, Plugin } from 'esbuild'

export const repoRoot = path.resolve(import.meta.dirname, '..', '..')
const cmsDir = path.join(repoRoot, 'cms')
/**
 * Each build of the admin goes to its own folder, `.next-<inputs hash>`, and `cms/.next-current`
 * names the newest: a server keeps serving the build it started with while a newer one is made
 * (a rebuild into a shared `.next` breaks every server still running from it).
 */
export const currentBuildFile = path.join(cmsDir, '.next-current')
const KEPT_BUILDS = 2

const distDirFor = (hash: string) => `.next-${hash.slice(0, 16)}`

/**
 * esbuild, a dev dependency, loaded when a build is checked or made: scripts that only need
 * `repoRoot` (npm run rollback, in the production image too) run without it.
 */
const esbuild = () => createRequire(import.meta.url)('esbuild') as typeof import('esbuild')

function* files(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) yield* files(full)
    else yield full
  }
}

/**
 * How the CMS's TypeScript is bundled: packages stay external (they load from node_modules at
 * runtime), the shared workspace (TypeScript sources) is bundled in. The server bundle is made
 * with these options but for a few packages it bundles too (BUNDLED_PACKAGES), and the inputs of
 * both builds are read off the same import graph.
 */
const bundling: BuildOptions = {
  absWorkingDir: cmsDir,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node24',
  packages: 'external',
  alias: { '@clinic/shared': '../shared/src' },
  tsconfig: 'tsconfig.json',
  jsx: 'automatic',
  // Stylesheets are Next's business; their files are inputs through the app folder.
  loader: { '.scss': 'empty', '.css': 'empty' },
  logLevel: 'silent',
}

const appDir = path.join(cmsDir, 'src', 'app')
const SERVER_ENTRY = path.join(cmsDir, 'src', 'server.ts')
/** Files outside the import graph that decide what either build produces. */
const BUILD_CONFIG = [
  path.join(cmsDir, 'next.config.ts'),
  path.join(cmsDir, 'tsconfig.json'),
  path.join(cmsDir, 'package.json'),
  path.join(repoRoot, 'tsconfig.json'),
  path.join(repoRoot, 'shared', 'package.json'),
  path.join(repoRoot, 'package-lock.json'),
]

/**
 * The repository files `next build` reads: everything in the app folder (routes, the import map,
 * styles) and every module those import, the Payload config and all it reaches included;
 * `server: true` adds the server bundle's (cms/src/server.ts and its imports). Read off esbuild's
 * import graph, so a module only the site or the scripts use never triggers a rebuild, and a new
 * module the CMS imports always does. If the graph cannot be read (a syntax error, a missing
 * file), every file of cms/src and shared/src counts, and the build reports the error.
 */
function buildInputs({ server }: { server: boolean }): string[] {
  const app = [...files(appDir)]
  const entryPoints = [
    ...app.filter((file) => /\.(tsx?|jsx?)$/.test(file)),
    ...(server ? [SERVER_ENTRY] : []),
  ]
  let graph: string[]
  try {
    const { metafile } = esbuild().buildSync({
      ...bundling,
      entryPoints,
      metafile: true,
      write: false,
      outdir: 'inputs-only',
      splitting: true,
    })
    graph = Object.keys(metafile.inputs).map((input) => path.resolve(cmsDir, input))
  } catch {
    graph = [...files(path.join(cmsDir, 'src')), ...files(path.join(repoRoot, 'shared', 'src'))]
  }
  // How the server is bundled (which packages go in) decides the bundle too.
  const bundler = server ? [path.join(repoRoot, 'scripts', 'lib', 'admin-build.ts')] : []
  return [...new Set([...app, ...graph, ...BUILD_CONFIG, ...bundler])].sort()
}

/** Hash of everything `next build` reads from this repository (`server: true`: and the server bundle). */
export function buildInputsHash({ server = false }: { server?: boolean } = {}): string {
  const hash = createHash('sha256')
  for (const file of buildInputs({ server })) {
    if (!fs.existsSync(file)) continue
    hash
      .update(path.relative(repoRoot, file))
      .update('\0')
      .update(fs.readFileSync(file))
      .update('\0')
  }
  return hash.digest('hex')
}

export const serverBundle = path.join(cmsDir, 'dist', 'server.js')
/** Inputs hash the server bundle was made from. */
const serverBundleHash = path.join(cmsDir, 'dist', 'inputs-hash')

export function adminBuildIsFresh(): boolean {
  try {
    const distDir = distDirFor(buildInputsHash())
    return (
      fs.readFileSync(currentBuildFile, 'utf8').trim() === distDir &&
      fs.existsSync(path.join(cmsDir, distDir, 'BUILD_ID'))
    )
  } catch {
    return false
  }
}

function serverBundleIsFresh(): boolean {
  try {
    return (
      fs.existsSync(serverBundle) &&
      fs.readFileSync(serverBundleHash, 'utf8').trim() === buildInputsHash({ server: true })
    )
  } catch {
    return false
  }
}

/**
 * Packages bundled into the server instead of loaded from node_modules: SQLite's adapter and
 * Drizzle. Node's ES module loader re-reads the package.json of a file's package for every file it
 * loads, and drizzle-orm's is 177 KB (an export per module): its 618 files made 280 MB of garbage
 * at each start, which the server's heap then kept as room (bench/api.ts: idle RSS 517 -> 381 MB
 * with the admin loaded on demand, start to ready 1.8 -> 0.85 s). Bundled, they are read once, with
 * the bundle. Nothing outside them imports Drizzle, so the process has one copy of it.
 */
const BUNDLED_PACKAGES = /^(?:drizzle-orm|@payloadcms\/(?:db-sqlite|drizzle))(?:\/|$)/

const packageOf = (specifier: string) =>
  specifier
    .split('/')
    .slice(0, specifier.startsWith('@') ? 2 : 1)
    .join('/')

/** The package a file in node_modules belongs to ('cms' for this repository's own code). */
function importerPackage(file: string): string {
  const match = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules\/)/.exec(file)
  return match?.[1] ?? 'cms'
}

/** The packages the bundle imports at runtime, by who imports them (the Dockerfile test reads it). */
export const externalPackagesFile = (distDir: string) =>
  path.join(distDir, 'external-packages.json')

/**
 * Every other package stays external (loaded from node_modules at runtime). A bundled package's
 * own dependencies are then resolved from the bundle's folder, not from the package's: the build
 * fails if that finds another copy than the package would have (a version npm did not hoist).
 */
function externalPackagesButBundled(imported: Map<string, Set<string>>): Plugin {
  return {
    name: 'external-packages-but-bundled',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        // The shared workspace (an alias), the bundled packages and this plugin's own look-ups
        // resolve as usual.
        if (
          args.pluginData === 'resolving' ||
          args.path.startsWith('@clinic/') ||
          BUNDLED_PACKAGES.test(args.path)
        )
          return undefined
        if (isBuiltin(args.path)) return { path: args.path, external: true }
        const from = importerPackage(args.importer)
        if (from !== 'cms') {
          const resolve = (resolveDir: string) =>
            build
              .resolve(args.path, { kind: args.kind, resolveDir, pluginData: 'resolving' })
              .then((result) => (result.errors.length > 0 ? undefined : result.path))
          const [theirs, ours] = await Promise.all([resolve(args.resolveDir), resolve(cmsDir)])
          if (theirs !== ours)
            return {
              errors: [
                {
                  text: `${from} (bundled) imports ${args.path}, which the bundle would load from ${ours ?? 'nowhere'} instead of ${theirs ?? 'nowhere'}: bundle it too, or leave ${from} external`,
                },
              ],
            }
        }
        const packages = imported.get(from) ?? new Set<string>()
        imported.set(from, packages.add(packageOf(args.path)))
        return { path: args.path, external: true }
      })
    },
  }
}

/**
 * Bundles cms/src/server.ts (and the config it loads) into one ES module run by plain Node:
 * loading Payload through tsx's loader hooks costs several seconds of start-up on two cores.
 */
async function bundleServer() {
  const distDir = path.dirname(serverBundle)
  const temp = `${distDir}.${process.pid}.tmp`
  fs.rmSync(temp, { recursive: true, force: true })
  const inputs = buildInputsHash({ server: true })
  const imported = new Map<string, Set<string>>()
  try {
    await esbuild().build({
      ...bundling,
      packages: undefined,
      plugins: [externalPackagesButBundled(imported)],
      entryPoints: [SERVER_ENTRY],
      // Code splitting keeps server.ts's dynamic import of Payload and Next.js lazy, so the
      // pre-flight checks answer before seconds of module loading.
      splitting: true,
      sourcemap: 'inline',
      outdir: temp,
      entryNames: '[name]',
      logLevel: 'warning',
    })
  } catch (error) {
    throw new Error(`bundling the server failed:\n${(error as Error).message}`, { cause: error })
  }
  fs.writeFileSync(
    externalPackagesFile(temp),
    `${JSON.stringify(Object.fromEntries([...imported].map(([from, names]) => [from, [...names].sort()])), null, 2)}\n`,
  )
  fs.writeFileSync(path.join(temp, path.basename(serverBundleHash)), inputs)
  // Swap directories: a server starting concurrently never reads a half-written bundle.
  const old = `${distDir}.${process.pid}.old`
  if (fs.existsSync(distDir)) fs.renameSync(distDir, old)
  fs.renameSync(temp, distDir)
  fs.rmSync(old, { recursive: true, force: true })
}

/** Keeps the newest builds (servers started earlier may still use the previous one). */
function removeOldBuilds(current: string) {
  const builds = fs
    .readdirSync(cmsDir)
    .filter((name) => /^\.next-[0-9a-f]{16}$/.test(name) && name !== current)
    .map((name) => ({ name, mtime: fs.statSync(path.join(cmsDir, name)).mtimeMs }))
    .sort((a, b) => b.mtime - a.mtime)
  for (const old of builds.slice(KEPT_BUILDS - 1))
    fs.rmSync(path.join(cmsDir, old.name), { recursive: true, force: true })
}

const lockDir = path.join(cmsDir, '.next-build.lock')
const STALE_LOCK_MS = 15 * 60_000

/** One build at a time: a second `npm start` or test run waits for the first one's build. */
async function withBuildLock<T>(log: (line: string) => void, work: () => Promise<T>): Promise<T> {
  let announced = false
  for (;;) {
    try {
      fs.mkdirSync(lockDir)
      break
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error
      const age = Date.now() - fs.statSync(lockDir, { throwIfNoEntry: false })!.mtimeMs
      if (age > STALE_LOCK_MS) fs.rmSync(lockDir, { recursive: true, force: true })
      if (!announced) log('[build] another process is building the admin; waiting for it...')
      announced = true
      await new Promise((resolve) => setTimeout(resolve, 1000))
    }
  }
  try {
    return await work()
  } finally {
    fs.rmSync(lockDir, { recursive: true, force: true })
  }
}

/** Runs `next build` with a heartbeat, unless the last build used the same inputs. */
export async function ensureAdminBuild({
  log = console.log,
}: { log?: (line: string) => void } = {}): Promise<'fresh' | 'built'> {
  if (adminBuildIsFresh() && serverBundleIsFresh()) return 'fresh'
  return withBuildLock(log, async () => {
    if (!adminBuildIsFresh()) return build(log)
    if (serverBundleIsFresh()) return 'fresh'
    // Only the Express host changed: the admin build stands, the bundle takes seconds.
    log('[build] bundling the CMS server (the admin build is up to date)...')
    await bundleServer()
    return 'built'
  })
}

async function build(log: (line: string) => void): Promise<'built'> {
  const hash = buildInputsHash()
  log(
    '[build] building the CMS (next build of the admin, about 1-2 minutes on 2 cores; server bundle)...',
  )
  const started = Date.now()
  const nextBin = path.join(repoRoot, 'node_modules', 'next', 'dist', 'bin', 'next')
  const child = spawn(process.execPath, [nextBin, 'build'], {
    cwd: cmsDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      NEXT_DIST_DIR: distDirFor(hash),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk
    for (const line of chunk.toString().split('\n')) {
      if (
        /Compiled|Finished TypeScript|Generating static pages.*\(\d+\/\d+\) in|Finalizing/.test(
          line,
        )
      )
        log(`[build]   ${line.trim()}`)
    }
  })
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk
  })
  const heartbeat = setInterval(
    () => log(`[build]   still building... ${Math.round((Date.now() - started) / 1000)} s`),
    20_000,
  )
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearInterval(heartbeat)
  if (code !== 0) {
    throw new Error(`next build failed (exit ${code}):\n${output.slice(-4000)}`)
  }
  await bundleServer()
  fs.writeFileSync(`${currentBuildFile}.tmp`, distDirFor(hash))
  fs.renameSync(`${currentBuildFile}.tmp`, currentBuildFile)
  removeOldBuilds(distDirFor(hash))
  log(`[build] admin built in ${Math.round((Date.now() - started) / 1000)} s`)
  return 'built'
}

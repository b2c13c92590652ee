/**
 * Spawns the real CMS server in production mode the way `npm start` and tests/support/cms.ts do
 * (`node dist/server.js`, the bundle scripts/lib/admin-build.ts makes; `node --import tsx
 * src/server.ts` when there is no bundle), times its start, and reads its memory from /proc.
 * Either way the spawned pid is the server itself. Plain Node: no CMS imports.
 */
import { type ChildProcess, spawn } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

import { ensureAdminBuild } from '../../scripts/lib/admin-build.ts'

export const repoRoot = path.resolve(import.meta.dirname, '..', '..')
export const cmsDir = path.join(repoRoot, 'cms')

export interface StartTimings {
  /** spawn -> `[cms] listening on` line on stdout. */
  listeningMs: number
  /** spawn -> first 200 from /readyz. */
  readyMs: number
  /** What the server itself printed ("ready in N ms", measured from its own first line of code). */
  selfReportedMs: number | null
  /** CPU time (user + system, all threads) the server process had used when /readyz answered. */
  cpuMs: number
}

export interface ServerHandle {
  child: ChildProcess
  pid: number
  url: string
  timings: StartTimings
  logs: () => string
  /** Resolves with the exit code (or the signal name) when the process ends. */
  exited: Promise<number | string | null>
  hasExited: () => boolean
  stop: (timeoutMs?: number) => Promise<number | string | null>
}

export interface StartOptions {
  env: Record<string, string>
  /** Extra Node flags for the server process (e.g. --cpu-prof). */
  nodeArgs?: string[]
  /** Called with each output line (stdout and stderr). */
  onLine?: (line: string) => void
  timeoutMs?: number
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** How the server is started: the production bundle when it exists, else the sources via tsx. */
export function serverCommand(): string[] {
  if (process.env.BENCH_SERVER !== 'tsx' && fs.existsSync(path.join(cmsDir, 'dist', 'server.js')))
    return ['dist/server.js']
  return ['--import', 'tsx', 'src/server.ts']
}

export async function startServer({
  env,
  nodeArgs = [],
  onLine,
  timeoutMs = 120_000,
}: StartOptions): Promise<ServerHandle> {
  const t0 = performance.now()
  const child = spawn(process.execPath, [...nodeArgs, ...serverCommand()], {
    cwd: cmsDir,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      HOST: '127.0.0.1',
      PORT: '0',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let exitedFlag = false
  const exited = new Promise<number | string | null>((resolve) =>
    child.once('exit', (code, signal) => {
      exitedFlag = true
      resolve(code ?? signal)
    }),
  )

  let listeningAt: number | undefined
  let url: string | undefined
  let selfReportedMs: number | null = null
  const lineReader = (stream: NodeJS.ReadableStream) => {
    let partial = ''
    stream.on('data', (chunk: Buffer) => {
      const text = chunk.toString()
      output += text
      partial += text
      const lines = partial.split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        if (url === undefined) {
          const match =
            /\[cms\] listening on (http:\/\/\S+) .*ready in (\d+) ms/.exec(line) ??
            /\[cms\] listening on (http:\/\/\S+)/.exec(line)
          if (match?.[1]) {
            listeningAt = performance.now()
            url = match[1]
            selfReportedMs = match[2] ? Number(match[2]) : null
          }
        }
        onLine?.(line)
      }
    })
  }
  lineReader(child.stdout!)
  lineReader(child.stderr!)

  const stop = async (stopTimeoutMs = 30_000) => {
    if (!exitedFlag) child.kill('SIGTERM')
    const timer = setTimeout(() => {
      if (!exitedFlag) child.kill('SIGKILL')
    }, stopTimeoutMs)
    const code = await exited
    clearTimeout(timer)
    return code
  }

  try {
    const deadline = t0 + timeoutMs
    while (url === undefined) {
      if (exitedFlag)
        throw new Error(`CMS exited (${await exited}) before listening:\n${output.slice(-4000)}`)
      if (performance.now() > deadline)
        throw new Error(`CMS did not listen within ${timeoutMs} ms:\n${output.slice(-4000)}`)
      await sleep(5)
    }
    let readyAt: number | undefined
    while (readyAt === undefined) {
      if (exitedFlag)
        throw new Error(
          `CMS exited (${await exited}) before /readyz answered 200:\n${output.slice(-4000)}`,
        )
      if (performance.now() > deadline)
        throw new Error(
          `CMS /readyz did not answer 200 within ${timeoutMs} ms:\n${output.slice(-4000)}`,
        )
      try {
        const res = await fetch(`${url}/readyz`)
        await res.arrayBuffer()
        if (res.status === 200) readyAt = performance.now()
      } catch {
        // Not accepting yet.
      }
      if (readyAt === undefined) await sleep(10)
    }
    return {
      child,
      pid: child.pid!,
      url,
      timings: {
        listeningMs: listeningAt! - t0,
        readyMs: readyAt - t0,
        selfReportedMs,
        cpuMs: cpuTicksOf(child.pid!) * 10,
      },
      logs: () => output,
      exited,
      hasExited: () => exitedFlag,
      stop,
    }
  } catch (error) {
    await stop(5_000)
    throw error
  }
}

/** utime + stime of a process in clock ticks (1/100 s on Linux), or 0 when it is gone. */
export function cpuTicksOf(pid: number | 'self'): number {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8')
    const rest = stat.slice(stat.lastIndexOf(')') + 2).split(' ')
    return Number(rest[11]) + Number(rest[12])
  } catch {
    return 0
  }
}

export interface MemoryStatus {
  /** Resident set size now, bytes. */
  rss: number
  /** Peak resident set size since the process started (VmHWM), bytes. */
  hwm: number
}

/** VmRSS / VmHWM of one process, or null when it is gone. */
export function memoryOf(pid: number): MemoryStatus | null {
  let status: string
  try {
    status = fs.readFileSync(`/proc/${pid}/status`, 'utf8')
  } catch {
    return null
  }
  const kb = (name: string) =>
    Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0) * 1024
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') }
}

/** Child processes of pid, recursively (to notice helper processes the server might spawn). */
export function descendantsOf(pid: number): number[] {
  const found: number[] = []
  let tasks: string[]
  try {
    tasks = fs.readdirSync(`/proc/${pid}/task`)
  } catch {
    return found
  }
  for (const task of tasks) {
    let children: string
    try {
      children = fs.readFileSync(`/proc/${pid}/task/${task}/children`, 'utf8')
    } catch {
      continue
    }
    for (const child of children.trim().split(/\s+/).filter(Boolean).map(Number)) {
      found.push(child, ...descendantsOf(child))
    }
  }
  return found
}

/** Samples the server's RSS (itself and, separately, any descendants) every intervalMs. */
export function sampleMemory(pid: number, intervalMs = 250) {
  let peakSelf = 0
  let peakTree = 0
  let samples = 0
  const take = () => {
    const self = memoryOf(pid)
    if (!self) return
    const tree = self.rss + descendantsOf(pid).reduce((sum, p) => sum + (memoryOf(p)?.rss ?? 0), 0)
    peakSelf = Math.max(peakSelf, self.rss)
    peakTree = Math.max(peakTree, tree)
    samples++
  }
  take()
  const timer = setInterval(take, intervalMs)
  return {
    stop: () => {
      clearInterval(timer)
      take()
      return { peakSelf, peakTree, samples }
    },
  }
}

/** The CMS build the server needs (scripts/lib/admin-build.ts), announced through `log`. */
export async function buildCms(log: (line: string) => void): Promise<void> {
  const state = await ensureAdminBuild({ log })
  log(`[bench] CMS build: ${state}`)
}

/**
 * Starts the server; when its admin build is missing (removed by a concurrent run in a dev
 * checkout), rebuilds and tries again a few times.
 */
export async function startWithBuild(
  options: StartOptions,
  log: (line: string) => void,
): Promise<ServerHandle> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer(options)
    } catch (error) {
      const message = (error as Error).message
      if (
        attempt < 5 &&
        /Could not find a production build|production-start-no-build-id|ENOENT[^\n]*\.next/.test(
          message,
        )
      ) {
        log('[bench] the CMS build is missing or being rebuilt; waiting and retrying...')
        await sleep(5_000)
        await buildCms(log)
        continue
      }
      throw error
    }
  }
}

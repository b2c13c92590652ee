/**
 * Start-up failures of the real server process: an unreachable or unsupported database and a weak
 * secret end the process quickly with a non-zero code and a message an operator can act on,
 * without printing the database password.
 */
import type { ChildProcess } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterEach, describe, expect, it } from 'vitest'

import { spawnCms } from '../support/cms.ts'

const EXIT_DEADLINE_MS = 10_000
const strongSecret = () => randomBytes(32).toString('hex')

interface Exit {
  code: number | null
  wallMs: number
  output: string
}

describe('server start-up failures', () => {
  const children: ChildProcess[] = []
  const dataDirs: string[] = []

  afterEach(() => {
    for (const child of children.splice(0)) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL')
    }
    for (const dir of dataDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true })
  })

  /** Starts the server with `env` and waits (a little past the deadline) for it to exit. */
  async function startAndWaitForExit(
    env: (dataDir: string) => Record<string, string>,
  ): Promise<Exit> {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-startup-'))
    dataDirs.push(dataDir)
    const started = performance.now()
    const child = spawnCms({
      HOST: '127.0.0.1',
      PORT: '0',
      DATA_DIR: dataDir,
      SEED_DEMO: 'false',
      ...env(dataDir),
    })
    children.push(child)
    let output = ''
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk))
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk))
    const code = await new Promise<number | null>((resolve) => {
      const timer = setTimeout(() => resolve(null), EXIT_DEADLINE_MS + 5_000)
      child.once('exit', (exitCode) => {
        clearTimeout(timer)
        resolve(exitCode)
      })
    })
    return { code, wallMs: performance.now() - started, output }
  }

  function expectFailedFast(exit: Exit) {
    expect(
      exit.code,
      `still running after ${Math.round(exit.wallMs)} ms:\n${exit.output}`,
    ).not.toBeNull()
    expect(exit.code, exit.output).not.toBe(0)
    expect(exit.wallMs, exit.output).toBeLessThan(EXIT_DEADLINE_MS)
  }

  it('gives up on an unreachable MongoDB within 10 s, naming the host but not the password', async () => {
    const exit = await startAndWaitForExit(() => ({
      DATABASE_URI: 'mongodb://clinic:secretpw@127.0.0.1:9/clinic',
      PAYLOAD_SECRET: strongSecret(),
    }))
    expectFailedFast(exit)
    expect(exit.output).toContain('127.0.0.1:9')
    expect(exit.output).not.toContain('secretpw')
  })

  it('refuses an unsupported database scheme, naming the supported ones', async () => {
    const exit = await startAndWaitForExit(() => ({
      DATABASE_URI: 'postgres://clinic:secretpw@127.0.0.1:5432/clinic',
      PAYLOAD_SECRET: strongSecret(),
    }))
    expectFailedFast(exit)
    expect(exit.output).toMatch(/unsupported DATABASE_URI scheme "postgres"/i)
    expect(exit.output).toContain('file:')
    expect(exit.output).toContain('mongodb://')
    expect(exit.output).toContain('mongodb+srv://')
    expect(exit.output).not.toContain('secretpw')
  })

  it('refuses a weak PAYLOAD_SECRET in production when DATABASE_URI is set', async () => {
    const exit = await startAndWaitForExit((dataDir) => ({
      DATABASE_URI: `file:${path.join(dataDir, 'clinic.db')}`,
      PAYLOAD_SECRET: 'secret',
    }))
    expectFailedFast(exit)
    expect(exit.output).toMatch(/PAYLOAD_SECRET is too weak/)
    expect(exit.output).not.toContain('listening on')
  })

  it('does not blame the database when the secret is the problem', async () => {
    const exit = await startAndWaitForExit(() => ({
      DATABASE_URI: 'mongodb://clinic:secretpw@127.0.0.1:9/clinic',
      PAYLOAD_SECRET: 'secret',
    }))
    expectFailedFast(exit)
    expect(exit.output).toMatch(/PAYLOAD_SECRET is too weak/)
    expect(exit.output).not.toMatch(/database at .* is not usable/)
  })
})

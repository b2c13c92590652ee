/** Small shared pieces of the benchmarks: BENCH_* settings, machine load, ports. Plain Node. */
import fs from 'node:fs'
import net from 'node:net'

/** A non-negative number from the environment (whole unless `fraction`), or `fallback` when unset. */
export function envNumber(name: string, fallback: number, { fraction = false } = {}): number {
  const raw = process.env[name]
  if (raw === undefined || raw.trim() === '') return fallback
  const value = Number(raw)
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got "${raw}"`)
  return fraction ? value : Math.floor(value)
}

/** 1 / true / yes from the environment, or `fallback` when unset. */
export function envFlag(name: string, fallback: boolean): boolean {
  const raw = process.env[name]?.trim().toLowerCase()
  if (!raw) return fallback
  return raw === '1' || raw === 'true' || raw === 'yes'
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** The 1, 5 and 15 minute load averages. */
export const loadavg = () =>
  fs.readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')

/** `port` when it is free on loopback (0 stays 0), else 0: any free port. */
export function portIfFree(port: number): Promise<number> {
  if (port === 0) return Promise.resolve(0)
  return new Promise((resolve) => {
    const probe = net.createServer()
    probe.once('error', () => resolve(0))
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve(port)))
  })
}

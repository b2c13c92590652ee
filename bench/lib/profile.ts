/**
 * Summarises a V8 .cpuprofile (written by the server with --cpu-prof when BENCH_PROFILE=1):
 * self time by package / area, top functions by self time, and inclusive time of functions.
 */
import fs from 'node:fs'

interface CallFrame {
  functionName: string
  url: string
  lineNumber: number
}
interface ProfileNode {
  id: number
  callFrame: CallFrame
  hitCount?: number
  children?: number[]
}
interface CpuProfile {
  nodes: ProfileNode[]
  startTime: number
  endTime: number
  samples: number[]
  timeDeltas: number[]
}

/** Which package or area a frame belongs to. */
export function areaOf(frame: CallFrame): string {
  const { url, functionName } = frame
  if (!url)
    return functionName.startsWith('(') ? functionName : `(native) ${functionName || 'anonymous'}`
  if (url.startsWith('node:')) return 'node:internal'
  const nm = url.lastIndexOf('/node_modules/')
  if (nm >= 0) {
    const parts = url.slice(nm + '/node_modules/'.length).split('/')
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!
  }
  if (url.includes('/cms/src/')) return 'cms/src'
  if (url.includes('/cms/dist/')) return 'cms/dist (server bundle)'
  const next = url.indexOf('/.next/')
  if (next >= 0) return 'cms/.next (built)'
  return url.replace(/^file:\/\//, '')
}

function labelOf(frame: CallFrame): string {
  const file = frame.url
    ? frame.url.replace(/^file:\/\//, '').replace(/^.*\/node_modules\//, '')
    : ''
  return `${frame.functionName || '(anonymous)'}${file ? ` ${file}:${frame.lineNumber + 1}` : ''}`
}

export interface ProfileSummary {
  totalMs: number
  byArea: [string, number][]
  topSelf: [string, number][]
  topInclusive: [string, number][]
}

/** A time window on the monotonic clock, in microseconds (process.hrtime.bigint() / 1000n). */
export interface ProfileWindow {
  fromUs: number
  toUs: number
}

/**
 * V8 stamps samples with the monotonic clock, the same clock as process.hrtime() in any process on
 * the machine, so the bench can pass the window of one load and get that load's profile only.
 */
export function summariseProfile(file: string, top = 25, window?: ProfileWindow): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as CpuProfile
  const byId = new Map(profile.nodes.map((n) => [n.id, n]))
  const parent = new Map<number, number>()
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id)

  // Self time per node from the sample timeline (microseconds).
  const selfUs = new Map<number, number>()
  let at = profile.startTime
  profile.samples.forEach((id, i) => {
    at += profile.timeDeltas[i] ?? 0
    if (window && (at < window.fromUs || at > window.toUs)) return
    const delta = profile.timeDeltas[i + 1] ?? 0
    selfUs.set(id, (selfUs.get(id) ?? 0) + delta)
  })
  const totalUs = [...selfUs.values()].reduce((a, b) => a + b, 0)

  const area = new Map<string, number>()
  const self = new Map<string, number>()
  const inclusive = new Map<string, number>()
  for (const [id, us] of selfUs) {
    const node = byId.get(id)
    if (!node) continue
    area.set(areaOf(node.callFrame), (area.get(areaOf(node.callFrame)) ?? 0) + us)
    const label = labelOf(node.callFrame)
    self.set(label, (self.get(label) ?? 0) + us)
    const seen = new Set<string>()
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = labelOf(byId.get(cur)!.callFrame)
      if (seen.has(l)) continue
      seen.add(l)
      inclusive.set(l, (inclusive.get(l) ?? 0) + us)
    }
  }
  const sorted = (m: Map<string, number>, n: number) =>
    [...m.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([k, v]) => [k, v / 1000] as [string, number])
  return {
    totalMs: totalUs / 1000,
    byArea: sorted(area, 20),
    topSelf: sorted(self, top),
    topInclusive: sorted(inclusive, top * 3)
      .filter(([k]) => !/^\((root|program|idle)\)/.test(k))
      .slice(0, top * 2),
  }
}

export function printProfile(summary: ProfileSummary, log: (line: string) => void) {
  const pct = (ms: number) => `${((ms / summary.totalMs) * 100).toFixed(1).padStart(5)}%`
  log(`[profile] ${Math.round(summary.totalMs)} ms sampled`)
  log('[profile] self time by package / area:')
  for (const [k, ms] of summary.byArea) log(`[profile]   ${pct(ms)}  ${k}`)
  log('[profile] top functions by self time:')
  for (const [k, ms] of summary.topSelf) log(`[profile]   ${pct(ms)}  ${k}`)
  log('[profile] top functions by inclusive time:')
  for (const [k, ms] of summary.topInclusive) log(`[profile]   ${pct(ms)}  ${k}`)
}

/**
 * `npm run bench:import`: the import engine end to end, up to the plan, on a generated network.
 *
 *  1. Generates a labelled corpus (bench/lib/import-corpus.ts): BENCH_IMPORT_CLINICS (5) clinics x
 *     BENCH_IMPORT_POSTS (300) posts, about 40% of them copies of another clinic's post with
 *     realistic edits, and writes it as the clinics' exports in a temp dir, one kind per clinic in
 *     turn (WXR, saved REST JSON, a folder of saved HTML pages with page-builder chrome).
 *  2. Runs the engine (read, extract, find copies, convert to Lexical with the real editor config,
 *     plan) in a child process (bench/lib/import-run.ts through tsx, as the CMS code is written).
 *  3. Prints wall time, the child's peak RSS (VmHWM) and the duplicate finder's precision and
 *     recall against the corpus labels, with the targets (<= 120 s, <= 1 GB on 2 cores).
 *
 *  4. Applies the plan into a fresh SQLite database through Payload (documents, provider drafts,
 *     redirects; the generated old sites are offline, so images are reported, not fetched), then
 *     applies it again: the re-run's time and the number of documents it changed (0 expected).
 * Env: BENCH_IMPORT_CLINICS,
 * BENCH_IMPORT_POSTS, BENCH_KEEP=1 (keep the temp dir). Exits non-zero only when the run failed.
 */
import { spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { envFlag, loadavg } from './lib/env.ts'
import { runBench } from './lib/run.ts'

const repoRoot = path.resolve(import.meta.dirname, '..')
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-bench-import-'))
const log = (line: string) => console.log(line)

async function main(): Promise<number> {
  log(`[bench] import engine on a generated network; load average ${loadavg()}`)
  const started = performance.now()
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', path.join(repoRoot, 'bench', 'lib', 'import-run.ts')],
    {
      cwd: path.join(repoRoot, 'cms'),
      env: {
        ...process.env,
        BENCH_IMPORT_DIR: dir,
        DATA_DIR: dir,
        DATABASE_URI: `file:${path.join(dir, 'bench.db')}`,
        PAYLOAD_SECRET: randomBytes(32).toString('hex'),
        NODE_ENV: 'production',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  )
  let output = ''
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk
    for (const line of chunk.toString().split('\n')) {
      if (line.trim() && !line.startsWith('BENCH_IMPORT_RESULT')) log(line)
    }
  })
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve))
  const wallMs = performance.now() - started
  const line = output.split('\n').find((l) => l.startsWith('BENCH_IMPORT_RESULT '))
  if (code !== 0 || !line) {
    console.error(`[bench] the engine run failed (exit ${code})`)
    return 1
  }
  const result = JSON.parse(line.slice('BENCH_IMPORT_RESULT '.length))
  const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`
  log('')
  log(
    `[bench] ${result.posts} posts from ${result.clinics} clinics -> ${result.networkArticles} network and ${result.localArticles} local articles, ${result.redirects} redirects`,
  )
  log(
    `[bench] corpus generation: ${seconds(result.generatedMs)}; Payload start-up and the network: ${seconds(result.configMs)}`,
  )
  log(`[bench] engine (read, extract, duplicates, Lexical, plan): ${seconds(result.importMs)}`)
  log(
    `[bench] wall time including corpus generation and start-up: ${seconds(wallMs)} (target <= 120 s)`,
  )
  log(
    `[bench] peak RSS of the import process (plan and apply): ${Math.round(result.peakRssMb)} MB (target <= 1024 MB)`,
  )
  log(
    `[bench] duplicates: ${result.expectedPairs} labelled copy pairs, ${result.foundPairs} found; precision ${result.precision.toFixed(3)}, recall ${result.recall.toFixed(3)} (target >= 0.95 each)`,
  )
  log(
    `[bench] apply (${result.written} documents and redirects written as drafts): ${seconds(result.applyMs)}; re-run: ${seconds(result.rerunMs)}, ${result.rerunChanges} documents changed`,
  )
  return 0
}

await runBench(
  main,
  async () => {
    if (envFlag('BENCH_KEEP', false)) log(`[bench] kept ${dir}`)
    else fs.rmSync(dir, { recursive: true, force: true })
  },
  log,
)

/**
 * Runs bench/lib/seed-articles.ts (through tsx, cwd cms/) against an already migrated database
 * and returns its summary. Shared by bench/api.ts and bench/abuse.ts.
 */
import { spawn } from 'node:child_process'
import path from 'node:path'

import { cmsDir, repoRoot } from './server.ts'

export interface SeededArticles {
  created: number
  avgWords: number
  avgBodyJsonBytes: number
  ms: number
}

export function seedArticles(
  env: Record<string, string>,
  count: number,
  log: (line: string) => void,
): Promise<SeededArticles> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(repoRoot, 'bench', 'lib', 'seed-articles.ts')],
      {
        cwd: cmsDir,
        env: { ...process.env, ...env, DATABASE_PUSH: 'false', BENCH_ARTICLES: String(count) },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    )
    let output = ''
    let result: SeededArticles | undefined
    let partial = ''
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk
      partial += chunk.toString()
      const lines = partial.split('\n')
      partial = lines.pop() ?? ''
      for (const line of lines) {
        if (line.startsWith('BENCH_SEED_RESULT '))
          result = JSON.parse(line.slice('BENCH_SEED_RESULT '.length)) as SeededArticles
        else if (line.startsWith('[seed]')) log(`[bench] ${line}`)
      }
    })
    child.stderr.on('data', (chunk: Buffer) => (output += chunk))
    child.on('close', (code) => {
      if (code === 0 && result) resolve(result)
      else reject(new Error(`seeding failed (exit ${code}):\n${output.slice(-4000)}`))
    })
  })
}

/**
 * `npm run import -- --clinic <slug> <file-or-folder-or-url>... [--clinic <slug> ...]
 *  [--dry-run] [--report <file.json>] [--include-drafts] [--canonical oldest|newest]`
 *
 * Reads the network (clinics, providers, conditions, article slugs) from the configured database,
 * plans the import, applies it (apply/index.ts: images, provider drafts, articles as drafts,
 * redirects; resumable, re-runs change only what changed) and prints the report. `--dry-run`
 * stops after the plan and writes nothing; `--report` writes the plan, report and result as JSON.
 */
import fs from 'node:fs'
import path from 'node:path'
import { parseArgs } from 'node:util'

import { getPayload } from 'payload'

import { applyPlan } from './apply'
import { formatApplyResult, progressPrinter } from './apply/report'
import type { ApplyResult } from './apply/types'
import { networkData, planImport, type ClinicInputs } from './engine'
import { ImportInputError } from './errors'
import { articleBodyEditorConfig } from './lexical'
import { formatReport } from './plan/report'

const USAGE =
  'Usage: npm run import -- --clinic <slug> <export-file-folder-or-url>... [--clinic <slug> ...] [--dry-run] [--report <file.json>] [--include-drafts] [--canonical oldest|newest]'

// npm runs workspace scripts in cms/ (and a nested npm resets INIT_CWD): the root script passes
// the caller's directory on, since paths on the command line are the caller's.
const callerCwd = process.env.IMPORT_CWD || process.env.INIT_CWD || process.cwd()

function parse(argv: string[]) {
  const { values, tokens } = parseArgs({
    args: argv,
    allowPositionals: true,
    tokens: true,
    options: {
      clinic: { type: 'string', multiple: true },
      'dry-run': { type: 'boolean' },
      report: { type: 'string' },
      'include-drafts': { type: 'boolean' },
      canonical: { type: 'string' },
      help: { type: 'boolean' },
    },
  })
  const groups: ClinicInputs[] = []
  for (const token of tokens) {
    if (token.kind === 'option' && token.name === 'clinic') {
      groups.push({ clinic: token.value ?? '', inputs: [] })
    } else if (token.kind === 'positional') {
      const group = groups[groups.length - 1]
      if (!group)
        throw new ImportInputError(`"${token.value}" comes before any --clinic.`, token.value)
      group.inputs.push(token.value)
    }
  }
  const empty = groups.find((group) => group.inputs.length === 0)
  if (empty) throw new ImportInputError(`--clinic ${empty.clinic} names no export.`, empty.clinic)
  if (values.canonical && values.canonical !== 'oldest' && values.canonical !== 'newest') {
    throw new ImportInputError('--canonical is oldest or newest.', values.canonical)
  }
  return { values, groups }
}

async function main(): Promise<number> {
  let parsed
  try {
    parsed = parse(process.argv.slice(2))
  } catch (error) {
    console.error(`[import] ${(error as Error).message}\n${USAGE}`)
    return 2
  }
  const { values, groups } = parsed
  if (values.help || groups.length === 0) {
    console.log(USAGE)
    return groups.length === 0 && !values.help ? 2 : 0
  }
  const { default: config } = await import('../payload.config')
  const payload = await getPayload({ config })
  try {
    const plan = await planImport({
      clinics: groups,
      network: await networkData(payload),
      editorConfig: articleBodyEditorConfig(payload.config),
      options: {
        includeDrafts: Boolean(values['include-drafts']),
        canonical: values.canonical === 'newest' ? 'newest' : 'oldest',
      },
      cwd: callerCwd,
      log: (line) => console.log(line),
    })
    console.log(`\n${formatReport(plan)}\n`)
    let applied: ApplyResult | null = null
    if (!values['dry-run']) {
      console.log('[import] writing to the CMS...')
      applied = await applyPlan(payload, plan, { onProgress: progressPrinter(console.log) })
      console.log(`\n${formatApplyResult(applied)}\n`)
    }
    if (values.report) {
      const file = path.resolve(callerCwd, values.report)
      fs.writeFileSync(file, `${JSON.stringify({ ...plan, applied }, null, 2)}\n`)
      console.log(`[import] plan and report written to ${file}`)
    }
    console.log(
      applied
        ? '[import] done. Review the drafts (Articles, filter "Imported from"), then publish them.'
        : '[import] dry run: nothing was written to the database.',
    )
    return 0
  } catch (error) {
    if (error instanceof ImportInputError) {
      console.error(`[import] ${error.message}`)
      return 2
    }
    throw error
  } finally {
    await payload.destroy()
  }
}

process.exit(await main())

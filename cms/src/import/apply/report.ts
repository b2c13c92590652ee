import type { ApplyProgress, ApplyResult } from './types'

/** The apply step's part of the printed report: counts, conflicts, what was skipped, what awaits review. */
export function formatApplyResult(result: ApplyResult): string {
  const lines = ['Written to the CMS (all articles as drafts):']
  for (const [phase, c] of Object.entries(result.counts)) {
    lines.push(
      `  ${phase.padEnd(10)} ${c.created} created, ${c.updated} updated, ${c.unchanged} unchanged, ${c.conflicts} conflicts, ${c.skipped} skipped`,
    )
  }
  if (result.conflicts.length > 0) {
    lines.push(
      '',
      `Conflicts (${result.conflicts.length}): changed at the source and edited in the CMS; left as edited:`,
    )
    for (const c of result.conflicts) lines.push(`  - ${c.kind} "${c.label}": ${c.message}`)
  }
  if (result.skipped.length > 0) {
    lines.push('', `Not written (${result.skipped.length}):`)
    for (const s of result.skipped) lines.push(`  - ${s.kind} ${s.label}: ${s.message}`)
  }
  lines.push(
    '',
    `Awaiting medical review before they can be published (${result.awaitingReview.length}):`,
  )
  for (const a of result.awaitingReview) {
    lines.push(
      `  - #${a.id} "${a.title}" (${a.owner === 'network' ? 'network' : 'local'}: ${a.clinics.join(', ')})`,
    )
  }
  return lines.join('\n')
}

/** One progress line per tenth of a phase (and its end): enough to see it move, not a flood. */
export function progressPrinter(log: (line: string) => void) {
  let last = ''
  return ({ phase, done, total }: ApplyProgress) => {
    const tenth = total === 0 ? 10 : Math.floor(((done + 1) / total) * 10)
    const mark = `${phase}:${tenth}`
    if (mark === last) return
    last = mark
    log(`[import] ${phase}: ${Math.min(done + 1, total)}/${total}`)
  }
}

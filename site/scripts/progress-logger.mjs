/**
 * Astro log destination (astro.config.mjs `logger`): instead of one line per generated page, a
 * progress line per clinic every few seconds and a total at the end. Warnings and errors pass
 * through unchanged. Plain JavaScript: Astro loads logger entrypoints without TypeScript.
 */
const LEVELS = { debug: 0, info: 1, warn: 2, error: 3, silent: 4 }
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g
const PAGE_LINE = /├─\s+(\/\S+)/

export default function progressLogger(config = {}) {
  const level = LEVELS[config.level ?? 'warn'] ?? LEVELS.warn
  const everyMs = config.everyMs ?? 3000
  const started = Date.now()
  const perClinic = new Map()
  let pages = 0
  let images = 0
  let lastPrint = 0
  let printedPages = -1

  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`
  const print = (line) => process.stdout.write(`[site] ${line}\n`)
  const progress = (force) => {
    const now = Date.now()
    if ((!force && now - lastPrint < everyMs) || pages === printedPages) return
    lastPrint = now
    printedPages = pages
    const clinics = [...perClinic.entries()].map(([slug, count]) => `${slug} ${count}`).join(', ')
    print(
      `rendered ${pages} files${images ? `, ${images} images` : ''} (${clinics}) in ${elapsed()}`,
    )
  }

  return {
    write(event) {
      const message = String(event.message ?? '').replace(ANSI, '')
      if (event.level === 'info') {
        const match = PAGE_LINE.exec(message)
        if (match) {
          const file = match[1]
          if (file.startsWith('/_astro/')) {
            images++
          } else {
            pages++
            // Top-level files (network index, build manifest) are not a clinic's.
            const clinic = file.split('/').length > 2 ? file.split('/')[1] : 'network'
            // Routes render one after another, each for every clinic: counts grow together.
            perClinic.set(clinic, (perClinic.get(clinic) ?? 0) + 1)
          }
          progress(false)
          return
        }
        if (/Completed in|build complete|Complete!/i.test(message) && pages > 0) progress(true)
      }
      if ((LEVELS[event.level] ?? 1) < level || message.trim() === '') return
      const stream = event.level === 'error' ? process.stderr : process.stdout
      stream.write(
        `[astro${event.label ? `:${event.label}` : ''}] ${event.level === 'info' ? '' : `${event.level}: `}${message}${event.newLine === false ? '' : '\n'}`,
      )
    },
  }
}

/**
 * Pages per language in the live clinic trees of a SITES_DIR: Spanish pages live under `/es/`
 * (the site's locale prefix), every other HTML page is English. Printed by bench:build and
 * bench:publish beside their figures, so that a figure says how much Spanish it includes.
 */
import fs from 'node:fs'
import path from 'node:path'

function countHtml(dir: string, spanish: boolean, counts: { en: number; es: number }): void {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name)
    if (entry.isDirectory()) countHtml(full, spanish, counts)
    else if (entry.name.endsWith('.html')) counts[spanish ? 'es' : 'en']++
  }
}

export function pagesPerLanguage(sitesDir: string): { en: number; es: number } {
  const counts = { en: 0, es: 0 }
  for (const entry of fs.readdirSync(sitesDir, { withFileTypes: true })) {
    const tree = path.join(sitesDir, entry.name)
    // Live sites are symlinks to their current release; dot folders are releases and caches.
    if (entry.name.startsWith('.') || !fs.statSync(tree).isDirectory()) continue
    for (const top of fs.readdirSync(tree, { withFileTypes: true })) {
      const full = path.join(tree, top.name)
      if (top.isDirectory()) countHtml(full, top.name === 'es', counts)
      else if (top.name.endsWith('.html')) counts.en++
    }
  }
  return counts
}

export const describeLanguages = ({ en, es }: { en: number; es: number }) =>
  `${en} English, ${es} Spanish (/es/) pages`

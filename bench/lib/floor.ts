/**
 * The throughput floor for bench/sites.ts: a plain script that writes FLOOR_PAGES HTML pages of
 * FLOOR_BYTES bytes in total (the same count and size as the real build's pages) with template
 * literals and fs.writeFile, no Astro, no CMS. What writing that many pages costs on this machine
 * before any framework: the real build is compared with it.
 *
 *   FLOOR_PAGES=10000 FLOOR_BYTES=200000000 FLOOR_OUT=/tmp/x node bench/lib/floor.ts
 *
 * Pages go to FLOOR_OUT/<clinic>/<section>/<slug>/index.html across FLOOR_CLINICS (50) clinics,
 * like the sites' directory format. Every page is rendered from data (escaped text, a layout with
 * head, header, nav, breadcrumbs, article body with headings, lists, footer), padded with more
 * paragraphs until it reaches the average page size. The text pool (pseudo-English paragraphs) is
 * made before the clock starts; rendering, escaping, mkdir and writeFile are timed. Writes run
 * FLOOR_CONCURRENCY (16) at a time. Prints `FLOOR_RESULT {json}` last.
 */
import fs from 'node:fs/promises'
import path from 'node:path'

import { mulberry32 } from './random.ts'

const PAGES = Number(process.env.FLOOR_PAGES ?? 10_000)
const BYTES = Number(process.env.FLOOR_BYTES ?? PAGES * 20_000)
const OUT = process.env.FLOOR_OUT
const CLINICS = Math.max(1, Number(process.env.FLOOR_CLINICS ?? 50))
const CONCURRENCY = Math.max(1, Number(process.env.FLOOR_CONCURRENCY ?? 16))
if (!OUT) throw new Error('FLOOR_OUT (output directory) is required')
if (!(PAGES > 0) || !(BYTES > 0)) throw new Error('FLOOR_PAGES and FLOOR_BYTES must be positive')

const next = mulberry32(0x9e3779b9)
const int = (n: number) => Math.floor(next() * n)

// --- the text pool (not timed) ---------------------------------------------------------------
const SYLLABLES = [
  'ke',
  'ta',
  'min',
  'in',
  'fu',
  'sion',
  'pa',
  'tient',
  'care',
  'ther',
  'a',
  'py',
  'dose',
  're',
  'view',
  'clin',
  'ic',
  'pain',
  'mood',
  'sleep',
  'treat',
  'ment',
  'doc',
  'tor',
  'nurse',
  'plan',
]
const words = Array.from({ length: 3000 }, () =>
  Array.from({ length: 1 + int(3) }, () => SYLLABLES[int(SYLLABLES.length)]).join(''),
)
const sentence = () => {
  const w = Array.from({ length: 8 + int(18) }, () => words[int(words.length)]!)
  w[0] = w[0]!.charAt(0).toUpperCase() + w[0]!.slice(1)
  if (next() < 0.1) w[3] = `"${w[3]}" & ${w[4]}`
  return `${w.join(' ')}.`
}
const paragraphs = Array.from({ length: 4000 }, () =>
  Array.from({ length: 3 + int(4) }, sentence).join(' '),
)
const headings = Array.from({ length: 400 }, () => sentence().slice(0, 60))

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)

// --- the timed part ----------------------------------------------------------------------------
const targetPerPage = BYTES / PAGES

function renderPage(
  n: number,
  clinic: number,
  title: string,
  pagePath: string,
  target: number,
): string {
  const head = `<!doctype html><html lang="en" style="--accent:#1f5f8b"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)} | Clinic ${clinic}</title><meta name="description" content="${escapeHtml(paragraphs[n % paragraphs.length]!.slice(0, 150))}"><link rel="canonical" href="https://clinic-${clinic}.example${pagePath}"><link rel="stylesheet" href="/_astro/site.css"><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'MedicalWebPage', name: title, url: `https://clinic-${clinic}.example${pagePath}` })}</script></head><body><a class="skip-link" href="#main">Skip to main content</a><header class="site-header"><a href="/">Clinic ${clinic}</a><nav><ul><li><a href="/articles/">Articles</a></li><li><a href="/conditions/">Conditions</a></li><li><a href="/faq/">FAQ</a></li><li><a href="/location/">Location</a></li><li><a href="/search/">Search</a></li></ul></nav><a class="button" href="tel:+15055550100">Call (505) 555-0100</a></header><nav class="crumbs"><ol><li><a href="/">Home</a></li><li><a href="/articles/">Articles</a></li><li>${escapeHtml(title)}</li></ol></nav><main id="main" class="wrap" data-pagefind-body><article><h1>${escapeHtml(title)}</h1>`
  const foot = `</article></main><footer class="site-footer"><p>Clinic ${clinic}, 100 Main St, Springfield</p><p>Mon-Fri 08:00-17:00</p></footer></body></html>\n`
  const parts: string[] = [head]
  let size = head.length + foot.length
  let k = n * 7
  while (size < target) {
    const piece =
      k % 9 === 0
        ? `<h2>${escapeHtml(headings[k % headings.length]!)}</h2>`
        : k % 13 === 0
          ? `<ul>${[1, 2, 3, 4].map((i) => `<li>${escapeHtml(paragraphs[(k + i) % paragraphs.length]!.slice(0, 90))}</li>`).join('')}</ul>`
          : `<p>${escapeHtml(paragraphs[k % paragraphs.length]!)}</p>`
    parts.push(piece)
    size += piece.length
    k++
  }
  parts.push(foot)
  return parts.join('')
}

const started = performance.now()
let written = 0
let bytes = 0
let nextPage = 0
const perClinic = Math.ceil(PAGES / CLINICS)
const worker = async () => {
  while (nextPage < PAGES) {
    const n = nextPage++
    const clinic = Math.floor(n / perClinic)
    const title = headings[n % headings.length]!
    const pagePath = `/articles/page-${n}/`
    const dir = path.join(OUT, `clinic-${clinic}`, 'articles', `page-${n}`)
    // Aim each page so that the running total tracks FLOOR_BYTES (pages overshoot by a piece).
    const html = renderPage(n, clinic, title, pagePath, targetPerPage * (written + 1) - bytes)
    await fs.mkdir(dir, { recursive: true })
    await fs.writeFile(path.join(dir, 'index.html'), html)
    written++
    bytes += Buffer.byteLength(html)
  }
}
await Promise.all(Array.from({ length: CONCURRENCY }, worker))
const ms = performance.now() - started
console.log(
  `FLOOR_RESULT ${JSON.stringify({ pages: written, bytes, ms: Math.round(ms), pagesPerSecond: written / (ms / 1000) })}`,
)

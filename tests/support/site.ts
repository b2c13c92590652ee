/**
 * Helpers for the site tests: run the real `site/scripts/build-sites.ts`, walk and hash the trees it
 * writes, and read its pages with a real HTML parser (html-validate's).
 */
import { spawn } from 'node:child_process'
import { createHash } from 'node:crypto'
import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import path from 'node:path'
import zlib from 'node:zlib'

import { HtmlValidate, type HtmlElement, Parser, StaticConfigLoader } from 'html-validate'

import { repoRoot } from './cms.ts'

export const siteDir = path.join(repoRoot, 'site')

export interface BuildResult {
  code: number | null
  /** stdout and stderr, interleaved as they arrived. */
  output: string
  stderr: string
  ms: number
}

/**
 * Runs `node scripts/build-sites.ts` in site/ against a CMS, as `npm run build:sites` does. The test
 * runner's own variables (NODE_ENV=test, VITEST*) are left out: the build must see a plain shell.
 */
export function buildSites(options: {
  cmsUrl: string
  sitesDir: string
  env?: Record<string, string>
  timeoutMs?: number
}): Promise<BuildResult> {
  const env: NodeJS.ProcessEnv = { ...process.env }
  for (const key of Object.keys(env))
    if (key === 'NODE_ENV' || key.startsWith('VITEST')) delete env[key]
  const started = Date.now()
  const child = spawn(process.execPath, ['scripts/build-sites.ts'], {
    cwd: siteDir,
    env: {
      ...env,
      CMS_URL: options.cmsUrl,
      SITES_DIR: options.sitesDir,
      ASTRO_TELEMETRY_DISABLED: '1',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  let stderr = ''
  child.stdout.on('data', (chunk: Buffer) => (output += chunk))
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk
    stderr += chunk
  })
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      reject(
        new Error(
          `build-sites did not finish within ${options.timeoutMs ?? 240_000} ms:\n${output}`,
        ),
      )
    }, options.timeoutMs ?? 240_000)
    child.once('error', reject)
    child.once('exit', (code) => {
      clearTimeout(timer)
      resolve({ code, output, stderr, ms: Date.now() - started })
    })
  })
}

/** Builds and throws with the build's output when it fails (for beforeAll). */
export async function buildSitesOrThrow(
  options: Parameters<typeof buildSites>[0],
): Promise<BuildResult> {
  const result = await buildSites(options)
  if (result.code !== 0)
    throw new Error(`build-sites exited with ${result.code}:\n${result.output}`)
  return result
}

/** Every file under `dir` (dot files included; symlinks, e.g. live release pointers, as entries), as sorted POSIX paths relative to it. */
export function listFiles(dir: string): string[] {
  const found: string[] = []
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name)
      if (entry.isDirectory()) walk(full)
      else found.push(path.relative(dir, full).split(path.sep).join('/'))
    }
  }
  walk(dir)
  return found.sort()
}

/**
 * sha256 of every file under `dir`, by relative path: equal maps mean byte-for-byte equal trees.
 * A symlink (a clinic's live pointer in SITES_DIR) is recorded by its target.
 */
export function hashTree(dir: string): Record<string, string> {
  return Object.fromEntries(
    listFiles(dir).map((file) => {
      const full = path.join(dir, file)
      if (fs.lstatSync(full).isSymbolicLink()) return [file, `symlink -> ${fs.readlinkSync(full)}`]
      return [file, createHash('sha256').update(fs.readFileSync(full)).digest('hex')]
    }),
  )
}

/** A file's text; gzip files (Pagefind's index and fragments) are decompressed first. */
export function readDecompressed(file: string): string {
  const bytes = fs.readFileSync(file)
  return (bytes[0] === 0x1f && bytes[1] === 0x8b ? zlib.gunzipSync(bytes) : bytes).toString('utf8')
}

/**
 * The texts of the Pagefind index in `dir` (every fragment file), and whether its entry names an
 * index whose metadata file exists (the index is whole, not half swapped).
 */
export function searchIndexIn(dir: string): { fragments: string[]; coherent: boolean } {
  const entry = JSON.parse(fs.readFileSync(path.join(dir, 'pagefind-entry.json'), 'utf8')) as {
    languages: Record<string, { hash: string }>
  }
  const coherent = Object.values(entry.languages).every((language) =>
    fs.existsSync(path.join(dir, `pagefind.${language.hash}.pf_meta`)),
  )
  const fragments = listFiles(dir)
    .filter((file) => file.endsWith('.pf_fragment'))
    .map((file) => readDecompressed(path.join(dir, file)))
  return { fragments, coherent }
}

/** The URL path a page file is served at: `articles/x/index.html` -> `/articles/x/`. */
export function urlPathOf(file: string): string {
  return `/${file.replace(/(^|\/)index\.html$/, '$1')}`
}

/** The file of a clinic tree a root-relative URL resolves to (a static server's rules), or undefined. */
export function resolveInTree(tree: string, url: string): string | undefined {
  const pathname = decodeURI(url.split(/[?#]/)[0]!)
  const file = path.join(tree, pathname.endsWith('/') ? `${pathname}index.html` : pathname)
  if (!file.startsWith(tree + path.sep)) return undefined
  return fs.existsSync(file) && fs.statSync(file).isFile() ? file : undefined
}

export interface Page {
  /** Path relative to the clinic's tree, e.g. `articles/x/index.html`. */
  file: string
  /** URL path, e.g. `/articles/x/`. */
  url: string
  html: string
  root: HtmlElement
}

let parser: Parser | undefined

/** A DOM of an HTML document (html-validate's parser: text and attribute values stay as written). */
export async function parseHtml(html: string): Promise<HtmlElement> {
  parser ??= new Parser(await new StaticConfigLoader().getConfigFor('inline'))
  return parser.parseHtml(html)
}

/** Every HTML page of a clinic tree, parsed. */
export async function readPages(tree: string): Promise<Page[]> {
  const pages: Page[] = []
  for (const file of listFiles(tree).filter((name) => name.endsWith('.html'))) {
    const html = fs.readFileSync(path.join(tree, file), 'utf8')
    pages.push({ file, url: urlPathOf(file), html, root: await parseHtml(html) })
  }
  return pages
}

const NAMED: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00a0',
}

/** Decodes the character references Astro and the rich-text renderer write. */
export function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, ref: string) => {
    if (ref[0] === '#')
      return String.fromCodePoint(
        ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)),
      )
    return NAMED[ref.toLowerCase()] ?? whole
  })
}

/** Text as a reader sees it: entities decoded, whitespace collapsed. */
export const textOf = (element: HtmlElement | null | undefined): string =>
  element ? decodeEntities(element.textContent).replace(/\s+/g, ' ').trim() : ''

/** An attribute's value, entities decoded (undefined when absent or dynamic). */
export function attr(element: HtmlElement, name: string): string | undefined {
  const value = element.getAttributeValue(name)
  return typeof value === 'string' ? decodeEntities(value) : undefined
}

/** Every element of a document (html-validate's selectors have no attribute prefix operators). */
export const allElements = (root: HtmlElement): HtmlElement[] => root.querySelectorAll('*')

export type JsonLdNode = Record<string, unknown>

/** Nodes of every JSON-LD block of a page (each block's @graph, or the block itself); throws on invalid JSON. */
export function jsonLdNodes(root: HtmlElement): JsonLdNode[] {
  return root.querySelectorAll('script').flatMap((script) => {
    if (attr(script, 'type') !== 'application/ld+json') return []
    const data = JSON.parse(script.textContent) as JsonLdNode
    return Array.isArray(data['@graph']) ? (data['@graph'] as JsonLdNode[]) : [data]
  })
}

export const nodesOfType = (nodes: JsonLdNode[], type: string) =>
  nodes.filter(
    (node) =>
      node['@type'] === type || (Array.isArray(node['@type']) && node['@type'].includes(type)),
  )

/** html-validate with the repository's committed configuration (.htmlvalidate.json). */
export function htmlValidator(): HtmlValidate {
  const config = JSON.parse(
    fs.readFileSync(path.join(repoRoot, '.htmlvalidate.json'), 'utf8'),
  ) as Record<string, unknown>
  return new HtmlValidate(new StaticConfigLoader(config))
}

/** `<loc>` URLs of a sitemap and `<link>` URLs of an RSS feed. */
export const xmlValues = (xml: string, tag: string): string[] =>
  [...xml.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((match) =>
    decodeEntities(match[1]!.trim()),
  )

export interface FaultyProxy {
  url: string
  /** Paths of every request received, in order. */
  requests: string[]
  /** Requests forwarded and answered by the CMS. */
  answered: () => number
  close: () => Promise<void>
}

/**
 * An HTTP proxy in front of the CMS that misbehaves on cue: `failPath` requests get a 500 (every
 * attempt), and after `stopAfter` requests it stops like a crashed server (later requests have
 * their connection cut and new connections are refused).
 */
export async function startFaultyProxy(
  target: string,
  faults: { failPath?: RegExp; stopAfter?: number } = {},
): Promise<FaultyProxy> {
  const upstream = new URL(target)
  const requests: string[] = []
  let answered = 0
  const server = http.createServer((req, res) => {
    requests.push(req.url ?? '')
    if (faults.stopAfter !== undefined && requests.length > faults.stopAfter) {
      server.close()
      req.socket.destroy()
      return
    }
    if (faults.failPath?.test(req.url ?? '')) {
      res
        .writeHead(500, { 'content-type': 'application/json' })
        .end('{"errors":[{"message":"Something went wrong."}]}')
      return
    }
    const forward = http.request(
      {
        host: upstream.hostname,
        port: upstream.port,
        path: req.url,
        method: req.method,
        headers: req.headers,
      },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers)
        response.pipe(res)
        response.on('end', () => answered++)
      },
    )
    forward.on('error', () => res.destroy())
    req.pipe(forward)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    answered: () => answered,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections()
        // Called with an error when the server already stopped (stopAfter): closed either way.
        server.close(() => resolve())
      }),
  }
}

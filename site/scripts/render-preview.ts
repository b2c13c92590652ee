/**
 * Renders one draft preview page; the CMS's /preview route runs it (cms/src/preview/renderer.ts).
 *
 *   PREVIEW_FILE  JSON input (src/data/preview.ts PreviewInput) in a private temporary folder; when
 *                 absent and started with an IPC channel, the process loads Astro and then waits
 *                 for `{ file }` (the CMS keeps one such renderer ready: loading Astro is ~40% of
 *                 a render)
 *   CMS_URL       the CMS whose published network the draft is laid over
 *
 * Astro builds src/preview/pages/index.astro only (srcDir src/preview/: one route instead of every
 * clinic's every page), into that temporary folder, never into SITES_DIR. Stylesheets are inlined
 * and images point at the CMS's own media URLs (src/preview/image-service.ts), so the page is one
 * self-contained HTML file: written to `preview.html` beside the input. Exits non-zero on failure.
 */
import { rmSync } from 'node:fs'
import fs from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

import { build } from 'astro'

const siteDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')

/** The input file: from the environment, or the CMS's message to a renderer it started ahead of time. */
function previewFile(): Promise<string> {
  if (process.env.PREVIEW_FILE) return Promise.resolve(process.env.PREVIEW_FILE)
  if (!process.send) return Promise.reject(new Error('PREVIEW_FILE is not set'))
  return new Promise((resolve, reject) => {
    process.once('message', (message: { file?: unknown }) => {
      if (typeof message?.file === 'string') resolve(message.file)
      else reject(new Error('the CMS sent no preview file'))
    })
  })
}

async function main(): Promise<void> {
  // Until a job arrives, the CMS going away simply ends this process.
  process.once('disconnect', () => process.exit(1))
  const input = path.resolve(await previewFile())
  const started = Date.now()
  const workDir = path.dirname(input)
  const outDir = path.join(workDir, 'dist')
  if (process.channel) {
    // Should the CMS go away mid-render, the draft is removed here rather than left on disk;
    // unref: the channel alone no longer keeps this process running.
    process.removeAllListeners('disconnect')
    process.once('disconnect', () => {
      rmSync(workDir, { recursive: true, force: true })
      process.exit(1)
    })
    process.channel.unref()
  }
  process.env.PREVIEW_FILE = input
  await build({
    root: siteDir,
    srcDir: path.join(siteDir, 'src', 'preview'),
    outDir,
    // Nothing shared with the production builds that may run at the same time.
    cacheDir: path.join(workDir, 'cache'),
    mode: 'production',
    build: { inlineStylesheets: 'always' },
    image: {
      service: { entrypoint: path.join(siteDir, 'src', 'preview', 'image-service.ts'), config: {} },
    },
  })
  const html = await fs.readFile(path.join(outDir, 'index.html'), 'utf8')
  // Served from the CMS, the page has nothing beside it: a build asset it still links would be missing.
  const asset = /["'(]\/_astro\/[^"')\s]+/.exec(html)
  if (asset)
    throw new Error(
      `the preview page links a build asset it cannot be served with: ${asset[0].slice(1)}`,
    )
  await fs.writeFile(path.join(workDir, 'preview.html'), html, { mode: 0o600 })
  await Promise.all(
    [outDir, path.join(workDir, 'cache')].map((dir) =>
      fs.rm(dir, { recursive: true, force: true }),
    ),
  )
  process.stdout.write(`[preview] rendered in ${Date.now() - started} ms\n`)
}

main().catch((error: unknown) => {
  const err = error as Error & { cause?: unknown }
  const cause = err.cause instanceof Error ? ` (caused by: ${err.cause.message})` : ''
  process.stderr.write(`[preview] RENDER FAILED: ${err.message}${cause}\n`)
  process.exitCode = 1
  // A failure before the job arrived leaves the channel holding the process open.
  process.disconnect?.()
})

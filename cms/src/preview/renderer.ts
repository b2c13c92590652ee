import type { ChildProcess } from 'node:child_process'
import fs from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'

import type { Locale } from '@clinic/shared/locales'
import type { Article, Faq } from '@clinic/shared/payload-types'

import { startSiteScript } from '../publishing/siteScripts'
import type { PreviewCollection } from './token'

/** The renderer's input; site/src/data/preview.ts (PreviewInput) reads it. */
export interface PreviewJob {
  collection: PreviewCollection
  /** The current draft, depth 0. */
  doc: Article | Faq
  /** Slug of the clinic whose site renders it. */
  clinic: string
  /** The draft's language (read in it, rendered on that language's site); absent: English. */
  locale?: Locale
}

export class PreviewBusyError extends Error {
  override name = 'PreviewBusyError'
}

export class PreviewRenderError extends Error {
  override name = 'PreviewRenderError'
}

interface RenderOutcome {
  code: number | null
  signal: NodeJS.Signals | null
  error?: Error
}

interface RendererProcess {
  child: ChildProcess
  exited: Promise<RenderOutcome>
  /** The last 8 KB it printed. */
  output: () => string
  /** Started ahead of the request. */
  warm: boolean
}

export interface PreviewRendererOptions {
  /** The CMS origin the renderer reads the published network from. */
  cmsUrl: () => string
  log: (line: string) => void
  /** How long a rendered page is reused for the same draft version (the published rest may change meanwhile). */
  cacheTtlMs?: number
  cacheEntries?: number
  /** Renders waiting behind the running one before new ones are refused (503). */
  maxQueued?: number
  timeoutMs?: number
  /** How long a renderer started ahead of time waits for a preview before it is stopped (0: never start one). */
  spareIdleMs?: number
}

/**
 * Renders draft previews with the site generator (site/scripts/render-preview.ts), one at a time
 * (each is an Astro build in its own process: a core's worth of CPU and ~400 MB for 2-3 s), in a
 * private temporary folder outside SITES_DIR that is removed afterwards. A page is cached by
 * (collection, id, clinic, draft updatedAt): opening the link again or switching back to a clinic
 * costs nothing, and any save of the draft changes the key. Identical requests arriving together
 * share one render. After a render, the next renderer process is started ahead of time.
 */
export class PreviewRenderer {
  private readonly cache = new Map<string, { html: string; at: number }>()
  private readonly running = new Map<string, Promise<string>>()
  private queue: Promise<unknown> = Promise.resolve()
  private queued = 0
  private spare?: { renderer: RendererProcess; timer: NodeJS.Timeout }
  private readonly options: Required<PreviewRendererOptions>

  constructor(options: PreviewRendererOptions) {
    this.options = {
      cacheTtlMs: 3 * 60_000,
      cacheEntries: 50,
      maxQueued: 4,
      timeoutMs: 90_000,
      spareIdleMs: 2 * 60_000,
      ...options,
    }
  }

  static keyOf(job: PreviewJob): string {
    return JSON.stringify([
      job.collection,
      String(job.doc.id),
      job.clinic,
      job.locale ?? 'en',
      job.doc.updatedAt,
    ])
  }

  /** The page's HTML, rendered or from the cache. */
  render(job: PreviewJob): Promise<string> {
    const key = PreviewRenderer.keyOf(job)
    const cached = this.cache.get(key)
    if (cached && Date.now() - cached.at < this.options.cacheTtlMs)
      return Promise.resolve(cached.html)
    this.cache.delete(key)
    const pending = this.running.get(key)
    if (pending) return pending
    if (this.queued > this.options.maxQueued)
      return Promise.reject(new PreviewBusyError('Too many previews are being rendered'))

    this.queued++
    const rendering = this.queue.then(() => this.spawnRender(job))
    this.queue = rendering.catch(() => undefined)
    const done = rendering
      .then((html) => {
        this.remember(key, html)
        return html
      })
      .finally(() => {
        this.queued--
        this.running.delete(key)
      })
    this.running.set(key, done)
    return done
  }

  private remember(key: string, html: string): void {
    const now = Date.now()
    for (const [old, entry] of this.cache)
      if (now - entry.at >= this.options.cacheTtlMs) this.cache.delete(old)
    // Oldest first (insertion order): drop it when full.
    while (this.cache.size >= this.options.cacheEntries)
      this.cache.delete(this.cache.keys().next().value!)
    this.cache.set(key, { html, at: now })
  }

  private async spawnRender(job: PreviewJob): Promise<string> {
    const started = Date.now()
    // mkdtemp makes the folder 0700: the draft is readable by this user only while it exists.
    const workDir = await fs.mkdtemp(path.join(os.tmpdir(), 'clinic-preview-'))
    try {
      const input = path.join(workDir, 'input.json')
      await fs.writeFile(input, JSON.stringify(job), { mode: 0o600 })
      const renderer = this.takeRenderer()
      renderer.child.send({ file: input }, (error) => {
        if (error) renderer.child.kill('SIGKILL')
      })
      const timer = setTimeout(() => renderer.child.kill('SIGKILL'), this.options.timeoutMs)
      const outcome = await renderer.exited.finally(() => clearTimeout(timer))
      if (outcome.code !== 0) {
        const how = outcome.error
          ? `could not start: ${outcome.error.message}`
          : outcome.signal
            ? `was killed (${outcome.signal})`
            : `exited with ${outcome.code}`
        const output = renderer.output()
        const reason =
          /RENDER FAILED: (.*)/.exec(output)?.[1] ?? output.trim().split('\n').slice(-5).join(' | ')
        throw new PreviewRenderError(`the preview renderer ${how}: ${reason}`)
      }
      const html = await fs.readFile(path.join(workDir, 'preview.html'), 'utf8')
      this.options.log(
        `[preview] ${job.collection}/${job.doc.id} on ${job.clinic} rendered in ${Date.now() - started} ms${renderer.warm ? ' (warm renderer)' : ''}`,
      )
      return html
    } finally {
      await fs.rm(workDir, { recursive: true, force: true })
      this.keepSpare()
    }
  }

  /** A renderer process: it loads Astro, then waits for the input file over IPC. */
  private startRenderer(): RendererProcess {
    // IPC: the input arrives as a message, and the renderer notices this process going away (it
    // then deletes the draft and exits). Like the site build, it reads the public API only.
    const child = startSiteScript('render-preview', {
      env: { CMS_URL: this.options.cmsUrl() },
      ipc: true,
    })
    let output = ''
    const keep = (chunk: Buffer) => (output = (output + chunk.toString()).slice(-8_000))
    child.stdout!.on('data', keep)
    child.stderr!.on('data', keep)
    const exited = new Promise<RenderOutcome>((resolve) => {
      child.once('error', (error) => resolve({ code: null, signal: null, error }))
      child.once('exit', (code, signal) => resolve({ code, signal }))
    })
    return { child, exited, output: () => output, warm: false }
  }

  /** The renderer started after the last render, if it is still alive; else a new one. */
  private takeRenderer(): RendererProcess {
    const spare = this.spare
    this.spare = undefined
    if (spare) {
      clearTimeout(spare.timer)
      if (spare.renderer.child.connected) return { ...spare.renderer, warm: true }
      spare.renderer.child.kill()
    }
    return this.startRenderer()
  }

  /**
   * Starts the next renderer now, while nothing renders: loading Astro is about 40% of a render,
   * and previews come in bursts (switching clinics, previewing again after an edit). It idles
   * (~170 MB) for `spareIdleMs` at most.
   */
  private keepSpare(): void {
    if (this.spare || this.options.spareIdleMs <= 0) return
    const renderer = this.startRenderer()
    const timer = setTimeout(() => {
      if (this.spare?.renderer === renderer) this.spare = undefined
      renderer.child.kill()
    }, this.options.spareIdleMs)
    timer.unref()
    void renderer.exited.then(() => {
      if (this.spare?.renderer !== renderer) return
      clearTimeout(timer)
      this.spare = undefined
    })
    this.spare = { renderer, timer }
  }
}

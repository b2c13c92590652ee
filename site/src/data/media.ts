/**
 * CMS images through Astro's image pipeline: downloaded once at build time from the CMS,
 * resized to responsive widths as WebP under /_astro/, with width, height and alt always set.
 */
import { getImage } from 'astro:assets'

import type { Media } from '@clinic/shared/payload-types'
import { escapeHtml } from '../lib/richtext.ts'
import { isSafeHref } from '@clinic/shared/url'

const cmsOrigin = new URL(process.env.CMS_URL ?? 'http://localhost:3000').origin

/**
 * Absolute URL the build downloads the original from. Payload's media URLs are either relative
 * (`/api/media/file/x.jpg`) or absolute on the CMS's public serverURL; the build always fetches
 * them from the CMS it talks to (CMS_URL), which is also the only origin allowed in
 * astro.config.mjs `image.remotePatterns`.
 */
export function mediaSourceUrl(
  media: Pick<Media, 'url' | 'updatedAt'> | undefined,
): string | undefined {
  const url = media?.url
  if (!url || !isSafeHref(url)) return undefined
  const parsed = new URL(url, cmsOrigin)
  if (parsed.pathname.startsWith('/api/media/')) {
    // Versioned by the media document: the CMS serves a versioned original as immutable
    // (cms/src/server/mediaCaching.ts), so Astro's image cache (site/node_modules/.astro/assets)
    // reuses each resized WebP across builds instead of downloading and re-encoding every image on
    // every publish; a replaced file changes updatedAt, so the URL.
    if (media.updatedAt) parsed.searchParams.set('v', media.updatedAt)
    return `${cmsOrigin}${parsed.pathname}${parsed.search}`
  }
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.toString() : undefined
}

export interface ImageOptions {
  /** Largest width the image is shown at (CSS px at 2x considered by `widths`). */
  maxWidth: number
  /** Candidate widths for srcset; those larger than the original are dropped. */
  widths: number[]
  sizes: string
  loading?: 'lazy' | 'eager'
  className?: string
  alt?: string
}

export interface ProcessedImage {
  src: string
  srcset: string
  sizes: string
  width: number
  height: number
  alt: string
}

/** Resizes a CMS image; undefined when it has no usable URL or dimensions. */
export async function processImage(
  media: Media | undefined,
  options: ImageOptions,
): Promise<ProcessedImage | undefined> {
  const src = mediaSourceUrl(media)
  if (!media || !src || !media.width || !media.height || media.mimeType === 'image/svg+xml')
    return undefined
  const width = Math.min(options.maxWidth, media.width)
  const height = Math.round((media.height * width) / media.width)
  const widths = [...new Set([...options.widths.filter((w) => w < width), width])].sort(
    (a, b) => a - b,
  )
  const image = await getImage({
    src,
    width,
    height,
    widths,
    sizes: options.sizes,
    format: 'webp',
    quality: 78,
  })
  return {
    src: image.src,
    srcset: image.srcSet.attribute,
    sizes: options.sizes,
    width,
    height,
    alt: options.alt ?? media.alt ?? '',
  }
}

/** An <img> element as HTML, for rich text (everything escaped). */
export function imageHtml(
  image: ProcessedImage,
  options: Pick<ImageOptions, 'loading' | 'className'> & { lang?: string } = {},
): string {
  const attrs = [
    ['src', image.src],
    ['srcset', image.srcset],
    ['sizes', image.sizes],
    ['width', String(image.width)],
    ['height', String(image.height)],
    ['alt', image.alt],
    ...(options.lang && image.alt ? [['lang', options.lang]] : []),
    ['loading', options.loading ?? 'lazy'],
    ['decoding', 'async'],
    ...(options.className ? [['class', options.className]] : []),
  ]
  return `<img ${attrs
    .filter(([, value]) => value !== '' || false)
    .map(([name, value]) => `${name}="${escapeHtml(value!)}"`)
    .join(' ')}${image.alt === '' ? ' alt=""' : ''}>`
}

/** Absolute URL of a processed image on a clinic site (Open Graph needs absolute URLs). */
export const absoluteImageUrl = (siteUrl: string, src: string) =>
  /^https?:/i.test(src) ? src : `${siteUrl}${src}`

const logos = new WeakMap<object, Promise<ProcessedImage | undefined>>()

/** The clinic's logo at header size (processed once per clinic). */
export function clinicLogo(site: { logo?: Media }): Promise<ProcessedImage | undefined> {
  let logo = logos.get(site)
  if (!logo) {
    // Shown 40 CSS px high in the header: 1x and 2x widths for its aspect ratio.
    const media = site.logo
    const width = media?.width && media.height ? Math.ceil((40 * media.width) / media.height) : 120
    logo = processImage(media, {
      maxWidth: width * 2,
      widths: [width, width * 2],
      sizes: `${width}px`,
    })
    logos.set(site, logo)
  }
  return logo
}

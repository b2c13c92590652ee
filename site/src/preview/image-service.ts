/**
 * Image service of the draft preview only (scripts/render-preview.ts): an external service whose
 * URLs are the CMS's own media files, as uploaded. The preview is served by the CMS, so those
 * root-relative URLs resolve there; nothing is downloaded or resized at preview time, and the page
 * needs no /_astro/ image files beside it. The browser scales the original to the same layout.
 */
import type { ExternalImageService, ImageTransform } from 'astro'

const cmsOrigin = new URL(process.env.CMS_URL ?? 'http://localhost:3000').origin

const urlOf = (src: ImageTransform['src']): string => {
  if (typeof src !== 'string') return src.src
  const url = new URL(src, cmsOrigin)
  return url.origin === cmsOrigin && url.pathname.startsWith('/api/media/')
    ? `${url.pathname}${url.search}`
    : src
}

const service: ExternalImageService = {
  getURL: (options) => urlOf(options.src),
  // Keep the page's srcset/sizes markup: every width names the same original.
  getSrcSet: (options) =>
    (options.widths ?? []).map((width) => ({
      transform: {
        ...options,
        width,
        height:
          options.width && options.height
            ? Math.round((options.height * width) / options.width)
            : undefined,
      },
      descriptor: `${width}w`,
      attributes: {},
    })),
}

export default service

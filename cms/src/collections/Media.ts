import fs from 'node:fs'
import path from 'node:path'

import type { CollectionConfig } from 'payload'

import { anyone } from '../access/anyone'
import { mediaDir } from '../lib/paths'
import { rebuildAfterImageChange } from '../publishing/hooks'
import { MEDIA } from './slugs'

/** Raster formats only: SVG and other XML can carry script, and the sites never need vectors from editors. */
export const IMAGE_MIME_TYPES = ['image/jpeg', 'image/png', 'image/webp', 'image/avif', 'image/gif']

/**
 * Clinic-owned (an image without an owner clinic is the network's): payload.config.ts's
 * clinicOwnership plugin adds the owner clinic, who may upload and change images, and the hooks.
 */
export const Media: CollectionConfig = {
  slug: MEDIA,
  access: {
    read: anyone,
  },
  admin: {
    useAsTitle: 'alt',
    group: 'Content',
  },
  fields: [
    {
      name: 'alt',
      type: 'text',
      required: true,
      maxLength: 250,
      admin: { description: 'Describe the image for people who cannot see it (required).' },
      validate: (value: string | null | undefined) =>
        (typeof value === 'string' && value.trim().length >= 3) ||
        'Alt text is required: describe what the image shows.',
    },
    { name: 'credit', type: 'text' },
    {
      // The importer finds an image it fetched before by this (cms/src/import/apply/media.ts), so a
      // re-import never uploads it twice. Only the importer (Local API) writes it.
      name: 'sourceUrl',
      type: 'text',
      index: true,
      access: { create: () => false, update: () => false },
      admin: { readOnly: true, position: 'sidebar', condition: (data) => Boolean(data?.sourceUrl) },
    },
  ],
  hooks: {
    afterChange: [rebuildAfterImageChange],
  },
  upload: {
    staticDir: mediaDir,
    mimeTypes: IMAGE_MIME_TYPES,
    // Editors upload files; the server never fetches URLs on their behalf (SSRF).
    pasteURL: false,
    focalPoint: true,
    crop: true,
    // Originals are kept; these sizes feed the sites' srcset.
    imageSizes: [
      {
        name: 'thumbnail',
        width: 400,
        height: 300,
        position: 'centre',
        formatOptions: { format: 'webp', options: { quality: 78 } },
      },
      { name: 'card', width: 800, formatOptions: { format: 'webp', options: { quality: 78 } } },
      { name: 'hero', width: 1600, formatOptions: { format: 'webp', options: { quality: 75 } } },
    ],
    adminThumbnail: 'thumbnail',
    // Payload answers 500 for a file missing on disk (a deleted image, a stale cached URL): that is a 404.
    handlers: [
      (_req, { params }) => {
        const file = path.resolve(mediaDir, String(params.filename ?? ''))
        if (file.startsWith(mediaDir + path.sep) && fs.existsSync(file)) return undefined
        return Response.json({ errors: [{ message: 'Not Found' }] }, { status: 404 })
      },
    ],
    resizeOptions: { width: 2400, withoutEnlargement: true, fit: 'inside' },
  },
}

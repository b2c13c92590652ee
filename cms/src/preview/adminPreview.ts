import type { GeneratePreviewURL } from 'payload'

import { isLocale } from '@clinic/shared/locales'

import { canPreviewDraft } from './access'
import { openPreviewPath } from './links'
import type { PreviewCollection } from './token'

/**
 * `admin.preview` of articles and FAQs: the URL behind the edit view's Preview button.
 *
 * Payload 3 computes this URL when the edit view is rendered and after each save (handlePreview in
 * @payloadcms/next's Document view and in buildFormState), not when the button is clicked. A signed
 * 15-minute link made here would be dead after a quarter of an hour of reading, so the button
 * points at /preview/open/..., which checks the editor's session when clicked and only then mints
 * the signed link (cms/src/server/preview.ts). It is shown only to users who may read the draft.
 */
export const previewButton =
  (collection: PreviewCollection): GeneratePreviewURL =>
  async (doc, { locale: edited, req }) => {
    const id = doc.id
    if (!req.user || (typeof id !== 'string' && typeof id !== 'number')) return null
    // The locale being edited (the edit view's locale; the request's as a fallback): the preview
    // shows that language's draft.
    const candidate = edited || req.locale
    const locale = isLocale(candidate) ? candidate : undefined
    return (await canPreviewDraft(req.payload, req.user, collection, id))
      ? openPreviewPath(collection, id, undefined, locale)
      : null
  }

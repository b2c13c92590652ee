/**
 * Where previews live on the CMS's origin (cms/src/server/preview.ts serves them):
 *
 *   /preview/open/<collection>/<id>[?clinic=<slug>]   the admin's Preview button: needs the editor's
 *                                                     session; mints a fresh signed link and redirects
 *   /preview/<collection>/<id>?clinic=&expires=&signature=   the signed link: the draft on that clinic
 */
import { DEFAULT_LOCALE, type Locale } from '@clinic/shared/locales'

import { signPreview, type PreviewClaims, type PreviewCollection } from './token'

export const PREVIEW_PATH = '/preview'

export const openPreviewPath = (
  collection: PreviewCollection,
  id: string | number,
  clinic?: string,
  locale?: Locale,
) => {
  const query = new URLSearchParams({
    ...(clinic ? { clinic } : {}),
    ...(locale && locale !== DEFAULT_LOCALE ? { locale } : {}),
  }).toString()
  return `${PREVIEW_PATH}/open/${collection}/${encodeURIComponent(String(id))}${query ? `?${query}` : ''}`
}

export function signedPreviewPath(claims: PreviewClaims, secret: string): string {
  const query = new URLSearchParams({
    clinic: claims.clinic,
    ...(claims.locale && claims.locale !== DEFAULT_LOCALE ? { locale: claims.locale } : {}),
    expires: String(claims.expires),
    signature: signPreview(claims, secret),
  })
  return `${PREVIEW_PATH}/${claims.collection}/${encodeURIComponent(claims.id)}?${query}`
}

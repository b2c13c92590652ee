import type { CollectionAfterChangeHook, CollectionAfterDeleteHook } from 'payload'

import { writeNginxSites } from '../../../webServer/nginx'

/**
 * The web server has one virtual host per clinic domain: regenerate its config when a clinic is
 * added, removed, or moves to another slug or domain (no-op unless NGINX_SITES_FILE is set).
 */
export const updateWebServerConfig: CollectionAfterChangeHook = async ({
  doc,
  previousDoc,
  operation,
  req,
}) => {
  if (
    operation === 'create' ||
    doc.slug !== previousDoc?.slug ||
    doc.siteUrl !== previousDoc?.siteUrl
  ) {
    await writeNginxSites(req.payload, { req })
  }
  return doc
}

export const updateWebServerConfigOnDelete: CollectionAfterDeleteHook = async ({ req }) => {
  await writeNginxSites(req.payload, { req })
}

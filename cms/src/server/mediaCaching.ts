import type { NextFunction, Request, Response } from 'express'

import { MEDIA } from '../collections/slugs'

/** A year: the longest lifetime caches honour. */
const IMMUTABLE = 'public, max-age=31536000, immutable'

/**
 * Media files asked for by version (`?v=<the media document's updatedAt>`, as the site build asks
 * for them: site/src/data/media.ts) are served as immutable. Payload sends no caching headers for
 * files, so without this Astro's image cache expires every entry at once and each build downloads
 * and re-encodes every image it shows; with it, a publish reuses the resized images until their
 * media document changes (which changes the URL). Files are public (media read access is
 * `anyone`), so shared caches may keep them too. Payload's `upload.modifyResponseHeaders` cannot do
 * this: it does not see the request, so it cannot tell a versioned URL from a plain one.
 */
export function versionedMediaCaching(apiRoute: string) {
  const files = `${apiRoute}/${MEDIA}/file/`
  return (req: Request, res: Response, next: NextFunction) => {
    if (
      (req.method === 'GET' || req.method === 'HEAD') &&
      req.path.startsWith(files) &&
      typeof req.query.v === 'string' &&
      req.query.v !== ''
    ) {
      const writeHead = res.writeHead
      res.writeHead = function (this: Response, ...args: Parameters<Response['writeHead']>) {
        if (args[0] === 200) this.setHeader('cache-control', IMMUTABLE)
        return writeHead.apply(this, args)
      } as Response['writeHead']
    }
    next()
  }
}

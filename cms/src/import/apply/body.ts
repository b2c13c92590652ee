import { createHash } from 'node:crypto'

import { MEDIA } from '../../collections/slugs'

type Node = Record<string, unknown>
type State = { root: { children: Node[] } & Node }

/**
 * The planned body with an upload node for each fetched image, at the index where the image stood
 * in the old page. Highest index first, so earlier insertions do not shift later ones. Node ids
 * come from the article key and position: the same import gives the same JSON.
 */
export function withImages(
  body: Record<string, unknown>,
  images: { index: number; mediaId: string | number }[],
  articleKey: string,
): Record<string, unknown> {
  if (images.length === 0) return body
  const state = structuredClone(body) as unknown as State
  const children = state.root.children
  const sorted = [...images].sort((a, b) => b.index - a.index)
  for (const image of sorted) {
    children.splice(Math.min(image.index, children.length), 0, {
      type: 'upload',
      version: 3,
      format: '',
      id: createHash('sha1').update(`${articleKey}:${image.index}`).digest('hex').slice(0, 24),
      fields: null,
      relationTo: MEDIA,
      value: image.mediaId,
    })
  }
  return state as unknown as Record<string, unknown>
}

/** Rich text for one clinic's site: links resolved to its own pages, images through the pipeline. */
import { relationId } from '@clinic/shared/ids'

import {
  richTextToHtml,
  uploadsIn,
  type InternalLink,
  type LexicalDocument,
  type RichTextOptions,
} from '../lib/richtext.ts'
import type { ClinicSite } from './clinic-site.ts'
import { imageHtml, processImage } from './media.ts'
import { altTextLang } from './page.ts'

/**
 * A linked article or condition's page on this clinic's site. Articles the clinic does not show
 * lose the link (their words stay): a shared article reads as local and never sends visitors to
 * a sister clinic's site.
 */
export function internalHref(site: ClinicSite, link: InternalLink): string | undefined {
  const id = String(relationId(link.value))
  if (link.relationTo === 'articles') return site.articleById.get(id)?.path
  if (link.relationTo === 'conditions') return site.conditionById.get(id)?.path
  return undefined
}

export async function renderRichText(
  site: ClinicSite,
  doc: LexicalDocument | null | undefined,
  options: Pick<RichTextOptions, 'minHeading'> = {},
): Promise<string> {
  const images = new Map<string, string>()
  for (const node of uploadsIn(doc)) {
    const id = String(relationId(node.value))
    if (images.has(id)) continue
    const image = await processImage(site.network.mediaById.get(id), {
      maxWidth: 1200,
      widths: [480, 800, 1200],
      sizes: '(min-width: 50rem) 46rem, 100vw',
    })
    images.set(
      id,
      image ? `<figure>${imageHtml(image, { lang: altTextLang(site) })}</figure>` : '',
    )
  }
  return richTextToHtml(doc, {
    minHeading: options.minHeading ?? 2,
    resolveLink: (link) => internalHref(site, link),
    renderUpload: (node) => images.get(String(relationId(node.value))) ?? '',
  })
}

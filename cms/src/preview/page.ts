/**
 * What the preview route sends: the rendered page made to work from the CMS's origin, with a banner
 * on top, and the plain pages for everything that is not a preview (they never carry draft text).
 */
import type { PreviewClinic } from './clinics'
import type { PreviewCollection } from './token'

const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!,
  )

/** "3:45 PM MST" in the clinic's time zone (UTC when it has none or an unknown one). */
export function expiryText(expires: number, timeZone: string | null | undefined): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat('en-US', {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    }).format(new Date(expires * 1000))
  try {
    return format(timeZone || 'UTC')
  } catch {
    return format('UTC')
  }
}

export interface BannerInput {
  collection: PreviewCollection
  id: string
  clinic: PreviewClinic
  /** Every clinic the link may show the draft on (the current one included), with its signed link. */
  choices: { clinic: PreviewClinic; href: string }[]
  expires: number
  /** The document in the admin. */
  editHref: string
}

const BANNER_STYLE =
  "margin:0;padding:.6rem 1rem;background:#fff4c2;color:#2b2100;border-bottom:3px solid #8a6a00;font:15px/1.5 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif"
const LINK_STYLE = 'color:#2b2100;text-decoration:underline'

function banner(input: BannerInput): string {
  const link = (href: string, text: string) =>
    `<a href="${escapeHtml(href)}" style="${LINK_STYLE}">${escapeHtml(text)}</a>`
  const clinics = input.choices.map(({ clinic, href }) =>
    String(clinic.id) === String(input.clinic.id)
      ? `<strong aria-current="page">${escapeHtml(clinic.name)}</strong>`
      : link(href, clinic.name),
  )
  const expires = new Date(input.expires * 1000).toISOString()
  const extra =
    input.collection === 'faqs' ? [link(`#faq-${input.id}`, 'Go to the draft question')] : []
  return (
    `<aside aria-label="Draft preview" data-draft-preview style="${BANNER_STYLE}">` +
    `<p style="margin:0"><strong>Unpublished draft preview.</strong> Visitors do not see this version. ` +
    `This link expires at <time datetime="${expires}">${escapeHtml(expiryText(input.expires, input.clinic.timezone))}</time>.</p>` +
    `<p style="margin:.2rem 0 0">${clinics.length > 1 ? `Preview on: ${clinics.join(' · ')}` : `Previewed on: ${clinics.join('')}`}` +
    ` · ${[...extra, link(input.editHref, 'Back to the editor')].join(' · ')}</p>` +
    `</aside>`
  )
}

/**
 * The rendered page as served by the CMS: root-relative links (navigation, favicon, feed) go to
 * the clinic's live site, images stay on the CMS's media URLs (src/srcset are not links), and
 * the banner opens the body.
 */
export function decoratePreview(html: string, input: BannerInput): string {
  const siteUrl = escapeHtml(input.clinic.siteUrl.replace(/\/+$/, ''))
  const page = html.replace(
    /(\shref=")\/(?!\/)/g,
    (_, attribute: string) => `${attribute}${siteUrl}/`,
  )
  // After the rewrite: the banner's own links are on the CMS.
  const body = /<body\b[^>]*>/i.exec(page)
  if (!body) throw new Error('the rendered preview has no <body>')
  const at = body.index + body[0].length
  return `${page.slice(0, at)}${banner(input)}${page.slice(at)}`
}

/** A page without any document content: refusals and errors. */
export function messagePage(
  title: string,
  message: string,
  link?: { href: string; text: string },
): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>` +
    `<body style="font:17px/1.6 system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;color:#1d2733;max-width:40rem;margin:3rem auto;padding:0 1.25rem">` +
    `<h1 style="font-size:1.5rem">${escapeHtml(title)}</h1><p>${escapeHtml(message)}</p>` +
    `${link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : ''}</body></html>`
  )
}

/**
 * What clinic websites put around (and inside) an article that is not the article: the rules
 * shared by saved HTML pages (applied to each block after Readability) and plain-text pages
 * (applied to each line). Readability finds the main content; these catch what page builders and
 * copy-paste leave inside it.
 */

export interface ChromeContext {
  /** The article's title: a line repeating it (with or without the site name) is chrome. */
  title: string
  /** Names the clinic's old site went by: "About <name>" boxes and "<title> - <name>" lines. */
  clinicNames: string[]
}

const MONTH =
  '(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)'
const DATE = `${MONTH}\\.? \\d{1,2}(?:st|nd|rd|th)?,? \\d{4}`
/** US phone numbers as clinics write them: (505) 555-0142, 505-555-0142, 505.555.0142, +1 505 555 0142. */
export const PHONE = /(?:\+?1[\s.-]?)?\(?\b\d{3}\)?[\s.-]?\d{3}[\s.-]\d{4}\b/
const CALL_WORDS = /\b(call|click here|contact|text us|reach us|schedule|book|dial|phone)\b/i

const BYLINE_RULES: RegExp[] = [
  // Bylines run together with dates and the category: "By October 17, 2018July 21st, 2021Treatment"
  new RegExp(`^(by|posted|published|written|updated)\\b.{0,80}${DATE}`, 'i'),
  new RegExp(`^${DATE}(\\s*[|/,-]?\\s*${DATE})?(\\s*[|/,-]?\\s*[\\w &]{0,30})?$`, 'i'),
]

/** A byline or date line ("By Dr. Ruiz | March 3, 2021", "October 17, 2018July 21st, 2021Treatment"). */
export const isBylineLine = (line: string) => BYLINE_RULES.some((rule) => rule.test(line.trim()))

const LINE_RULES: RegExp[] = [
  ...BYLINE_RULES,
  /^skip to (main )?content\.?$/i,
  /^this (window |pop-?up )?will close in \d+ seconds?\.?$/i,
  /^(close|×|x)$/i,
  /^leave a (reply|comment)\b/i,
  /^(cancel reply|post comment|submit comment)$/i,
  /^your email address will not be published\b/i,
  /^required fields are marked\b/i,
  /^(save my name, email|comment\b.*\bname\b.*\bemail\b)/i,
  /^\d+ comments?$/i,
  /^(no comments( yet)?|be the first to comment)\.?$/i,
  // Breadcrumbs: "Home | Specialties | Pain Management", "Home > Blog > ...", "Home » ..."
  /^home\s*([|>»›/]\s*[^|>»›/]+){1,8}$/i,
  /^(posted|published|filed) (in|under)\b.{0,80}$/i,
  /^(categories|category|tags|tagged)\s*:.{0,120}$/i,
  // Calls to action that close a clinic's copy.
  /^(contact us|call us|call now|call today|get in touch|request (your|a) (free )?(consultation|appointment)|schedule (your|a) (free )?(consultation|appointment|visit)|book (your|an) (appointment|consultation)|get started( today)?|take the first step\b.{0,60})[.!]*$/i,
  /^(contact|call) us today\b.{0,60}[.!]*$/i,
  // Social and sharing widgets.
  /^(share( this( post| article)?)?( on)?|follow us( on)?|like us on|connect with us)\b[\s:|,]*((facebook|twitter|x|instagram|linkedin|youtube|pinterest|email|print|tiktok)[\s|,]*)*$/i,
  /^((facebook|twitter|instagram|linkedin|youtube|pinterest|email|print|tiktok)[\s|,·]*){1,8}$/i,
  /^(read more|continue reading|previous( post)?|next( post)?|older posts|newer posts|related posts|you may also like|back to (blog|top))\b.{0,80}$/i,
]

const normalise = (text: string) =>
  text
    .normalize('NFKC')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase()

/** True when a block or line of text is site chrome rather than article content. */
export function isChromeLine(raw: string, context: ChromeContext): boolean {
  const line = raw.replace(/\s+/g, ' ').trim()
  if (line === '') return false
  if (LINE_RULES.some((rule) => rule.test(line))) return true
  const words = line.split(' ').length
  // "click here or call 505-555-0142", "Questions? Call (505) 555-0142 to book": a phone blurb.
  if (words <= 30 && PHONE.test(line) && CALL_WORDS.test(line)) return true
  const lower = normalise(line)
  const title = normalise(context.title)
  if (title && (lower === title || isTitleWithSiteName(lower, title, context))) return true
  if (isAboutClinicHeading(line, context)) return true
  return false
}

function isTitleWithSiteName(line: string, title: string, context: ChromeContext): boolean {
  if (!line.startsWith(title)) return false
  const rest = line.slice(title.length).replace(/^\s*[-|–—:·]\s*/, '')
  return context.clinicNames.some((name) => normalise(name) === rest)
}

/** "About Clearwater Infusion Albuquerque", "About Mesa Ketamine Center": the clinic's box. */
export function isAboutClinicHeading(line: string, context: ChromeContext): boolean {
  const match = /^about (.{3,80})$/i.exec(line.trim())
  if (!match) return false
  const subject = normalise(match[1]!)
  if (context.clinicNames.some((name) => subject === normalise(name))) return true
  return (
    /^(us|the (clinic|practice|author|team))$/.test(subject) ||
    /^([A-Z][\w'&.-]*\s+){0,5}(clinic|center|centre|institute|wellness|infusions?|medical|associates|group|practice)$/.test(
      match[1]!.trim(),
    )
  )
}

// Page builders' shortcodes have a prefix (`vc_row`, `et_pb_text`, `contact-form-7`); a few core
// ones do not. Bracketed words in prose ("[sic]", "[1]") are left alone.
const SHORTCODE =
  /\[\/?(?:[a-z]+[_-][\w-]*|caption|gallery|embed|audio|video|playlist)(?:\s[^\]]{0,500})?\]/gi

/** Removes WordPress shortcodes (`[vc_row]`, `[/et_pb_text]`, `[contact-form-7 id="1"]`), keeping their text. */
export function stripShortcodes(html: string): string {
  return html.replace(SHORTCODE, '')
}

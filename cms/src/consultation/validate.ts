/**
 * Server-side validation of a submitted form (the browser validated what HTML can express; this
 * checks everything again). A problem names the field and says what to fix; it never repeats what
 * was typed, so a refusal page, a log line or an error can never carry a submitted value.
 */
import {
  CONSENT_VALUE,
  CONTACT_METHODS,
  CONTACT_TIMES,
  FIELD,
  LIMITS,
  type ContactMethod,
  type ContactTime,
  type FieldName,
} from '@clinic/shared/consultation'

export interface Problem {
  /** The field to fix, or null for the form as a whole. */
  field: FieldName | null
  message: string
}

/** What the visitor asked for: the only place a request exists in plain text (in memory). */
export interface ConsultationFields {
  name: string
  phone: string | null
  email: string | null
  contactMethod: ContactMethod
  contactTime: ContactTime
  /** Slug of the clinic location the visitor chose. */
  location: string
  message: string | null
}

export type Body = Record<string, unknown>

// Single-line fields: no control characters at all (CR/LF would be header injection in an email),
// nor the Unicode line and paragraph separators.
// eslint-disable-next-line no-control-regex -- control characters are what this looks for
const LINE_BREAKING = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/
// eslint-disable-next-line no-control-regex -- the message may hold line breaks and tabs, nothing else
const MESSAGE_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029]/
const MARKUP = /<\s*\/?\s*[a-z!?][^>]*>|<\s*\/?\s*[a-z][a-z0-9-]*(\s|$)/i
const LINK = /\b(?:https?:\/\/|www\.)\S|\b[a-z0-9-]+\.(?:com|net|org|info|biz|ru|xyz|top)\//i
const EMAIL = /^[^\s@<>()[\]\\,;:"]{1,64}@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:".]{2,}$/
const PHONE = /^\+?[\d\s().-]+$/

const singleLine = (text: string) => text.normalize('NFC').trim().replace(/\s+/g, ' ')

/** The field's value as one string; `undefined` when missing, `null` when sent more than once. */
function valueOf(body: Body, field: FieldName): string | undefined | null {
  const value = body[field]
  if (value === undefined) return undefined
  return typeof value === 'string' ? value : null
}

export function validateSubmission(
  body: Body,
  locations: readonly string[],
): { fields: ConsultationFields; problems: [] } | { fields?: undefined; problems: Problem[] } {
  const problems: Problem[] = []
  const problem = (field: FieldName | null, message: string) => {
    problems.push({ field, message })
    return null
  }

  const raw = (field: FieldName) => {
    const value = valueOf(body, field)
    if (value === null) {
      problem(field, 'This field was sent more than once: use the form on this page.')
      return undefined
    }
    return value
  }

  const line = (field: FieldName, label: string, max: number): string | null => {
    const value = raw(field)
    if (value === undefined) return null
    if (LINE_BREAKING.test(value))
      return problem(field, `Enter your ${label} on one line, as plain text.`)
    const text = singleLine(value)
    if (text.length > max)
      return problem(field, `Shorten your ${label} to ${max} characters or fewer.`)
    return text || null
  }

  const name = line(FIELD.name, 'name', LIMITS.name)
  if (name && /[<>]/.test(name))
    problem(FIELD.name, 'Enter your name without the characters < and >.')
  else if (!name && !problems.some((p) => p.field === FIELD.name))
    problem(FIELD.name, 'Enter your name.')

  const phone = line(FIELD.phone, 'phone number', LIMITS.phone)
  const phoneDigits = phone?.replace(/\D/g, '').length ?? 0
  const phoneOk = Boolean(phone) && PHONE.test(phone!) && phoneDigits >= 7 && phoneDigits <= 15
  if (phone && !phoneOk)
    problem(FIELD.phone, 'Enter a phone number using digits, for example (505) 555-0142.')

  const email = line(FIELD.email, 'email address', LIMITS.email)
  const emailOk = Boolean(email) && EMAIL.test(email!)
  if (email && !emailOk) problem(FIELD.email, 'Enter an email address like name@example.com.')

  if (!phone && !email && !problems.some((p) => p.field === FIELD.phone || p.field === FIELD.email))
    problem(FIELD.phone, 'Enter a phone number or an email address, so the clinic can reach you.')

  const method = raw(FIELD.contactMethod)
  const contactMethod = CONTACT_METHODS.find((m) => m.value === method)?.value
  if (!contactMethod) problem(FIELD.contactMethod, 'Choose how you would like to be contacted.')
  else if (contactMethod === 'email' && !email && !problems.some((p) => p.field === FIELD.email))
    problem(FIELD.email, 'Enter your email address, or choose to be contacted by phone.')
  else if (contactMethod !== 'email' && !phone && !problems.some((p) => p.field === FIELD.phone))
    problem(FIELD.phone, 'Enter your phone number, or choose to be contacted by email.')

  const time = raw(FIELD.contactTime)
  const contactTime = CONTACT_TIMES.find((t) => t.value === time)?.value
  if (!contactTime) problem(FIELD.contactTime, 'Choose when you would like to be contacted.')

  const chosen = raw(FIELD.location)
  const location = locations.find((slug) => slug === chosen)
  if (!location) problem(FIELD.location, 'Choose one of our clinic locations.')

  let message: string | null = null
  const rawMessage = raw(FIELD.message)
  if (rawMessage !== undefined) {
    const text = rawMessage.normalize('NFC').replace(/\r\n?/g, '\n').trim()
    if (MESSAGE_CONTROLS.test(text))
      problem(FIELD.message, 'Remove the special characters from your message.')
    else if (text.length > LIMITS.message)
      problem(FIELD.message, `Shorten your message to ${LIMITS.message} characters or fewer.`)
    else if (MARKUP.test(text))
      problem(FIELD.message, 'Remove the HTML markup (text between < and >) from your message.')
    else if (LINK.test(text)) problem(FIELD.message, 'Remove web links from your message.')
    else message = text || null
  }

  if (raw(FIELD.consent) !== CONSENT_VALUE)
    problem(FIELD.consent, 'Tick the box to agree to be contacted about your request.')

  if (problems.length > 0) return { problems }
  return {
    fields: {
      name: name!,
      phone: phoneOk ? phone : null,
      email: emailOk
        ? email!.replace(/@(.*)$/, (_, domain: string) => `@${domain.toLowerCase()}`)
        : null,
      contactMethod: contactMethod!,
      contactTime: contactTime!,
      location: location!,
      message,
    },
    problems: [],
  }
}

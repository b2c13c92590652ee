/**
 * The consultation request form, as both sides see it: the site renders the form from these names,
 * limits and choices; the CMS validates a submission against the same ones and fills the markers
 * the site leaves in the page (a fresh form token, the error summary, each field's error).
 *
 * Every clinic host sends exactly one path to the CMS, CONSULTATION_PATH: GET answers the form
 * (stamped with a signed start time), POST takes a submission and answers 303 to the static
 * thanks page. Everything else on a clinic host stays static.
 */

/** The form, on every clinic site; also the only form target the sites' CSP allows. */
export const CONSULTATION_PATH = '/consultation/'
export const CONSULTATION_THANKS_PATH = '/consultation/thanks/'
/** The privacy notice the consent checkbox links to. */
export const PRIVACY_PATH = '/privacy/'

/** The field names the form posts. */
export const FIELD = {
  name: 'name',
  phone: 'phone',
  email: 'email',
  contactMethod: 'contact_method',
  contactTime: 'contact_time',
  location: 'location',
  message: 'message',
  consent: 'consent',
  /** When the page was served, signed by the CMS: the minimum fill time is measured from it. */
  token: 'form_token',
  /** Hidden from people; a bot that fills it in is answered as if accepted and nothing is sent. */
  honeypot: 'website',
} as const
export type FieldName = (typeof FIELD)[keyof typeof FIELD]

/** Longest accepted values (characters); the form's maxlength attributes say the same. */
export const LIMITS = {
  name: 100,
  phone: 30,
  email: 254,
  message: 500,
} as const

export const CONTACT_METHODS = [
  { value: 'phone', label: 'Phone call' },
  { value: 'text', label: 'Text message' },
  { value: 'email', label: 'Email' },
] as const
export type ContactMethod = (typeof CONTACT_METHODS)[number]['value']

export const CONTACT_TIMES = [
  { value: 'any', label: 'Any time during opening hours' },
  { value: 'morning', label: 'Morning' },
  { value: 'afternoon', label: 'Afternoon' },
  { value: 'evening', label: 'Early evening' },
] as const
export type ContactTime = (typeof CONTACT_TIMES)[number]['value']

export const CONSENT_VALUE = 'yes'

/** What the static page carries in the token field until the CMS stamps it. */
export const TOKEN_PLACEHOLDER = 'unstamped'

/** Where the CMS puts the error summary (inside `main`, above the form). */
export const ERROR_SUMMARY_MARKER = '<!--consultation:error-summary-->'
/** Where the CMS puts one field's error message (inside its label or legend). */
export const fieldErrorMarker = (field: FieldName) => `<!--consultation:error:${field}-->`
/** Carried by each control, so the CMS can mark the ones in error with aria-invalid. */
export const fieldControlAttribute = (field: FieldName) => `data-consultation-field="${field}"`

/** The id of a field's control (a radio group's: its first choice), where the error summary links. */
export const fieldId = (field: FieldName) =>
  field === FIELD.contactMethod
    ? `consultation-${field}-${CONTACT_METHODS[0].value}`
    : `consultation-${field}`

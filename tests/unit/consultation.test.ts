/**
 * The consultation form's pure parts: sealing a request (AES-256-GCM), the signed form token, the
 * server's validation of a submission, and the refusal page made from the clinic's form page.
 */
import { describe, expect, it } from 'vitest'

import {
  ERROR_SUMMARY_MARKER,
  FIELD,
  TOKEN_PLACEHOLDER,
  fieldControlAttribute,
  fieldErrorMarker,
} from '../../shared/src/consultation.ts'
import {
  checkFormToken,
  formToken,
  open,
  seal,
  SealError,
} from '../../cms/src/consultation/crypto.ts'
import { refusalPage, stampToken } from '../../cms/src/consultation/pages.ts'
import { validateSubmission, type Body } from '../../cms/src/consultation/validate.ts'

const SECRET = 'unit-test-secret-0123456789abcdefghijklmnopqrstuv'
const LOCATIONS = ['albuquerque', 'temecula']
const LIMITS = { minFillMs: 3000, maxAgeMs: 24 * 3600_000 }

const valid = (overrides: Body = {}): Body => ({
  [FIELD.name]: '  Jordan   Example ',
  [FIELD.phone]: '(505) 555-0188',
  [FIELD.email]: 'Jordan@Example.COM',
  [FIELD.contactMethod]: 'phone',
  [FIELD.contactTime]: 'any',
  [FIELD.location]: 'temecula',
  [FIELD.message]: 'Is there parking?\r\nThanks',
  [FIELD.consent]: 'yes',
  ...overrides,
})

describe('sealing a request', () => {
  const request = { name: 'Marker-seal-7f3a', message: 'call me' }
  const bound = '["consultation/v1","r1","5","email"]'

  it('opens what it sealed, and the sealed text carries none of it', () => {
    const sealed = seal(request, SECRET, bound)
    expect(sealed).toMatch(/^v1\.[A-Za-z0-9_-]+$/)
    expect(sealed).not.toContain('Marker')
    expect(Buffer.from(sealed.slice(3), 'base64url').toString('latin1')).not.toContain('Marker')
    expect(open(sealed, SECRET, bound)).toEqual(request)
  })

  it('uses a fresh nonce for every message', () => {
    expect(seal(request, SECRET, bound)).not.toBe(seal(request, SECRET, bound))
  })

  it('refuses another secret, another binding or an altered message, with a content-free error', () => {
    const sealed = seal(request, SECRET, bound)
    const tampered = `${sealed.slice(0, -6)}${sealed.slice(-6, -5) === 'A' ? 'B' : 'A'}${sealed.slice(-5)}`
    for (const attempt of [
      () => open(sealed, `${SECRET}x`, bound),
      () => open(sealed, SECRET, bound.replace('email', 'webhook')),
      () => open(tampered, SECRET, bound),
      () => open('v2.abc', SECRET, bound),
    ]) {
      expect(attempt).toThrow(SealError)
      try {
        attempt()
      } catch (error) {
        expect((error as Error).message).not.toContain('Marker')
      }
    }
  })
})

describe('the form token', () => {
  const now = 1_800_000_000_000
  it('accepts a form sent after the minimum fill time and before it expires', () => {
    const token = formToken('albuquerque', SECRET, now)
    expect(checkFormToken(token, 'albuquerque', SECRET, LIMITS, now + 3000)).toBe('ok')
    expect(checkFormToken(token, 'albuquerque', SECRET, LIMITS, now + 2999)).toBe('too-soon')
    expect(checkFormToken(token, 'albuquerque', SECRET, LIMITS, now + LIMITS.maxAgeMs + 1)).toBe(
      'expired',
    )
  })

  it("refuses a missing, malformed, forged or another clinic's token", () => {
    const token = formToken('albuquerque', SECRET, now)
    expect(checkFormToken(undefined, 'albuquerque', SECRET, LIMITS, now + 5000)).toBe('missing')
    expect(checkFormToken('12.abc', 'albuquerque', SECRET, LIMITS, now + 5000)).toBe('invalid')
    expect(checkFormToken(token, 'temecula', SECRET, LIMITS, now + 5000)).toBe('invalid')
    expect(
      checkFormToken(
        token.replace(/^\d+/, String(now - 60_000)),
        'albuquerque',
        SECRET,
        LIMITS,
        now + 5000,
      ),
    ).toBe('invalid')
    expect(
      checkFormToken(
        formToken('albuquerque', 'other-secret', now),
        'albuquerque',
        SECRET,
        LIMITS,
        now + 5000,
      ),
    ).toBe('invalid')
  })
})

describe('validating a submission', () => {
  it('accepts a complete form, normalised', () => {
    const { fields, problems } = validateSubmission(valid(), LOCATIONS)
    expect(problems).toEqual([])
    expect(fields).toEqual({
      name: 'Jordan Example',
      phone: '(505) 555-0188',
      email: 'Jordan@example.com',
      contactMethod: 'phone',
      contactTime: 'any',
      location: 'temecula',
      message: 'Is there parking?\nThanks',
    })
  })

  it.each([
    ['a name with CR/LF', { [FIELD.name]: 'Ann\r\nBcc: x@example.com' }, FIELD.name],
    ['an email with CR/LF', { [FIELD.email]: 'a@example.com\nBcc: x@example.com' }, FIELD.email],
    ['a name with a line separator', { [FIELD.name]: 'Ann\u2028Bee' }, FIELD.name],
    ['a name with markup', { [FIELD.name]: '<b>Ann</b>' }, FIELD.name],
    ['a phone number without enough digits', { [FIELD.phone]: '12' }, FIELD.phone],
    ['a phone number with letters', { [FIELD.phone]: '505 CALL NOW' }, FIELD.phone],
    ['an address that is no email', { [FIELD.email]: 'jordan at example' }, FIELD.email],
    ['neither phone nor email', { [FIELD.phone]: '', [FIELD.email]: '' }, FIELD.phone],
    [
      'email contact without an email',
      { [FIELD.email]: '', [FIELD.contactMethod]: 'email' },
      FIELD.email,
    ],
    ['a contact method that is not offered', { [FIELD.contactMethod]: 'fax' }, FIELD.contactMethod],
    ['a time that is not offered', { [FIELD.contactTime]: 'midnight' }, FIELD.contactTime],
    ['a clinic outside the network', { [FIELD.location]: 'elsewhere' }, FIELD.location],
    ['a message over the limit', { [FIELD.message]: 'x'.repeat(501) }, FIELD.message],
    ['HTML in the message', { [FIELD.message]: 'hi <img src=x onerror=alert(1)>' }, FIELD.message],
    ['an unclosed tag in the message', { [FIELD.message]: 'hi <script src=//evil' }, FIELD.message],
    ['a link in the message', { [FIELD.message]: 'see www.example.com' }, FIELD.message],
    ['control characters in the message', { [FIELD.message]: 'a\u0000b' }, FIELD.message],
    ['no consent', { [FIELD.consent]: undefined }, FIELD.consent],
    ['a field sent twice', { [FIELD.name]: ['Ann', 'Bee'] }, FIELD.name],
  ])('refuses %s, naming the field', (_, overrides, field) => {
    const { fields, problems } = validateSubmission(valid(overrides), LOCATIONS)
    expect(fields).toBeUndefined()
    expect(problems.map((problem) => problem.field)).toContain(field)
  })

  it('keeps a message with ordinary punctuation, "<3" and "a < b" included', () => {
    expect(
      validateSubmission(valid({ [FIELD.message]: 'Mornings <3, pain < 5 most days' }), LOCATIONS)
        .problems,
    ).toEqual([])
  })

  it('never repeats a submitted value in a problem', () => {
    const marker = 'zq9marker'
    const { problems } = validateSubmission(
      {
        [FIELD.name]: `<${marker}>`,
        [FIELD.phone]: `${marker}`,
        [FIELD.email]: `${marker}@`,
        [FIELD.contactMethod]: marker,
        [FIELD.contactTime]: marker,
        [FIELD.location]: marker,
        [FIELD.message]: `<${marker}> https://${marker}.example`,
        [FIELD.consent]: marker,
      },
      LOCATIONS,
    )
    expect(problems.length).toBeGreaterThan(5)
    expect(JSON.stringify(problems)).not.toContain(marker)
  })
})

describe('the refusal page', () => {
  const page =
    `<html><head><title>Request a consultation</title></head><body>${ERROR_SUMMARY_MARKER}` +
    `<label>Phone${fieldErrorMarker(FIELD.phone)}</label><input name="phone" ${fieldControlAttribute(FIELD.phone)}>` +
    `<label>Name${fieldErrorMarker(FIELD.name)}</label><input name="name" ${fieldControlAttribute(FIELD.name)}>` +
    `<input name="${FIELD.token}" value="${TOKEN_PLACEHOLDER}"></body></html>`

  it("puts the summary, the field's error and aria-invalid where the site left markers, and a fresh token", () => {
    const html = stampToken(
      refusalPage(page, [{ field: FIELD.phone, message: 'Enter a phone number using digits.' }]),
      '1800000000000.token',
    )
    expect(html).toContain('<title>Error: Request a consultation</title>')
    expect(html).toMatch(
      /<div class="error-summary" role="alert"[^>]*>.*<a href="#consultation-phone">Enter a phone number using digits\.<\/a>/,
    )
    expect(html).toContain(
      '<span class="field-error">Error: Enter a phone number using digits.</span>',
    )
    expect(html).toContain(`${fieldControlAttribute(FIELD.phone)} aria-invalid="true"`)
    expect(html).not.toContain(`${fieldControlAttribute(FIELD.name)} aria-invalid`)
    expect(html).toContain('value="1800000000000.token"')
  })
})

import { describe, expect, it } from 'vitest'

import { isHttpUrl, isSafeHref } from '../../shared/src/url.ts'

describe('isSafeHref', () => {
  it.each([
    'https://www.nimh.nih.gov/',
    'http://example.com/page?x=1#y',
    'mailto:care@clinic.example',
    'tel:+15055550142',
    '/articles/what-to-expect/',
    '#references',
    'relative/path',
    '?page=2',
  ])('allows %s', (url) => {
    expect(isSafeHref(url)).toBe(true)
  })

  it.each([
    'javascript:alert(1)',
    'JavaScript:alert(1)',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\u200Bscript:alert(1)',
    'data:text/html;base64,PHNjcmlwdD4=',
    'vbscript:msgbox(1)',
    'file:///etc/passwd',
    '//evil.example/path',
    '\\\\evil.example',
    '',
  ])('refuses %j', (url) => {
    expect(isSafeHref(url)).toBe(false)
  })
})

describe('isHttpUrl', () => {
  it('accepts absolute http(s) URLs with a host', () => {
    expect(isHttpUrl('https://www.who.int/')).toBe(true)
  })

  it.each(['ftp://files.example.com', 'https://localhost', 'not a url', 'javascript:alert(1)'])(
    'refuses %j',
    (url) => {
      expect(isHttpUrl(url)).toBe(false)
    },
  )
})

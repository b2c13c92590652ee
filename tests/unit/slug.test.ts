import { describe, expect, it } from 'vitest'

import { MAX_SLUG_LENGTH, normalizeSlug, slugify, slugProblem } from '../../shared/src/slug.ts'

describe('slugify', () => {
  it('lower-cases and hyphenates a title', () => {
    expect(slugify('Is Ketamine Infusion Right for You?')).toBe(
      'is-ketamine-infusion-right-for-you',
    )
  })

  it('joins apostrophes instead of splitting words', () => {
    expect(slugify("What's a booster infusion?")).toBe('whats-a-booster-infusion')
  })

  it('drops zero-width and bidi characters from titles', () => {
    expect(slugify('Keta\u200Bmine\u202E vs\u2060 opioids')).toBe('ketamine-vs-opioids')
  })

  it('normalises to NFC so composed and decomposed letters give one slug', () => {
    const decomposed = 'Cafe\u0301 con leche'
    expect(slugify(decomposed)).toBe('caf\u00e9-con-leche')
    expect(slugify(decomposed)).toBe(slugify('Caf\u00e9 con leche'))
  })

  it('keeps slugs within the maximum length at a word boundary', () => {
    const slug = slugify('word '.repeat(60))
    expect(slug.length).toBeLessThanOrEqual(MAX_SLUG_LENGTH)
    expect(slug.endsWith('-')).toBe(false)
  })
})

describe('normalizeSlug and slugProblem', () => {
  it('accepts a clean slug', () => {
    expect(slugProblem(normalizeSlug('What-To-Expect'))).toBeNull()
    expect(normalizeSlug(' What To_Expect ')).toBe('what-to-expect')
  })

  it.each([
    ['zero-width space', 'what\u200Bto-expect'],
    ['right-to-left override', 'what-to-\u202Eexpect'],
    ['byte-order mark', 'what-to\uFEFF-expect'],
    ['control character', 'what\u0007-to-expect'],
  ])('refuses a %s', (_label, slug) => {
    expect(slugProblem(normalizeSlug(slug))).toMatch(/invisible or control/)
  })

  it.each([['double--hyphen'], ['-leading'], ['trailing-'], ['with/slash'], ['with.dot'], ['']])(
    'refuses %j',
    (slug) => {
      expect(slugProblem(slug)).not.toBeNull()
    },
  )
})

import { describe, expect, it } from 'vitest'

import { isWeakSecret } from '../../cms/src/lib/env.ts'

describe('isWeakSecret', () => {
  it('accepts a random 64-character hex secret', () => {
    expect(isWeakSecret('9f2c4e7a1b3d5f60a8c2e4b6d8f0a1c3e5b7d9f1a2c4e6b8d0f2a4c6e8b0d2f4')).toBe(
      false,
    )
  })

  it.each([
    ['too short', 'a1b2c3d4e5f6'],
    ['a placeholder', 'YOUR_SECRET_HERE'],
    ['one repeated character', 'a'.repeat(64)],
    ['a repeated word', 'changeme'.repeat(5)],
  ])('refuses %s', (_label, secret) => {
    expect(isWeakSecret(secret)).toBe(true)
  })
})

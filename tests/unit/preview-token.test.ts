import { describe, expect, it } from 'vitest'

import { previewChoices } from '../../cms/src/preview/clinics.ts'
import { parseHtml, textOf } from '../support/site.ts'
import { signedPreviewPath } from '../../cms/src/preview/links.ts'
import { decoratePreview } from '../../cms/src/preview/page.ts'
import {
  previewClaims,
  previewTtlSeconds,
  signPreview,
  verifyPreview,
  type PreviewClaims,
  type PreviewLinkParts,
} from '../../cms/src/preview/token.ts'

const SECRET = '6b1f0c9e2d7a4b3c8e5f1a0d9c7b2e4f6a8d0c2e4b6f8a1c3e5d7f9b0a2c4e6d'
const NOW = Date.UTC(2026, 0, 15, 12, 0, 0)
const TTL = 900

const claims: PreviewClaims = {
  collection: 'articles',
  id: '42',
  clinic: 'temecula',
  expires: NOW / 1000 + TTL,
}
const partsOf = (c: PreviewClaims, signature = signPreview(c, SECRET)) => ({
  ...c,
  expires: String(c.expires),
  signature,
})
const verify = (parts: PreviewLinkParts, now = NOW) =>
  verifyPreview(parts, SECRET, { now, ttlSeconds: TTL })

describe('preview link signatures', () => {
  it('accepts a link it signed, until it expires', () => {
    expect(verify(partsOf(claims))).toEqual({ ok: true, claims })
    expect(verify(partsOf(claims), NOW + (TTL - 1) * 1000)).toEqual({ ok: true, claims })
  })

  it('refuses the same link once expired', () => {
    expect(verify(partsOf(claims), NOW + TTL * 1000)).toEqual({ ok: false, reason: 'expired' })
  })

  it.each([
    ['another clinic', { clinic: 'albuquerque' }],
    ['another document', { id: '43' }],
    ['another collection', { collection: 'faqs' }],
    ['a later expiry', { expires: String(claims.expires + 60) }],
  ])('refuses a link changed to name %s', (_label, change) => {
    expect(verify({ ...partsOf(claims), ...change })).toEqual({ ok: false, reason: 'signature' })
  })

  it('refuses a changed or foreign signature', () => {
    const signature = signPreview(claims, SECRET)
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`
    expect(verify(partsOf(claims, flipped))).toEqual({ ok: false, reason: 'signature' })
    expect(verify(partsOf(claims, signPreview(claims, `${SECRET}x`)))).toEqual({
      ok: false,
      reason: 'signature',
    })
  })

  it('refuses a validly signed link that claims more than the configured lifetime', () => {
    const longLived = { ...claims, expires: NOW / 1000 + TTL * 10 }
    expect(verify(partsOf(longLived))).toEqual({ ok: false, reason: 'expired' })
  })

  it.each([
    ['no signature', { signature: undefined }],
    ['a short signature', { signature: 'abc' }],
    ['two clinics', { clinic: ['temecula', 'albuquerque'] }],
    ['a collection without previews', { collection: 'users' }],
    ['an id with a path in it', { id: '../42' }],
    ['a non-numeric expiry', { expires: '1e12' }],
    ['a clinic slug with markup', { clinic: '<b>x</b>' }],
  ])('refuses %s as malformed', (_label, change) => {
    expect(verify({ ...partsOf(claims), ...change })).toEqual({ ok: false, reason: 'malformed' })
  })

  it('signs every field unambiguously (no field can borrow from the next)', () => {
    const a = signPreview({ collection: 'articles', id: '1', clinic: '2-x', expires: 5 }, SECRET)
    const b = signPreview({ collection: 'articles', id: '12', clinic: 'x', expires: 5 }, SECRET)
    expect(a).not.toBe(b)
  })

  it('builds links that verify: 15 minutes by default, PREVIEW_TTL_SECONDS when set, refusing nonsense', () => {
    expect(previewTtlSeconds({})).toBe(900)
    expect(previewTtlSeconds({ PREVIEW_TTL_SECONDS: '5' })).toBe(5)
    expect(() => previewTtlSeconds({ PREVIEW_TTL_SECONDS: '-1' })).toThrow(/PREVIEW_TTL_SECONDS/)
    expect(() => previewTtlSeconds({ PREVIEW_TTL_SECONDS: 'soon' })).toThrow(/PREVIEW_TTL_SECONDS/)

    const made = previewClaims({ collection: 'faqs', id: '7', clinic: 'waxahachie' }, TTL, NOW)
    const url = new URL(signedPreviewPath(made, SECRET), 'http://cms.test')
    expect(url.pathname).toBe('/preview/faqs/7')
    const verdict = verify({
      collection: 'faqs',
      id: '7',
      clinic: url.searchParams.get('clinic'),
      expires: url.searchParams.get('expires'),
      signature: url.searchParams.get('signature'),
    })
    expect(verdict).toEqual({
      ok: true,
      claims: { collection: 'faqs', id: '7', clinic: 'waxahachie', expires: NOW / 1000 + TTL },
    })
  })
})

describe('preview clinics', () => {
  const clinics = [
    {
      id: 1,
      name: 'Temecula',
      slug: 'temecula',
      siteUrl: 'https://t.example',
      timezone: 'America/Los_Angeles',
      optedOutArticles: [],
    },
    {
      id: 2,
      name: 'Albuquerque',
      slug: 'albuquerque',
      siteUrl: 'https://a.example',
      timezone: 'America/Denver',
      optedOutArticles: [9],
    },
    {
      id: 3,
      name: 'Waxahachie',
      slug: 'waxahachie',
      siteUrl: 'https://w.example',
      timezone: 'America/Chicago',
      optedOutArticles: [],
    },
  ]
  const article = (fields: Record<string, unknown>) =>
    ({ id: 9, title: 'x', _status: 'draft', ...fields }) as never
  const slugs = (list: { slug: string }[]) => list.map((c) => c.slug)

  it('offers the clinics a network article would be shown on, opening on its canonical clinic', () => {
    const choices = previewChoices(
      'articles',
      article({ owner: 'network', syndication: 'all', canonicalClinic: 3 }),
      clinics,
    )
    expect(slugs(choices.choices)).toEqual(['temecula', 'waxahachie']) // Albuquerque opted out
    expect(choices.default?.slug).toBe('waxahachie')
  })

  it('opens a clinic article on its owner clinic only', () => {
    const choices = previewChoices(
      'articles',
      article({ owner: 'clinic', ownerClinic: 2 }),
      clinics,
    )
    expect(slugs(choices.choices)).toEqual(['albuquerque'])
    expect(choices.default?.slug).toBe('albuquerque')
  })

  it('opens a network article shared with no clinic yet on the first clinic', () => {
    const choices = previewChoices(
      'articles',
      article({ owner: 'network', syndication: 'selected', clinics: [] }),
      clinics,
    )
    expect(slugs(choices.choices)).toEqual(['albuquerque'])
  })

  it('offers every clinic for a network FAQ and the owner for a clinic FAQ', () => {
    expect(
      slugs(previewChoices('faqs', { id: 5, owner: 'network' } as never, clinics).choices),
    ).toEqual(['albuquerque', 'temecula', 'waxahachie'])
    expect(
      slugs(
        previewChoices('faqs', { id: 5, owner: 'clinic', ownerClinic: 3 } as never, clinics)
          .choices,
      ),
    ).toEqual(['waxahachie'])
  })
})

describe('decorated preview page', () => {
  const clinic = {
    id: 1,
    name: 'Temecula <Valley>',
    slug: 'temecula',
    siteUrl: 'https://temecula.example/',
    timezone: 'America/Los_Angeles',
  }
  const html =
    '<!DOCTYPE html><html><head><link rel="icon" href="/favicon.svg"></head><body><a href="/articles/">A</a><a href="#main">skip</a><img src="/api/media/file/x.png" srcset="/api/media/file/x.png 480w"></body></html>'
  const page = decoratePreview(html, {
    collection: 'articles',
    id: '9',
    clinic,
    choices: [{ clinic, href: '/preview/articles/9?clinic=temecula&expires=1&signature=s' }],
    expires: NOW / 1000 + TTL,
    editHref: '/admin/collections/articles/9',
  })

  it('sends site links to the live clinic site and keeps images and the banner on the CMS', () => {
    expect(page).toContain('href="https://temecula.example/articles/"')
    expect(page).toContain('href="https://temecula.example/favicon.svg"')
    expect(page).toContain('href="#main"')
    expect(page).toContain('src="/api/media/file/x.png" srcset="/api/media/file/x.png 480w"')
    expect(page).toContain('href="/admin/collections/articles/9"')
  })

  it('opens the body with an escaped banner naming the expiry in the clinic time zone', async () => {
    expect(page).toMatch(/<body><aside aria-label="Draft preview"/)
    const banner = (await parseHtml(page)).querySelector('aside[data-draft-preview]')
    expect(textOf(banner)).toMatch(
      /^Unpublished draft preview\. .* expires at 4:15 AM PST\.\s*Previewed on: Temecula <Valley> · Back to the editor$/,
    )
    expect(page).toContain(
      `datetime="${new Date(NOW + TTL * 1000).toISOString()}">4:15 AM PST</time>`,
    )
  })
})

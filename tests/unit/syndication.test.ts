import { describe, expect, it } from 'vitest'

import {
  canonicalClinicOf,
  canonicalFor,
  clinicsShowing,
  isArticleOnClinic,
  type SyndicationClinic,
  type SyndicatedArticle,
} from '../../shared/src/syndication.ts'

const clinic = (id: number, slug: string, optedOutArticles: number[] = []): SyndicationClinic => ({
  id,
  slug,
  siteUrl: `https://${slug}.clinic.example/`,
  optedOutArticles,
})
const A = clinic(1, 'albuquerque')
const B = clinic(2, 'waxahachie')
const C = clinic(3, 'temecula')
const network = (
  over: Omit<Partial<SyndicatedArticle>, 'slug'>,
): SyndicatedArticle & { slug: string } => ({
  id: 10,
  slug: 'booster-infusions',
  owner: 'network',
  syndication: 'selected',
  clinics: [],
  _status: 'published',
  ...over,
})

describe('which clinics show an article', () => {
  it('shows a network article on exactly its listed clinics', () => {
    const article = network({ clinics: [1, { id: 3 }] })
    expect(clinicsShowing(article, [A, B, C]).map((c) => c.slug)).toEqual([
      'albuquerque',
      'temecula',
    ])
  })

  it('shows an "all clinics" article on a clinic created later', () => {
    const later = clinic(99, 'santa-fe')
    expect(isArticleOnClinic(network({ syndication: 'all' }), later)).toBe(true)
  })

  it('removes an article from a clinic that opted out, and only there', () => {
    const optedOut = clinic(2, 'waxahachie', [10])
    const article = network({ syndication: 'all' })
    expect(clinicsShowing(article, [A, optedOut, C]).map((c) => c.slug)).toEqual([
      'albuquerque',
      'temecula',
    ])
  })

  it('shows a local article on its owner clinic only, whatever its lists say', () => {
    const local = network({ owner: 'clinic', ownerClinic: 2, syndication: 'all', clinics: [1, 3] })
    expect(clinicsShowing(local, [A, B, C]).map((c) => c.slug)).toEqual(['waxahachie'])
  })

  it('never shows a draft', () => {
    expect(clinicsShowing(network({ syndication: 'all', _status: 'draft' }), [A, B, C])).toEqual([])
  })
})

describe('canonical URL', () => {
  it('uses the chosen canonical clinic of a network article', () => {
    const article = network({ clinics: [1, 3], canonicalClinic: 3 })
    expect(canonicalFor(article, A, [A, B, C], { noindexCopies: false })).toEqual({
      canonicalUrl: 'https://temecula.clinic.example/articles/booster-infusions/',
      isCanonicalCopy: false,
      noindex: false,
    })
  })

  it('marks non-canonical copies noindex only when the network says so', () => {
    const article = network({ clinics: [1, 3], canonicalClinic: 3 })
    expect(canonicalFor(article, A, [A, B, C], { noindexCopies: true }).noindex).toBe(true)
    expect(canonicalFor(article, C, [A, B, C], { noindexCopies: true })).toMatchObject({
      isCanonicalCopy: true,
      noindex: false,
    })
  })

  it('falls back to the first showing clinic by slug when the chosen one does not show it', () => {
    const article = network({ clinics: [1, 3], canonicalClinic: 2 })
    expect(canonicalClinicOf(article, [C, A, B])?.slug).toBe('albuquerque')
  })

  it('uses the owner clinic for a local article', () => {
    const local = network({ owner: 'clinic', ownerClinic: 2 })
    expect(canonicalFor(local, B, [A, B, C], { noindexCopies: true })).toEqual({
      canonicalUrl: 'https://waxahachie.clinic.example/articles/booster-infusions/',
      isCanonicalCopy: true,
      noindex: false,
    })
  })
})

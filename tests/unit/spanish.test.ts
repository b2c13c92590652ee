/**
 * The language rules of the publishing path without a build: which languages a write rebuilds,
 * how the publisher merges them, which language each file of a tree belongs to, and the URL
 * scheme of both languages. tests/site/spanish.test.ts covers the same end to end.
 */
import type { Field } from 'payload'
import { describe, expect, it } from 'vitest'

import { localesFromList } from '../../shared/src/locales.ts'
import {
  articleIndexPath,
  articlePath,
  conditionPath,
  faqPath,
  localeOfPath,
  notFoundPath,
  searchPath,
} from '../../shared/src/paths.ts'
import { createCoalescer, type Batch } from '../../cms/src/publishing/coalescer.ts'
import { changedLocales } from '../../cms/src/publishing/hooks.ts'
import { localeOfFile } from '../../site/scripts/build-sites/locales.ts'

const row = (
  status: Record<string, string>,
  slug: Record<string, string> = {},
  more: Record<string, unknown> = {},
) => ({
  id: 1,
  _status: status,
  slug,
  updatedAt: 'x',
  ...more,
})
const both = { en: 'published', es: 'published' }
/** The shape of the articles' config that matters here: localized, shared, nested and listed fields. */
const FIELDS: Field[] = [
  { name: '_status', type: 'select', options: ['draft', 'published'], localized: true },
  { name: 'slug', type: 'text', localized: true },
  { name: 'title', type: 'text', localized: true },
  { name: 'heroImage', type: 'upload', relationTo: 'media' },
  { name: 'publishedAt', type: 'date' },
  { name: 'updatedAt', type: 'date' },
  {
    name: 'meta',
    type: 'group',
    fields: [
      { name: 'title', type: 'text', localized: true },
      { name: 'image', type: 'upload', relationTo: 'media' },
    ],
  },
  {
    name: 'references',
    type: 'array',
    fields: [
      { name: 'title', type: 'text', localized: true },
      { name: 'url', type: 'text' },
    ],
  },
]
const ARTICLE = { linkedAcrossLocales: true, fields: FIELDS }

describe('which languages a write to a published article rebuilds', () => {
  const es = { locale: 'es' as const }
  const same = ['albuquerque']

  it('rebuilds only Spanish for an edit of a published Spanish text', () => {
    const before = row(both, { en: 'a', es: 'a-es' })
    const after = row(both, { en: 'a', es: 'a-es' })
    expect(changedLocales(es, before, after, same, same, ARTICLE)).toEqual(['es'])
  })

  it('rebuilds both languages when the Spanish version is first published (the English page gains its switcher)', () => {
    const before = row({ en: 'published', es: 'draft' }, { en: 'a', es: 'a-es' })
    const after = row(both, { en: 'a', es: 'a-es' })
    expect(changedLocales(es, before, after, same, same, ARTICLE)).toEqual(['en', 'es'])
  })

  it('rebuilds both languages when the Spanish is unpublished or its slug moves', () => {
    const before = row(both, { en: 'a', es: 'a-es' })
    expect(
      changedLocales(es, before, row({ en: 'published', es: 'draft' }), same, same, ARTICLE),
    ).toEqual(['en', 'es'])
    expect(
      changedLocales(es, before, row(both, { en: 'a', es: 'b-es' }), same, same, ARTICLE),
    ).toEqual(['en', 'es'])
  })

  it('rebuilds only English for the first publish of an English article (no Spanish page links to it)', () => {
    const after = row({ en: 'published', es: 'draft' }, { en: 'a' })
    expect(changedLocales({ locale: 'en' }, null, after, [], same, ARTICLE)).toEqual(['en'])
  })

  it('rebuilds only Spanish when a Spanish FAQ is first published (FAQs have no page to link to)', () => {
    const before = row({ en: 'published', es: 'draft' })
    const after = row(both)
    expect(
      changedLocales(es, before, after, same, same, { linkedAcrossLocales: false, fields: FIELDS }),
    ).toEqual(['es'])
  })

  it('rebuilds only the language whose text changed, through groups and lists', () => {
    const text = (esTitle: string, esReference: string) => ({
      title: { en: 'Title', es: esTitle },
      meta: { title: { en: 'Meta', es: `Meta ${esTitle}` }, image: 7 },
      references: [
        { id: 'r1', title: { en: 'Reference', es: esReference }, url: 'https://a.example/' },
      ],
    })
    const before = row(both, { en: 'a', es: 'a-es' }, text('Título', 'Referencia'))
    const saved = { ...text('Título nuevo', 'Referencia nueva'), updatedAt: 'y' }
    const after = row(both, { en: 'a', es: 'a-es' }, saved)
    expect(changedLocales(es, before, after, same, same, ARTICLE)).toEqual(['es'])
    expect(changedLocales({ locale: 'en' }, before, after, same, same, ARTICLE)).toEqual([
      'en',
      'es',
    ])
  })

  it('rebuilds every published language when a field they share changes, whichever language was edited', () => {
    const before = row(both, { en: 'a', es: 'a-es' }, { heroImage: 1, publishedAt: 'monday' })
    const image = row(both, { en: 'a', es: 'a-es' }, { heroImage: 2, publishedAt: 'monday' })
    expect(changedLocales(es, before, image, same, same, ARTICLE)).toEqual(['en', 'es'])
    // Republishing the English restamps the article's date, which the Spanish pages show too.
    const english = row(both, { en: 'a', es: 'a-es' }, { heroImage: 1, publishedAt: 'tuesday' })
    expect(changedLocales({ locale: 'en' }, before, english, same, same, ARTICLE)).toEqual([
      'en',
      'es',
    ])
    const listImage = (image: number) =>
      row(both, { en: 'a', es: 'a-es' }, { meta: { title: { en: 'M', es: 'M' }, image } })
    expect(changedLocales(es, listImage(1), listImage(3), same, same, ARTICLE)).toEqual([
      'en',
      'es',
    ])
  })

  it('rebuilds every published language when the clinics showing the article change', () => {
    const before = row(both, { en: 'a', es: 'a-es' })
    const after = row(both, { en: 'a', es: 'a-es' })
    expect(changedLocales(es, before, after, same, ['albuquerque', 'temecula'], ARTICLE)).toEqual([
      'en',
      'es',
    ])
  })
})

describe('the publisher merging languages', () => {
  const build = () => {
    const batches: Batch[] = []
    return {
      batches,
      coalescer: createCoalescer({
        build: async (batch) => void batches.push(batch),
        gatherMs: 20,
      }),
    }
  }
  const request = (locales?: string[]) => ({
    clinics: ['albuquerque'],
    removals: false,
    reason: 'r',
    ...(locales ? { locales } : {}),
  })

  it('builds the union of the requests’ languages', async () => {
    const { batches, coalescer } = build()
    await Promise.all([coalescer.request(request(['es'])), coalescer.request(request(['es']))])
    await Promise.all([coalescer.request(request(['es'])), coalescer.request(request(['en']))])
    expect(batches.map((batch) => batch.locales)).toEqual([['es'], ['en', 'es']])
  })

  it('builds every language when one request named none', async () => {
    const { batches, coalescer } = build()
    await Promise.all([coalescer.request(request(['es'])), coalescer.request(request())])
    expect(batches).toHaveLength(1)
    expect(batches[0]!.locales).toBeUndefined()
  })
})

describe('languages of paths and files', () => {
  it('puts Spanish pages under /es/ with Spanish words', () => {
    expect(articlePath('x')).toBe('/articles/x/')
    expect(articlePath('x', 'es')).toBe('/es/articulos/x/')
    expect(articleIndexPath(1, 'es')).toBe('/es/articulos/')
    expect(articleIndexPath(3, 'es')).toBe('/es/articulos/pagina/3/')
    expect(conditionPath('dolor', 'es')).toBe('/es/condiciones/dolor/')
    expect(faqPath('es')).toBe('/es/preguntas-frecuentes/')
    expect(searchPath('es')).toBe('/es/buscar/')
    expect(notFoundPath('es')).toBe('/es/404.html')
    expect(localeOfPath('/es/articulos/x/')).toBe('es')
    expect(localeOfPath('/escape/')).toBe('en')
    expect(localeOfPath('/articles/es/')).toBe('en')
  })

  it('tells which language each file of a tree belongs to (shared files belong to none)', () => {
    expect(localeOfFile('articles/x/index.html')).toBe('en')
    expect(localeOfFile('rss.xml')).toBe('en')
    expect(localeOfFile('es/articulos/x/index.html')).toBe('es')
    expect(localeOfFile('es/rss.xml')).toBe('es')
    expect(localeOfFile('escape/index.html')).toBe('en')
    for (const shared of ['sitemap.xml', '404.html', 'es/404.html', '_astro/a.css', 'pagefind/x'])
      expect(localeOfFile(shared), shared).toBeUndefined()
  })

  it('reads SITES_LOCALES: none or all means every language, an unknown code is an error', () => {
    expect(localesFromList('')).toBeUndefined()
    expect(localesFromList('en,es')).toBeUndefined()
    expect(localesFromList(' es ')).toEqual(['es'])
    expect(() => localesFromList('es,fr')).toThrow(/fr/)
  })
})

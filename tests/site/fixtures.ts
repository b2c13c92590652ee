/**
 * The network the site tests build: the demo network as seeded on a fresh database, plus content
 * that exercises what the demo lacks (drafts, hostile text, an image), created through the Local
 * API with Payload's own hooks (medical-review gate, publish stamps). One real build of it.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Article, Clinic, Condition, Faq, Provider } from '@clinic/shared/payload-types'
import type { Payload } from 'payload'
import sharp from 'sharp'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, localApi, startCms } from '../support/cms.ts'
import { type BuildResult, buildSitesOrThrow } from '../support/site.ts'

type Id = string | number

export const CLINIC_SLUGS = ['albuquerque', 'temecula', 'waxahachie'] as const
export const ADMIN = {
  ADMIN_EMAIL: 'site-tests.admin@clinic-test.example',
  ADMIN_PASSWORD: 'site-tests-admin-password-1',
}

const suffix = randomBytes(4).toString('hex')
/** Lower-case words only drafts contain: found anywhere in the output, a draft leaked. */
export const DRAFT_MARKERS = {
  articleDraftOnly: `sitedraftonly${suffix}`,
  articleNewerDraft: `sitenewerdraft${suffix}`,
  faqDraftOnly: `sitefaqdraft${suffix}`,
  /** A Spanish draft of an article published in English only. */
  spanishDraft: `siteborradores${suffix}`,
}
/** In the live version of the article that also has a newer draft: must be found (the search is not vacuous). */
export const LIVE_MARKER = `sitelivecopy${suffix}`

export const SCRIPT_TEXT = '<script>alert(1)</script>'
export const ATTRIBUTE_BREAKER = '" onmouseover="x'
export const HOSTILE_URL = 'https://example.org/?q="onmouseover="x&r=<b>'

export const FIXTURES = {
  /** Network article shared to all, with a newer unpublished draft (other title, body and slug). */
  liveWithDraft: {
    slug: 'after-your-infusion-fixture',
    title: 'After your infusion: the first evening at home',
  },
  draftOnlySlug: `draft-only-${DRAFT_MARKERS.articleDraftOnly}`,
  /** Albuquerque's local article with script-like text everywhere text goes. */
  escaping: {
    clinic: 'albuquerque',
    slug: 'escaping-check',
    // html-validate's long-title counts characters as written (`&lt;` is 4): this stays under 70 so.
    title: `${SCRIPT_TEXT} ${ATTRIBUTE_BREAKER}`,
    referenceTitle: '<img src=x onerror=alert(2)>',
  },
  /** A network article shared to all clinics that Waxahachie opts out of. */
  optedOut: { clinic: 'waxahachie', slug: 'ketamine-side-effects-and-safety' },
  /**
   * Network article shown on Temecula only, with a hero image and an image in its body; published
   * in English, with a Spanish draft (never on a site).
   */
  illustrated: {
    clinic: 'temecula',
    slug: 'inside-our-infusion-rooms',
    title: 'Inside our infusion rooms',
    alt: 'A quiet infusion room with a reclining chair',
    spanishDraftSlug: `dentro-de-nuestras-salas-${DRAFT_MARKERS.spanishDraft}`,
  },
} as const

/** What anonymous readers get from the REST API: the source of the tests' expectations. */
export interface RestSnapshot {
  clinics: (Clinic & { slug: string })[]
  articles: (Article & { slug: string })[]
  faqs: Faq[]
  conditions: Condition[]
  providers: Provider[]
  settings: { noindexSyndicatedCopies?: boolean | null; networkName: string }
  /**
   * What the API gives in Spanish (`locale=es`, no fallback): the documents published in Spanish,
   * those with their Spanish text only (a condition without a Spanish name has no Spanish page).
   */
  spanish: {
    articles: (Article & { slug: string })[]
    faqs: Faq[]
    conditions: (Condition & { slug: string })[]
  }
}

export interface BuiltNetwork {
  cms: CmsHandle
  payload: Payload
  /** SITES_DIR of the build: the folder the CMS serves at <clinic>.localhost. */
  sitesDir: string
  tree: (clinic: string) => string
  rest: RestSnapshot
  build: BuildResult
  stop: () => Promise<void>
}

const textNode = (text: string) => ({
  type: 'text',
  text,
  detail: 0,
  format: 0,
  mode: 'normal',
  style: '',
  version: 1,
})
const paragraph = (...children: unknown[]) => ({
  type: 'paragraph',
  children,
  direction: 'ltr',
  format: '',
  indent: 0,
  version: 1,
  textFormat: 0,
})
const linkNode = (fields: Record<string, unknown>, label: string) => ({
  type: 'link',
  version: 3,
  id: randomBytes(12).toString('hex'),
  direction: 'ltr',
  format: '',
  indent: 0,
  fields: { newTab: false, ...fields },
  children: [textNode(label)],
})
const bodyOf = (...children: unknown[]) =>
  ({
    root: { type: 'root', children, direction: 'ltr', format: '', indent: 0, version: 1 },
  }) as unknown as Article['body']

async function getJson<T>(url: string): Promise<T> {
  // Past the CMS's micro-cache for anonymous reads: the fixtures were written by another process.
  const response = await fetch(url, { headers: { 'cache-control': 'no-cache' } })
  if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`)
  return (await response.json()) as T
}

async function restSnapshot(cmsUrl: string): Promise<RestSnapshot> {
  // One page: anonymous requests get at most 100 documents (API_MAX_LIMIT_ANONYMOUS).
  const list = async <T>(collection: string, query = '') => {
    const page = await getJson<{ docs: T[]; totalDocs: number }>(
      `${cmsUrl}/api/${collection}?limit=100&depth=0${query}`,
    )
    if (page.totalDocs > page.docs.length)
      throw new Error(`${collection}: ${page.totalDocs} documents do not fit one page of 100`)
    return page.docs
  }
  return {
    clinics: await list('clinics'),
    articles: await list('articles'),
    faqs: await list('faqs'),
    conditions: await list('conditions'),
    providers: await list('providers'),
    settings: await getJson(`${cmsUrl}/api/globals/network-settings?depth=0`),
    spanish: {
      articles: (await list<Article & { slug: string }>('articles', SPANISH)).filter(
        (article) => article.title && article.slug,
      ),
      faqs: (await list<Faq>('faqs', SPANISH)).filter((faq) => faq.question),
      conditions: (await list<Condition & { slug: string }>('conditions', SPANISH)).filter(
        (condition) => condition.name && condition.summary && condition.slug,
      ),
    },
  }
}

const SPANISH = '&locale=es&fallback-locale=none'

async function addFixtures(payload: Payload): Promise<void> {
  const as = { overrideAccess: true, depth: 0 } as const
  const one = async <T>(
    collection: 'clinics' | 'providers' | 'users' | 'conditions',
    where: Record<string, unknown>,
  ) =>
    (await payload.find({ collection, where: where as never, limit: 1, ...as }))
      .docs[0] as unknown as T & { id: Id }
  const clinic = (slug: string) => one<Clinic>('clinics', { slug: { equals: slug } })
  const reviewer = await one<{ id: Id }>('users', { roles: { contains: 'medical-reviewer' } })
  const review = {
    medicalReviewer: reviewer.id,
    lastReviewedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
  }
  const depression = await one<Condition>('conditions', { slug: { equals: 'depression' } })

  const network = async (data: Record<string, unknown>, status: 'published' | 'draft') =>
    payload.create({
      collection: 'articles',
      data: {
        owner: 'network',
        syndication: 'all',
        author: (await one<Provider>('providers', { slug: { equals: 'elena-marquez' } })).id,
        ...review,
        ...data,
        _status: status,
      } as never,
      draft: status === 'draft',
      ...as,
    })

  const draftOnly = await network(
    {
      title: `Ketamine and sleep ${DRAFT_MARKERS.articleDraftOnly}`,
      slug: FIXTURES.draftOnlySlug,
      excerpt: `Not reviewed yet ${DRAFT_MARKERS.articleDraftOnly}.`,
      body: toLexical([{ p: `Unreviewed claims ${DRAFT_MARKERS.articleDraftOnly}.` }]),
      conditions: [depression.id],
    },
    'draft',
  )

  const live = await network(
    {
      title: FIXTURES.liveWithDraft.title,
      slug: FIXTURES.liveWithDraft.slug,
      excerpt: 'Rest, hydrate and let someone else drive.',
      body: toLexical([{ p: `Plan a quiet evening at home. Reference ${LIVE_MARKER}.` }]),
      conditions: [depression.id],
    },
    'published',
  )
  await payload.update({
    collection: 'articles',
    id: live.id,
    data: {
      title: `After your infusion ${DRAFT_MARKERS.articleNewerDraft}`,
      slug: `after-your-infusion-${DRAFT_MARKERS.articleNewerDraft}`,
      excerpt: `Rewritten, unreviewed ${DRAFT_MARKERS.articleNewerDraft}.`,
      body: toLexical([{ p: `New unreviewed advice ${DRAFT_MARKERS.articleNewerDraft}.` }]),
      _status: 'draft',
    } as never,
    draft: true,
    ...as,
  })

  await payload.create({
    collection: 'faqs',
    data: {
      question: `Can I eat before an infusion ${DRAFT_MARKERS.faqDraftOnly}?`,
      answer: toLexical([{ p: `Draft answer ${DRAFT_MARKERS.faqDraftOnly}.` }]) as Faq['answer'],
      topic: 'before',
      owner: 'network',
      conditions: [depression.id],
      _status: 'draft',
    },
    draft: true,
    ...as,
  })

  const albuquerque = await clinic(FIXTURES.escaping.clinic)
  await payload.create({
    collection: 'articles',
    data: {
      title: FIXTURES.escaping.title,
      slug: FIXTURES.escaping.slug,
      excerpt: `Excerpt ${SCRIPT_TEXT} ${ATTRIBUTE_BREAKER}`,
      body: bodyOf(
        paragraph(
          textNode(
            `Body ${SCRIPT_TEXT} then ${ATTRIBUTE_BREAKER} then '><img src=x onerror=alert(3)>`,
          ),
        ),
        paragraph({ ...textNode(`Bold ${SCRIPT_TEXT}`), format: 1 }),
        paragraph(
          linkNode({ linkType: 'custom', url: HOSTILE_URL }, `Link text ${ATTRIBUTE_BREAKER}`),
        ),
        // A published page linking to a draft: the words stay, the link goes.
        paragraph(
          linkNode(
            { linkType: 'internal', doc: { relationTo: 'articles', value: draftOnly.id } },
            'Unpublished reading',
          ),
        ),
      ),
      references: [
        { title: FIXTURES.escaping.referenceTitle, url: 'https://example.org/reference' },
      ],
      owner: 'clinic',
      ownerClinic: albuquerque.id,
      author: (await one<Provider>('providers', { slug: { equals: 'sarah-lindqvist' } })).id,
      ...review,
      conditions: [depression.id],
      _status: 'published',
    } as never,
    ...as,
  })

  const optedOut = (
    await payload.find({
      collection: 'articles',
      where: { slug: { equals: FIXTURES.optedOut.slug } },
      limit: 1,
      ...as,
    })
  ).docs[0]!
  await payload.update({
    collection: 'clinics',
    id: (await clinic(FIXTURES.optedOut.clinic)).id,
    data: { optedOutArticles: [optedOut.id] },
    ...as,
  })

  const temecula = await clinic(FIXTURES.illustrated.clinic)
  const png = await sharp({
    create: { width: 1600, height: 900, channels: 3, background: '#7aa0c4' },
  })
    .png()
    .toBuffer()
  const media = await payload.create({
    collection: 'media',
    data: { alt: FIXTURES.illustrated.alt },
    file: { data: png, mimetype: 'image/png', name: 'infusion-room.png', size: png.length },
    ...as,
  })
  const illustrated = await network(
    {
      title: FIXTURES.illustrated.title,
      slug: FIXTURES.illustrated.slug,
      excerpt: 'Private rooms, reclining chairs and a nurse within reach.',
      heroImage: media.id,
      body: bodyOf(
        paragraph(textNode('Each room has a reclining chair, a blanket and dimmable lights.')),
        {
          type: 'upload',
          relationTo: 'media',
          value: media.id,
          fields: null,
          format: '',
          version: 3,
          id: randomBytes(12).toString('hex'),
        },
      ),
      syndication: 'selected',
      clinics: [temecula.id],
      author: (await one<Provider>('providers', { slug: { equals: 'priya-raman' } })).id,
    },
    'published',
  )
  // A Spanish translation saved as a draft: the English stays published, the Spanish never shows.
  await payload.update({
    collection: 'articles',
    id: illustrated.id,
    locale: 'es',
    data: {
      title: `Dentro de nuestras salas ${DRAFT_MARKERS.spanishDraft}`,
      slug: FIXTURES.illustrated.spanishDraftSlug,
      excerpt: `Borrador sin revisar ${DRAFT_MARKERS.spanishDraft}.`,
      body: toLexical([{ p: `Texto sin revisar ${DRAFT_MARKERS.spanishDraft}.` }]),
      _status: 'draft',
    } as never,
    draft: true,
    ...as,
  })
}

/** Starts the seeded CMS, adds the fixtures and builds every clinic's site into the folder the CMS serves. */
export async function startBuiltNetwork(): Promise<BuiltNetwork> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-site-'))
  const sitesDir = path.join(dataDir, 'sites')
  let cms: CmsHandle | undefined
  let payload: Payload | undefined
  const stop = async () => {
    await cms?.stop()
    await payload?.destroy()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  try {
    cms = await startCms({ seed: true, dataDir, env: { ...ADMIN, SITES_DIR: sitesDir } })
    payload = await localApi(cms)
    await addFixtures(payload)
    const build = await buildSitesOrThrow({ cmsUrl: cms.url, sitesDir })
    return {
      cms,
      payload,
      sitesDir,
      tree: (clinic) => path.join(sitesDir, clinic),
      rest: await restSnapshot(cms.url),
      build,
      stop,
    }
  } catch (error) {
    await stop()
    throw error
  }
}

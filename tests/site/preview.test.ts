/**
 * Draft preview against the real server: the admin's Preview button (admin.preview) leads, through
 * the editor's session, to a signed 15-minute link; the link renders the current draft with the
 * clinic site's real layout (a real Astro render); anything but an intact, unexpired link gets 401
 * and not a word of the draft; and no preview ever reaches SITES_DIR, before or after a real build.
 */
import { createHash, randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Article, Clinic, Faq } from '@clinic/shared/payload-types'
import type { Payload, PayloadRequest } from 'payload'
import sharp from 'sharp'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { signPreview, verifyPreview, type PreviewClaims } from '../../cms/src/preview/token.ts'
import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, localApi, startCms } from '../support/cms.ts'
import { attr, buildSitesOrThrow, parseHtml, readDecompressed, textOf } from '../support/site.ts'

type Id = string | number

const suffix = randomBytes(4).toString('hex')
/** Lower-case words only the drafts contain: found in a refusal or in SITES_DIR, a draft leaked. */
const DRAFT = {
  network: `pvnetworkdraft${suffix}`,
  clinic: `pvclinicdraft${suffix}`,
  unshared: `pvunshareddraft${suffix}`,
  faq: `pvfaqdraft${suffix}`,
  resaved: `pvresaved${suffix}`,
}
const LIVE = `pvlivecopy${suffix}`
const ADMIN = {
  email: 'preview-tests.admin@clinic-test.example',
  password: 'preview-tests-admin-password-1',
}
const EDITOR_PASSWORD = 'preview-tests-editor-password-1'

interface Fixtures {
  /** Published network article (Temecula and Waxahachie) with a newer draft. */
  network: Article
  /** Albuquerque's article that exists only as a draft. */
  clinicDraft: Article
  /** A network article not shared with any clinic yet, only a draft. */
  unshared: Article
  /** A network FAQ that exists only as a draft. */
  faq: Faq
  clinics: Record<'albuquerque' | 'temecula' | 'waxahachie', Clinic>
  editors: Record<'albuquerque' | 'temecula', { id: Id; token: string }>
}

/** Every file under `dir` (the release folders included; the live symlinks would repeat them). */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name)
    if (entry.isSymbolicLink()) return []
    return entry.isDirectory() ? filesUnder(full) : [full]
  })
}

/** Every file's sha256 and every symlink's target under `dir`: equal snapshots, nothing was written. */
const snapshotOf = (dir: string): Record<string, string> => {
  const entries: Record<string, string> = {}
  const walk = (current: string) => {
    for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
      const full = path.join(current, entry.name)
      const key = path.relative(dir, full)
      if (entry.isSymbolicLink()) entries[key] = `-> ${fs.readlinkSync(full)}`
      else if (entry.isDirectory()) walk(full)
      else entries[key] = createHash('sha256').update(fs.readFileSync(full)).digest('hex')
    }
  }
  walk(dir)
  return entries
}

const leaksIn = (dir: string) =>
  filesUnder(dir).flatMap((file) => {
    const text = readDecompressed(file).toLowerCase()
    return Object.values(DRAFT)
      .filter((marker) => text.includes(marker))
      .map((marker) => `${path.relative(dir, file)}: ${marker}`)
  })

describe('draft preview', () => {
  let cms: CmsHandle
  let payload: Payload
  let dataDir: string
  let sitesDir: string
  let tmpDir: string
  let secret: string
  let adminToken: string
  let fx: Fixtures
  let sitesBefore: Record<string, string>
  const renderTimes: number[] = []

  const get = (url: string, headers: Record<string, string> = {}) =>
    fetch(new URL(url, cms.url), { headers, redirect: 'manual' })
  const login = async (email: string, password: string) => {
    const res = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    const body = (await res.json()) as { token?: string }
    if (!body.token) throw new Error(`login failed for ${email}: ${res.status}`)
    return body.token
  }
  /** The signed link the Preview button leads to, for a signed-in user. */
  const openPreview = async (collection: string, id: Id, token = adminToken, clinic?: string) => {
    const res = await get(`/preview/open/${collection}/${id}${clinic ? `?clinic=${clinic}` : ''}`, {
      authorization: `JWT ${token}`,
    })
    expect(res.status, await res.clone().text()).toBe(303)
    return res.headers.get('location')!
  }
  const showPreview = async (link: string) => {
    const started = Date.now()
    const res = await get(link)
    const html = await res.text()
    if (res.status === 200) renderTimes.push(Date.now() - started)
    return { res, html, root: await parseHtml(html) }
  }
  const previewButtonOf = (collection: 'articles' | 'faqs') => {
    const preview = payload.collections[collection].config.admin.preview
    if (typeof preview !== 'function') throw new Error(`${collection} has no admin.preview`)
    return (doc: { id: Id }, user: object | null) =>
      preview(doc as Record<string, unknown>, {
        req: {
          payload,
          user: user && { ...user, collection: 'users' },
        } as unknown as PayloadRequest,
        locale: '',
        token: '',
      })
  }

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-preview-test-'))
    sitesDir = path.join(dataDir, 'sites')
    // The server's (and so the renderer's) temporary folder: what previews leave behind is visible.
    tmpDir = path.join(dataDir, 'tmp')
    fs.mkdirSync(tmpDir)
    cms = await startCms({
      seed: true,
      dataDir,
      // The publishing pipeline's own rebuilds stay out of this file: it runs its builds itself.
      env: {
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SITES_DIR: sitesDir,
        TMPDIR: tmpDir,
        SITES_PUBLISH: 'off',
      },
    })
    payload = await localApi(cms)
    secret = process.env.PAYLOAD_SECRET!
    fx = await addFixtures(payload)
    adminToken = await login(ADMIN.email, ADMIN.password)
    for (const slug of ['albuquerque', 'temecula'] as const) {
      fx.editors[slug].token = await login(
        `preview-${slug}.${suffix}@clinic-test.example`,
        EDITOR_PASSWORD,
      )
    }
    await buildSitesOrThrow({ cmsUrl: cms.url, sitesDir })
    sitesBefore = snapshotOf(sitesDir)
  })

  afterAll(async () => {
    if (renderTimes.length > 0)
      console.log(
        `[preview] page times (ms, first is an uncached render): ${renderTimes.join(', ')}`,
      )
    await cms?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  describe('the Preview button', () => {
    it('is offered to those who may read the draft, and to no one else', async () => {
      const articleButton = previewButtonOf('articles')
      const admin = (
        await payload.find({
          collection: 'users',
          where: { email: { equals: ADMIN.email } },
          overrideAccess: true,
        })
      ).docs[0]!
      const editor = (slug: 'albuquerque' | 'temecula') =>
        payload.findByID({
          collection: 'users',
          id: fx.editors[slug].id,
          overrideAccess: true,
          depth: 0,
        })

      expect(await articleButton(fx.network, admin)).toBe(`/preview/open/articles/${fx.network.id}`)
      expect(await previewButtonOf('faqs')(fx.faq, admin)).toBe(`/preview/open/faqs/${fx.faq.id}`)
      expect(await articleButton(fx.clinicDraft, await editor('albuquerque'))).toBe(
        `/preview/open/articles/${fx.clinicDraft.id}`,
      )
      // Another clinic's draft; a network article whose newer draft clinic editors may not read; nobody signed in.
      expect(await articleButton(fx.clinicDraft, await editor('temecula'))).toBeNull()
      expect(await articleButton(fx.network, await editor('albuquerque'))).toBeNull()
      expect(await articleButton(fx.network, null)).toBeNull()
    })

    it('mints a signed link valid for 15 minutes when clicked, opening on the canonical clinic', async () => {
      const link = await openPreview('articles', fx.network.id)
      const url = new URL(link, cms.url)
      expect(url.pathname).toBe(`/preview/articles/${fx.network.id}`)
      const q = Object.fromEntries(url.searchParams)
      const verdict = verifyPreview(
        { collection: 'articles', id: String(fx.network.id), ...q },
        secret,
      )
      expect(verdict.ok).toBe(true)
      expect(q.clinic).toBe('temecula')
      expect(Number(q.expires) - Date.now() / 1000).toBeGreaterThan(15 * 60 - 30)
      expect(Number(q.expires) - Date.now() / 1000).toBeLessThanOrEqual(15 * 60)
    })

    it('asks anonymous visitors to sign in and tells others there is nothing for them, without a word of the draft', async () => {
      const anonymous = await get(`/preview/open/articles/${fx.clinicDraft.id}`)
      const otherClinic = await get(`/preview/open/articles/${fx.clinicDraft.id}`, {
        authorization: `JWT ${fx.editors.temecula.token}`,
      })
      const networkDraft = await get(`/preview/open/articles/${fx.network.id}`, {
        authorization: `JWT ${fx.editors.albuquerque.token}`,
      })
      expect([anonymous.status, otherClinic.status, networkDraft.status]).toEqual([401, 404, 404])
      for (const res of [anonymous, otherClinic, networkDraft]) {
        const body = await res.text()
        expect(body).not.toContain(DRAFT.clinic)
        expect(body).not.toContain(DRAFT.network)
        expect(res.headers.get('location')).toBeNull()
      }
      // The owner clinic's editor gets their link.
      expect(
        new URL(
          await openPreview('articles', fx.clinicDraft.id, fx.editors.albuquerque.token),
          cms.url,
        ).searchParams.get('clinic'),
      ).toBe('albuquerque')
    })

    it('refuses a clinic that would not show the document, naming those that would', async () => {
      const res = await get(`/preview/open/articles/${fx.network.id}?clinic=albuquerque`, {
        authorization: `JWT ${adminToken}`,
      })
      expect(res.status).toBe(400)
      expect(await res.text()).toMatch(/temecula, waxahachie/)
    })
  })

  describe('a signed link', () => {
    it("shows the current draft in the clinic's layout, uncached and unindexed", async () => {
      const { res, html, root } = await showPreview(await openPreview('articles', fx.network.id))
      expect(res.status, html).toBe(200)
      expect(res.headers.get('cache-control')).toBe('no-store')
      expect(res.headers.get('x-robots-tag')).toMatch(/noindex/)
      expect(res.headers.get('referrer-policy')).toBe('no-referrer')
      expect(res.headers.get('content-security-policy')).toMatch(/default-src 'none'/)
      expect(textOf(root.querySelector('h1'))).toBe(`After your infusion ${DRAFT.network}`)
      expect(textOf(root.querySelector('main'))).toContain(`New advice ${DRAFT.network}`)
      expect(html).not.toContain(LIVE)
      // The real layout: Temecula's header and footer, its stylesheet inlined, nothing left to fetch from the build.
      expect(textOf(root.querySelector('.site-header'))).toContain(fx.clinics.temecula.name)
      expect(root.querySelectorAll('style').length).toBeGreaterThan(0)
      expect(html).not.toContain('/_astro/')
      expect(textOf(root.querySelector('aside[data-draft-preview]'))).toMatch(
        /Unpublished draft preview.*expires at \d{1,2}:\d\d [AP]M/,
      )
    })

    it('links the other clinics that show the draft, expiring at the same time', async () => {
      const link = await openPreview('articles', fx.network.id)
      const { root } = await showPreview(link)
      const banner = root.querySelector('aside[data-draft-preview]')!
      const others = banner
        .querySelectorAll('a')
        .filter((a) => textOf(a) === fx.clinics.waxahachie.name)
      expect(others).toHaveLength(1)
      const other = new URL(attr(others[0]!, 'href')!, cms.url)
      expect(other.searchParams.get('clinic')).toBe('waxahachie')
      expect(other.searchParams.get('expires')).toBe(
        new URL(link, cms.url).searchParams.get('expires'),
      )
      const switched = await showPreview(`${other.pathname}${other.search}`)
      expect(switched.res.status).toBe(200)
      expect(textOf(switched.root.querySelector('.site-header'))).toContain(
        fx.clinics.waxahachie.name,
      )
      expect(textOf(switched.root.querySelector('h1'))).toContain(DRAFT.network)
    })

    it("shows a FAQ draft on the clinic's FAQ page", async () => {
      const { res, root } = await showPreview(await openPreview('faqs', fx.faq.id))
      expect(res.status).toBe(200)
      expect(textOf(root.querySelector('h1'))).toBe('Frequently asked questions')
      expect(textOf(root.querySelector(`#faq-${fx.faq.id}`))).toContain(
        `Can I bring music ${DRAFT.faq}?`,
      )
      expect(textOf(root.querySelector('.site-header'))).toContain(fx.clinics.albuquerque.name)
    })

    it('shows a network draft shared with no clinic yet on the first clinic, as the only choice', async () => {
      const link = await openPreview('articles', fx.unshared.id)
      expect(new URL(link, cms.url).searchParams.get('clinic')).toBe('albuquerque')
      const { res, root } = await showPreview(link)
      expect(res.status).toBe(200)
      expect(textOf(root.querySelector('h1'))).toBe(`Ketamine and migraine ${DRAFT.unshared}`)
      expect(textOf(root.querySelector('.site-header'))).toContain(fx.clinics.albuquerque.name)
      expect(textOf(root.querySelector('aside[data-draft-preview]'))).toContain(
        `Previewed on: ${fx.clinics.albuquerque.name}`,
      )
    })

    it("serves the draft's images from the CMS's media URLs", async () => {
      const { res, root } = await showPreview(
        await openPreview('articles', fx.clinicDraft.id, fx.editors.albuquerque.token),
      )
      expect(res.status).toBe(200)
      const hero = root.querySelector('img.hero-image')!
      expect(attr(hero, 'alt')).toBe('The parking lot behind the clinic')
      const src = attr(hero, 'src')!
      expect(src).toMatch(/^\/api\/media\/file\/parking-/)
      const image = await get(src)
      expect(image.status).toBe(200)
      expect(image.headers.get('content-type')).toMatch(/^image\//)
    })

    it('renders the draft anew once it is saved again', async () => {
      const link = await openPreview('articles', fx.clinicDraft.id, fx.editors.albuquerque.token)
      expect((await showPreview(link)).html).toContain(DRAFT.clinic)
      await payload.update({
        collection: 'articles',
        id: fx.clinicDraft.id,
        data: { body: toLexical([{ p: `Rewritten ${DRAFT.resaved}.` }]) as Article['body'] },
        draft: true,
        overrideAccess: true,
      })
      const again = await showPreview(link)
      expect(again.res.status).toBe(200)
      expect(again.html).toContain(DRAFT.resaved)
    })

    describe('refused unless intact and unexpired', () => {
      const claimsOf = (link: string): PreviewClaims & { signature: string } => {
        const url = new URL(link, cms.url)
        const [, , collection, id] = url.pathname.split('/')
        return {
          collection: collection as PreviewClaims['collection'],
          id: id!,
          clinic: url.searchParams.get('clinic')!,
          expires: Number(url.searchParams.get('expires')),
          signature: url.searchParams.get('signature')!,
        }
      }
      const linkOf = (c: PreviewClaims & { signature?: string }) =>
        `/preview/${c.collection}/${c.id}?${new URLSearchParams({ clinic: c.clinic, expires: String(c.expires), ...(c.signature ? { signature: c.signature } : {}) })}`

      const cases: [string, (c: PreviewClaims & { signature: string }) => string][] = [
        [
          'a changed signature',
          (c) =>
            linkOf({
              ...c,
              signature: `${c.signature.slice(0, -2)}${c.signature.endsWith('AA') ? 'BB' : 'AA'}`,
            }),
        ],
        ['a changed clinic', (c) => linkOf({ ...c, clinic: 'waxahachie' })],
        ['a changed document id', (c) => linkOf({ ...c, id: String(fx.clinicDraft.id) })],
        ['a changed collection', (c) => linkOf({ ...c, collection: 'faqs' })],
        ['a later expiry', (c) => linkOf({ ...c, expires: c.expires + 600 })],
        ['no signature', (c) => linkOf({ ...c, signature: '' })],
        ['no token at all', (c) => `/preview/${c.collection}/${c.id}`],
        [
          'an expired, correctly signed link',
          (c) => {
            const expired = { ...c, expires: Math.floor(Date.now() / 1000) - 1 }
            return linkOf({ ...expired, signature: signPreview(expired, secret) })
          },
        ],
      ]

      it.each(cases)('%s gets 401 and nothing of the draft', async (_label, tamper) => {
        const valid = claimsOf(await openPreview('articles', fx.network.id))
        const res = await get(tamper(valid))
        const body = await res.text()
        expect(res.status).toBe(401)
        expect(res.headers.get('cache-control')).toBe('no-store')
        expect(res.headers.get('x-robots-tag')).toMatch(/noindex/)
        for (const marker of [
          DRAFT.network,
          DRAFT.clinic,
          'After your infusion',
          fx.clinics.temecula.name,
        ])
          expect(body).not.toContain(marker)
      })
    })
  })

  it('never writes into SITES_DIR, leaves no draft in temporary files, and a real build after previews shows no draft', async () => {
    expect(snapshotOf(sitesDir)).toEqual(sitesBefore)
    expect(fs.readdirSync(tmpDir).filter((name) => name.startsWith('clinic-preview-'))).toEqual([])
    await buildSitesOrThrow({ cmsUrl: cms.url, sitesDir })
    expect(filesUnder(sitesDir).length).toBeGreaterThan(50)
    expect(leaksIn(sitesDir)).toEqual([])
    // The published copy is what the build shows.
    expect(filesUnder(sitesDir).some((file) => readDecompressed(file).includes(LIVE))).toBe(true)
  })
})

async function addFixtures(payload: Payload): Promise<Fixtures> {
  const as = { overrideAccess: true, depth: 0 } as const
  const clinicBySlug = async (slug: string) =>
    (
      await payload.find({
        collection: 'clinics',
        where: { slug: { equals: slug } },
        limit: 1,
        ...as,
      })
    ).docs[0]!
  const clinics = {
    albuquerque: await clinicBySlug('albuquerque'),
    temecula: await clinicBySlug('temecula'),
    waxahachie: await clinicBySlug('waxahachie'),
  }
  const reviewer = (
    await payload.find({
      collection: 'users',
      where: { roles: { contains: 'medical-reviewer' } },
      limit: 1,
      ...as,
    })
  ).docs[0]!
  const author = (await payload.find({ collection: 'providers', limit: 1, ...as })).docs[0]!
  const review = {
    author: author.id,
    medicalReviewer: reviewer.id,
    lastReviewedAt: new Date(Date.now() - 7 * 86_400_000).toISOString(),
  }

  const published = await payload.create({
    collection: 'articles',
    data: {
      title: 'After your infusion: the first evening',
      slug: `after-your-infusion-${suffix}`,
      excerpt: 'Rest, hydrate and let someone else drive.',
      body: toLexical([{ p: `Plan a quiet evening at home ${LIVE}.` }]),
      owner: 'network',
      syndication: 'selected',
      clinics: [clinics.temecula.id, clinics.waxahachie.id],
      ...review,
      _status: 'published',
    } as never,
    ...as,
  })
  const network = (await payload.update({
    collection: 'articles',
    id: published.id,
    data: {
      title: `After your infusion ${DRAFT.network}`,
      body: toLexical([{ p: `New advice ${DRAFT.network}, not reviewed yet.` }]),
      _status: 'draft',
    } as never,
    draft: true,
    ...as,
  })) as Article

  // An image only the draft uses: not part of the published network the renderer loads.
  const png = await sharp({
    create: { width: 1200, height: 600, channels: 3, background: '#4f7c6a' },
  })
    .png()
    .toBuffer()
  const heroImage = await payload.create({
    collection: 'media',
    data: { alt: 'The parking lot behind the clinic' },
    file: { data: png, mimetype: 'image/png', name: `parking-${suffix}.png`, size: png.length },
    ...as,
  })
  const clinicDraft = (await payload.create({
    collection: 'articles',
    data: {
      title: `Parking at Albuquerque ${DRAFT.clinic}`,
      heroImage: heroImage.id,
      excerpt: 'Where to park.',
      body: toLexical([{ p: `Park behind the building ${DRAFT.clinic}.` }]),
      owner: 'clinic',
      ownerClinic: clinics.albuquerque.id,
      _status: 'draft',
    } as never,
    draft: true,
    ...as,
  })) as Article

  const unshared = (await payload.create({
    collection: 'articles',
    data: {
      title: `Ketamine and migraine ${DRAFT.unshared}`,
      excerpt: 'Not shared yet.',
      body: toLexical([{ p: `Early notes ${DRAFT.unshared}.` }]),
      owner: 'network',
      syndication: 'selected',
      clinics: [],
      _status: 'draft',
    } as never,
    draft: true,
    ...as,
  })) as Article

  const faq = (await payload.create({
    collection: 'faqs',
    data: {
      question: `Can I bring music ${DRAFT.faq}?`,
      answer: toLexical([{ p: `Yes, headphones are welcome ${DRAFT.faq}.` }]) as Faq['answer'],
      topic: 'during',
      owner: 'network',
      _status: 'draft',
    },
    draft: true,
    ...as,
  })) as Faq

  const editors = {} as Fixtures['editors']
  for (const slug of ['albuquerque', 'temecula'] as const) {
    const user = await payload.create({
      collection: 'users',
      data: {
        email: `preview-${slug}.${suffix}@clinic-test.example`,
        password: EDITOR_PASSWORD,
        name: `Editor ${slug}`,
        roles: ['clinic-editor'],
        clinics: [clinics[slug].id],
      } as never,
      overrideAccess: true,
    })
    editors[slug] = { id: user.id, token: '' }
  }
  return { network, clinicDraft, unshared, faq, clinics, editors }
}

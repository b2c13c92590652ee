/**
 * Shared set-up for the tenancy tests (tests/int/access/): a real server on a fresh database, one
 * user per role, three clinics and their content, and one way to call each transport (REST with a
 * JWT, GraphQL with the same JWT, the Local API with `overrideAccess: false` and the user).
 *
 * Every fixture title carries a token unique to the fixture and the run (`tok(...)`); a response
 * that contains the token of a document the subject may not see is a leak.
 */
import { randomBytes } from 'node:crypto'

import type { Payload } from 'payload'
import sharp from 'sharp'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, dropDatabase, localApi, startCms } from './cms.ts'

export type Id = string | number
export type Json = Record<string, any>

export const SUBJECTS = [
  'anonymous',
  'editorA',
  'editorB',
  'editorAB',
  'network',
  'reviewer',
  'admin',
] as const
export type Subject = (typeof SUBJECTS)[number]
export type Transport = 'rest' | 'graphql' | 'local'
export const TRANSPORTS: Transport[] = ['rest', 'graphql', 'local']

const suffix = randomBytes(3).toString('hex')
/** A lower-case token that only this fixture's text contains. */
export const tok = (key: string) => `k${key.toLowerCase()}z${suffix}`

export const PASSWORD = 'access-test-password-1'

/** What each signed-in subject is. */
const USER_SPECS: Record<
  Exclude<Subject, 'anonymous'>,
  { roles: string[]; clinics: ('A' | 'B' | 'C')[]; name: string }
> = {
  admin: { roles: ['admin'], clinics: [], name: 'Ada Admin' },
  editorA: { roles: ['clinic-editor'], clinics: ['A'], name: 'Edna EditorA' },
  editorB: { roles: ['clinic-editor'], clinics: ['B'], name: 'Ben EditorB' },
  editorAB: { roles: ['clinic-editor'], clinics: ['A', 'B'], name: 'Abe EditorAB' },
  network: { roles: ['network-editor'], clinics: [], name: 'Nina Network' },
  reviewer: { roles: ['medical-reviewer'], clinics: [], name: 'Dr Rita Reviewer' },
}
export const emailOf = (subject: Exclude<Subject, 'anonymous'>) =>
  `${subject.toLowerCase()}.${suffix}@access-test.example`

export interface SignedIn {
  id: Id
  email: string
  token: string
  /** The stored user, as the Local API's `user` argument. */
  doc: Json
}

export const lexical = (text: string) => toLexical([{ p: text }])

let pngCache: Buffer | undefined
export async function tinyPng(): Promise<Buffer> {
  pngCache ??= await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } })
    .png()
    .toBuffer()
  return pngCache
}

let clinicCounter = 0
export function clinicData(label: string) {
  clinicCounter += 1
  const n = clinicCounter
  return {
    name: `Clinic ${label} ${tok(`clinic${label}`)}`,
    slug: `clinic-${label.toLowerCase()}-${suffix}-${n}`,
    siteUrl: `https://clinic-${label.toLowerCase()}-${suffix}-${n}.example.com`,
    phone: `(505) 555-01${String(n % 100).padStart(2, '0')}`,
    email: `clinic${n}@access-test.example`,
    address: {
      street: `${n} Main St`,
      city: 'Albuquerque',
      state: 'NM',
      postalCode: '87101',
      country: 'US',
    },
    geo: { lat: 35.08, lng: -106.65 },
    timezone: 'America/Denver',
  }
}

/** A recent review date: publishing needs a review within the network's interval. */
export const recentReview = () => new Date(Date.now() - 7 * 24 * 60 * 60 * 1000).toISOString()

export class AccessWorld {
  cms!: CmsHandle
  payload!: Payload
  users = {} as Record<Exclude<Subject, 'anonymous'>, SignedIn>
  clinics = {} as Record<'A' | 'B' | 'C', Json>
  /** Content fixtures of articles and FAQs, by key. */
  content = { articles: {} as Record<string, Json>, faqs: {} as Record<string, Json> }
  media = {} as Record<'A' | 'B' | 'net', Json>
  providers = {} as Record<'A' | 'B' | 'AB', Json>
  redirects = {} as Record<'A' | 'B', Json>
  conditions = {} as Record<'one', Json>
  /** Site builds (server-written): one of clinic A, one of B, one that rebuilt both. */
  siteBuilds = {} as Record<'A' | 'B' | 'AB', Json>
  /** Documents of Payload's internal collections (see tests/int/access/matrix/collections.ts). */
  internal = {} as Record<string, Json>
  /** Review fields that make a published article valid. */
  review!: { medicalReviewer: Id; lastReviewedAt: string }

  async start(env: Record<string, string> = {}) {
    this.cms = await startCms({ env })
    this.payload = await localApi(this.cms)
  }

  async stop() {
    await this.cms?.stop()
    if (this.payload) {
      await dropDatabase(this.payload)
      await this.payload.destroy()
    }
  }

  get url() {
    return this.cms.url
  }

  clinicId(label: 'A' | 'B' | 'C'): Id {
    return this.clinics[label]!.id
  }

  /** Users and clinics; the first user created becomes admin (firstUserIsAdmin), so admin goes first. */
  async createUsersAndClinics() {
    const p = this.payload
    for (const label of ['A', 'B', 'C'] as const) {
      // Clinics first would be fine too: creation with overrideAccess needs no user.
      this.clinics[label] = await p.create({
        collection: 'clinics',
        data: clinicData(label) as any,
        overrideAccess: true,
      })
    }
    for (const subject of Object.keys(USER_SPECS) as (keyof typeof USER_SPECS)[]) {
      const spec = USER_SPECS[subject]
      const created = await p.create({
        collection: 'users',
        data: {
          email: emailOf(subject),
          password: PASSWORD,
          // A reviewer's name is public credit on the articles they review (reviewedBy): no token.
          name: subject === 'reviewer' ? spec.name : `${spec.name} ${tok(`user${subject}`)}`,
          roles: spec.roles as any,
          clinics: spec.clinics.map((c) => this.clinicId(c)) as any,
        },
        overrideAccess: true,
      })
      this.users[subject] = {
        id: created.id,
        email: emailOf(subject),
        token: await this.login(emailOf(subject)),
        doc: await this.userDoc(created.id),
      }
    }
    this.review = { medicalReviewer: this.users.reviewer.id, lastReviewedAt: recentReview() }
  }

  async userDoc(id: Id): Promise<Json> {
    const doc = await this.payload.findByID({
      collection: 'users',
      id,
      overrideAccess: true,
      depth: 0,
    })
    return { ...doc, collection: 'users' }
  }

  async login(email: string, password = PASSWORD): Promise<string> {
    const res = await fetch(`${this.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    })
    const body = (await res.json()) as { token?: string }
    if (!body.token)
      throw new Error(`login failed for ${email}: ${res.status} ${JSON.stringify(body)}`)
    return body.token
  }

  headers(subject: Subject): Record<string, string> {
    return subject === 'anonymous' ? {} : { authorization: `JWT ${this.users[subject].token}` }
  }

  /**
   * Reading back what is stored: access overridden, as the admin. (A read without a user is treated
   * as anonymous by the collections' publishedOnlyForAnonymous hook, which turns draft reads into
   * published ones even with overrideAccess.)
   */
  system() {
    return { overrideAccess: true, user: this.users.admin.doc } as const
  }

  /** The Local API's access arguments for a subject. */
  as(subject: Subject) {
    return subject === 'anonymous'
      ? ({ overrideAccess: false } as const)
      : ({ overrideAccess: false, user: this.users[subject].doc } as const)
  }

  async createMedia(label: string, ownerClinic: Id | null, extra: Json = {}) {
    const data = await tinyPng()
    return this.payload.create({
      collection: 'media',
      data: { alt: `Image ${label} ${tok(`media${label}`)}`, ownerClinic, ...extra } as any,
      file: {
        data,
        mimetype: 'image/png',
        name: `${label.toLowerCase()}-${suffix}.png`,
        size: data.length,
      },
      overrideAccess: true,
    })
  }

  articleData(title: string, owner: 'network' | Id, extra: Json = {}): Json {
    return {
      title,
      excerpt: `Excerpt of ${title}`,
      body: lexical(`Body of ${title}`),
      ...(owner === 'network'
        ? { owner: 'network', syndication: 'all' }
        : { owner: 'clinic', ownerClinic: owner }),
      ...extra,
    }
  }

  faqData(question: string, owner: 'network' | Id, extra: Json = {}): Json {
    return {
      question,
      answer: lexical(`Answer to ${question}`),
      topic: 'general',
      ...(owner === 'network' ? { owner: 'network' } : { owner: 'clinic', ownerClinic: owner }),
      ...extra,
    }
  }

  /** An article or FAQ, published (with the review it needs) or draft, owned by the network or a clinic. */
  async createContent(
    collection: 'articles' | 'faqs',
    label: string,
    owner: 'network' | Id,
    status: 'published' | 'draft',
    extra: Json = {},
  ): Promise<Json> {
    const title = `${collection === 'articles' ? 'Article' : 'FAQ'} ${label} ${tok(`${collection}${label}`)}`
    const base =
      collection === 'articles'
        ? this.articleData(title, owner, extra)
        : this.faqData(title, owner, extra)
    const published =
      collection === 'articles' && status === 'published'
        ? { author: this.providers.AB!.id, ...this.review }
        : {}
    return this.payload.create({
      collection,
      data: { ...published, ...base, _status: status } as any,
      draft: status === 'draft',
      overrideAccess: true,
    })
  }

  /** Creates the shared fixtures: clinics, users, media, providers, a condition and the content of A, B and the network. */
  async createFixtures() {
    await this.createUsersAndClinics()
    const p = this.payload
    const [A, B] = [this.clinicId('A'), this.clinicId('B')]
    this.media.A = await this.createMedia('A', A)
    this.media.B = await this.createMedia('B', B)
    this.media.net = await this.createMedia('net', null)
    this.providers.A = await this.createProvider('A', [A])
    this.providers.B = await this.createProvider('B', [B])
    this.providers.AB = await this.createProvider('AB', [A, B])
    this.conditions.one = await p.create({
      collection: 'conditions',
      data: {
        name: `Condition ${tok('condition')}`,
        category: 'pain',
        summary: 'Pain lasting months.',
      },
      overrideAccess: true,
    })
    this.siteBuilds.A = await this.createSiteBuild('A', [A])
    this.siteBuilds.B = await this.createSiteBuild('B', [B])
    this.siteBuilds.AB = await this.createSiteBuild('AB', [A, B])
    this.redirects.A = await this.createRedirect('A', A)
    this.redirects.B = await this.createRedirect('B', B)

    for (const collection of ['articles', 'faqs'] as const) {
      const c = this.content[collection]
      c.netPub = await this.createContent(collection, 'netPub', 'network', 'published')
      c.netDraft = await this.createContent(collection, 'netDraft', 'network', 'draft')
      c.aPub = await this.createContent(collection, 'aPub', A, 'published')
      c.aDraft = await this.createContent(collection, 'aDraft', A, 'draft')
      c.bPub = await this.createContent(collection, 'bPub', B, 'published')
      c.bDraft = await this.createContent(collection, 'bDraft', B, 'draft')
      // Newer unpublished drafts of published documents: visible only to who may see that document's drafts.
      const field = collection === 'articles' ? 'title' : 'question'
      for (const key of ['netPub', 'aPub', 'bPub']) {
        await p.update({
          collection,
          id: c[key]!.id,
          data: {
            [field]: `${c[key]![field]} next ${tok(`${collection}${key}Next`)}`,
            _status: 'draft',
          } as any,
          draft: true,
          overrideAccess: true,
        })
      }
    }
  }

  /** An old address of a clinic's site; the token is in its path. */
  async createRedirect(label: string, ownerClinic: Id) {
    return this.payload.create({
      collection: 'redirects',
      data: {
        from: `/old/${tok(`redirect${label}`)}/`,
        to: { type: 'custom', url: '/location/' },
        ownerClinic: ownerClinic as number,
      },
      overrideAccess: true,
    })
  }

  async createProvider(label: string, clinics: Id[]) {
    return this.payload.create({
      collection: 'providers',
      data: {
        name: `Provider ${label} ${tok(`provider${label}`)}`,
        credentials: 'MD',
        clinics: clinics as number[],
      },
      overrideAccess: true,
    })
  }

  /**
   * A site build as the publisher records it (cms/src/publishing/publisher.ts): server-written, so
   * with overrideAccess. Its summary, reasons, error and release ids each carry their own token
   * (`build<label>`, `buildreasons<label>`, `builderror<label>`, `buildrelease<label>`).
   */
  async createSiteBuild(label: string, clinics: Id[]) {
    const startedAt = new Date(Date.now() - 60_000).toISOString()
    return this.payload.create({
      collection: 'site-builds',
      data: {
        summary: `Build ${label} ${tok(`build${label}`)}`,
        // A failed build carries every field the publisher writes.
        status: 'failed',
        clinics: clinics as number[],
        reasons: `articles 1 published ${tok(`buildreasons${label}`)}`,
        startedAt,
        finishedAt: new Date().toISOString(),
        durationMs: 60_000,
        pages: 3,
        releases: Object.fromEntries(
          clinics.map((id) => [
            `clinic-${id}`,
            `20261121T000000000Z-${tok(`buildrelease${label}`)}`,
          ]),
        ),
        error: `astro build failed ${tok(`builderror${label}`)}`,
      },
      overrideAccess: true,
    })
  }

  /** A user's admin preference (Payload stores one per user and key). */
  async createPreference(subject: Exclude<Subject, 'anonymous'>, key: string, value: Json) {
    return this.payload.create({
      collection: 'payload-preferences',
      data: { key, value, user: { relationTo: 'users', value: this.users[subject].id } } as any,
      overrideAccess: true,
      // The collection's own hook sets `user` from req.user: give it the owner.
      user: this.users[subject].doc as any,
    })
  }

  /** A document lock as the admin UI writes it while someone edits a document. */
  async createLock(
    subject: Exclude<Subject, 'anonymous'>,
    target: { collection: string; id: Id } | { global: string },
  ) {
    return this.payload.create({
      collection: 'payload-locked-documents',
      data: {
        ...('global' in target
          ? { globalSlug: target.global }
          : { document: { relationTo: target.collection, value: target.id } }),
        user: { relationTo: 'users', value: this.users[subject].id },
      } as any,
      overrideAccess: true,
    })
  }

  /** A scheduled publish far in the future: queued, never run during the tests. */
  async queueFarJob(
    subject: Exclude<Subject, 'anonymous'>,
    collection: 'articles' | 'faqs',
    id: Id,
    marker: string,
  ) {
    return this.payload.jobs.queue({
      task: 'schedulePublish' as any,
      input: {
        type: 'publish',
        locale: marker,
        doc: { relationTo: collection, value: String(id) },
        user: { relationTo: 'users', value: this.users[subject].id },
      } as any,
      waitUntil: new Date(Date.now() + 365 * 24 * 60 * 60 * 1000),
    })
  }

  // ---------------------------------------------------------------- transports

  async rest(
    subject: Subject,
    method: string,
    path: string,
    body?: unknown,
    extraHeaders: Record<string, string> = {},
  ) {
    const init: RequestInit = { method, headers: { ...this.headers(subject), ...extraHeaders } }
    if (body instanceof FormData) init.body = body
    else if (body !== undefined) {
      init.body = JSON.stringify(body)
      ;(init.headers as Record<string, string>)['content-type'] = 'application/json'
    }
    const res = await fetch(`${this.url}${path}`, init)
    const text = await res.text()
    let json: Json | undefined
    try {
      json = JSON.parse(text) as Json
    } catch {
      json = undefined
    }
    return { status: res.status, text, json }
  }

  async graphql(subject: Subject, query: string, variables?: Json) {
    const res = await fetch(`${this.url}/api/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...this.headers(subject) },
      body: JSON.stringify({ query, variables }),
    })
    const text = await res.text()
    const json = JSON.parse(text) as { data?: Json | null; errors?: Json[] }
    return { status: res.status, text, json }
  }

  /** Runs a Local API call and reports it like an HTTP call: status from the thrown error, the result as text. */
  async local<T>(
    call: () => Promise<T>,
  ): Promise<{ status: number; text: string; result?: T; error?: Json }> {
    try {
      const result = await call()
      return { status: 200, text: JSON.stringify(result), result }
    } catch (error) {
      const e = error as { status?: number; message?: string; data?: unknown; name?: string }
      return {
        status: e.status ?? 500,
        text: JSON.stringify({ name: e.name, message: e.message, data: e.data }),
        error: e as Json,
      }
    }
  }
}

/** The status a GraphQL answer stands for: the first error's status, 200 when there is none. */
export function graphqlStatus(json: { errors?: Json[] }): number {
  const first = json.errors?.[0]
  if (!first) return 200
  return Number(
    first.extensions?.statusCode ?? (first.extensions?.name === 'Forbidden' ? 403 : 400),
  )
}

/** Tokens from `tokens` that occur in `text` (case-insensitive). */
export function leaked(text: string, tokens: string[]): string[] {
  const lower = text.toLowerCase()
  return tokens.filter((token) => lower.includes(token))
}

export { sleep } from './wait.ts'

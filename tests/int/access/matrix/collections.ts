/**
 * How the matrix reaches each collection: GraphQL names and selections, what a new document looks
 * like, which field an update changes, throwaway documents for destructive cases, and the fixture
 * registry (fixture key -> id and the tokens its text carries).
 */
import {
  type AccessWorld,
  clinicData,
  emailOf,
  type Id,
  type Json,
  PASSWORD,
  type Subject,
  tok,
} from '../../../support/access-fixtures.ts'
import {
  CONSULTATION_ADAPTERS,
  CONSULTATION_FIXTURE_KEYS,
  consultationRegistry,
  createConsultationFixtures,
} from './consultation.ts'

export interface GqlNames {
  one: string
  many: string
  count: string
  create: string
  update: string
  del: string
  dup: string
  input: string
  versions?: string
  restore?: string
  /** Selection of one document: enough fields that any leak would show. */
  fields: string
}

export interface Adapter {
  slug: string
  gql?: GqlNames
  drafts?: boolean
  upload?: boolean
  /** The top-level field `update` and `updateMany` change. */
  updateField: string
  /** The new value: unique per call, or (locks) one that depends on who sends it. */
  updateValue: (n: number, w: AccessWorld, subject: Subject) => unknown
  /** A new document of clinic A for `create`, as the subject would send it. */
  createData: (w: AccessWorld, subject: Subject, n: number) => Json
  /** A throwaway document of clinic A or B (or just a fresh one) with its own token. */
  fresh: (w: AccessWorld, side: 'A' | 'B', n: number) => Promise<Json>
  /** GraphQL's input types differ from REST's: enum spellings, groups that must be sent whole. */
  gqlData?: (data: Json, target?: Json) => Json
  /** What `duplicate` copies, when not `fresh(w, 'A')`: always a new source, so that copies never collide. */
  duplicateSource?: (w: AccessWorld, n: number) => Promise<Id>
}

export interface Fixture {
  /** Missing for pseudo fixtures (the newer draft of a published document). */
  id?: Id
  tokens: string[]
}
export type Registry = Record<string, Record<string, Fixture>>

const gql = (one: string, many: string, fields: string, versions = false): GqlNames => ({
  one,
  many,
  count: `count${many}`,
  create: `create${one}`,
  update: `update${one}`,
  del: `delete${one}`,
  dup: `duplicate${one}`,
  input: `mutation${one}Input`,
  ...(versions ? { versions: `versions${many}`, restore: `restoreVersion${one}` } : {}),
  fields,
})

const A = (w: AccessWorld) => w.clinicId('A')
const side = (w: AccessWorld, s: 'A' | 'B') => w.clinicId(s)

export const ADAPTERS: Record<string, Adapter> = {
  articles: {
    slug: 'articles',
    drafts: true,
    gql: gql(
      'Article',
      'Articles',
      'id title excerpt _status reviewedBy { name } medicalReviewer { id name email } publishedBy { id name email } author { id name } heroImage { id alt } ownerClinic { id name }',
      true,
    ),
    updateField: 'title',
    updateValue: (n) => `Updated article ${n}`,
    createData: (w, _s, n) => ({
      ...w.articleData(`Created article ${n}`, A(w)),
      _status: 'draft',
    }),
    fresh: (w, s, n) => w.createContent('articles', `fresh${n}`, side(w, s), 'draft'),
    duplicateSource: async (w, n) =>
      (await w.createContent('articles', `dup${n}`, A(w), 'published')).id,
  },
  faqs: {
    slug: 'faqs',
    drafts: true,
    gql: gql('Faq', 'Faqs', 'id question _status ownerClinic { id name }', true),
    updateField: 'question',
    updateValue: (n) => `Updated question ${n}?`,
    createData: (w, _s, n) => ({ ...w.faqData(`Created question ${n}?`, A(w)), _status: 'draft' }),
    fresh: (w, s, n) => w.createContent('faqs', `fresh${n}`, side(w, s), 'draft'),
    duplicateSource: async (w, n) =>
      (await w.createContent('faqs', `dup${n}`, A(w), 'published')).id,
  },
  conditions: {
    slug: 'conditions',
    gql: gql('Condition', 'Conditions', 'id name summary'),
    updateField: 'summary',
    updateValue: (n) => `Updated summary ${n}.`,
    createData: (_w, _s, n) => ({
      name: `Created condition ${n}`,
      category: 'pain',
      summary: 'A new condition.',
    }),
    fresh: (w, _s, n) =>
      w.payload.create({
        collection: 'conditions',
        data: { name: `Condition ${tok(`fresh${n}`)}`, category: 'pain', summary: 'Fresh.' },
        overrideAccess: true,
      }),
  },
  clinics: {
    slug: 'clinics',
    gql: gql('Clinic', 'Clinics', 'id name tagline siteUrl optedOutArticles { id title }'),
    updateField: 'tagline',
    updateValue: (n) => `Updated tagline ${n}`,
    // The update input declares the address and geo groups required: send the stored ones back.
    gqlData: (data, target) =>
      target ? { address: target.address, geo: target.geo, ...data } : data,
    createData: (_w, _s, n) => clinicData(`new${n}`),
    fresh: (w, _s, n) =>
      w.payload.create({
        collection: 'clinics',
        data: clinicData(`fresh${n}`) as any,
        overrideAccess: true,
      }),
  },
  providers: {
    slug: 'providers',
    gql: gql('Provider', 'Providers', 'id name credentials clinics { id name }'),
    updateField: 'credentials',
    updateValue: (n) => `DO ${n}`,
    createData: (w, _s, n) => ({
      name: `Created provider ${n}`,
      credentials: 'MD',
      clinics: [A(w)],
    }),
    fresh: (w, s, n) => w.createProvider(`fresh${n}`, [side(w, s)]),
  },
  media: {
    slug: 'media',
    upload: true,
    gql: {
      ...gql('Media', 'allMedia', 'id alt ownerClinic { id name }'),
      create: 'createMedia',
      update: 'updateMedia',
      del: 'deleteMedia',
      dup: 'duplicateMedia',
      input: 'mutationMediaInput',
    },
    updateField: 'alt',
    updateValue: (n) => `Updated alt text ${n}`,
    createData: (w, _s, n) => ({ alt: `Created image ${n}`, ownerClinic: A(w) }),
    fresh: (w, s, n) => w.createMedia(`fresh${n}`, side(w, s)),
  },
  redirects: {
    slug: 'redirects',
    gql: gql('Redirect', 'Redirects', 'id from to { type url } ownerClinic { id name }'),
    updateField: 'from',
    updateValue: (n) => `/updated/${n}/`,
    // The update input declares the `to` group required: send the stored target back.
    gqlData: (data, target) =>
      target ? { to: { type: target.to.type, url: target.to.url }, ...data } : data,
    createData: (w, _s, n) => ({
      from: `/created/${n}/`,
      to: { type: 'custom', url: '/location/' },
      ownerClinic: A(w),
    }),
    fresh: (w, s, n) => w.createRedirect(`fresh${n}`, side(w, s)),
  },
  users: {
    slug: 'users',
    gql: gql('User', 'Users', 'id name email roles credentials clinics { id }'),
    updateField: 'credentials',
    updateValue: (n) => `PhD ${n}`,
    // GraphQL enum values cannot contain dashes: clinic-editor is clinic_editor.
    gqlData: (data) =>
      data.roles
        ? { ...data, roles: data.roles.map((role: string) => role.replace(/-/g, '_')) }
        : data,
    createData: (w, _s, n) => ({
      email: `created${n}.${tok('x')}@access-test.example`,
      password: PASSWORD,
      name: `Created user ${n}`,
      roles: ['clinic-editor'],
      clinics: [A(w)],
    }),
    fresh: (w, s, n) =>
      w.payload.create({
        collection: 'users',
        data: {
          email: `fresh${n}.${tok('x')}@access-test.example`,
          password: PASSWORD,
          name: `User ${tok(`fresh${n}`)}`,
          roles: ['clinic-editor'],
          clinics: [side(w, s)],
        } as any,
        overrideAccess: true,
      }),
  },
  'site-builds': {
    slug: 'site-builds',
    gql: gql(
      'SiteBuild',
      'SiteBuilds',
      'id summary status reasons error releases startedAt clinics { id name }',
    ),
    updateField: 'summary',
    updateValue: (n) => `Updated build ${n}`,
    // Nobody may write a build (the publisher writes with overrideAccess): what a caller would forge.
    createData: (w, _s, n) => ({
      summary: `Created build ${n}`,
      status: 'live',
      clinics: [A(w)],
      startedAt: new Date().toISOString(),
    }),
    fresh: (w, s, n) => w.createSiteBuild(`fresh${n}`, [side(w, s)]),
  },
  'import-runs': {
    slug: 'import-runs',
    gql: gql('ImportRun', 'ImportRuns', 'id label clinic status error'),
    updateField: 'label',
    updateValue: (n) => `Updated run ${n}`,
    // Nobody may write a run (the server does, with overrideAccess): what a caller would forge.
    createData: (_w, _s, n) => ({ label: `Created run ${n}`, clinic: 'a', status: 'queued' }),
    fresh: (w, _s, n) =>
      w.payload.create({
        collection: 'import-runs',
        data: { label: `Run ${tok(`importrunfresh${n}`)}`, clinic: 'a', status: 'done' },
        overrideAccess: true,
      }),
  },
  'payload-kv': {
    slug: 'payload-kv',
    gql: gql('PayloadKv', 'PayloadKvs', 'id key data'),
    updateField: 'data',
    updateValue: (n) => ({ updated: n }),
    createData: (_w, _s, n) => ({ key: `created-${n}-${tok('kv')}`, data: { n } }),
    fresh: (w, _s, n) =>
      w.payload.create({
        collection: 'payload-kv',
        data: { key: `fresh-${n}`, data: { secret: tok(`fresh${n}`) } },
        overrideAccess: true,
      }),
  },
  'payload-jobs': {
    slug: 'payload-jobs',
    gql: gql('PayloadJob', 'PayloadJobs', 'id input taskSlug'),
    updateField: 'queue',
    updateValue: (n) => `queue-${n}`,
    createData: (w, _s) => ({
      taskSlug: 'schedulePublish',
      input: {
        type: 'publish',
        doc: { relationTo: 'articles', value: String(w.content.articles.bDraft!.id) },
      },
    }),
    fresh: (w, _s, n) =>
      w.queueFarJob('editorB', 'articles', w.content.articles.bDraft!.id, tok(`fresh${n}`)),
  },
  'payload-locked-documents': {
    slug: 'payload-locked-documents',
    gql: gql(
      'PayloadLockedDocument',
      'PayloadLockedDocuments',
      'id globalSlug document { relationTo value { ... on Article { id title } ... on Faq { id question } } } user { relationTo value { ... on User { id name email } } }',
    ),
    // The admin's "take over": the lock is rewritten into the name of who now edits.
    updateField: 'user',
    // Anonymous asks for the reviewer, whose name the lock does not carry when anonymous asks.
    updateValue: (_n, w, subject) => ({
      relationTo: 'users',
      value: w.users[subject === 'anonymous' ? 'reviewer' : subject].id,
    }),
    createData: (w, subject) => ({
      document: { relationTo: 'articles', value: w.content.articles.bDraft!.id },
      user: {
        relationTo: 'users',
        value: subject === 'anonymous' ? w.users.editorA.id : w.users[subject].id,
      },
    }),
    fresh: (w, s) =>
      w.createLock(s === 'A' ? 'editorA' : 'editorB', {
        collection: 'articles',
        id: w.content.articles[s === 'A' ? 'aDraft' : 'bDraft']!.id,
      }),
  },
  'payload-preferences': {
    slug: 'payload-preferences',
    gql: gql('PayloadPreference', 'PayloadPreferences', 'id key value'),
    updateField: 'value',
    updateValue: (n) => ({ columns: [`updated-${n}`] }),
    createData: (_w, _s, n) => ({ key: `created-pref-${n}`, value: { n } }),
    fresh: (w, s, n) =>
      w.createPreference(s === 'A' ? 'editorA' : 'editorB', `fresh-pref-${n}`, {
        secret: tok(`fresh${n}`),
      }),
  },
  'payload-migrations': {
    slug: 'payload-migrations',
    updateField: 'name',
    updateValue: (n) => `updated-migration-${n}`,
    createData: (_w, _s, n) => ({ name: `created-migration-${n}`, batch: 99 }),
    fresh: (w, _s, n) =>
      w.payload.create({
        collection: 'payload-migrations',
        data: { name: `fresh-migration-${n}`, batch: 98 },
        overrideAccess: true,
      }),
  },
  ...CONSULTATION_ADAPTERS,
}

/**
 * The fixtures' keys per collection, known before the fixtures exist (test names are built from
 * them): documents, and pseudo keys (`...Next`, `settings`) that name text without a document id.
 */
export const FIXTURE_KEYS: Record<string, { docs: string[]; pseudo?: string[] }> = {
  articles: {
    docs: ['netPub', 'netDraft', 'aPub', 'aDraft', 'bPub', 'bDraft'],
    pseudo: ['netPubNext', 'aPubNext', 'bPubNext'],
  },
  faqs: {
    docs: ['netPub', 'netDraft', 'aPub', 'aDraft', 'bPub', 'bDraft'],
    pseudo: ['netPubNext', 'aPubNext', 'bPubNext'],
  },
  conditions: { docs: ['one'] },
  clinics: { docs: ['A', 'B', 'C'] },
  providers: { docs: ['A', 'B', 'AB'] },
  media: { docs: ['A', 'B', 'net'] },
  redirects: { docs: ['A', 'B'] },
  users: { docs: ['admin', 'editorA', 'editorB', 'editorAB', 'network', 'reviewer'] },
  'site-builds': { docs: ['A', 'B', 'AB'] },
  'import-runs': { docs: ['one'] },
  'payload-kv': { docs: ['secret'] },
  'payload-jobs': { docs: ['job'] },
  'payload-locked-documents': { docs: ['lockB', 'lockGlobal'] },
  'payload-preferences': { docs: ['A', 'B', 'admin'] },
  'payload-migrations': { docs: ['initial'] },
  'network-settings': { docs: ['settings'] },
  ...CONSULTATION_FIXTURE_KEYS,
}

/** Fixture keys of each collection with their ids and the tokens a response reveals them by. */
export function buildRegistry(w: AccessWorld): Registry {
  const content = (collection: 'articles' | 'faqs') => {
    const out: Record<string, Fixture> = {}
    for (const [key, doc] of Object.entries(w.content[collection]))
      out[key] = { id: doc.id, tokens: [tok(`${collection}${key}`)] }
    for (const key of ['netPub', 'aPub', 'bPub'])
      out[`${key}Next`] = { tokens: [tok(`${collection}${key}Next`)] }
    return out
  }
  const users: Record<string, Fixture> = {}
  for (const [subject, user] of Object.entries(w.users)) {
    // The reviewer's name is public credit (reviewedBy); every email is private.
    users[subject] = {
      id: user.id,
      tokens: [
        emailOf(subject as Exclude<Subject, 'anonymous'>),
        ...(subject === 'reviewer' ? [] : [tok(`user${subject}`)]),
      ],
    }
  }
  const pick = (docs: Record<string, Json>, prefix: string) =>
    Object.fromEntries(
      Object.entries(docs).map(([key, doc]) => [
        key,
        { id: doc.id, tokens: [tok(`${prefix}${key}`)] },
      ]),
    )
  return {
    articles: content('articles'),
    faqs: content('faqs'),
    conditions: { one: { id: w.conditions.one!.id, tokens: [tok('condition')] } },
    clinics: pick(w.clinics, 'clinic'),
    providers: pick(w.providers, 'provider'),
    media: pick(w.media, 'media'),
    redirects: pick(w.redirects, 'redirect'),
    users,
    'site-builds': Object.fromEntries(
      Object.entries(w.siteBuilds).map(([key, doc]) => [
        key,
        {
          id: doc.id,
          tokens: ['build', 'buildreasons', 'builderror', 'buildrelease'].map((t) =>
            tok(`${t}${key}`),
          ),
        },
      ]),
    ),
    'import-runs': { one: { id: w.internal.importRun!.id, tokens: [tok('importrun')] } },
    'payload-kv': { secret: { id: w.internal.kv!.id, tokens: [tok('kvsecret')] } },
    'payload-jobs': { job: { id: w.internal.job!.id, tokens: [tok('jobsecret')] } },
    'payload-locked-documents': {
      lockB: { id: w.internal.lockB!.id, tokens: [] },
      lockGlobal: { id: w.internal.lockGlobal!.id, tokens: [] },
    },
    'payload-preferences': {
      A: { id: w.internal.prefA!.id, tokens: [tok('prefA')] },
      B: { id: w.internal.prefB!.id, tokens: [tok('prefB')] },
      admin: { id: w.internal.prefAdmin!.id, tokens: [tok('prefAdmin')] },
    },
    'payload-migrations': { initial: { id: w.internal.migration!.id, tokens: [] } },
    'network-settings': { settings: { id: 'network-settings', tokens: [] } },
    ...consultationRegistry(w),
  }
}

/** Payload's internal documents the matrix reads: a KV entry, a queued job, locks, preferences, the migration log. */
export async function createInternalFixtures(w: AccessWorld) {
  const p = w.payload
  w.internal.importRun = await p.create({
    collection: 'import-runs',
    data: { label: `Run ${tok('importrun')}`, clinic: 'a', status: 'done' },
    overrideAccess: true,
  })
  w.internal.kv = await p.create({
    collection: 'payload-kv',
    data: { key: 'matrix-secret', data: { secret: tok('kvsecret') } },
    overrideAccess: true,
  })
  w.internal.job = await w.queueFarJob(
    'editorB',
    'articles',
    w.content.articles.bDraft!.id,
    tok('jobsecret'),
  )
  // Editor B is editing B's draft; the admin has the settings open.
  w.internal.lockB = await w.createLock('editorB', {
    collection: 'articles',
    id: w.content.articles.bDraft!.id,
  })
  w.internal.lockGlobal = await w.createLock('admin', { global: 'network-settings' })
  w.internal.prefA = await w.createPreference('editorA', 'articles-list', {
    columns: [tok('prefA')],
  })
  w.internal.prefB = await w.createPreference('editorB', 'articles-list', {
    columns: [tok('prefB')],
  })
  w.internal.prefAdmin = await w.createPreference('admin', 'articles-list', {
    columns: [tok('prefAdmin')],
  })
  const migrations = await p.find({
    collection: 'payload-migrations',
    limit: 1,
    sort: 'createdAt',
    overrideAccess: true,
  })
  w.internal.migration = migrations.docs[0] as Json
  await createConsultationFixtures(w)
  // Clinic C opts out of two network articles, one of them a draft: populating them must respect access.
  await p.update({
    collection: 'clinics',
    id: w.clinicId('C'),
    data: {
      optedOutArticles: [w.content.articles.netPub!.id, w.content.articles.netDraft!.id],
    } as any,
    overrideAccess: true,
  })
}

/**
 * THE ACCESS MATRIX: every collection of the config (Payload's internal ones included) and the
 * network-settings global x every operation, per subject. Transport-specific differences are
 * stated in `transports`. Keys name fixtures (FIXTURE_KEYS in collections.ts); `...Next` keys are
 * the newer, unpublished drafts of published documents. Refusals are exact statuses.
 */
import type { Subject } from '../../../support/access-fixtures.ts'
import { CONSULTATION_TABLE } from './consultation.ts'
import {
  type BulkOutcome,
  type Expectation,
  na,
  type Operation,
  type Refused,
  type Row,
  type Sees,
  type WriteOutcome,
} from './model.ts'

const each = <T>(value: T) =>
  ({
    anonymous: value,
    editorA: value,
    editorB: value,
    editorAB: value,
    network: value,
    reviewer: value,
    admin: value,
  }) as Record<Subject, T>
const signedIn = <T>(value: T, anonymous: T) => ({ ...each(value), anonymous })

const read = (sees: Record<Subject, Sees>, hidden?: Partial<Record<Subject, Refused>>): Row => ({
  kind: 'read',
  sees,
  hidden,
})
const write = (who: Record<Subject, WriteOutcome>): Row => ({ kind: 'write', who })
const bulk = (who: Record<Subject, BulkOutcome>): Row => ({ kind: 'bulk', who })

const NO_BULK_GRAPHQL = {
  graphql: na("Payload's GraphQL API has no bulk update or bulk delete mutation."),
}
const NO_VERSIONS = (what: string) => na(`${what} keep no versions (versions are not enabled).`)

// ---------------------------------------------------------------- articles and FAQs

const ALL_CONTENT = [
  'netPub',
  'netPubNext',
  'netDraft',
  'aPub',
  'aPubNext',
  'aDraft',
  'bPub',
  'bPubNext',
  'bDraft',
]
/** Published network content, plus everything of the subject's own clinics; staff and reviewers everything. */
const CONTENT_READERS: Record<Subject, Sees> = {
  anonymous: ['netPub', 'aPub', 'bPub'],
  editorA: ['netPub', 'aPub', 'aPubNext', 'aDraft'],
  editorB: ['netPub', 'bPub', 'bPubNext', 'bDraft'],
  editorAB: ['netPub', 'aPub', 'aPubNext', 'aDraft', 'bPub', 'bPubNext', 'bDraft'],
  network: ALL_CONTENT,
  reviewer: ALL_CONTENT,
  admin: ALL_CONTENT,
}
/** Version history: never anonymous; clinic editors only their clinics' documents (not the network's). */
const CONTENT_VERSIONS: Record<Subject, Sees> = {
  anonymous: 403,
  editorA: ['aPub', 'aPubNext', 'aDraft'],
  editorB: ['bPub', 'bPubNext', 'bDraft'],
  editorAB: ['aPub', 'aPubNext', 'aDraft', 'bPub', 'bPubNext', 'bDraft'],
  network: ALL_CONTENT,
  reviewer: ALL_CONTENT,
  admin: ALL_CONTENT,
}
/** Writing a document of clinic A (a draft, so that the medical-review gate is not what decides). */
const WRITE_A = (reviewer: WriteOutcome): Record<Subject, WriteOutcome> => ({
  anonymous: 403,
  editorA: 'done',
  editorB: 403,
  editorAB: 'done',
  network: 'done',
  reviewer,
  admin: 'done',
})
/** Bulk writes over a document of A and one of B: each editor changes their clinic's only. */
const BULK_AB = (reviewer: BulkOutcome): Record<Subject, BulkOutcome> => ({
  anonymous: 403,
  editorA: ['A'],
  editorB: ['B'],
  editorAB: ['A', 'B'],
  network: ['A', 'B'],
  reviewer,
  admin: ['A', 'B'],
})

function contentRows(reviewerUpdates: {
  update: WriteOutcome
  updateMany: BulkOutcome
}): Record<Operation, Row> {
  return {
    find: read(CONTENT_READERS),
    findByID: read(CONTENT_READERS, each(404)),
    count: read(CONTENT_READERS),
    create: write(WRITE_A(403)),
    update: write(WRITE_A(reviewerUpdates.update)),
    updateMany: { ...bulk(BULK_AB(reviewerUpdates.updateMany)), transports: NO_BULK_GRAPHQL },
    delete: write(WRITE_A(403)),
    deleteMany: { ...bulk(BULK_AB(403)), transports: NO_BULK_GRAPHQL },
    versions: read(CONTENT_VERSIONS),
    // Editor B may not read A's versions: refused (403).
    restoreVersion: write(WRITE_A(403)),
    // Editor B may not read A's article: Payload refuses the copy (403) before anything is created.
    // (GraphQL's duplicate must send the required fields, ownership among them, in `data`.)
    duplicate: write(WRITE_A(403)),
  }
}

// ---------------------------------------------------------------- public, staff-written and clinic-scoped collections

const STAFF_ONLY: Record<Subject, WriteOutcome> = {
  ...each<WriteOutcome>(403),
  network: 'done',
  admin: 'done',
}
const STAFF_ONLY_BULK: Record<Subject, BulkOutcome> = {
  ...each<BulkOutcome>(403),
  network: ['A', 'B'],
  admin: ['A', 'B'],
}
const ADMIN_ONLY: Record<Subject, WriteOutcome> = { ...each<WriteOutcome>(403), admin: 'done' }
const ADMIN_ONLY_BULK: Record<Subject, BulkOutcome> = {
  ...each<BulkOutcome>(403),
  admin: ['A', 'B'],
}
const publicRead = (keys: string[]) => ({
  find: read(each(keys)),
  findByID: read(each(keys), each(404)),
  count: read(each(keys)),
})
/** Providers and media: public; a clinic editor writes those of their clinics. */
function clinicScopedRows(what: string): Record<Operation, Row> {
  return {
    ...publicRead(what === 'media' ? ['A', 'B', 'net'] : ['A', 'B', 'AB']),
    create: write(WRITE_A(403)),
    update: write(WRITE_A(403)),
    updateMany: { ...bulk(BULK_AB(403)), transports: NO_BULK_GRAPHQL },
    delete: write(WRITE_A(403)),
    deleteMany: { ...bulk(BULK_AB(403)), transports: NO_BULK_GRAPHQL },
    versions: NO_VERSIONS(what),
    restoreVersion: NO_VERSIONS(what),
    duplicate: write(WRITE_A(403)),
  }
}

// ---------------------------------------------------------------- Payload's internal collections

const REFUSED_TO_ALL = (what: string): Record<Operation, Row> => ({
  find: read(each(403)),
  findByID: read(each(403), each(403)),
  count: read(each(403)),
  create: write(each(403)),
  update: write(each(403)),
  updateMany: { ...bulk(each(403)), transports: NO_BULK_GRAPHQL },
  delete: write(each(403)),
  deleteMany: { ...bulk(each(403)), transports: NO_BULK_GRAPHQL },
  versions: NO_VERSIONS(what),
  restoreVersion: NO_VERSIONS(what),
  duplicate: write(each(403)),
})

/** Accounts are private: everyone but an admin reads only their own. */
const OWN_ACCOUNT: Record<Subject, Sees> = {
  anonymous: 403,
  editorA: ['editorA'],
  editorB: ['editorB'],
  editorAB: ['editorAB'],
  network: ['network'],
  reviewer: ['reviewer'],
  admin: ['admin', 'editorA', 'editorB', 'editorAB', 'network', 'reviewer'],
}
/** Site builds: staff see every build; a clinic editor those that rebuilt one of their clinics. */
const BUILD_READERS: Record<Subject, Sees> = {
  anonymous: 403,
  editorA: ['A', 'AB'],
  editorB: ['B', 'AB'],
  editorAB: ['A', 'B', 'AB'],
  network: ['A', 'B', 'AB'],
  reviewer: 403,
  admin: ['A', 'B', 'AB'],
}
/** Import runs: network staff only. */
const IMPORT_READERS: Record<Subject, Sees> = {
  ...each<Sees>(403),
  network: ['one'],
  admin: ['one'],
}
/** Locks on documents the subject may read: B's draft is hidden from editor A only. */
const LOCK_READERS: Record<Subject, Sees> = {
  ...each<Sees>(['lockB', 'lockGlobal']),
  anonymous: 403,
  editorA: ['lockGlobal'],
}
const OWN_PREFERENCE: Record<Subject, Sees> = {
  ...each<Sees>([]),
  anonymous: 403,
  editorA: ['A'],
  editorB: ['B'],
  admin: ['admin'],
}

export const TABLE: Record<string, Record<Operation, Row>> = {
  // A reviewer saves in draft mode only (the matrix's updates are not): refused.
  articles: contentRows({ update: 403, updateMany: 403 }),
  // A reviewer reads FAQs but writes none: FAQs carry no review fields.
  faqs: contentRows({ update: 403, updateMany: 403 }),

  conditions: {
    ...publicRead(['one']),
    create: write(STAFF_ONLY),
    update: write(STAFF_ONLY),
    updateMany: { ...bulk(STAFF_ONLY_BULK), transports: NO_BULK_GRAPHQL },
    delete: write(STAFF_ONLY),
    deleteMany: { ...bulk(STAFF_ONLY_BULK), transports: NO_BULK_GRAPHQL },
    versions: NO_VERSIONS('Conditions'),
    restoreVersion: NO_VERSIONS('Conditions'),
    duplicate: write(STAFF_ONLY),
  },

  clinics: {
    ...publicRead(['A', 'B', 'C']),
    create: write(STAFF_ONLY),
    // A clinic editor keeps their own clinic's profile up to date (here: its tagline).
    update: write(WRITE_A(403)),
    updateMany: { ...bulk(BULK_AB(403)), transports: NO_BULK_GRAPHQL },
    delete: write(ADMIN_ONLY),
    deleteMany: { ...bulk(ADMIN_ONLY_BULK), transports: NO_BULK_GRAPHQL },
    versions: NO_VERSIONS('Clinics'),
    restoreVersion: NO_VERSIONS('Clinics'),
    // A copy would share the clinic's site URL, which is unique: staff get a validation error naming
    // it. GraphQL's duplicate takes the required fields in `data`, a new site URL among them.
    duplicate: {
      ...write({ ...STAFF_ONLY, network: 400, admin: 400 }),
      transports: { graphql: write(STAFF_ONLY) },
    },
  },

  providers: clinicScopedRows('providers'),
  media: {
    ...clinicScopedRows('media'),
    create: {
      ...write(WRITE_A(403)),
      transports: { graphql: na('GraphQL cannot carry the file an upload collection needs.') },
    },
  },

  // Old addresses of a clinic's site: public (the sites serve them as 301s); a clinic editor writes
  // those of their clinics, staff any. Every redirect names its clinic.
  redirects: {
    ...clinicScopedRows('redirects'),
    ...publicRead(['A', 'B']),
    // A copy would redirect the same old address of the same clinic: whoever may write it gets a
    // validation error naming it. GraphQL's duplicate sends a new address in `data`.
    duplicate: {
      ...write({ ...WRITE_A(403), editorA: 400, editorAB: 400, network: 400, admin: 400 }),
      transports: { graphql: write(WRITE_A(403)) },
    },
  },

  users: {
    find: read(OWN_ACCOUNT),
    findByID: read(OWN_ACCOUNT, { ...each<Refused>(404), anonymous: 403 }),
    count: read(OWN_ACCOUNT),
    create: write(ADMIN_ONLY),
    // Another user's account (a clinic editor of A).
    update: write(ADMIN_ONLY),
    // Where-scoped access: non-admins match no other account, so nothing changes.
    updateMany: {
      ...bulk({ ...each<BulkOutcome>([]), anonymous: 403, admin: ['A', 'B'] }),
      transports: NO_BULK_GRAPHQL,
    },
    delete: write(ADMIN_ONLY),
    // Unlike the bulk update, a bulk delete that matches nothing the subject may delete is refused.
    deleteMany: {
      ...bulk({ ...each<BulkOutcome>(403), admin: ['A', 'B'] }),
      transports: NO_BULK_GRAPHQL,
    },
    versions: NO_VERSIONS('Users'),
    restoreVersion: NO_VERSIONS('Users'),
    duplicate: na('Payload disables duplicate for auth collections (users).'),
  },

  // Written by the server's publisher only (Local API, overrideAccess): every write is refused to
  // every subject, admins included. Read access returning false is a 403, a document outside the
  // editor's clinics a 404.
  'site-builds': {
    ...REFUSED_TO_ALL('Site builds'),
    find: read(BUILD_READERS),
    findByID: read(BUILD_READERS, each(404)),
    count: read(BUILD_READERS),
  },

  // Imports started from the admin (cms/src/import/job/): network staff follow them; only the
  // server writes them (the upload endpoint and the job, with overrideAccess).
  'import-runs': {
    ...REFUSED_TO_ALL('Import runs'),
    find: read(IMPORT_READERS),
    findByID: read(IMPORT_READERS, each(404)),
    count: read(IMPORT_READERS),
  },

  'payload-kv': REFUSED_TO_ALL('Key-value entries'),
  // Jobs are queued, run and cancelled through jobs.access (see workflow.test.ts), never through the collection.
  'payload-jobs': REFUSED_TO_ALL('Jobs'),

  // Locks (cms/src/access/lockedDocuments.ts): seen on documents the subject may read (lockB is
  // editor B's on B's draft, lockGlobal the admin's on the settings); created and taken over
  // (update: the lock rewritten into the subject's name) only on documents the subject may edit
  // (the targets are locks on A's draft, and for updateMany also on B's); deleted only by their
  // owner (A: editor A's, B: editor B's) or an admin. A lock names ids only: the document and the
  // user are never populated for a reader who may not read them (the leak check proves it).
  'payload-locked-documents': {
    find: read(LOCK_READERS),
    findByID: read(LOCK_READERS, { ...each<Refused>(404), anonymous: 403 }),
    count: read(LOCK_READERS),
    // A new lock on B's draft in the subject's own name.
    create: write({ ...each<WriteOutcome>('done'), anonymous: 403, editorA: 403 }),
    update: write({ ...each<WriteOutcome>('done'), anonymous: 403, editorB: 403 }),
    updateMany: { ...bulk(BULK_AB(['A', 'B'])), transports: NO_BULK_GRAPHQL },
    delete: write({ ...each<WriteOutcome>(403), editorA: 'done', admin: 'done' }),
    // Editor AB, the network editor and the reviewer own neither: the delete matches nothing.
    deleteMany: {
      ...bulk({
        ...each<BulkOutcome>([]),
        anonymous: 403,
        editorA: ['A'],
        editorB: ['B'],
        admin: ['A', 'B'],
      }),
      transports: NO_BULK_GRAPHQL,
    },
    versions: NO_VERSIONS('Locks'),
    restoreVersion: NO_VERSIONS('Locks'),
    // A duplicate without data names nobody: refused. GraphQL's duplicate takes the lock's fields
    // in `data` (a lock on B's draft in the subject's own name): made by who may edit B's draft
    // and read the source lock (editor A's, on A's draft).
    duplicate: {
      ...write(each<WriteOutcome>(403)),
      transports: {
        graphql: write({
          ...each<WriteOutcome>('done'),
          anonymous: 403,
          editorA: 403,
          editorB: 403,
        }),
      },
    },
  },

  // Everyone's own admin preferences only, admins included. Target A/B: preferences of editors A/B.
  // REST reads and deletes a preference by key, the caller's own only (GET/DELETE /:key shadow the
  // by-id routes and /count); findByID and delete over REST therefore name the fixture's key.
  'payload-preferences': {
    find: read(OWN_PREFERENCE),
    findByID: {
      ...read(OWN_PREFERENCE, { ...each<Refused>(404), anonymous: 403 }),
      // Anonymous: Payload answers 200 with `value: null`, i.e. not found.
      transports: { rest: read({ ...OWN_PREFERENCE, anonymous: [] }, each(404)) },
    },
    count: {
      ...read(OWN_PREFERENCE),
      transports: {
        rest: na(
          'GET /api/payload-preferences/count is the by-key read of a preference named "count".',
        ),
      },
    },
    create: write(signedIn<WriteOutcome>('done', 403)),
    update: write({ ...each<WriteOutcome>(403), editorA: 'done' }),
    updateMany: {
      ...bulk({ ...each<BulkOutcome>([]), anonymous: 403, editorA: ['A'], editorB: ['B'] }),
      transports: NO_BULK_GRAPHQL,
    },
    delete: {
      ...write({ ...each<WriteOutcome>(403), editorA: 'done' }),
      transports: {
        // By key, the caller's own: nobody else has a preference under editor A's key, so nothing
        // is deleted. Payload's SQLite adapter then fails with 500 (MongoDB: 404): an upstream error path.
        rest: write({
          ...each<WriteOutcome>(process.env.TEST_MONGODB_URI ? 404 : 500),
          anonymous: 401,
          editorA: 'done',
        }),
      },
    },
    deleteMany: {
      ...bulk({ ...each<BulkOutcome>([]), anonymous: 403, editorA: ['A'], editorB: ['B'] }),
      transports: NO_BULK_GRAPHQL,
    },
    versions: NO_VERSIONS('Preferences'),
    restoreVersion: NO_VERSIONS('Preferences'),
    duplicate: write({ ...each<WriteOutcome>(403), editorA: 'done' }),
  },

  // Payload keeps the migration log with its default access (any signed-in user) but serves it on
  // no HTTP route: REST answers 501 for every method (`endpoints: false`), GraphQL has no type
  // (`graphQL: false`). Only server code reaches it, through the Local API.
  'payload-migrations': migrationRows(),

  ...CONSULTATION_TABLE,
}

function migrationRows(): Record<Operation, Row> {
  const rest = {
    rest: { kind: 'read', sees: each<Sees>(501) } as Expectation,
    graphql: na('The migrations collection has graphQL: false.'),
  }
  const restWrite = {
    rest: { kind: 'write', who: each<WriteOutcome>(501) } as Expectation,
    graphql: rest.graphql,
  }
  const restBulk = {
    rest: { kind: 'bulk', who: each<BulkOutcome>(501) } as Expectation,
    graphql: rest.graphql,
  }
  return {
    find: { ...read(signedIn<Sees>(['initial'], 403)), transports: rest },
    findByID: { ...read(signedIn<Sees>(['initial'], 403), each(403)), transports: rest },
    count: { ...read(signedIn<Sees>(['initial'], 403)), transports: rest },
    create: { ...write(signedIn<WriteOutcome>('done', 403)), transports: restWrite },
    update: { ...write(signedIn<WriteOutcome>('done', 403)), transports: restWrite },
    updateMany: { ...bulk(signedIn<BulkOutcome>(['A', 'B'], 403)), transports: restBulk },
    delete: { ...write(signedIn<WriteOutcome>('done', 403)), transports: restWrite },
    deleteMany: { ...bulk(signedIn<BulkOutcome>(['A', 'B'], 403)), transports: restBulk },
    versions: NO_VERSIONS('Migrations'),
    restoreVersion: NO_VERSIONS('Migrations'),
    duplicate: { ...write(signedIn<WriteOutcome>('done', 403)), transports: restWrite },
  }
}

const GLOBAL_NA = na(
  'A global is one document: it has no by-id read, count, create, bulk writes, delete or duplicate.',
)

/** Globals: `find` reads the global, `update` writes it. */
export const GLOBAL_TABLE: Record<string, Record<Operation, Row>> = {
  'network-settings': {
    find: read(each(['settings'])),
    findByID: GLOBAL_NA,
    count: GLOBAL_NA,
    create: GLOBAL_NA,
    update: write(ADMIN_ONLY),
    updateMany: GLOBAL_NA,
    delete: GLOBAL_NA,
    deleteMany: GLOBAL_NA,
    versions: na('Network settings keep no versions (versions are not enabled on the global).'),
    restoreVersion: na(
      'Network settings keep no versions (versions are not enabled on the global).',
    ),
    duplicate: GLOBAL_NA,
  },
}

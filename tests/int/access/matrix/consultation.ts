/**
 * The consultation requests' two collections in the access matrix (spread into ADAPTERS,
 * FIXTURE_KEYS, the registry and TABLE):
 *
 * - consultation-intakes: where a clinic's requests go (intake email, webhook URL and its signing
 *   secret). Network staff only, for every operation; never anyone else, not even to read.
 * - consultation-deliveries: content-free delivery records, written by the server only. Network
 *   staff read all; a clinic editor reads their clinics'; nobody writes over any transport.
 */
import {
  type AccessWorld,
  clinicData,
  type Id,
  type Json,
  type Subject,
  tok,
} from '../../../support/access-fixtures.ts'
import type { Adapter, Registry } from './collections.ts'
import {
  type BulkOutcome,
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
const noVersions = (what: string) => na(`${what} keep no versions (versions are not enabled).`)

const STAFF_READ: Record<Subject, Sees> = {
  ...each<Sees>(403),
  network: ['A', 'B'],
  admin: ['A', 'B'],
}
const STAFF_WRITE: Record<Subject, WriteOutcome> = {
  ...each<WriteOutcome>(403),
  network: 'done',
  admin: 'done',
}
const STAFF_BULK: Record<Subject, BulkOutcome> = {
  ...each<BulkOutcome>(403),
  network: ['A', 'B'],
  admin: ['A', 'B'],
}
const DELIVERY_READERS: Record<Subject, Sees> = {
  anonymous: 403,
  editorA: ['A'],
  editorB: ['B'],
  editorAB: ['A', 'B'],
  network: ['A', 'B'],
  reviewer: 403,
  admin: ['A', 'B'],
}

export const CONSULTATION_TABLE: Record<string, Record<Operation, Row>> = {
  'consultation-intakes': {
    find: read(STAFF_READ),
    findByID: read(STAFF_READ, each(403)),
    count: read(STAFF_READ),
    create: write(STAFF_WRITE),
    update: write(STAFF_WRITE),
    updateMany: { ...bulk(STAFF_BULK), transports: NO_BULK_GRAPHQL },
    delete: write(STAFF_WRITE),
    deleteMany: { ...bulk(STAFF_BULK), transports: NO_BULK_GRAPHQL },
    versions: noVersions('Intakes'),
    restoreVersion: noVersions('Intakes'),
    // A copy would name the same clinic, which has one intake: staff get a validation error.
    // GraphQL's duplicate takes the fields in `data`, another clinic among them.
    duplicate: {
      ...write({ ...STAFF_WRITE, network: 400, admin: 400 }),
      transports: { graphql: write(STAFF_WRITE) },
    },
  },
  // Written by the server only (Local API, overrideAccess): every write is refused to every
  // subject, admins included. A clinic editor reads their clinics' records (a 404 for another's).
  'consultation-deliveries': {
    find: read(DELIVERY_READERS),
    findByID: read(DELIVERY_READERS, each(404)),
    count: read(DELIVERY_READERS),
    create: write(each(403)),
    update: write(each(403)),
    updateMany: { ...bulk(each(403)), transports: NO_BULK_GRAPHQL },
    delete: write(each(403)),
    deleteMany: { ...bulk(each(403)), transports: NO_BULK_GRAPHQL },
    versions: noVersions('Delivery records'),
    restoreVersion: noVersions('Delivery records'),
    duplicate: write(each(403)),
  },
}

export const CONSULTATION_FIXTURE_KEYS = {
  'consultation-intakes': { docs: ['A', 'B'] },
  'consultation-deliveries': { docs: ['A', 'B'] },
}

// Each intake needs a clinic of its own (one intake per clinic): made ahead, one per create.
const spareClinics: Id[] = []
const takeClinic = () => {
  const id = spareClinics.shift()
  if (id === undefined) throw new Error('the matrix ran out of spare clinics for intakes')
  return id
}

const intakeData = (clinic: Id, label: string) => ({
  clinic,
  email: `intake.${label}.${tok(`intake${label}`)}@access-test.example`,
  webhookUrl: `https://crm.access-test.example/${tok(`intakeurl${label}`)}`,
  webhookSecret: `secret-${tok(`intakesecret${label}`)}-0123456789abcdef0123456789`,
})

async function newClinic(w: AccessWorld, label: string): Promise<Id> {
  const clinic = await w.payload.create({
    collection: 'clinics',
    data: clinicData(label) as any,
    overrideAccess: true,
  })
  return clinic.id
}

function deliveryData(clinic: Id, label: string) {
  return {
    clinic,
    channel: 'webhook' as const,
    status: 'retrying' as const,
    attempts: 2,
    lastError: `webhook: the receiver answered HTTP 500 ${tok(`delivery${label}`)}`,
    request: `request-${tok(`deliveryrequest${label}`)}`,
  }
}

export const CONSULTATION_ADAPTERS: Record<string, Adapter> = {
  'consultation-intakes': {
    slug: 'consultation-intakes',
    gql: {
      one: 'ConsultationIntake',
      many: 'ConsultationIntakes',
      count: 'countConsultationIntakes',
      create: 'createConsultationIntake',
      update: 'updateConsultationIntake',
      del: 'deleteConsultationIntake',
      dup: 'duplicateConsultationIntake',
      input: 'mutationConsultationIntakeInput',
      fields: 'id email webhookUrl webhookSecret title clinic { id name }',
    },
    updateField: 'email',
    updateValue: (n) => `updated${n}@access-test.example`,
    createData: (_w, _s, n) => ({ clinic: takeClinic(), email: `created${n}@access-test.example` }),
    fresh: async (w, _s, n) =>
      w.payload.create({
        collection: 'consultation-intakes',
        data: intakeData(await newClinic(w, `intake${n}`), `fresh${n}`) as any,
        overrideAccess: true,
      }),
  },
  'consultation-deliveries': {
    slug: 'consultation-deliveries',
    gql: {
      one: 'ConsultationDelivery',
      many: 'ConsultationDeliveries',
      count: 'countConsultationDeliveries',
      create: 'createConsultationDelivery',
      update: 'updateConsultationDelivery',
      del: 'deleteConsultationDelivery',
      dup: 'duplicateConsultationDelivery',
      input: 'mutationConsultationDeliveryInput',
      fields: 'id status channel attempts lastError request clinic { id name }',
    },
    updateField: 'lastError',
    updateValue: (n) => `forged error ${n}`,
    // Nobody may write a record (the server writes with overrideAccess): what a caller would forge.
    createData: (w, _s, n) => ({
      ...deliveryData(w.clinicId('A'), `created${n}`),
      status: 'delivered',
    }),
    fresh: (w, s, n) =>
      w.payload.create({
        collection: 'consultation-deliveries',
        data: deliveryData(w.clinicId(s), `fresh${n}`) as any,
        overrideAccess: true,
      }),
  },
}

/** The fixtures: intakes of clinics A and B, a delivery record of each; spare clinics for creates. */
export async function createConsultationFixtures(w: AccessWorld): Promise<void> {
  for (const side of ['A', 'B'] as const) {
    w.internal[`intake${side}`] = await w.payload.create({
      collection: 'consultation-intakes',
      data: intakeData(w.clinicId(side), side) as any,
      overrideAccess: true,
    })
    w.internal[`delivery${side}`] = await w.payload.create({
      collection: 'consultation-deliveries',
      data: deliveryData(w.clinicId(side), side) as any,
      overrideAccess: true,
    })
  }
  for (let i = 0; i < 48; i++) spareClinics.push(await newClinic(w, `spare${i}`))
}

export function consultationRegistry(w: AccessWorld): Registry {
  const fixture = (doc: Json | undefined, tokens: string[]) => ({ id: doc!.id as Id, tokens })
  return {
    'consultation-intakes': Object.fromEntries(
      (['A', 'B'] as const).map((side) => [
        side,
        fixture(
          w.internal[`intake${side}`],
          ['intake', 'intakeurl', 'intakesecret'].map((t) => tok(`${t}${side}`)),
        ),
      ]),
    ),
    'consultation-deliveries': Object.fromEntries(
      (['A', 'B'] as const).map((side) => [
        side,
        fixture(w.internal[`delivery${side}`], [
          tok(`delivery${side}`),
          tok(`deliveryrequest${side}`),
        ]),
      ]),
    ),
  }
}

/**
 * Runs one operation as one subject over one transport and reports what happened in the table's
 * terms (fixture keys seen, 'done' / 'ignored' / refusal status), plus every response text so the
 * caller can search it for leaks. What was stored is always read back with overrideAccess.
 */
import { isDeepStrictEqual } from 'node:util'

import {
  type AccessWorld,
  graphqlStatus,
  type Id,
  type Json,
  type Subject,
  tinyPng,
  type Transport,
} from '../../../support/access-fixtures.ts'
import { ADAPTERS, type Adapter, type Registry } from './collections.ts'
import type { Operation } from './model.ts'

export interface Ctx {
  w: AccessWorld
  registry: Registry
  /** Long-lived targets of `update` (A) and `updateMany` (A and B), per collection. */
  targets: Record<string, { A: Json; B: Json }>
  next: () => number
}

interface Reply {
  status: number
  text: string
  /** The operation's result document(s), if any came back. */
  body?: unknown
}

export interface Observation {
  observed: unknown
  texts: string[]
  /** Replies that refused: none may carry a document. */
  refusals: Reply[]
  /** Draft-mode reads: status and the fixture keys returned (must stay within what the subject may see). */
  draftMode?: { status: number; keys: string[] }
  /** Duplicates that succeeded: the copy's id. */
  createdId?: Id
}

const lit = (ids: Id[]) => `[${ids.map((id) => JSON.stringify(id)).join(', ')}]`
/** GraphQL's id operators have no `in` (SQLite ids are Int): one `equals` per id. */
const gqlIdIn = (ids: Id[]) =>
  `{ OR: [${ids.map((id) => `{ id: { equals: ${JSON.stringify(id)} } }`).join(', ')}] }`
const qsIn = (field: string, ids: Id[]) =>
  ids.map((id, i) => `where[${field}][in][${i}]=${encodeURIComponent(String(id))}`).join('&')
const ok = (status: number) => status >= 200 && status < 300

/** 'done' / 'ignored' / the refusal; a refusal that still changed something is reported as such. */
function classify(status: number, changed: boolean): unknown {
  if (ok(status)) return changed ? 'done' : 'ignored'
  return changed ? `changed despite ${status}` : status
}

async function call(
  ctx: Ctx,
  subject: Subject,
  transport: Transport,
  rest: () => Promise<Reply>,
  graphql: () => Promise<Reply>,
  local: () => Promise<Reply>,
) {
  return transport === 'rest' ? rest() : transport === 'graphql' ? graphql() : local()
}

async function restReply(
  ctx: Ctx,
  subject: Subject,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const r = await ctx.w.rest(subject, method, path, body)
  return {
    status: r.status,
    text: r.text,
    body:
      r.json?.doc ??
      (Array.isArray(r.json?.docs) && r.json.docs.length > 0 ? r.json.docs : undefined) ??
      (ok(r.status) ? r.json : undefined),
  }
}

async function gqlReply(
  ctx: Ctx,
  subject: Subject,
  query: string,
  variables?: Json,
): Promise<Reply> {
  const r = await ctx.w.graphql(subject, query, variables)
  return { status: graphqlStatus(r.json), text: r.text, body: r.json.data?.r ?? undefined }
}

async function localReply(ctx: Ctx, run: () => Promise<unknown>): Promise<Reply> {
  const r = await ctx.w.local(run)
  return { status: r.status, text: r.text, body: r.result }
}

function fixtureIds(ctx: Ctx, slug: string): Id[] {
  return Object.values(ctx.registry[slug]!).flatMap((f) => (f.id === undefined ? [] : [f.id]))
}

function keysOf(ctx: Ctx, slug: string, ids: unknown[]): string[] {
  const wanted = new Set(
    ids.map((id) => String(typeof id === 'object' && id !== null ? (id as Json).id : id)),
  )
  return Object.entries(ctx.registry[slug]!)
    .filter(([, f]) => f.id !== undefined && wanted.has(String(f.id)))
    .map(([key]) => key)
    .sort()
}

function docsOf(body: unknown): Json[] {
  if (Array.isArray(body)) return body as Json[]
  const docs = (body as Json | undefined)?.docs
  return Array.isArray(docs) ? docs : []
}

// ---------------------------------------------------------------- reads

async function list(ctx: Ctx, a: Adapter, subject: Subject, transport: Transport, draft: boolean) {
  const { w } = ctx
  const ids = fixtureIds(ctx, a.slug)
  return call(
    ctx,
    subject,
    transport,
    () =>
      restReply(
        ctx,
        subject,
        'GET',
        `/api/${a.slug}?${qsIn('id', ids)}&limit=200${draft ? '&draft=true' : ''}`,
      ),
    () =>
      gqlReply(
        ctx,
        subject,
        `{ r: ${a.gql!.many}(where: ${gqlIdIn(ids)}, limit: 200${draft ? ', draft: true' : ''}) { docs { ${a.gql!.fields} } } }`,
      ),
    () =>
      localReply(ctx, () =>
        w.payload.find({
          collection: a.slug as any,
          where: { id: { in: ids } },
          limit: 200,
          draft,
          ...w.as(subject),
        }),
      ),
  )
}

async function find(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const reply = await list(ctx, a, subject, transport, false)
  const obs: Observation = {
    observed: reply.status === 200 ? keysOf(ctx, a.slug, docsOf(reply.body)) : reply.status,
    texts: [reply.text],
    refusals: reply.status === 200 ? [] : [reply],
  }
  if (a.drafts) {
    const draft = await list(ctx, a, subject, transport, true)
    obs.texts.push(draft.text)
    obs.draftMode = { status: draft.status, keys: keysOf(ctx, a.slug, docsOf(draft.body)) }
  }
  return obs
}

async function findOne(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
  id: Id,
  draft: boolean,
): Promise<Reply> {
  const { w } = ctx
  const flag = draft ? 'draft=true' : ''
  return call(
    ctx,
    subject,
    transport,
    async () => {
      if (a.slug !== 'payload-preferences')
        return restReply(ctx, subject, 'GET', `/api/${a.slug}/${id}?${flag}`)
      // REST reads a preference by key, and only the caller's own (Payload answers 200 with
      // `value: null` when the caller has none): found means the fixture itself came back.
      const pref = await w.payload.findByID({
        collection: 'payload-preferences',
        id,
        overrideAccess: true,
        depth: 0,
      })
      const reply = await restReply(
        ctx,
        subject,
        'GET',
        `/api/payload-preferences/${encodeURIComponent(pref.key as string)}`,
      )
      const found = String((reply.body as Json | undefined)?.id) === String(id)
      return {
        ...reply,
        status: reply.status === 200 && !found ? 404 : reply.status,
        body: found ? reply.body : undefined,
      }
    },
    () =>
      gqlReply(
        ctx,
        subject,
        `{ r: ${a.gql!.one}(id: ${JSON.stringify(id)}${draft ? ', draft: true' : ''}) { ${a.gql!.fields} } }`,
      ),
    () =>
      localReply(ctx, () =>
        w.payload.findByID({ collection: a.slug as any, id, draft, ...w.as(subject) }),
      ),
  )
}

async function findByID(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const observed: Record<string, number> = {}
  const obs: Observation = { observed, texts: [], refusals: [] }
  const draftKeys: string[] = []
  for (const [key, fixture] of Object.entries(ctx.registry[a.slug]!)) {
    if (fixture.id === undefined) continue
    const reply = await findOne(ctx, a, subject, transport, fixture.id, false)
    observed[key] = reply.status
    obs.texts.push(reply.text)
    if (reply.status !== 200) obs.refusals.push(reply)
    if (a.drafts) {
      const draft = await findOne(ctx, a, subject, transport, fixture.id, true)
      obs.texts.push(draft.text)
      if (draft.status === 200) draftKeys.push(key)
      else obs.refusals.push(draft)
    }
  }
  if (a.drafts) obs.draftMode = { status: 200, keys: draftKeys.sort() }
  return obs
}

async function count(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const ids = fixtureIds(ctx, a.slug)
  const reply = await call(
    ctx,
    subject,
    transport,
    () => restReply(ctx, subject, 'GET', `/api/${a.slug}/count?${qsIn('id', ids)}`),
    () => gqlReply(ctx, subject, `{ r: ${a.gql!.count}(where: ${gqlIdIn(ids)}) { totalDocs } }`),
    () =>
      localReply(ctx, () =>
        w.payload.count({
          collection: a.slug as any,
          where: { id: { in: ids } },
          ...w.as(subject),
        }),
      ),
  )
  const totalDocs = (reply.body as Json | undefined)?.totalDocs
  return {
    observed: reply.status === 200 ? { totalDocs } : { refused: reply.status },
    texts: [reply.text],
    refusals: reply.status === 200 ? [] : [reply],
  }
}

async function versions(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const ids = fixtureIds(ctx, a.slug)
  const title = a.slug === 'articles' ? 'title' : 'question'
  const reply = await call(
    ctx,
    subject,
    transport,
    () =>
      restReply(
        ctx,
        subject,
        'GET',
        `/api/${a.slug}/versions?${qsIn('parent', ids)}&limit=300&depth=0`,
      ),
    () =>
      gqlReply(
        ctx,
        subject,
        `{ r: ${a.gql!.versions}(where: { parent: { in: ${lit(ids)} } }, limit: 300) { docs { id parent { id } version { ${title} } } } }`,
      ),
    () =>
      localReply(ctx, () =>
        w.payload.findVersions({
          collection: a.slug as any,
          where: { parent: { in: ids } },
          limit: 300,
          depth: 0,
          ...w.as(subject),
        }),
      ),
  )
  const parents = docsOf(reply.body).map((doc) => doc.parent)
  return {
    observed: reply.status === 200 ? [...new Set(keysOf(ctx, a.slug, parents))] : reply.status,
    texts: [reply.text],
    refusals: reply.status === 200 ? [] : [reply],
  }
}

// ---------------------------------------------------------------- writes

const countAll = (ctx: Ctx, slug: string) =>
  ctx.w.payload.count({ collection: slug as any, overrideAccess: true }).then((r) => r.totalDocs)
const stored = async (ctx: Ctx, a: Adapter, id: Id) =>
  ctx.w.payload.findByID({
    collection: a.slug as any,
    id,
    depth: 0,
    draft: a.drafts,
    disableErrors: true,
    ...ctx.w.system(),
  }) as Promise<Json | null>

function finish(reply: Reply, observed: unknown): Observation {
  return { observed, texts: [reply.text], refusals: ok(reply.status) ? [] : [reply] }
}

async function create(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const data = a.createData(w, subject, ctx.next())
  const before = await countAll(ctx, a.slug)
  const png = a.upload ? await tinyPng() : undefined
  const reply = await call(
    ctx,
    subject,
    transport,
    () => {
      if (!png)
        return restReply(
          ctx,
          subject,
          'POST',
          `/api/${a.slug}${a.drafts ? '?draft=true' : ''}`,
          data,
        )
      const form = new FormData()
      form.append('file', new Blob([new Uint8Array(png)], { type: 'image/png' }), 'upload.png')
      form.append('_payload', JSON.stringify(data))
      return restReply(ctx, subject, 'POST', `/api/${a.slug}`, form)
    },
    () =>
      gqlReply(
        ctx,
        subject,
        `mutation($data: ${a.gql!.input}!) { r: ${a.gql!.create}(data: $data${a.drafts ? ', draft: true' : ''}) { id } }`,
        { data: a.gqlData?.(data) ?? data },
      ),
    () =>
      localReply(ctx, () =>
        w.payload.create({
          collection: a.slug as any,
          data: data as any,
          draft: a.drafts,
          ...(png
            ? { file: { data: png, mimetype: 'image/png', name: 'upload.png', size: png.length } }
            : {}),
          ...w.as(subject),
        }),
      ),
  )
  return finish(reply, classify(reply.status, (await countAll(ctx, a.slug)) === before + 1))
}

function updateById(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
  target: Json,
  data: Json,
) {
  const id = target.id as Id
  const { w } = ctx
  const updateInput = a.gql ? a.gql.input.replace(/Input$/, 'UpdateInput') : ''
  return call(
    ctx,
    subject,
    transport,
    () => restReply(ctx, subject, 'PATCH', `/api/${a.slug}/${id}`, data),
    () =>
      gqlReply(
        ctx,
        subject,
        `mutation($data: ${updateInput}!) { r: ${a.gql!.update}(id: ${JSON.stringify(id)}, data: $data) { id } }`,
        { data: a.gqlData?.(data, target) ?? data },
      ),
    () =>
      localReply(ctx, () =>
        w.payload.update({ collection: a.slug as any, id, data: data as any, ...w.as(subject) }),
      ),
  )
}

async function update(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const target = ctx.targets[a.slug]!.A
  const value = a.updateValue(ctx.next(), ctx.w, subject)
  const reply = await updateById(ctx, a, subject, transport, target, { [a.updateField]: value })
  const after = await stored(ctx, a, target.id)
  return finish(reply, classify(reply.status, isDeepStrictEqual(after?.[a.updateField], value)))
}

async function updateMany(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const { A, B } = ctx.targets[a.slug]!
  const value = a.updateValue(ctx.next(), w, subject)
  const ids = [A.id, B.id]
  const reply = await call(
    ctx,
    subject,
    transport,
    () =>
      restReply(ctx, subject, 'PATCH', `/api/${a.slug}?${qsIn('id', ids)}`, {
        [a.updateField]: value,
      }),
    () => Promise.reject(new Error('no bulk update over GraphQL')),
    () =>
      localReply(ctx, () =>
        w.payload.update({
          collection: a.slug as any,
          where: { id: { in: ids } },
          data: { [a.updateField]: value } as any,
          ...w.as(subject),
        }),
      ),
  )
  const changed: string[] = []
  for (const [side, doc] of [
    ['A', A],
    ['B', B],
  ] as const)
    if (isDeepStrictEqual((await stored(ctx, a, doc.id))?.[a.updateField], value))
      changed.push(side)
  return finish(
    reply,
    ok(reply.status)
      ? changed
      : changed.length > 0
        ? `changed ${changed} despite ${reply.status}`
        : reply.status,
  )
}

async function deleteOne(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const doc = await a.fresh(w, 'A', ctx.next())
  const reply = await call(
    ctx,
    subject,
    transport,
    // REST deletes a preference by key, and only the caller's own.
    () =>
      restReply(
        ctx,
        subject,
        'DELETE',
        `/api/${a.slug}/${a.slug === 'payload-preferences' ? encodeURIComponent(doc.key) : doc.id}`,
      ),
    () =>
      gqlReply(ctx, subject, `mutation { r: ${a.gql!.del}(id: ${JSON.stringify(doc.id)}) { id } }`),
    () =>
      localReply(ctx, () =>
        w.payload.delete({ collection: a.slug as any, id: doc.id, ...w.as(subject) }),
      ),
  )
  return finish(reply, classify(reply.status, (await stored(ctx, a, doc.id)) === null))
}

async function deleteMany(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const docs = { A: await a.fresh(w, 'A', ctx.next()), B: await a.fresh(w, 'B', ctx.next()) }
  const ids = [docs.A.id, docs.B.id]
  const reply = await call(
    ctx,
    subject,
    transport,
    () => restReply(ctx, subject, 'DELETE', `/api/${a.slug}?${qsIn('id', ids)}`),
    () => Promise.reject(new Error('no bulk delete over GraphQL')),
    () =>
      localReply(ctx, () =>
        w.payload.delete({
          collection: a.slug as any,
          where: { id: { in: ids } },
          ...w.as(subject),
        }),
      ),
  )
  const gone: string[] = []
  for (const side of ['A', 'B'] as const)
    if ((await stored(ctx, a, docs[side].id)) === null) gone.push(side)
  return finish(
    reply,
    ok(reply.status)
      ? gone
      : gone.length > 0
        ? `deleted ${gone} despite ${reply.status}`
        : reply.status,
  )
}

async function restoreVersion(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const collection = a.slug as 'articles' | 'faqs'
  const field = a.updateField
  const doc = await w.createContent(collection, `restore${ctx.next()}`, w.clinicId('A'), 'draft')
  await w.payload.update({
    collection,
    id: doc.id,
    data: { [field]: `${doc[field]} second` } as any,
    draft: true,
    overrideAccess: true,
  })
  const { docs } = await w.payload.findVersions({
    collection,
    where: { parent: { equals: doc.id } },
    sort: 'createdAt',
    limit: 1,
    overrideAccess: true,
  })
  const first = docs[0]!
  const reply = await call(
    ctx,
    subject,
    transport,
    () => restReply(ctx, subject, 'POST', `/api/${collection}/versions/${first.id}?draft=true`),
    () =>
      gqlReply(
        ctx,
        subject,
        `mutation { r: ${a.gql!.restore}(id: ${JSON.stringify(first.id)}, draft: true) { id } }`,
      ),
    () =>
      localReply(ctx, () =>
        w.payload.restoreVersion({ collection, id: first.id, draft: true, ...w.as(subject) }),
      ),
  )
  return finish(
    reply,
    classify(reply.status, (await stored(ctx, a, doc.id))?.[field] === doc[field]),
  )
}

async function duplicate(
  ctx: Ctx,
  a: Adapter,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  const n = ctx.next()
  const id = a.duplicateSource ? await a.duplicateSource(w, n) : (await a.fresh(w, 'A', n)).id
  const before = await countAll(ctx, a.slug)
  // GraphQL's duplicate mutation requires the collection's required fields in `data`.
  const data = a.createData(w, subject, ctx.next())
  const reply = await call(
    ctx,
    subject,
    transport,
    () => restReply(ctx, subject, 'POST', `/api/${a.slug}/${id}/duplicate`, {}),
    () =>
      gqlReply(
        ctx,
        subject,
        `mutation($data: ${a.gql!.input}!) { r: ${a.gql!.dup}(id: ${JSON.stringify(id)}, data: $data) { id } }`,
        { data: a.gqlData?.(data) ?? data },
      ),
    // As the REST endpoint does by default (the admin's "Duplicate"): the copy is saved as a draft.
    () =>
      localReply(ctx, () =>
        w.payload.duplicate({ collection: a.slug as any, id, draft: a.drafts, ...w.as(subject) }),
      ),
  )
  const obs = finish(reply, classify(reply.status, (await countAll(ctx, a.slug)) === before + 1))
  if (ok(reply.status)) obs.createdId = (reply.body as Json | undefined)?.id
  return obs
}

// ---------------------------------------------------------------- the network-settings global

async function globalOp(
  ctx: Ctx,
  slug: string,
  op: Operation,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  const { w } = ctx
  if (op === 'find') {
    const reply = await call(
      ctx,
      subject,
      transport,
      () => restReply(ctx, subject, 'GET', `/api/globals/${slug}`),
      () =>
        gqlReply(
          ctx,
          subject,
          `{ r: NetworkSetting { networkName reviewIntervalMonths noindexSyndicatedCopies } }`,
        ),
      () => localReply(ctx, () => w.payload.findGlobal({ slug: slug as any, ...w.as(subject) })),
    )
    const found =
      reply.status === 200 && typeof (reply.body as Json | undefined)?.networkName === 'string'
    return {
      observed: found ? ['settings'] : reply.status,
      texts: [reply.text],
      refusals: found ? [] : [reply],
    }
  }
  const networkName = `Clinic network ${ctx.next()}`
  const reply = await call(
    ctx,
    subject,
    transport,
    () => restReply(ctx, subject, 'POST', `/api/globals/${slug}`, { networkName }),
    () =>
      gqlReply(
        ctx,
        subject,
        `mutation { r: updateNetworkSetting(data: { networkName: ${JSON.stringify(networkName)} }) { networkName } }`,
      ),
    () =>
      localReply(ctx, () =>
        w.payload.updateGlobal({
          slug: slug as any,
          data: { networkName } as any,
          ...w.as(subject),
        }),
      ),
  )
  const after = await w.payload.findGlobal({ slug: slug as any, overrideAccess: true })
  return finish(reply, classify(reply.status, (after as Json).networkName === networkName))
}

const OPS: Record<
  Operation,
  (ctx: Ctx, a: Adapter, subject: Subject, transport: Transport) => Promise<Observation>
> = {
  find,
  findByID,
  count,
  create,
  update,
  updateMany,
  delete: deleteOne,
  deleteMany,
  versions,
  restoreVersion,
  duplicate,
}

export function perform(
  ctx: Ctx,
  slug: string,
  op: Operation,
  subject: Subject,
  transport: Transport,
): Promise<Observation> {
  if (!ADAPTERS[slug]) return globalOp(ctx, slug, op, subject, transport)
  return OPS[op](ctx, ADAPTERS[slug]!, subject, transport)
}

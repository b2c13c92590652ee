/**
 * Which clinic sites each change queues a rebuild for, on the real server and database. Publishing
 * is off here, so the `rebuildSites` jobs the hooks queue stay in the queue to be read (through the
 * Local API) instead of being run; real builds are publish.test.ts's business.
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { createLocalReq, initTransaction, killTransaction, type Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, localApi } from '../support/cms.ts'
import {
  ADMIN,
  adminToken,
  articleData,
  type Clinic,
  CLINICS,
  type Json,
  type NetworkIds,
  networkIds,
  QUIET,
  rebuildJobs,
  rest,
  startNetwork,
  waitFor,
} from './publishing.ts'

const suffix = randomBytes(3).toString('hex')

describe('which clinic sites a change queues a rebuild for', () => {
  let dataDir: string
  let cms: CmsHandle
  let payload: Payload
  let ids: NetworkIds
  let token: string

  const api = (method: string, urlPath: string, body?: unknown) =>
    rest(cms, token, method, urlPath, body)

  beforeAll(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-publish-queue-'))
    cms = await startNetwork({ seed: true, dataDir, sitesDir: path.join(dataDir, 'sites') })
    payload = await localApi(cms)
    ids = await networkIds(payload)
    token = await adminToken(cms)
  })

  afterAll(async () => {
    await cms?.stop()
    await payload?.destroy()
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true })
  })

  const publishedArticle = (title: string, clinics: readonly Clinic[], extra: Json = {}) =>
    payload.create({
      collection: 'articles',
      data: { ...articleData(ids, title, clinics, extra), _status: 'published' } as never,
      ...QUIET,
    })
  const draftArticle = (title: string, clinics: readonly Clinic[], extra: Json = {}) =>
    payload.create({
      collection: 'articles',
      data: { ...articleData(ids, title, clinics, extra), _status: 'draft' } as never,
      draft: true,
      ...QUIET,
    })
  const faq = (
    question: string,
    owner: Clinic | 'network',
    status: 'published' | 'draft',
    extra: Json = {},
  ) =>
    payload.create({
      collection: 'faqs',
      data: {
        question,
        answer: toLexical([{ p: `Answer: ${question}` }]),
        topic: 'general',
        ...(owner === 'network'
          ? { owner: 'network' }
          : { owner: 'clinic', ownerClinic: ids.clinics[owner] }),
        ...extra,
        _status: status,
      } as never,
      draft: status === 'draft',
      ...QUIET,
    })

  /** Runs a change through REST and returns the inputs of the rebuild jobs it queued. */
  async function queuedBy(change: () => Promise<{ status: number; text: string }>, status = 200) {
    await payload.delete({
      collection: 'payload-jobs',
      where: { queue: { equals: 'sites' } },
      overrideAccess: true,
    })
    const res = await change()
    expect(res.status, res.text).toBe(status)
    const jobs = await rebuildJobs(payload)
    for (const job of jobs) expect(job.taskSlug).toBe('rebuildSites')
    return jobs.map((job) => ({
      clinics: job.input.clinics as string[],
      removals: job.input.removals as boolean,
    }))
  }
  const rebuild = (clinics: string[], removals = false) => [{ clinics, removals }]

  it('queues nothing while seeding the demo network', async () => {
    expect(await payload.count({ collection: 'articles', overrideAccess: true })).toMatchObject({
      totalDocs: 13,
    })
    expect(await rebuildJobs(payload)).toEqual([])
  })

  it('publishing an article shown on two of three clinics queues exactly those two', async () => {
    const draft = await draftArticle(`Two of three ${suffix}`, ['albuquerque', 'temecula'])
    const jobs = await queuedBy(() =>
      api('PATCH', `/api/articles/${draft.id}`, { _status: 'published' }),
    )
    expect(jobs).toEqual(rebuild(['albuquerque', 'temecula']))
    const [job] = await rebuildJobs(payload)
    const admin = (
      await payload.find({
        collection: 'users',
        where: { email: { equals: ADMIN.email } },
        limit: 1,
        overrideAccess: true,
      })
    ).docs[0]!
    expect(job!.input.reason).toBe(`articles ${draft.id} published by user ${admin.id}`)
    expect(job!.input.locales).toEqual(['en'])
  })

  it('publishing the Spanish of a live article queues its clinics for both languages, a later Spanish edit for Spanish only', async () => {
    const article = await publishedArticle(`Translated ${suffix}`, ['albuquerque', 'temecula'])
    const spanish = {
      ...articleData(ids, `Traducido ${suffix}`, ['albuquerque', 'temecula']),
      _status: 'published',
    }
    const jobs = await queuedBy(() =>
      api('PATCH', `/api/articles/${article.id}?locale=es`, spanish),
    )
    expect(jobs).toEqual(rebuild(['albuquerque', 'temecula']))
    const [job] = await rebuildJobs(payload)
    // The English pages gain their language switcher and hreflang to the new Spanish version.
    expect(job!.input.locales).toEqual(['en', 'es'])
    // Editing the published Spanish text changes the Spanish pages only.
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/articles/${article.id}?locale=es`, {
          excerpt: `Un resumen revisado ${suffix}.`,
          _status: 'published',
        }),
      ),
    ).toEqual(rebuild(['albuquerque', 'temecula']))
    expect((await rebuildJobs(payload))[0]!.input.locales).toEqual(['es'])
    // A Spanish draft over it queues nothing, like an English one.
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/articles/${article.id}?locale=es&draft=true`, {
          title: `Traducido, borrador ${suffix}`,
          _status: 'draft',
        }),
      ),
    ).toEqual([])
  })

  it('a draft save or an autosave over a published article queues nothing', async () => {
    const article = await publishedArticle(`Drafted over ${suffix}`, ['albuquerque'])
    const draftSave = { title: `Drafted over, new draft ${suffix}`, _status: 'draft' }
    expect(
      await queuedBy(() => api('PATCH', `/api/articles/${article.id}?draft=true`, draftSave)),
    ).toEqual([])
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/articles/${article.id}?draft=true&autosave=true`, {
          ...draftSave,
          title: `Autosaved ${suffix}`,
        }),
      ),
    ).toEqual([])
    // Really saved as drafts: the stored draft moved on, visitors still get the published title.
    expect((await api('GET', `/api/articles/${article.id}?draft=true&depth=0`)).json?.title).toBe(
      `Autosaved ${suffix}`,
    )
    expect(
      (await rest(cms, undefined, 'GET', `/api/articles/${article.id}?depth=0`)).json?.title,
    ).toBe(`Drafted over ${suffix}`)
  })

  it('unpublishing queues the clinics the article was on, as a removal', async () => {
    const article = await publishedArticle(`Unpublished ${suffix}`, ['albuquerque', 'waxahachie'])
    expect(
      await queuedBy(() => api('PATCH', `/api/articles/${article.id}`, { _status: 'draft' })),
    ).toEqual(rebuild(['albuquerque', 'waxahachie'], true))
  })

  it('moving an article from clinics {A, B} to {B, C} queues A, B and C', async () => {
    const article = await publishedArticle(`Moved ${suffix}`, ['albuquerque', 'temecula'])
    const move = { clinics: [ids.clinics.temecula, ids.clinics.waxahachie], _status: 'published' }
    expect(await queuedBy(() => api('PATCH', `/api/articles/${article.id}`, move))).toEqual(
      rebuild([...CLINICS], true),
    )
  })

  it('deleting a published article queues its clinics as a removal; deleting a draft queues nothing', async () => {
    const article = await publishedArticle(`Deleted ${suffix}`, ['temecula', 'waxahachie'])
    expect(await queuedBy(() => api('DELETE', `/api/articles/${article.id}`))).toEqual(
      rebuild(['temecula', 'waxahachie'], true),
    )
    const draft = await draftArticle(`Deleted draft ${suffix}`, ['temecula'])
    expect(await queuedBy(() => api('DELETE', `/api/articles/${draft.id}`))).toEqual([])
  })

  it('a network FAQ queues every clinic, a clinic FAQ only its own', async () => {
    const network = await faq(`Network question ${suffix}?`, 'network', 'draft')
    expect(
      await queuedBy(() => api('PATCH', `/api/faqs/${network.id}`, { _status: 'published' })),
    ).toEqual(rebuild([...CLINICS]))
    const local = await faq(`Temecula question ${suffix}?`, 'temecula', 'draft')
    expect(
      await queuedBy(() => api('PATCH', `/api/faqs/${local.id}`, { _status: 'published' })),
    ).toEqual(rebuild(['temecula']))
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/faqs/${local.id}?draft=true`, {
          question: `Draft wording ${suffix}?`,
          _status: 'draft',
        }),
      ),
    ).toEqual([])
  })

  it('editing a provider queues their clinics and the clinics showing articles they wrote', async () => {
    const provider = await payload.create({
      collection: 'providers',
      data: { name: `Dr Publish ${suffix}`, clinics: [ids.clinics.albuquerque] } as never,
      ...QUIET,
    })
    await publishedArticle(`Written by the provider ${suffix}`, ['waxahachie'], {
      author: provider.id,
    })
    // A draft they wrote is on no site yet.
    await draftArticle(`Drafted by the provider ${suffix}`, ['temecula'], { author: provider.id })
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/providers/${provider.id}`, { role: 'Infusion nurse' }),
      ),
    ).toEqual(rebuild(['albuquerque', 'waxahachie']))
  })

  it('editing a condition queues the clinics treating it or showing published content about it', async () => {
    const condition = await payload.create({
      collection: 'conditions',
      data: {
        name: `Condition ${suffix}`,
        summary: 'A test condition.',
        category: 'mental-health',
      } as never,
      ...QUIET,
    })
    await payload.update({
      collection: 'clinics',
      id: ids.clinics.albuquerque,
      data: { conditions: [condition.id] } as never,
      ...QUIET,
    })
    await faq(`About the condition ${suffix}?`, 'temecula', 'published', {
      conditions: [condition.id],
    })
    await faq(`Draft about the condition ${suffix}?`, 'waxahachie', 'draft', {
      conditions: [condition.id],
    })
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/conditions/${condition.id}`, { summary: 'Edited summary.' }),
      ),
    ).toEqual(rebuild(['albuquerque', 'temecula']))

    const other = await payload.create({
      collection: 'conditions',
      data: { name: `Other ${suffix}`, summary: 'Another.', category: 'mental-health' } as never,
      ...QUIET,
    })
    await publishedArticle(`About the other condition ${suffix}`, ['waxahachie'], {
      conditions: [other.id],
    })
    expect(
      await queuedBy(() => api('PATCH', `/api/conditions/${other.id}`, { summary: 'Edited too.' })),
    ).toEqual(rebuild(['waxahachie']))
  })

  it('deleting a condition or a provider queues the clinics that showed it, as a removal', async () => {
    const condition = await payload.create({
      collection: 'conditions',
      data: {
        name: `Deleted condition ${suffix}`,
        summary: 'Soon gone.',
        category: 'pain',
      } as never,
      ...QUIET,
    })
    await faq(`About the deleted condition ${suffix}?`, 'waxahachie', 'published', {
      conditions: [condition.id],
    })
    expect(await queuedBy(() => api('DELETE', `/api/conditions/${condition.id}`))).toEqual(
      rebuild(['waxahachie'], true),
    )

    const provider = await payload.create({
      collection: 'providers',
      data: { name: `Dr Leaving ${suffix}`, clinics: [ids.clinics.temecula] } as never,
      ...QUIET,
    })
    expect(await queuedBy(() => api('DELETE', `/api/providers/${provider.id}`))).toEqual(
      rebuild(['temecula'], true),
    )
  })

  it("editing a clinic's phone queues only that clinic", async () => {
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/clinics/${ids.clinics.temecula}`, { phone: '(951) 555-0199' }),
      ),
    ).toEqual(rebuild(['temecula']))
  })

  it('opting a clinic out of a network article queues every clinic as a removal; its phone then still queues only it', async () => {
    const article = await publishedArticle(`Opted out ${suffix}`, [
      'albuquerque',
      'temecula',
      'waxahachie',
    ])
    // Other sites' canonical links to the article may change too.
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/clinics/${ids.clinics.waxahachie}`, { optedOutArticles: [article.id] }),
      ),
    ).toEqual(rebuild(['*'], true))
    expect(
      await queuedBy(() =>
        api('PATCH', `/api/clinics/${ids.clinics.waxahachie}`, { phone: '(469) 555-0198' }),
      ),
    ).toEqual(rebuild(['waxahachie']))
    await payload.update({
      collection: 'clinics',
      id: ids.clinics.waxahachie,
      data: { optedOutArticles: [] } as never,
      ...QUIET,
    })
  })

  it.each([
    ['name', (slug: string) => `Renamed ${slug} ${suffix}`],
    ['slug', (slug: string) => `${slug}-renamed`],
    ['siteUrl', (slug: string) => `https://${slug}-renamed.example.com`],
  ])("editing a clinic's %s queues every clinic (other sites show it)", async (field, value) => {
    const clinic = await payload.findByID({
      collection: 'clinics',
      id: ids.clinics.albuquerque,
      depth: 0,
      overrideAccess: true,
    })
    try {
      expect(
        await queuedBy(() =>
          api('PATCH', `/api/clinics/${clinic.id}`, { [field]: value('albuquerque') }),
        ),
      ).toEqual(rebuild(['*']))
    } finally {
      await payload.update({
        collection: 'clinics',
        id: clinic.id,
        data: { [field]: (clinic as Json)[field] } as never,
        ...QUIET,
      })
    }
  })

  it('a network settings change queues every clinic', async () => {
    expect(
      await queuedBy(() =>
        api('POST', '/api/globals/network-settings', { networkName: `Network ${suffix}` }),
      ),
    ).toEqual(rebuild(['*']))
  })

  it('a change refused with a 400 queues nothing', async () => {
    const article = await publishedArticle(`Refused ${suffix}`, ['temecula'])
    expect(
      await queuedBy(
        () =>
          api('PATCH', `/api/articles/${article.id}`, {
            excerpt: 'x'.repeat(400),
            _status: 'published',
          }),
        400,
      ),
    ).toEqual([])
    // The medical-review gate refuses publishing an unreviewed draft.
    const unreviewed = await draftArticle(`Unreviewed ${suffix}`, ['temecula'], {
      medicalReviewer: null,
      lastReviewedAt: null,
    })
    expect(
      await queuedBy(
        () => api('PATCH', `/api/articles/${unreviewed.id}`, { _status: 'published' }),
        400,
      ),
    ).toEqual([])
    expect(
      await queuedBy(
        () => api('PATCH', `/api/clinics/${ids.clinics.temecula}`, { phone: 'call us' }),
        400,
      ),
    ).toEqual([])
  })

  // Payload's SQLite adapter runs without transactions (nothing is ever rolled back there; the job is
  // queued after the write it follows); on a MongoDB replica set the job is part of the change's transaction.
  it.skipIf(!process.env.TEST_MONGODB_URI)(
    'a rebuild job queued by a change that is rolled back disappears with the change (MongoDB only: SKIPPED on SQLite, which Payload runs without transactions)',
    async () => {
      const draft = await draftArticle(`Rolled back ${suffix}`, ['albuquerque'])
      await payload.delete({
        collection: 'payload-jobs',
        where: { queue: { equals: 'sites' } },
        overrideAccess: true,
      })
      const req = await createLocalReq({}, payload)
      await initTransaction(req)
      await payload.update({
        collection: 'articles',
        id: draft.id,
        data: { _status: 'published' } as never,
        overrideAccess: true,
        req,
      })
      // Whatever fails after the hooks queued the job (a later hook, the commit) undoes the whole change.
      await killTransaction(req)
      expect(
        (
          (await payload.db.findOne({
            collection: 'articles',
            where: { id: { equals: draft.id } },
          })) as Json | null
        )?._status,
      ).toBe('draft')
      expect(await rebuildJobs(payload)).toEqual([])
    },
  )

  it('a scheduled publish coming due queues its clinics', async () => {
    const draft = await draftArticle(`Scheduled ${suffix}`, ['waxahachie'])
    await payload.delete({
      collection: 'payload-jobs',
      where: { queue: { equals: 'sites' } },
      overrideAccess: true,
    })
    const admin = (
      await payload.find({
        collection: 'users',
        where: { roles: { contains: 'admin' } },
        limit: 1,
        overrideAccess: true,
      })
    ).docs[0]!
    await payload.jobs.queue({
      task: 'schedulePublish' as never,
      input: {
        type: 'publish',
        doc: { relationTo: 'articles', value: String(draft.id) },
        user: { relationTo: 'users', value: admin.id },
      } as never,
      waitUntil: new Date(Date.now() + 500),
    })
    // The server's job runner picks due publishes up every 10 seconds.
    const jobs = await waitFor(
      'the scheduled publish to queue a rebuild',
      async () => {
        const queued = await rebuildJobs(payload)
        return queued.length > 0 && queued
      },
      30_000,
      500,
    )
    expect(
      jobs.map((job) => ({ clinics: job.input.clinics, removals: job.input.removals })),
    ).toEqual(rebuild(['waxahachie']))
  })
})

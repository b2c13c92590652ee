/**
 * The publishing workflow over the real server: the medical-review gate, publish stamps, scheduled
 * publishing through the server's job runner, and syndication as the clinic sites will read it
 * (anonymous REST), checked against shared/src/syndication.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import {
  clinicsShowing,
  isArticleOnClinic,
  type SyndicationClinic,
  type SyndicatedArticle,
} from '../../../shared/src/syndication.ts'
import { monthsBefore } from '../../../cms/src/collections/Articles/hooks/requireMedicalReview.ts'
import {
  AccessWorld,
  clinicData,
  type Id,
  type Json,
  sleep,
} from '../../support/access-fixtures.ts'
import { databaseLabel } from '../../support/cms.ts'

describe(`publishing workflow and syndication (${databaseLabel()})`, () => {
  const w = new AccessWorld()
  let n = 0
  const next = () => ++n

  beforeAll(async () => {
    await w.start()
    await w.createFixtures()
  })

  afterAll(() => w.stop())

  const A = () => w.clinicId('A')
  const stored = (id: Id, draft = false) =>
    w.payload.findByID({
      collection: 'articles',
      id,
      depth: 0,
      draft,
      ...w.system(),
    }) as Promise<Json>
  const errorPaths = (json: Json | undefined): string[] =>
    (json?.errors ?? []).flatMap((e: Json) => (e.data?.errors ?? []).map((d: Json) => d.path))
  const daysAgo = (days: number) => new Date(Date.now() - days * 24 * 60 * 60 * 1000).toISOString()
  const monthsAgo = (months: number) => monthsBefore(new Date(), months).toISOString()

  /** A draft of clinic A with an author, and the review fields as an admin sets them. */
  async function draftWithReview(review: {
    medicalReviewer?: Id | null
    lastReviewedAt?: string | null
  }) {
    const draft = await w.createContent('articles', `wf${next()}`, A(), 'draft', {
      author: w.providers.A!.id,
    })
    if (Object.keys(review).length > 0) {
      await w.payload.update({
        collection: 'articles',
        id: draft.id,
        data: review as any,
        draft: true,
        overrideAccess: true,
      })
    }
    return draft
  }

  /** The reviewer records the review, as the workflow has it: a draft save by the reviewer. */
  async function reviewedDraft() {
    const draft = await draftWithReview({})
    const res = await w.rest('reviewer', 'PATCH', `/api/articles/${draft.id}?draft=true`, {
      medicalReviewer: w.users.reviewer.id,
      lastReviewedAt: daysAgo(3),
      _status: 'draft',
    })
    expect(res.status, res.text).toBe(200)
    return draft
  }

  const publish = (subject: 'network' | 'editorA' | 'admin', id: Id) =>
    w.rest(subject, 'PATCH', `/api/articles/${id}`, { _status: 'published' })

  describe('medical-review gate', () => {
    it('refuses publishing without a medical reviewer, with a 400 naming medicalReviewer', async () => {
      const draft = await draftWithReview({ lastReviewedAt: daysAgo(3) })
      const res = await publish('network', draft.id)
      expect(res.status, res.text).toBe(400)
      expect(errorPaths(res.json)).toContain('medicalReviewer')
      expect((await stored(draft.id))._status).toBe('draft')
    })

    it('refuses a reviewer who lacks the medical-reviewer role, with a 400 naming medicalReviewer', async () => {
      const draft = await draftWithReview({
        medicalReviewer: w.users.editorB.id,
        lastReviewedAt: daysAgo(3),
      })
      const res = await publish('admin', draft.id)
      expect(res.status, res.text).toBe(400)
      expect(errorPaths(res.json)).toContain('medicalReviewer')
      expect((await stored(draft.id))._status).toBe('draft')
    })

    it('refuses a review older than 12 months, with a 400 naming lastReviewedAt', async () => {
      const draft = await draftWithReview({
        medicalReviewer: w.users.reviewer.id,
        lastReviewedAt: monthsAgo(13),
      })
      const res = await publish('admin', draft.id)
      expect(res.status, res.text).toBe(400)
      expect(errorPaths(res.json)).toEqual(['lastReviewedAt'])
      expect((await stored(draft.id))._status).toBe('draft')
    })

    it('follows network-settings.reviewIntervalMonths: at 6 months a 7-month-old review is refused, a 5-month-old one accepted', async () => {
      const settings = await w.rest('admin', 'POST', '/api/globals/network-settings', {
        reviewIntervalMonths: 6,
      })
      expect(settings.status, settings.text).toBe(200)
      try {
        const stale = await draftWithReview({
          medicalReviewer: w.users.reviewer.id,
          lastReviewedAt: monthsAgo(7),
        })
        const refused = await publish('admin', stale.id)
        expect(refused.status, refused.text).toBe(400)
        expect(errorPaths(refused.json)).toEqual(['lastReviewedAt'])
        expect(refused.text).toContain('6-month')
        const fresh = await draftWithReview({
          medicalReviewer: w.users.reviewer.id,
          lastReviewedAt: monthsAgo(5),
        })
        const accepted = await publish('admin', fresh.id)
        expect(accepted.status, accepted.text).toBe(200)
      } finally {
        await w.payload.updateGlobal({
          slug: 'network-settings',
          data: { reviewIntervalMonths: 12 },
          overrideAccess: true,
        })
      }
    })

    it('refuses the reviewer-only fields to editors on every transport (the stored review stays as it was)', async () => {
      const draft = await draftWithReview({})
      const data = { medicalReviewer: w.users.reviewer.id, lastReviewedAt: daysAgo(1) }
      for (const subject of ['editorA', 'network'] as const) {
        await w.rest(subject, 'PATCH', `/api/articles/${draft.id}?draft=true`, {
          ...data,
          _status: 'draft',
        })
        await w.graphql(
          subject,
          `mutation($data: mutationArticleUpdateInput!) { updateArticle(id: ${JSON.stringify(draft.id)}, data: $data, draft: true) { id } }`,
          { data },
        )
        await w.local(() =>
          w.payload.update({
            collection: 'articles',
            id: draft.id,
            data: data as any,
            draft: true,
            ...w.as(subject),
          }),
        )
      }
      const after = await stored(draft.id, true)
      expect([after.medicalReviewer ?? null, after.lastReviewedAt ?? null]).toEqual([null, null])
    })
  })

  describe('publish stamps', () => {
    it.each(['editorA', 'network'] as const)(
      'records publishedBy and publishedAt when %s publishes a reviewed article',
      async (subject) => {
        const draft = await reviewedDraft()
        const before = Date.now()
        const res = await publish(subject, draft.id)
        expect(res.status, res.text).toBe(200)
        const live = await stored(draft.id)
        expect(live._status).toBe('published')
        expect(live.publishedBy).toBe(w.users[subject].id)
        expect(new Date(live.publishedAt).getTime()).toBeGreaterThanOrEqual(before - 1000)
        expect((await w.rest('anonymous', 'GET', `/api/articles/${draft.id}`)).status).toBe(200)
      },
    )

    it('ignores publishedBy and publishedAt sent by a client', async () => {
      const draft = await draftWithReview({
        medicalReviewer: w.users.reviewer.id,
        lastReviewedAt: daysAgo(2),
      })
      const res = await w.rest('admin', 'PATCH', `/api/articles/${draft.id}`, {
        _status: 'published',
        publishedBy: w.users.editorB.id,
        publishedAt: '2001-01-01T00:00:00.000Z',
      })
      expect(res.status, res.text).toBe(200)
      const live = await stored(draft.id)
      expect(live.publishedBy).toBe(w.users.admin.id)
      expect(live.publishedAt).not.toBe('2001-01-01T00:00:00.000Z')
    })
  })

  describe('scheduled publishing', () => {
    const schedule = (subject: 'editorA' | 'admin', id: Id, seconds: number) =>
      w.payload.jobs.queue({
        task: 'schedulePublish' as any,
        input: {
          type: 'publish',
          doc: { relationTo: 'articles', value: String(id) },
          user: { relationTo: 'users', value: w.users[subject].id },
        } as any,
        waitUntil: new Date(Date.now() + seconds * 1000),
      })

    async function waitUntilJobDone(jobId: Id, timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs
      for (;;) {
        const job = (await w.payload.findByID({
          collection: 'payload-jobs',
          id: jobId,
          overrideAccess: true,
          depth: 0,
          disableErrors: true,
        })) as Json | null
        // Payload deletes a job that completed (deleteJobOnComplete); a failed one stays with its error.
        if (!job) return { completedAt: 'deleted on completion' } as Json
        if (job.completedAt || job.hasError) return job
        if (Date.now() > deadline) return job
        await sleep(1000)
      }
    }

    it("goes live when its job runs in the server, stamped with the scheduling editor's name", async () => {
      const draft = await reviewedDraft()
      const job = await schedule('editorA', draft.id, 3)
      expect((await w.rest('anonymous', 'GET', `/api/articles/${draft.id}`)).status).toBe(404)
      const deadline = Date.now() + 30_000
      let status = 404
      while (Date.now() < deadline) {
        status = (await w.rest('anonymous', 'GET', `/api/articles/${draft.id}`)).status
        if (status === 200) break
        await sleep(1000)
      }
      const ran = await waitUntilJobDone(job.id, 1000)
      expect(
        status,
        `job: ${JSON.stringify({ hasError: ran.hasError, error: ran.error, log: ran.log })}`,
      ).toBe(200)
      expect((await stored(draft.id)).publishedBy).toBe(w.users.editorA.id)
    })

    it("runs with the scheduling editor's permissions: editor A's schedule of clinic B's draft never publishes it", async () => {
      const target = await w.createContent('articles', `sched${next()}`, w.clinicId('B'), 'draft', {
        author: w.providers.B!.id,
        ...w.review,
      })
      const job = await schedule('editorA', target.id, 1)
      const ran = await waitUntilJobDone(job.id)
      expect(ran.completedAt || ran.hasError, 'the job ran').toBeTruthy()
      expect((await stored(target.id))._status).toBe('draft')
      expect((await w.rest('anonymous', 'GET', `/api/articles/${target.id}`)).status).toBe(404)
    })

    it('refuses running the job queue over REST to anyone but an admin', async () => {
      for (const subject of ['anonymous', 'editorA', 'network'] as const) {
        const res = await w.rest(subject, 'GET', '/api/payload-jobs/run')
        expect([401, 403], subject).toContain(res.status)
      }
    })
  })

  // Article changes here are made by an admin: whether editors may save reviewed articles is the
  // publish-stamps tests' subject; these tests are about what each clinic site then shows.
  describe('syndication as the clinic sites read it', () => {
    /** What anonymous REST serves: the site's own queries (published articles, all clinics, depth 0). */
    async function network(ids: Id[]) {
      const articles = await w.rest(
        'anonymous',
        'GET',
        `/api/articles?where[_status][equals]=published&where[id][in]=${ids.join(',')}&depth=0&limit=100`,
      )
      const clinics = await w.rest('anonymous', 'GET', `/api/clinics?depth=0&limit=100&joins=false`)
      expect([articles.status, clinics.status]).toEqual([200, 200])
      return {
        articles: articles.json!.docs as SyndicatedArticle[],
        clinics: clinics.json!.docs as SyndicationClinic[],
      }
    }

    /** Article label -> labels of the clinics whose sites show it, by the shared rules. */
    async function showing(labels: Record<string, Id>, clinicLabels: Record<string, Id>) {
      const { articles, clinics } = await network(Object.values(labels))
      const labelOfClinic = (id: Id) =>
        Object.entries(clinicLabels).find(([, v]) => String(v) === String(id))?.[0]
      const result: Record<string, string[]> = {}
      for (const [label, id] of Object.entries(labels)) {
        const article = articles.find((a) => String(a.id) === String(id))
        result[label] = article
          ? clinicsShowing(article, clinics)
              .map((c) => labelOfClinic(c.id))
              .filter((l): l is string => Boolean(l))
              .sort()
          : []
      }
      return result
    }

    /** The per-clinic network query: `syndication = all OR clinics in [clinic]`, minus the clinic's opt-outs. */
    async function networkQuery(clinic: Id, ids: Id[]) {
      const query = `where[or][0][syndication][equals]=all&where[or][1][clinics][in]=${clinic}&where[id][in]=${ids.join(',')}&where[owner][equals]=network&depth=0&limit=100`
      const res = await w.rest('anonymous', 'GET', `/api/articles?${query}`)
      expect(res.status, res.text).toBe(200)
      const profile = await w.rest('anonymous', 'GET', `/api/clinics/${clinic}?depth=0`)
      const optedOut = new Set((profile.json!.optedOutArticles ?? []).map(String))
      return (res.json!.docs as Json[]).map((d) => d.id).filter((id) => !optedOut.has(String(id)))
    }

    const publishNetwork = async (
      label: string,
      syndication: 'all' | 'selected',
      clinics: Id[] = [],
    ) =>
      (await w.createContent('articles', label, 'network', 'published', { syndication, clinics }))
        .id as Id

    it('shows an article for A and C on A and C only; a local article of B on B only; "all clinics" everywhere', async () => {
      const [a, b, c] = [w.clinicId('A'), w.clinicId('B'), w.clinicId('C')]
      const ids = {
        forAC: await publishNetwork(`synAC${next()}`, 'selected', [a, c]),
        forAll: await publishNetwork(`synAll${next()}`, 'all'),
        localB: (await w.createContent('articles', `synLocalB${next()}`, b, 'published')).id as Id,
      }
      const clinics = { A: a, B: b, C: c }
      expect(await showing(ids, clinics)).toEqual({
        forAC: ['A', 'C'],
        forAll: ['A', 'B', 'C'],
        localB: ['B'],
      })
      const all = Object.values(ids)
      expect((await networkQuery(a, all)).sort()).toEqual([ids.forAC, ids.forAll].sort())
      expect(await networkQuery(b, all)).toEqual([ids.forAll])
      expect((await networkQuery(c, all)).sort()).toEqual([ids.forAC, ids.forAll].sort())
      const local = await w.rest(
        'anonymous',
        'GET',
        `/api/articles?where[ownerClinic][equals]=${b}&where[id][in]=${all.join(',')}&depth=0`,
      )
      expect(local.json!.docs.map((d: Json) => d.id)).toEqual([ids.localB])
    })

    it('covers a clinic created later with an "all clinics" article, and not with a selected one', async () => {
      const ids = {
        forAll: await publishNetwork(`synLater${next()}`, 'all'),
        forA: await publishNetwork(`synOnlyA${next()}`, 'selected', [A()]),
      }
      const later = await w.payload.create({
        collection: 'clinics',
        data: clinicData('later') as any,
        overrideAccess: true,
      })
      const { articles, clinics } = await network(Object.values(ids))
      const site = clinics.find((clinic) => String(clinic.id) === String(later.id))!
      expect(
        articles.filter((article) => isArticleOnClinic(article, site)).map((a) => a.id),
      ).toEqual([ids.forAll])
      expect(await networkQuery(later.id, Object.values(ids))).toEqual([ids.forAll])
    })

    it("removes an opted-out article from that clinic's site only, when the clinic's editor opts out", async () => {
      const [a, b, c] = [w.clinicId('A'), w.clinicId('B'), w.clinicId('C')]
      const id = await publishNetwork(`synOptOut${next()}`, 'all')
      const res = await w.rest('editorA', 'PATCH', `/api/clinics/${a}`, { optedOutArticles: [id] })
      expect(res.status, res.text).toBe(200)
      try {
        expect(await showing({ id }, { A: a, B: b, C: c })).toEqual({ id: ['B', 'C'] })
        expect(await networkQuery(a, [id])).toEqual([])
        expect(await networkQuery(b, [id])).toEqual([id])
      } finally {
        await w.payload.update({
          collection: 'clinics',
          id: a,
          data: { optedOutArticles: [] } as any,
          overrideAccess: true,
        })
      }
    })

    it('removes an unpublished article from every clinic', async () => {
      const [a, b, c] = [w.clinicId('A'), w.clinicId('B'), w.clinicId('C')]
      const id = await publishNetwork(`synUnpub${next()}`, 'all')
      expect(await showing({ id }, { A: a, B: b, C: c })).toEqual({ id: ['A', 'B', 'C'] })
      const res = await w.rest('admin', 'PATCH', `/api/articles/${id}`, { _status: 'draft' })
      expect(res.status, res.text).toBe(200)
      expect(await showing({ id }, { A: a, B: b, C: c })).toEqual({ id: [] })
      for (const clinic of [a, b, c]) expect(await networkQuery(clinic, [id])).toEqual([])
      expect((await w.rest('anonymous', 'GET', `/api/articles/${id}`)).status).toBe(404)
    })

    it('removes an article from a clinic taken off its list, and from that clinic only', async () => {
      const [a, b, c] = [w.clinicId('A'), w.clinicId('B'), w.clinicId('C')]
      const id = await publishNetwork(`synMove${next()}`, 'selected', [a, c])
      const res = await w.rest('admin', 'PATCH', `/api/articles/${id}`, { clinics: [a] })
      expect(res.status, res.text).toBe(200)
      expect(await showing({ id }, { A: a, B: b, C: c })).toEqual({ id: ['A'] })
      expect(await networkQuery(c, [id])).toEqual([])
      expect(await networkQuery(a, [id])).toEqual([id])
    })
  })
})

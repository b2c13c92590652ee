import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CmsHandle, databaseLabel, startCms } from '../support/cms.ts'

describe(`server probes and shutdown (${databaseLabel()})`, () => {
  let cms: CmsHandle

  beforeAll(async () => {
    cms = await startCms()
  })

  afterAll(async () => {
    await cms?.stop()
  })

  it('answers /healthz while the process is alive', async () => {
    const res = await fetch(`${cms.url}/healthz`)
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
    expect(res.headers.get('cache-control')).toBe('no-store')
  })

  it('answers /readyz when the database answers', async () => {
    const res = await fetch(`${cms.url}/readyz`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as { status: string; database: string }
    expect(body.status).toBe('ready')
    expect(body.database).toBe(process.env.TEST_MONGODB_URI ? 'mongoose' : 'sqlite')
  })

  it('sends security headers with a content security policy', async () => {
    const res = await fetch(`${cms.url}/api/articles?limit=1`)
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'")
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-powered-by')).toBeNull()
  })

  it('loads the admin on its first requests, once, and serves its login page to each', async () => {
    // Production loads Next.js when the admin is first asked for, not at start.
    expect(cms.logs()).not.toContain('[cms] admin loaded')
    const responses = await Promise.all([1, 2, 3].map(() => fetch(`${cms.url}/admin/login`)))
    for (const res of responses) {
      expect(res.status).toBe(200)
      expect(await res.text()).toContain('<html')
    }
    expect(cms.logs().match(/\[cms\] admin loaded in \d+ ms/g)).toHaveLength(1)
  })

  it('finishes an in-flight request on SIGTERM, then exits 0', async () => {
    const inFlight = fetch(`${cms.url}/api/articles?limit=5&depth=2`)
    await new Promise((resolve) => setTimeout(resolve, 5))
    const exitCode = cms.stop()
    const res = await inFlight
    expect(res.status).toBe(200)
    expect(await exitCode).toBe(0)
    await expect(fetch(`${cms.url}/healthz`)).rejects.toThrow()
  })
})

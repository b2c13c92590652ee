import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CmsHandle, startCms } from '../support/cms.ts'

const post = (url: string, body: unknown) =>
  fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  })

describe('rate limits on credential endpoints', () => {
  let cms: CmsHandle

  beforeAll(async () => {
    cms = await startCms({ env: { AUTH_RATE_LIMIT: '3', AUTH_RATE_WINDOW_MS: '60000' } })
  })

  afterAll(async () => {
    await cms?.stop()
  })

  it('answers 429 after too many login attempts from one client, with a JSON error', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 4; i++) {
      const res = await post(`${cms.url}/api/users/login`, {
        email: 'nobody@clinic.example',
        password: `guess-${i}`,
      })
      statuses.push(res.status)
      if (res.status === 429) {
        const body = (await res.json()) as { errors: { message: string }[] }
        expect(body.errors[0]?.message).toMatch(/Too many attempts/)
      }
    }
    expect(statuses.slice(0, 3).every((status) => status !== 429)).toBe(true)
    expect(statuses[3]).toBe(429)
  })

  it('limits forgot-password requests more tightly than logins', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 3; i++) {
      statuses.push(
        (await post(`${cms.url}/api/users/forgot-password`, { email: 'nobody@clinic.example' }))
          .status,
      )
    }
    expect(statuses).toContain(429)
  })

  it('keeps serving other requests while a client is rate limited', async () => {
    expect((await fetch(`${cms.url}/api/articles?limit=1`)).status).toBe(200)
    expect((await fetch(`${cms.url}/healthz`)).status).toBe(200)
  })
})

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { toLexical } from '../../cms/src/seed/richText.ts'
import { type CmsHandle, databaseLabel, dropDatabase, localApi, startCms } from '../support/cms.ts'

const ADMIN = {
  email: 'cache.admin@clearwater-infusion.example',
  password: 'cache-admin-password-1',
}

describe(`micro-cache of anonymous API reads (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let payload: Payload
  let token: string
  let conditionId: number | string

  beforeAll(async () => {
    cms = await startCms({
      env: { API_CACHE_TTL_MS: '60000', ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    })
    payload = await localApi(cms)
    const condition = await payload.create({
      collection: 'conditions',
      data: {
        name: 'Migraine',
        slug: 'migraine',
        category: 'pain',
        summary: 'Original summary.',
        body: toLexical([{ p: 'Body.' }]),
      },
    })
    conditionId = condition.id
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    token = ((await login.json()) as { token: string }).token
  })

  afterAll(async () => {
    await dropDatabase(payload)
    await payload?.destroy()
    await cms?.stop()
  })

  const summaryOf = async (headers: Record<string, string> = {}) => {
    const res = await fetch(`${cms.url}/api/conditions/${conditionId}?depth=0`, { headers })
    return {
      cache: res.headers.get('x-api-cache'),
      summary: ((await res.json()) as { summary: string }).summary,
    }
  }

  it('answers a repeated anonymous read from memory', async () => {
    expect((await summaryOf()).cache).toBe('miss')
    expect(await summaryOf()).toEqual({ cache: 'hit', summary: 'Original summary.' })
  })

  it('never answers a request with credentials or Cache-Control: no-cache from the cache', async () => {
    await payload.update({
      collection: 'conditions',
      id: conditionId,
      data: { summary: 'Changed behind the cache.' },
    })
    expect((await summaryOf()).summary).toBe('Original summary.')
    expect(await summaryOf({ 'cache-control': 'no-cache' })).toEqual({
      cache: null,
      summary: 'Changed behind the cache.',
    })
    expect((await summaryOf({ authorization: `JWT ${token}` })).summary).toBe(
      'Changed behind the cache.',
    )
  })

  it('empties the cache when a write through the API has committed', async () => {
    const res = await fetch(`${cms.url}/api/conditions/${conditionId}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ summary: 'Changed through the API.' }),
    })
    expect(res.status).toBe(200)
    expect(await summaryOf()).toEqual({ cache: 'miss', summary: 'Changed through the API.' })
  })

  it('does not cache error responses', async () => {
    const first = await fetch(`${cms.url}/api/conditions/999999`)
    const second = await fetch(`${cms.url}/api/conditions/999999`)
    expect([first.status, second.status]).toEqual([404, 404])
    expect(second.headers.get('x-api-cache')).toBe('miss')
  })
})

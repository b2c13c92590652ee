import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CmsHandle, databaseLabel, startCms } from '../support/cms.ts'
import { waitFor } from '../support/wait.ts'

const ADMIN = {
  email: 'audit.admin@clearwater-infusion.example',
  password: 'audit-admin-password-1',
}
const json = (body: unknown) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
})

/** The `[audit]` JSON lines the server printed so far. */
function auditLines(cms: CmsHandle): Record<string, unknown>[] {
  return cms
    .logs()
    .split('\n')
    .filter((line) => line.startsWith('[audit] '))
    .map((line) => JSON.parse(line.slice('[audit] '.length)) as Record<string, unknown>)
}

/**
 * The first `[audit]` line matching `match`, waited for: the server prints it while it answers,
 * and its output pipe may deliver the line after the response.
 */
const auditLine = (
  cms: CmsHandle,
  what: string,
  match: (line: Record<string, unknown>) => boolean,
) => waitFor(`the audit line of ${what}`, async () => auditLines(cms).find(match), 5_000, 20)

describe(`audit log (${databaseLabel()})`, () => {
  let cms: CmsHandle
  let token: string

  beforeAll(async () => {
    cms = await startCms({
      seed: true,
      env: { ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password },
    })
    const res = await fetch(`${cms.url}/api/users/login`, json(ADMIN))
    token = ((await res.json()) as { token: string }).token
  })

  afterAll(async () => {
    await cms?.stop()
  })

  it('records a login with the user and never the password', async () => {
    const login = await auditLine(
      cms,
      'the login',
      (line) => line.event === 'login' && line.email === ADMIN.email,
    )
    expect(login.user).toBeDefined()
    expect(cms.logs()).not.toContain(ADMIN.password)
  })

  it('records a failed login with the email tried', async () => {
    const res = await fetch(
      `${cms.url}/api/users/login`,
      json({ email: 'intruder@example.com', password: 'wrong-password-123' }),
    )
    expect(res.status).toBe(401)
    await auditLine(
      cms,
      'the failed login',
      (line) => line.event === 'login-failed' && line.email === 'intruder@example.com',
    )
    expect(cms.logs()).not.toContain('wrong-password-123')
  })

  it('records a role change with who made it', async () => {
    const created = await fetch(`${cms.url}/api/users`, {
      ...json({
        email: 'new.editor@clearwater-infusion.example',
        password: 'new-editor-password-1',
        name: 'New Editor',
        roles: ['clinic-editor'],
      }),
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
    })
    const user = ((await created.json()) as { doc: { id: number | string } }).doc
    const res = await fetch(`${cms.url}/api/users/${user.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ roles: ['network-editor'] }),
    })
    expect(res.status).toBe(200)
    const change = await auditLine(
      cms,
      'the role change',
      (line) =>
        line.event === 'role-change' &&
        line.user === user.id &&
        JSON.stringify(line.roles) === '["network-editor"]',
    )
    expect(change.previousRoles).toEqual(['clinic-editor'])
    expect(change.by).toBeDefined()
  })

  it('records a publish with the publisher', async () => {
    const list = await fetch(`${cms.url}/api/articles?limit=1&depth=0`, {
      headers: { authorization: `JWT ${token}` },
    })
    const article = ((await list.json()) as { docs: { id: number | string; title: string }[] })
      .docs[0]!
    const res = await fetch(`${cms.url}/api/articles/${article.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `JWT ${token}` },
      body: JSON.stringify({ title: `${article.title} (updated)`, _status: 'published' }),
    })
    expect(res.status).toBe(200)
    await auditLine(
      cms,
      'the publish',
      (line) => line.event === 'publish' && line.id === article.id && line.by !== null,
    )
  })
})

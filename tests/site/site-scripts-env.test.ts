/**
 * The site scripts the CMS starts (the site build publishing runs, the draft-preview renderer)
 * read the public REST API only: they get an environment built from an allow-list, never a copy
 * of the CMS's own. Observed for real: /proc/<pid>/environ of the running child processes of a
 * real server that was given its database URI, PAYLOAD_SECRET and other secrets.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { type CmsHandle, startCms } from '../support/cms.ts'
import { waitFor } from '../support/wait.ts'

const ADMIN = {
  email: 'script-env-tests.admin@clinic-test.example',
  password: 'script-env-tests-admin-password-1',
}
/** What an operator might give the CMS besides its own settings: none of it is the sites' business. */
const SECRETS = {
  SMTP_PASSWORD: 'smtp-password-for-the-cms-only',
  CLINIC_CRM_API_KEY: 'crm-api-key-for-the-cms-only',
  AWS_SECRET_ACCESS_KEY: 'object-storage-key-for-the-cms-only',
  // Under a prefix site builds do read (SITES_*): named as a secret, so still not passed on.
  SITES_DEPLOY_TOKEN: 'deploy-token-for-the-cms-only',
}

/** A process's environment as the kernel started it. */
function environOf(pid: number): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(`/proc/${pid}/environ`, 'utf8')
      .split('\0')
      .filter(Boolean)
      .map((entry) => [entry.slice(0, entry.indexOf('=')), entry.slice(entry.indexOf('=') + 1)]),
  )
}

/** The pid of a child of `parent` whose command line runs `script`, if one runs now. */
function childRunning(parent: number, script: string): number | undefined {
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue
    try {
      // "pid (comm) state ppid ...": comm may hold spaces, so split after its closing parenthesis.
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8')
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1])
      if (ppid !== parent) continue
      if (
        fs
          .readFileSync(`/proc/${name}/cmdline`, 'utf8')
          .split('\0')
          .some((arg) => arg.endsWith(script))
      )
        return Number(name)
    } catch {
      // The process ended while it was read.
    }
  }
  return undefined
}

describe('the environment of the site scripts the CMS starts', () => {
  let cms: CmsHandle
  let sitesDir: string
  const secretValues = () => [
    cms.databaseUri,
    environOf(cms.child.pid!).PAYLOAD_SECRET!,
    ...Object.values(SECRETS),
  ]

  /** Every secret the CMS holds is absent from `env`, by name and by value. */
  const expectNoSecrets = (env: Record<string, string>) => {
    for (const name of [
      'PAYLOAD_SECRET',
      'DATABASE_URI',
      'ADMIN_PASSWORD',
      ...Object.keys(SECRETS),
    ])
      expect(env[name], name).toBeUndefined()
    const all = Object.values(env).join('\n')
    for (const value of secretValues()) expect(all).not.toContain(value)
  }

  beforeAll(async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-script-env-'))
    sitesDir = path.join(dataDir, 'sites')
    cms = await startCms({
      seed: true,
      dataDir,
      env: {
        ADMIN_EMAIL: ADMIN.email,
        ADMIN_PASSWORD: ADMIN.password,
        SITES_DIR: sitesDir,
        SITES_PUBLISH: 'on',
        BUILD_SITES_ON_START: 'true',
        // Documented build settings the site build does read.
        SITES_MAX_PAGE_DROP: '0.5',
        PAGEFIND_LANES: '1',
        ...SECRETS,
      },
    })
    // The server was given them (startCms sets the database URI and the secret).
    const own = environOf(cms.child.pid!)
    expect(own.DATABASE_URI).toBe(cms.databaseUri)
    expect(own.PAYLOAD_SECRET).toBeTruthy()
    expect(own.SMTP_PASSWORD).toBe(SECRETS.SMTP_PASSWORD)
  })

  afterAll(async () => {
    await cms?.stop()
    if (cms) fs.rmSync(cms.dataDir, { recursive: true, force: true })
  })

  it('gives the site build CMS_URL, its settings and how to run, and no secret', async () => {
    const pid = await waitFor(
      'the start-up site build to run',
      async () => childRunning(cms.child.pid!, path.join('scripts', 'build-sites.ts')),
      90_000,
      20,
    )
    const env = environOf(pid)
    expect(env.CMS_URL).toBe(cms.url)
    expect(env.SITES_DIR).toBe(sitesDir)
    expect(env.SITES_MAX_PAGE_DROP).toBe('0.5')
    expect(env.PAGEFIND_LANES).toBe('1')
    expect(env.PATH).toBe(process.env.PATH)
    expectNoSecrets(env)
  })

  it('gives the preview renderer CMS_URL and how to run, and no secret', async () => {
    await waitFor(
      'the start-up site build to finish',
      async () => /clinic sites built into/.test(cms.logs()),
      180_000,
    )
    const login = await fetch(`${cms.url}/api/users/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(ADMIN),
    })
    const { token } = (await login.json()) as { token: string }
    const { docs } = (await (await fetch(`${cms.url}/api/articles?limit=1&depth=0`)).json()) as {
      docs: { id: number | string }[]
    }
    const open = await fetch(`${cms.url}/preview/open/articles/${docs[0]!.id}`, {
      headers: { authorization: `JWT ${token}` },
      redirect: 'manual',
    })
    expect(open.status).toBe(303)
    const preview = await fetch(new URL(open.headers.get('location')!, cms.url))
    expect(preview.status, await preview.clone().text()).toBe(200)
    // After a render the CMS keeps the next renderer waiting for work: it runs now.
    const pid = await waitFor(
      'a preview renderer to run',
      async () => childRunning(cms.child.pid!, path.join('scripts', 'render-preview.ts')),
      30_000,
      20,
    )
    const env = environOf(pid)
    expect(env.CMS_URL).toBe(cms.url)
    expect(env.PATH).toBe(process.env.PATH)
    expectNoSecrets(env)
  })
})

/**
 * The environment policy of the site scripts the CMS starts (cms/src/publishing/siteScripts.ts):
 * an allow-list. tests/site/site-scripts-env.test.ts reads it off the real child processes.
 */
import { describe, expect, it } from 'vitest'

import { siteScriptEnvironment } from '../../cms/src/publishing/siteScripts.ts'

const CMS_ENV = {
  PATH: '/usr/local/bin:/usr/bin',
  HOME: '/home/cms',
  TMPDIR: '/tmp/cms',
  TZ: 'America/Denver',
  NODE_ENV: 'production',
  NODE_OPTIONS: '--max-old-space-size=3072',
  PAGEFIND_LANES: '2',
  SITES_MAX_PAGE_DROP: '0.4',
  SITES_LOCAL_URL: 'http://{slug}.localhost:3000/',
  PAYLOAD_SECRET: 'payload-secret',
  DATABASE_URI: 'mongodb://cms:password@db:27017/clinic',
  SMTP_PASS: 'smtp',
  STRIPE_API_KEY: 'stripe',
  SITES_DEPLOY_TOKEN: 'token',
  SITES_S3_SECRET_ACCESS_KEY: 'secret',
  ADMIN_PASSWORD: 'admin',
  SERVER_URL: 'https://cms.example.com',
}

describe('the environment of a site script', () => {
  const env = siteScriptEnvironment(
    { CMS_URL: 'http://127.0.0.1:3000', CLINICS: 'albuquerque' },
    CMS_ENV,
  )

  it('keeps what it needs to run and the site build settings', () => {
    expect(env).toMatchObject({
      PATH: CMS_ENV.PATH,
      HOME: CMS_ENV.HOME,
      TMPDIR: CMS_ENV.TMPDIR,
      TZ: CMS_ENV.TZ,
      NODE_ENV: 'production',
      NODE_OPTIONS: CMS_ENV.NODE_OPTIONS,
      PAGEFIND_LANES: '2',
      SITES_MAX_PAGE_DROP: '0.4',
      SITES_LOCAL_URL: CMS_ENV.SITES_LOCAL_URL,
      ASTRO_TELEMETRY_DISABLED: '1',
    })
  })

  it('adds its input, which wins over an inherited value', () => {
    expect(env.CMS_URL).toBe('http://127.0.0.1:3000')
    expect(env.CLINICS).toBe('albuquerque')
    expect(siteScriptEnvironment({ SITES_MAX_PAGE_DROP: '0' }, CMS_ENV).SITES_MAX_PAGE_DROP).toBe(
      '0',
    )
  })

  it('passes on nothing else: no secret, whatever its name, and no other CMS setting', () => {
    for (const name of [
      'PAYLOAD_SECRET',
      'DATABASE_URI',
      'SMTP_PASS',
      'STRIPE_API_KEY',
      'SITES_DEPLOY_TOKEN',
      'SITES_S3_SECRET_ACCESS_KEY',
      'ADMIN_PASSWORD',
      'SERVER_URL',
    ])
      expect(env[name], name).toBeUndefined()
  })
})

/**
 * writeNginxSites against a real Payload (Local API, fresh SQLite database): the query it makes, the
 * atomic write, and "only when the content changed".
 */
import { randomBytes } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

import type { Payload } from 'payload'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-nginx-write-'))
const sitesFile = path.join(dataDir, 'nginx', 'clinic-sites.conf')

function clinic(slug: string, siteUrl: string) {
  return {
    name: `Clinic ${slug}`,
    slug,
    siteUrl,
    phone: '(505) 555-0100',
    email: `care@${slug}.example.test`,
    address: {
      street: '1 Main St',
      city: 'Albuquerque',
      state: 'NM',
      postalCode: '87110',
      country: 'US',
    },
    geo: { lat: 35.1, lng: -106.6 },
    timezone: 'America/Denver',
  }
}

describe('writeNginxSites (real Payload, Local API)', () => {
  let payload: Payload
  let writeNginxSites: typeof import('../../cms/src/webServer/nginx.ts').writeNginxSites

  beforeAll(async () => {
    Object.assign(process.env, {
      DATABASE_URI: `file:${path.join(dataDir, 'test.db')}`,
      DATA_DIR: dataDir,
      PAYLOAD_SECRET: randomBytes(32).toString('hex'),
      JOBS_AUTORUN: 'false',
      NGINX_SITES_FILE: sitesFile,
      NGINX_SITES_ROOT: '/data/sites',
      CMS_DOMAIN: 'cms.example.test',
    })
    const { getPayload } = await import('payload')
    const { default: config } = await import('../../cms/src/payload.config')
    payload = await getPayload({ config })
    ;({ writeNginxSites } = await import('../../cms/src/webServer/nginx.ts'))
    for (const [slug, url] of [
      ['albuquerque', 'https://albuquerque.example.test'],
      ['waxahachie', 'https://waxahachie.example.test'],
    ] as const) {
      await payload.create({
        collection: 'clinics',
        data: clinic(slug, url),
        context: { seeding: true },
      })
    }
  }, 120_000)

  afterAll(async () => {
    await payload?.destroy()
    fs.rmSync(dataDir, { recursive: true, force: true })
  })

  it('writes one server per clinic when clinics are created (the clinics hook)', () => {
    // Created in beforeAll: the afterChange hook wrote the file without being asked.
    const text = fs.readFileSync(sitesFile, 'utf8')
    expect(text).toContain(
      'server_name albuquerque.example.test;\n    root /data/sites/albuquerque;',
    )
    expect(text).toContain('server_name waxahachie.example.test;\n    root /data/sites/waxahachie;')
  })

  it('leaves the file alone when nothing changed', async () => {
    const before = fs.statSync(sitesFile)
    expect(await writeNginxSites(payload)).toBe(false)
    const after = fs.statSync(sitesFile)
    expect(after.ino).toBe(before.ino)
    expect(after.mtimeMs).toBe(before.mtimeMs)
  })

  it("replaces the file atomically when a clinic's site URL is saved", async () => {
    const before = fs.statSync(sitesFile)
    const { docs } = await payload.find({
      collection: 'clinics',
      where: { slug: { equals: 'waxahachie' } },
    })
    await payload.update({
      collection: 'clinics',
      id: docs[0]!.id,
      data: { siteUrl: 'https://waxahachie-ketamine.example.test' },
    })
    // The clinics hook rewrote it on save: asking again finds nothing to change.
    expect(await writeNginxSites(payload)).toBe(false)
    const text = fs.readFileSync(sitesFile, 'utf8')
    expect(text).toContain('server_name waxahachie-ketamine.example.test;')
    expect(text).not.toContain('server_name waxahachie.example.test;')
    // A new inode: written beside it and renamed over it, so nginx never reads half a file.
    expect(fs.statSync(sitesFile).ino).not.toBe(before.ino)
    expect(fs.readdirSync(path.dirname(sitesFile))).toEqual(['clinic-sites.conf'])
  })

  it('ends with the latest state when saves race each other', async () => {
    const { docs } = await payload.find({
      collection: 'clinics',
      where: { slug: { equals: 'albuquerque' } },
    })
    const id = docs[0]!.id
    const writes: Promise<boolean>[] = []
    for (const n of [1, 2, 3]) {
      await payload.update({
        collection: 'clinics',
        id,
        data: { siteUrl: `https://abq-${n}.example.test` },
      })
      writes.push(writeNginxSites(payload))
    }
    await Promise.all(writes)
    expect(fs.readFileSync(sitesFile, 'utf8')).toContain('server_name abq-3.example.test;')
  })

  it('does nothing without NGINX_SITES_FILE (the embedded default)', async () => {
    const saved = process.env.NGINX_SITES_FILE
    delete process.env.NGINX_SITES_FILE
    try {
      const before = fs.readFileSync(sitesFile, 'utf8')
      await payload.create({
        collection: 'clinics',
        data: clinic('temecula', 'https://temecula.example.test'),
        context: { seeding: true },
      })
      expect(await writeNginxSites(payload)).toBe(false)
      expect(fs.readFileSync(sitesFile, 'utf8')).toBe(before)
    } finally {
      process.env.NGINX_SITES_FILE = saved
    }
  })
})

import fs from 'node:fs'
import http from 'node:http'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'

import { afterAll, beforeAll, describe, expect, it } from 'vitest'

import { ImportInputError } from '../../../cms/src/import/errors.ts'
import { readClinicSources } from '../../../cms/src/import/sources/index.ts'

const fixtures = path.resolve(import.meta.dirname, '../../fixtures/import')
let dir: string
const write = (name: string, content: string) => {
  const file = path.join(dir, name)
  fs.mkdirSync(path.dirname(file), { recursive: true })
  fs.writeFileSync(file, content)
  return file
}

async function refusal(inputs: string[]): Promise<ImportInputError> {
  try {
    await readClinicSources('albuquerque', inputs, { cwd: dir })
  } catch (error) {
    expect(error).toBeInstanceOf(ImportInputError)
    return error as ImportInputError
  }
  throw new Error(`${inputs.join(', ')} was accepted`)
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'clinic-import-bad-'))
})
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }))

describe('bad input gets a clear error', () => {
  it('refuses malformed XML with the line where it breaks', async () => {
    const wxr = fs.readFileSync(path.join(fixtures, 'albuquerque.xml'), 'utf8')
    write('broken.xml', wxr.replace('</wp:post_name>', '</wp:post_nam>'))
    const error = await refusal(['broken.xml'])
    expect(error.message).toMatch(/broken\.xml is not well-formed XML: broken\.xml:\d+:\d+/)
    expect(error.status).toBe(400)
  })

  it('refuses XML that is not a WordPress export, and an RSS feed that is not WXR', async () => {
    write(
      'sitemap.xml',
      '<?xml version="1.0"?><urlset><url><loc>https://x.example/</loc></url></urlset>',
    )
    expect((await refusal(['sitemap.xml'])).message).toMatch(/root element is <urlset>/)
    write(
      'feed.xml',
      '<?xml version="1.0"?><rss version="2.0"><channel><title>x</title></channel></rss>',
    )
    expect((await refusal(['feed.xml'])).message).toMatch(/an RSS feed, not a WordPress export/)
  })

  it('refuses files that are not exports: plain text, binary, JSON of another shape', async () => {
    write('notes.txt', 'just some notes')
    expect((await refusal(['notes.txt'])).message).toMatch(/not an export the importer reads/)
    fs.writeFileSync(path.join(dir, 'image.xml'), Buffer.from([0x3c, 0x89, 0x50, 0x4e, 0x00, 0x01]))
    expect((await refusal(['image.xml'])).message).toMatch(/binary file/)
    write('settings.json', '{"code":"rest_forbidden","message":"Sorry"}')
    expect((await refusal(['settings.json'])).message).toMatch(/WordPress error answer/)
    write('list.json', '[{"id":1,"title":"no content"}]')
    expect((await refusal(['list.json'])).message).toMatch(
      /entry 0 has no id and content\.rendered/,
    )
    write('half.json', '[{"id":1,')
    expect((await refusal(['half.json'])).message).toMatch(/not valid JSON/)
  })

  it('refuses an empty folder, an empty file and a missing path', async () => {
    fs.mkdirSync(path.join(dir, 'empty-site'))
    write('empty-site/readme.pdf', '%PDF')
    expect((await refusal(['empty-site'])).message).toMatch(/has no saved pages/)
    write('empty.xml', '')
    expect((await refusal(['empty.xml'])).message).toMatch(/is empty/)
    expect((await refusal(['nowhere.xml'])).message).toMatch(/does not exist/)
  })

  it('refuses a 200 MB export before reading it, with 413', async () => {
    const file = path.join(dir, 'huge.xml')
    // A sparse file: 200 MB by its size, nothing written to disk.
    fs.writeFileSync(file, '<?xml version="1.0"?>')
    fs.truncateSync(file, 200 * 1024 * 1024)
    const error = await refusal(['huge.xml'])
    expect(error.status).toBe(413)
    expect(error.message).toMatch(
      /huge\.xml is 200\.0 MB; the importer reads at most 100\.0 MB per file/,
    )
  })

  it('reads an export in a stream: a file with thousands of posts stays in bounds', async () => {
    const wxr = fs.readFileSync(path.join(fixtures, 'albuquerque.xml'), 'utf8')
    const start = wxr.indexOf('\t<item>')
    const end = wxr.lastIndexOf('</item>') + '</item>'.length
    const items = wxr.slice(start, end)
    write('big.xml', `${wxr.slice(0, start)}${items.repeat(400)}${wxr.slice(end)}`)
    const source = await readClinicSources('albuquerque', ['big.xml'], { cwd: dir })
    expect(source.items).toHaveLength(400 * 5)
  })
})

describe('a live WordPress site', () => {
  let server: http.Server
  let base: string
  const posts = fs.readFileSync(path.join(fixtures, 'temecula-posts.json'), 'utf8')
  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://x')
      const page = url.searchParams.get('page')
      res.setHeader('content-type', 'application/json')
      if (page !== '1') {
        res.statusCode = 400
        res.end('{"code":"rest_post_invalid_page_number"}')
      } else res.end(url.pathname.endsWith('/posts') ? posts : '[]')
    })
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`
  })
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())))

  it('reads /wp-json/wp/v2/posts and /pages page by page', async () => {
    const source = await readClinicSources('temecula', [base])
    expect(source.items.map((item) => item.source.wpId)).toEqual([501, 502, 503, 504])
  })

  it('refuses a site that answers too much', async () => {
    const error = await readClinicSources('temecula', [base], {
      limits: { maxFileBytes: 1000, maxPageBytes: 1000, maxItemChars: 1000, maxFolderFiles: 10 },
    }).catch((e: unknown) => e as ImportInputError)
    expect(error).toBeInstanceOf(ImportInputError)
    expect((error as ImportInputError).status).toBe(413)
  })
})

/**
 * Writes a generated corpus (./import-corpus.ts) as the exports clinics hand over, one kind per
 * clinic in turn: a WordPress WXR file, saved REST API JSON, a folder of saved HTML pages with a
 * page builder's chrome. Returns each clinic's inputs and, for scoring, which source identity
 * (clinic + WordPress id or URL) holds which corpus post. Plain Node.
 */
import fs from 'node:fs'
import path from 'node:path'

import type { Corpus, CorpusClinic, CorpusPost } from './import-corpus.ts'

export interface WrittenSources {
  clinics: { clinic: string; inputs: string[] }[]
  /** `${clinic}|wp:${id}` or `${clinic}|url:${url}` -> corpus post id. */
  postByKey: Map<string, number>
}

const escape = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
const cdata = (text: string) => `<![CDATA[${text.replaceAll(']]>', ']]]]><![CDATA[>')}]]>`
const slugOf = (post: CorpusPost) =>
  `${post.title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')}-${post.id}`
const siteOf = (clinic: CorpusClinic) => `https://${clinic.slug}.clinic-site.example`

function wxr(clinic: CorpusClinic, posts: CorpusPost[]): string {
  const items = posts.map((post) => {
    const date = post.publishedAt.slice(0, 19).replace('T', ' ')
    return `<item><title>${escape(post.title)}</title><link>${siteOf(clinic)}/${slugOf(post)}/</link>
<dc:creator>${cdata('webteam')}</dc:creator><content:encoded>${cdata(post.paragraphs.join('\n\n'))}</content:encoded>
<excerpt:encoded>${cdata('')}</excerpt:encoded><wp:post_id>${post.id}</wp:post_id><wp:post_date_gmt>${cdata(date)}</wp:post_date_gmt>
<wp:post_name>${cdata(slugOf(post))}</wp:post_name><wp:status>${cdata('publish')}</wp:status><wp:post_type>${cdata('post')}</wp:post_type>
<category domain="category" nicename="chronic-pain">${cdata('Chronic Pain')}</category></item>`
  })
  return `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:excerpt="http://wordpress.org/export/1.2/excerpt/" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:wp="http://wordpress.org/export/1.2/">
<channel><title>${escape(clinic.name)}</title><link>${siteOf(clinic)}</link><wp:wxr_version>1.2</wp:wxr_version>
${items.join('\n')}
</channel></rss>`
}

function rest(clinic: CorpusClinic, posts: CorpusPost[]): string {
  return JSON.stringify(
    posts.map((post) => ({
      id: post.id,
      date_gmt: post.publishedAt.slice(0, 19),
      slug: slugOf(post),
      status: 'publish',
      type: 'post',
      link: `${siteOf(clinic)}/blog/${slugOf(post)}/`,
      title: { rendered: escape(post.title) },
      content: { rendered: post.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n') },
      excerpt: { rendered: '' },
      _embedded: { 'wp:term': [[{ name: 'Depression', taxonomy: 'category' }]] },
    })),
  )
}

function savedPage(clinic: CorpusClinic, post: CorpusPost): string {
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>${escape(post.title)} - ${escape(clinic.name)}</title>
<script src="./files/theme.js"></script></head><body class="single-post">
<a class="skip-link screen-reader-text" href="#content">Skip to content</a>
<header class="site-header"><nav><ul><li><a href="/">Home</a></li><li><a href="/blog/">Blog</a></li><li><a href="/contact/">Contact</a></li></ul></nav></header>
<p id="breadcrumbs">Home | Blog | ${escape(post.title)}</p>
<main><article class="post hentry"><header class="entry-header"><h1 class="entry-title">${escape(post.title)}</h1>
<div class="entry-meta">By Web Team<time datetime="${post.publishedAt}">${post.publishedAt.slice(0, 10)}</time>Treatment</div></header>
<div class="entry-content">${post.paragraphs.map((p) => `<p>${escape(p)}</p>`).join('\n')}</div>
<div class="sharedaddy"><h3>Share this:</h3><a href="https://facebook.example/">Facebook</a></div>
<div id="comments"><h3>Leave a Reply</h3><form><textarea></textarea></form></div></article></main>
<div class="popup" role="dialog">This will close in 0 seconds</div>
<footer class="site-footer">${escape(clinic.name)} · ${clinic.phone}</footer></body></html>`
}

export function writeSources(corpus: Corpus, dir: string): WrittenSources {
  const written: WrittenSources = { clinics: [], postByKey: new Map() }
  corpus.clinics.forEach((clinic, index) => {
    const posts = corpus.posts.filter((post) => post.clinic === clinic.slug)
    const kind = index % 3
    if (kind === 0) {
      const file = path.join(dir, `${clinic.slug}.xml`)
      fs.writeFileSync(file, wxr(clinic, posts))
      written.clinics.push({ clinic: clinic.slug, inputs: [file] })
      for (const post of posts) written.postByKey.set(`${clinic.slug}|wp:${post.id}`, post.id)
    } else if (kind === 1) {
      const file = path.join(dir, `${clinic.slug}-posts.json`)
      fs.writeFileSync(file, rest(clinic, posts))
      written.clinics.push({ clinic: clinic.slug, inputs: [file] })
      for (const post of posts) written.postByKey.set(`${clinic.slug}|wp:${post.id}`, post.id)
    } else {
      const folder = path.join(dir, clinic.slug)
      fs.mkdirSync(folder, { recursive: true })
      const csv = ['file,url']
      for (const post of posts) {
        const url = `${siteOf(clinic)}/${slugOf(post)}/`
        fs.writeFileSync(path.join(folder, `${slugOf(post)}.html`), savedPage(clinic, post))
        csv.push(`${slugOf(post)}.html,${url}`)
        written.postByKey.set(`${clinic.slug}|url:${url}`, post.id)
      }
      fs.writeFileSync(path.join(folder, 'urls.csv'), csv.join('\n'))
      written.clinics.push({ clinic: clinic.slug, inputs: [folder] })
    }
  })
  return written
}

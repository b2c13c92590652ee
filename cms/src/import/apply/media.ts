import dns from 'node:dns/promises'
import net from 'node:net'

import { IMAGE_MIME_TYPES } from '../../collections/Media'

/**
 * Fetching an export's images: only the operator's import (CLI or queued job) does it, never a
 * request of the admin on its own. http(s) only, no addresses inside the network the CMS runs in
 * (an uploaded export must not make the server probe its neighbours), a size cap, raster image
 * types only, and a timeout. Written by hand: fetch() does the transfer, these checks are ours.
 */

export const IMAGE_LIMITS = { maxBytes: 10 * 1024 * 1024, timeoutMs: 15_000 }

export interface FetchedImage {
  data: Buffer
  mimetype: string
  name: string
}

export type ImageFetcher = (url: string) => Promise<FetchedImage>

function isPrivateAddress(address: string): boolean {
  if (net.isIPv4(address)) {
    const [a = 0, b = 0] = address.split('.').map(Number)
    return (
      a === 0 ||
      a === 10 ||
      a === 127 ||
      (a === 169 && b === 254) ||
      (a === 172 && b >= 16 && b <= 31) ||
      (a === 192 && b === 168) ||
      (a === 100 && b >= 64 && b <= 127) ||
      a >= 224
    )
  }
  const lower = address.toLowerCase()
  if (lower.startsWith('::ffff:')) return isPrivateAddress(lower.slice(7))
  return (
    lower === '::1' ||
    lower === '::' ||
    lower.startsWith('fc') ||
    lower.startsWith('fd') ||
    lower.startsWith('fe80')
  )
}

export const fetchImage: ImageFetcher = async (url) => {
  const parsed = new URL(url)
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:')
    throw new Error('only http and https images are fetched')
  const host = parsed.hostname.replace(/^\[|\]$/g, '')
  const addresses = net.isIP(host)
    ? [host]
    : (await dns.lookup(host, { all: true })).map((a) => a.address)
  if (addresses.some(isPrivateAddress))
    throw new Error(
      `${host} is a private or local address; images are fetched from public sites only`,
    )
  const response = await fetch(url, {
    redirect: 'error',
    signal: AbortSignal.timeout(IMAGE_LIMITS.timeoutMs),
  })
  if (!response.ok) throw new Error(`the old site answered ${response.status}`)
  const mimetype = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase()
  if (!IMAGE_MIME_TYPES.includes(mimetype))
    throw new Error(`not a raster image (${mimetype || 'no type'})`)
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > IMAGE_LIMITS.maxBytes)
    throw new Error(`larger than ${IMAGE_LIMITS.maxBytes} bytes`)
  const chunks: Buffer[] = []
  let size = 0
  const reader = response.body?.getReader()
  for (let read = await reader?.read(); read && !read.done; read = await reader!.read()) {
    const chunk = read.value
    size += chunk.length
    if (size > IMAGE_LIMITS.maxBytes) {
      await reader!.cancel()
      throw new Error(`larger than ${IMAGE_LIMITS.maxBytes} bytes`)
    }
    chunks.push(Buffer.from(chunk))
  }
  const name = decodeURIComponent(parsed.pathname.split('/').pop() || 'image').replace(
    /[^\w.-]+/g,
    '-',
  )
  return { data: Buffer.concat(chunks), mimetype, name }
}

/**
 * A small streaming tar (POSIX ustar + pax) writer and reader, enough for backup archives: regular
 * files and directories only. Written here because the `tar` npm package is not installed and the
 * backup must not depend on which `tar` binary a machine has; archives open with any tar
 * (`tar -tzf backup.tar.gz`).
 *
 * Plain Node (no imports from the CMS): scripts/backup.ts and scripts/restore.ts run it without tsx.
 */
import type { Readable, Writable } from 'node:stream'

const BLOCK = 512
const MAX_OCTAL_SIZE = 0o77777777777 // 11 octal digits: 8 GiB - 1

export interface TarEntryHeader {
  path: string
  type: 'file' | 'directory'
  size: number
  mode: number
  mtime: Date
}

function writeString(block: Buffer, offset: number, length: number, value: string) {
  block.write(value, offset, Math.min(length, Buffer.byteLength(value)), 'utf8')
}

function writeOctal(block: Buffer, offset: number, length: number, value: number) {
  // length - 1 digits then NUL, zero-padded, as GNU and BSD tar write it.
  block.write(
    `${Math.floor(value)
      .toString(8)
      .padStart(length - 1, '0')}\0`,
    offset,
    length,
    'ascii',
  )
}

function paxRecord(key: string, value: string): string {
  const body = ` ${key}=${value}\n`
  const bodyLength = Buffer.byteLength(body)
  // The length prefix counts its own digits.
  let length = bodyLength + 1
  while (bodyLength + String(length).length !== length) length = bodyLength + String(length).length
  return `${length}${body}`
}

function headerBlock(entry: {
  name: string
  type: '0' | '5' | 'x'
  size: number
  mode: number
  mtime: Date
}): Buffer {
  const block = Buffer.alloc(BLOCK)
  writeString(block, 0, 100, entry.name)
  writeOctal(block, 100, 8, entry.mode)
  writeOctal(block, 108, 8, 0)
  writeOctal(block, 116, 8, 0)
  writeOctal(block, 124, 12, Math.min(entry.size, MAX_OCTAL_SIZE))
  writeOctal(block, 136, 12, Math.floor(entry.mtime.getTime() / 1000))
  block.fill(0x20, 148, 156) // checksum is computed with its own field as spaces
  block.write(entry.type, 156, 1, 'ascii')
  block.write('ustar\0', 257, 6, 'ascii')
  block.write('00', 263, 2, 'ascii')
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 8, 'ascii')
  return block
}

const padding = (size: number) => Buffer.alloc((BLOCK - (size % BLOCK)) % BLOCK)

/** Writes entries to `out` (usually a gzip stream), honouring backpressure. */
export class TarWriter {
  #out: Writable
  constructor(out: Writable) {
    this.#out = out
  }

  async #write(chunk: Buffer) {
    if (!this.#out.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => {
          this.#out.off('drain', onDrain)
          reject(error)
        }
        const onDrain = () => {
          this.#out.off('error', onError)
          resolve()
        }
        this.#out.once('drain', onDrain)
        this.#out.once('error', onError)
      })
    }
  }

  async #header(header: TarEntryHeader) {
    const name = header.type === 'directory' ? `${header.path.replace(/\/$/, '')}/` : header.path
    const needsPax =
      Buffer.byteLength(name) > 100 || /[^\x20-\x7e]/.test(name) || header.size > MAX_OCTAL_SIZE
    if (needsPax) {
      const records = Buffer.from(
        paxRecord('path', name) +
          (header.size > MAX_OCTAL_SIZE ? paxRecord('size', String(header.size)) : ''),
      )
      await this.#write(
        headerBlock({
          name: 'PaxHeader',
          type: 'x',
          size: records.length,
          mode: 0o644,
          mtime: header.mtime,
        }),
      )
      await this.#write(Buffer.concat([records, padding(records.length)]))
    }
    const shortName = needsPax ? name.replace(/[^\x20-\x7e]/g, '_').slice(-99) : name
    await this.#write(
      headerBlock({
        name: shortName,
        type: header.type === 'directory' ? '5' : '0',
        size: header.type === 'directory' ? 0 : header.size,
        mode: header.mode,
        mtime: header.mtime,
      }),
    )
  }

  async directory(path: string, mtime = new Date()) {
    await this.#header({ path, type: 'directory', size: 0, mode: 0o755, mtime })
  }

  /** Adds a file whose content is `content` (a buffer, or a stream of exactly `size` bytes). */
  async file(
    header: Omit<TarEntryHeader, 'type'>,
    content: Buffer | AsyncIterable<Buffer>,
    onChunk?: (bytes: number) => void,
  ) {
    await this.#header({ ...header, type: 'file' })
    let written = 0
    const chunks = Buffer.isBuffer(content) ? [content] : content
    for await (const chunk of chunks) {
      written += chunk.length
      if (written > header.size) throw new Error(`${header.path} grew while it was being archived`)
      await this.#write(chunk)
      onChunk?.(chunk.length)
    }
    if (written !== header.size)
      throw new Error(
        `${header.path} changed size while it was being archived (${written} of ${header.size} bytes)`,
      )
    await this.#write(padding(written))
  }

  /** Writes the end-of-archive marker and ends `out`. */
  async finish() {
    await this.#write(Buffer.alloc(BLOCK * 2))
    await new Promise<void>((resolve, reject) => {
      this.#out.once('error', reject)
      this.#out.end(() => resolve())
    })
  }
}

function readString(block: Buffer, offset: number, length: number): string {
  const end = block.indexOf(0, offset)
  return block.toString('utf8', offset, end === -1 || end > offset + length ? offset + length : end)
}

function readOctal(block: Buffer, offset: number, length: number): number {
  const text = readString(block, offset, length).trim()
  if (!/^[0-7]*$/.test(text)) throw new Error('corrupt tar header (number field)')
  return text ? parseInt(text, 8) : 0
}

function parsePax(data: Buffer): Map<string, string> {
  const records = new Map<string, string>()
  let offset = 0
  while (offset < data.length) {
    const space = data.indexOf(0x20, offset)
    const length = Number(data.toString('ascii', offset, space))
    if (space === -1 || !Number.isInteger(length) || length <= 0)
      throw new Error('corrupt pax header')
    const record = data.toString('utf8', space + 1, offset + length - 1)
    const equals = record.indexOf('=')
    records.set(record.slice(0, equals), record.slice(equals + 1))
    offset += length
  }
  return records
}

/** Pulls exact byte counts out of a stream of chunks. */
function byteReader(source: AsyncIterable<Buffer>) {
  const iterator = source[Symbol.asyncIterator]()
  let pending: Buffer = Buffer.alloc(0)
  let done = false
  const fill = async () => {
    if (pending.length > 0 || done) return
    const next = await iterator.next()
    if (next.done) done = true
    else pending = Buffer.from(next.value)
  }
  return {
    /** Up to `size` bytes, in chunks as they arrive; throws if the stream ends first. */
    async *take(size: number): AsyncGenerator<Buffer> {
      let left = size
      while (left > 0) {
        await fill()
        if (pending.length === 0) throw new Error('archive is truncated')
        const chunk = pending.subarray(0, left)
        pending = pending.subarray(chunk.length)
        left -= chunk.length
        yield chunk
      }
    },
    async exact(size: number): Promise<Buffer> {
      const parts: Buffer[] = []
      for await (const chunk of this.take(size)) parts.push(chunk)
      return Buffer.concat(parts)
    },
  }
}

/**
 * Reads every entry of a tar stream, calling `onEntry` with its header and its content (which must
 * be consumed before the next entry). Refuses links, devices and anything else that is not a
 * regular file or a directory, so an archive can never plant a symlink.
 */
export async function readTar(
  source: Readable | AsyncIterable<Buffer>,
  onEntry: (header: TarEntryHeader, content: AsyncIterable<Buffer>) => Promise<void>,
) {
  const reader = byteReader(source as AsyncIterable<Buffer>)
  let pax = new Map<string, string>()
  for (;;) {
    const block = await reader.exact(BLOCK)
    if (block.every((byte) => byte === 0)) return // end-of-archive marker
    let sum = 0
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 0x20 : block[i]!
    if (sum !== readOctal(block, 148, 8)) throw new Error('corrupt tar header (checksum mismatch)')
    const type = String.fromCharCode(block[156]!)
    const prefix = readString(block, 345, 155)
    const name = readString(block, 0, 100)
    const size = Number(pax.get('size') ?? readOctal(block, 124, 12))
    const path = pax.get('path') ?? (prefix ? `${prefix}/${name}` : name)
    const padded = size + ((BLOCK - (size % BLOCK)) % BLOCK)
    if (type === 'x' || type === 'g') {
      const records = parsePax((await reader.exact(padded)).subarray(0, size))
      if (type === 'x') pax = records
      continue
    }
    pax = new Map()
    if (type === '5') {
      await onEntry(
        {
          path: path.replace(/\/$/, ''),
          type: 'directory',
          size: 0,
          mode: readOctal(block, 100, 8),
          mtime: new Date(readOctal(block, 136, 12) * 1000),
        },
        (async function* () {})(),
      )
      continue
    }
    if (type !== '0' && type !== '\0')
      throw new Error(`archive entry ${path} is not a regular file or folder (tar type "${type}")`)
    let consumed = 0
    const content = (async function* () {
      for await (const chunk of reader.take(size)) {
        consumed += chunk.length
        yield chunk
      }
    })()
    await onEntry(
      {
        path,
        type: 'file',
        size,
        mode: readOctal(block, 100, 8),
        mtime: new Date(readOctal(block, 136, 12) * 1000),
      },
      content,
    )
    if (consumed < size) for await (const _ of reader.take(size - consumed)) void _
    await reader.exact(padded - size)
  }
}

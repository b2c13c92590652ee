/**
 * Requests that fetch cannot make: a body streamed in chunks without Content-Length (of any size,
 * generated as it is sent) and the server's answer read while the body is still being sent.
 */
import http from 'node:http'

export interface RawResponse {
  status: number
  headers: http.IncomingHttpHeaders
  text: string
  /** Body bytes written before the answer arrived. */
  sent: number
}

export function streamRequest(
  url: string,
  {
    method = 'POST',
    headers = {},
    totalBytes,
    chunk,
    contentLength = false,
  }: {
    method?: string
    headers?: Record<string, string>
    totalBytes: number
    /** One piece of the body (repeated until totalBytes). */
    chunk: Buffer
    /** Declare the length instead of sending the body chunked. */
    contentLength?: boolean
  },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, {
      method,
      headers: {
        ...headers,
        ...(contentLength
          ? { 'content-length': String(totalBytes) }
          : { 'transfer-encoding': 'chunked' }),
      },
    })
    let sent = 0
    let answered = false
    req.on('response', (res) => {
      answered = true
      let text = ''
      res.setEncoding('utf8')
      res.on('data', (piece: string) => (text += piece))
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, headers: res.headers, text, sent })
        req.destroy()
      })
    })
    req.on('error', (error) => {
      if (!answered) reject(error)
    })
    const pump = () => {
      while (!answered && sent < totalBytes) {
        const piece = chunk.subarray(0, Math.min(chunk.length, totalBytes - sent))
        sent += piece.length
        if (!req.write(piece)) {
          req.once('drain', pump)
          return
        }
      }
      if (!answered) req.end()
    }
    pump()
  })
}

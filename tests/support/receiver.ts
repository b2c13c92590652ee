/** A real HTTP receiver for webhook tests: records each request and answers what the test says. */
import http from 'node:http'
import type { AddressInfo } from 'node:net'

export interface ReceivedRequest {
  method: string
  url: string
  headers: http.IncomingHttpHeaders
  body: string
}

export async function startReceiver(answer: (request: ReceivedRequest) => number = () => 204) {
  const requests: ReceivedRequest[] = []
  let respond = answer
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (chunk: Buffer) => chunks.push(chunk))
    req.on('end', () => {
      const request = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      }
      requests.push(request)
      res.statusCode = respond(request)
      res.end('ok')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}/hooks/consultation`,
    requests,
    /** Changes how the next requests are answered. */
    answerWith: (next: (request: ReceivedRequest) => number) => (respond = next),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}

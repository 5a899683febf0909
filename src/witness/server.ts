/** The witness as an HTTP server (node:http): POST /add-checkpoint, GET / for its name and key. */
import { createServer, type Server } from 'node:http'
import type { Witness } from './witness.ts'

const MAX_BODY = 1 << 20

/** Starts listening; resolves with the server and its port once bound. */
export function startWitnessServer(witness: Witness, info: { name: string; vkey: string }, port: number, host = '127.0.0.1'): Promise<{ server: Server; port: number }> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]
    if (req.method === 'GET' && path === '/') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(info))
      return
    }
    if (path !== '/add-checkpoint') return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n')
    if (req.method !== 'POST') return void res.writeHead(405, { 'content-type': 'text/plain', allow: 'POST' }).end('POST only\n')
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (c: Buffer) => {
      size += c.length
      if (size > MAX_BODY) {
        res.writeHead(413, { 'content-type': 'text/plain' }).end('body too large\n')
        req.destroy()
      } else chunks.push(c)
    })
    req.on('end', () => {
      if (res.headersSent) return
      let body: string
      try {
        body = new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks))
      } catch {
        return void res.writeHead(400, { 'content-type': 'text/plain' }).end('body is not UTF-8\n')
      }
      witness.addCheckpoint(body).then((r) => {
        res.writeHead(r.status, { 'content-type': r.contentType }).end(r.body)
      }, (err) => {
        res.writeHead(500, { 'content-type': 'text/plain' }).end(`internal error: ${(err as Error).message}\n`)
      })
    })
  })
  server.keepAliveTimeout = 30_000
  return new Promise((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => {
      const addr = server.address()
      resolve({ server, port: typeof addr === 'object' && addr ? addr.port : port })
    })
  })
}

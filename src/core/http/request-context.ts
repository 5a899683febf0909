import { randomBytes } from 'node:crypto'
import type { FastifyInstance } from 'fastify'
import type { Authenticator, Principal } from './auth.ts'
import { pickLang, type Lang } from '../errors.ts'

declare module 'fastify' {
  interface FastifyRequest {
    principal: Principal | undefined
    lang: Lang
  }
}

const REQUEST_ID = /^[\w.:-]{1,80}$/

/**
 * Request ids `req_<boot>-<n>`: a random per-process prefix and a counter. Unique across processes
 * and restarts without a random draw per request (ids of stored entities use ULIDs instead).
 */
export function createRequestIdSource(): () => string {
  const boot = randomBytes(6).toString('base64url')
  let n = 0
  return () => `req_${boot}-${(++n).toString(36)}`
}

/** Accepts a caller's `x-request-id` when it is a safe token; otherwise makes one. */
export function requestIdFrom(header: unknown, make: () => string): string {
  return typeof header === 'string' && REQUEST_ID.test(header) ? header : make()
}

/** Decorates each request with its language and principal, and echoes the request id. */
export function installRequestContext(app: FastifyInstance, authenticators: Authenticator[]): void {
  app.decorateRequest('principal', undefined)
  app.decorateRequest('lang', 'zh-CN')
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-request-id', request.id)
    request.lang = pickLang(request.headers['accept-language'])
    for (const authenticate of authenticators) {
      const p = await authenticate(request)
      if (p) {
        request.principal = p
        break
      }
    }
  })
}

import { randomBytes } from 'node:crypto'
import type { FastifyInstance, FastifyRequest } from 'fastify'
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

async function resolvePrincipal(request: FastifyRequest, authenticators: Authenticator[]): Promise<Principal | undefined> {
  for (const authenticate of authenticators) {
    const p = await authenticate(request)
    if (p) return p
  }
  return undefined
}

/** Decorates each request with its language and principal, and echoes the request id. */
export function installRequestContext(app: FastifyInstance, authenticators: Authenticator[]): void {
  app.decorateRequest('principal', undefined)
  app.decorateRequest('lang', 'zh-CN')
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id)
    request.lang = pickLang(request.headers['accept-language'])
    // Credentials arrive as a bearer token or a session cookie; without either, the caller is anonymous.
    if (authenticators.length === 0 || (!request.headers.authorization && !request.headers.cookie)) return done()
    resolvePrincipal(request, authenticators).then((p) => { request.principal = p; done() }, done)
  })
}

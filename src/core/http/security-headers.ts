import helmet from 'helmet'
import type { FastifyInstance } from 'fastify'
import type { IncomingMessage, ServerResponse } from 'node:http'

/** Content security policy of the web app: own origin only; inline styles for the UI library. */
export const CSP_DIRECTIVES = {
  defaultSrc: ["'self'"], scriptSrc: ["'self'"], styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'], workerSrc: ["'self'", 'blob:'], connectSrc: ["'self'", 'ws:', 'wss:'],
  fontSrc: ["'self'", 'data:'], objectSrc: ["'none'"], frameAncestors: ["'self'"], upgradeInsecureRequests: null,
}

/**
 * Computes helmet's security headers once, at boot, by running its middleware against a recording
 * response. Helmet's configuration is static, so every response gets the same headers; computing
 * them per request (as the Fastify plugin does) costs a large share of a small route's time.
 */
export function computeSecurityHeaders(): Record<string, string> {
  const headers: Record<string, string> = {}
  const res = {
    setHeader(name: string, value: string | number | string[]) { headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value) },
    removeHeader(name: string) { delete headers[name.toLowerCase()] },
    getHeader(name: string) { return headers[name.toLowerCase()] },
  } as unknown as ServerResponse
  let failure: unknown
  helmet({ contentSecurityPolicy: { directives: CSP_DIRECTIVES } })({} as IncomingMessage, res, (err?: unknown) => { failure = err })
  if (failure) throw failure
  return headers
}

/**
 * Headers for JSON API answers (OWASP REST security): no framing, no sniffing, no caching of
 * personal data, HSTS. Document-only headers (COOP, CORP, DNS prefetch …) mean nothing to JSON.
 */
export const API_SECURITY_HEADERS: Record<string, string> = {
  'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
  'x-frame-options': 'DENY',
  'strict-transport-security': 'max-age=31536000; includeSubDomains',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
}

/** Sends the precomputed security headers: the API set under /api/, helmet's full set elsewhere. */
export function installSecurityHeaders(app: FastifyInstance): void {
  const documentHeaders = computeSecurityHeaders()
  app.addHook('onRequest', (request, reply, done) => {
    reply.headers(request.url.startsWith('/api/') ? API_SECURITY_HEADERS : documentHeaders)
    done()
  })
}

import { timingSafeEqual } from 'node:crypto'
import { bearerToken, type Authenticator } from '../../core/http/auth.ts'
import { CSRF_HEADER, SESSION_COOKIE, readCookie } from './cookies.ts'
import { IdentityError } from './errors.ts'
import { csrfTokenFor } from './service/sessions.ts'
import type { PrincipalResolver } from './service/principals.ts'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

function sameString(a: string, b: string): boolean {
  const x = Buffer.from(a)
  const y = Buffer.from(b)
  return x.length === y.length && timingSafeEqual(x, y)
}

/**
 * Resolves `Authorization: Bearer zca_…` (API tokens) and the `zc_session` cookie (web sessions).
 * A cookie-authenticated write under /api/ must carry `x-csrf-token` (the HMAC of the session
 * token, also in the readable `zc_csrf` cookie): a cross-site form or script cannot produce it.
 * Outside /api/ a cookie never authenticates a write. Other bearer tokens are left to others.
 */
export function createIdentityAuthenticator(principals: PrincipalResolver, csrfKey: Uint8Array): Authenticator {
  return async (request) => {
    const bearer = bearerToken(request)
    if (bearer) return bearer.startsWith('zca_') ? principals.authenticate(bearer, 'api') : undefined
    const token = readCookie(request.headers.cookie, SESSION_COOKIE)
    if (!token) return undefined
    const safe = SAFE_METHODS.has(request.method)
    if (!safe && !request.url.startsWith('/api/')) return undefined
    const principal = await principals.authenticate(token, 'web')
    if (!principal || safe) return principal
    const header = request.headers[CSRF_HEADER]
    if (typeof header !== 'string' || !sameString(header, csrfTokenFor(csrfKey, token))) throw new IdentityError.CSRF_REJECTED()
    return principal
  }
}

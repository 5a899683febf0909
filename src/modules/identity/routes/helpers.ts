import type { FastifyReply, FastifyRequest } from 'fastify'
import type { RequestMeta } from '../service/context.ts'
import { clearSessionCookies, sessionCookies } from '../cookies.ts'
import type { IssuedSession } from '../service/sessions.ts'

export interface CookieSettings { secure: boolean; sameSite: 'lax' | 'strict' }

/** Request facts for audit and the login log. */
export function metaOf(req: FastifyRequest): RequestMeta {
  const ua = req.headers['user-agent']
  return { requestId: req.id, ip: req.ip, userAgent: typeof ua === 'string' ? ua : undefined }
}

/** The login answer: cookies for a web session, the token in the body for an API session. */
export function issued(reply: FastifyReply, s: IssuedSession, cookies: CookieSettings, now: number) {
  if (s.kind === 'web') reply.header('set-cookie', sessionCookies(s.token, s.csrfToken!, s.expiresAt, now, cookies))
  return {
    status: 'ok' as const, sessionId: s.sessionId, accountId: s.accountId, kind: s.kind, mfa: s.mfa, expiresAt: s.expiresAt,
    accessToken: s.kind === 'api' ? s.token : null, csrfToken: s.csrfToken,
  }
}

export function clearCookies(reply: FastifyReply, cookies: CookieSettings): void {
  reply.header('set-cookie', clearSessionCookies(cookies))
}

export const dateOrUndefined = (s: string | undefined) => (s ? Date.parse(s) : undefined)

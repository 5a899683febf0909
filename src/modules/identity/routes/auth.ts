import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { Type } from 'typebox'
import type { IdentityService } from '../service/index.ts'
import { ChangePasswordBody, ExpiredPasswordBody, IssuedSessionSchema, LoginBody, LoginReply, LogoutEverywhereReply, MfaBody, SessionIdParams, SessionSchema, TotpBeginReply, TotpCodeBody } from '../schema/auth.ts'
import { AccountSchema, EnterpriseSchema, IdentifiersReply, MeReply, RegisterCitizenBody, SessionReply } from '../schema/accounts.ts'
import { Problem } from '../schema/common.ts'
import { clearCookies, issued, metaOf, type CookieSettings } from './helpers.ts'

const tags = ['identity: auth']
const Empty = Type.Null()

/** Login, registration, logout and the caller's own account (/me). */
export async function authRoutes(app: FastifyInstance, api: IdentityService, cookies: CookieSettings, now: () => number): Promise<void> {
  // Counted per address in the database (shared by every process), before the body is parsed.
  const limited = async (req: FastifyRequest, reply: FastifyReply) => {
    const d = await api.rateLimit.hit(req.ip)
    if (d.ok) return
    reply.header('retry-after', String(d.retryAfterSeconds))
    throw api.rateLimit.refusal(d.retryAfterSeconds)
  }

  app.post<{ Body: LoginBody }>('/auth/login', {
    config: { permission: 'public' }, onRequest: limited,
    schema: {
      tags, summary: 'Log in', security: [],
      description: 'Password login (argon2id). Five failures within 15 minutes lock the account for 15 minutes (423). Accounts with a second factor, or with a role that demands one, answer `mfa_required` (or `mfa_setup_required` with a new secret) unless `totp` is given; finish with /auth/login/mfa. `mode: cookie` sets HttpOnly session cookies; `mode: token` returns a bearer token.',
      body: LoginBody, response: { 200: LoginReply, 400: Problem, 401: Problem, 403: Problem, 423: Problem, 429: Problem },
    },
  }, async (req, reply) => {
    const b = req.body
    const r = await api.login.login({ login: b.login, password: b.password, totp: b.totp, actAs: b.actAs, sessionKind: b.mode === 'token' ? 'api' : 'web' }, metaOf(req))
    return r.status === 'ok' ? issued(reply, r.session, cookies, now()) : r
  })

  app.post<{ Body: MfaBody }>('/auth/login/mfa', {
    config: { permission: 'public' }, onRequest: limited,
    schema: { tags, summary: 'Finish a login with a one-time code', description: 'Answers a `mfa_required` or `mfa_setup_required` challenge. A challenge works once, for five minutes and five attempts; a code works once.', security: [], body: MfaBody, response: { 200: IssuedSessionSchema, 400: Problem, 401: Problem, 423: Problem, 429: Problem } },
  }, async (req, reply) => issued(reply, await api.login.completeMfa(req.body.challenge, req.body.code, metaOf(req)), cookies, now()))

  app.post<{ Body: ExpiredPasswordBody }>('/auth/password/expired', {
    config: { permission: 'public' }, onRequest: limited,
    schema: { tags, summary: 'Change an expired password', description: 'For a login refused with IDENTITY_PASSWORD_EXPIRED: proves the current password (lockout applies) and sets a new one that meets the policy.', security: [], body: ExpiredPasswordBody, response: { 204: Empty, 400: Problem, 401: Problem, 423: Problem, 429: Problem } },
  }, async (req, reply) => {
    await api.credentials.changeExpiredPassword(req.body.login, req.body.currentPassword, req.body.newPassword, metaOf(req))
    return reply.status(204).send()
  })

  app.post<{ Body: RegisterCitizenBody }>('/auth/register', {
    config: { permission: 'public' }, onRequest: limited,
    schema: { tags, summary: 'Register as a citizen (自然人注册)', description: 'The ID number is checked with its GB 11643 check digit, stored encrypted with a keyed blind index, and answered masked.', security: [], body: RegisterCitizenBody, response: { 201: AccountSchema, 400: Problem, 409: Problem, 429: Problem } },
  }, async (req, reply) => reply.status(201).send(await api.accounts.registerCitizen(req.body, metaOf(req))))

  app.post('/auth/logout', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Log out', description: 'Ends the current session and clears the session cookies.', response: { 204: Empty, 401: Problem } },
  }, async (req, reply) => {
    await api.sessions.logout(req.principal!, metaOf(req))
    clearCookies(reply, cookies)
    return reply.status(204).send()
  })

  app.post('/auth/logout-everywhere', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Log out everywhere', description: 'Ends every session and token of the account, this one included.', response: { 200: LogoutEverywhereReply, 401: Problem } },
  }, async (req, reply) => {
    const revoked = await api.sessions.logoutEverywhere(req.principal!, metaOf(req))
    clearCookies(reply, cookies)
    return { revoked }
  })

  app.get('/me', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'The current principal', description: 'Who is calling: kind, permissions from roles, data scope, grid scope and the account profile (identifiers masked).', response: { 200: MeReply, 401: Problem } },
  }, async (req) => api.me(req.principal!))

  app.get('/auth/session', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Who is signed in, if anyone', description: 'For pages that show what a visitor may do: the current principal as `GET /me` answers it, or `null` for an anonymous visitor (200 either way, so a page can ask without an error).', response: { 200: SessionReply } },
  }, async (req) => ({ me: req.principal ? await api.me(req.principal) : null }))

  app.get('/me/identifiers', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My ID and mobile numbers in clear', description: 'The owner only; audited.', response: { 200: IdentifiersReply, 401: Problem, 404: Problem } },
  }, async (req) => api.accounts.revealIdentifiers(req.principal!, req.principal!.id, metaOf(req)))

  app.post<{ Body: ChangePasswordBody }>('/me/password', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Change my password', description: 'Other sessions of the account end.', body: ChangePasswordBody, response: { 204: Empty, 400: Problem, 401: Problem } },
  }, async (req, reply) => {
    await api.credentials.changePassword(req.principal!, req.body.currentPassword, req.body.newPassword, metaOf(req))
    return reply.status(204).send()
  })

  app.get('/me/sessions', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'My sessions', description: 'Active web sessions and API tokens; `current` marks this one.', response: { 200: Type.Array(SessionSchema), 401: Problem } },
  }, async (req) => api.sessions.listOwn(req.principal!))

  app.delete<{ Params: SessionIdParams }>('/me/sessions/:sessionId', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Revoke one of my sessions', params: SessionIdParams, response: { 204: Empty, 400: Problem, 401: Problem, 404: Problem } },
  }, async (req, reply) => {
    await api.sessions.revokeOwn(req.principal!, req.params.sessionId, metaOf(req))
    return reply.status(204).send()
  })

  app.post('/me/totp', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Start setting up a second factor', description: 'Returns a TOTP secret and otpauth URI; confirm with a first code.', response: { 200: TotpBeginReply, 401: Problem, 409: Problem } },
  }, async (req) => api.credentials.beginTotp(req.principal!))

  app.post<{ Body: MfaBody }>('/me/totp/confirm', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Confirm the second factor', body: MfaBody, response: { 204: Empty, 400: Problem, 401: Problem, 409: Problem } },
  }, async (req, reply) => {
    await api.credentials.confirmTotp(req.principal!, req.body.challenge, req.body.code, metaOf(req))
    return reply.status(204).send()
  })

  app.post<{ Body: TotpCodeBody }>('/me/totp/disable', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Remove my second factor', description: 'Needs a current code; refused while a role demands a second factor.', body: TotpCodeBody, response: { 204: Empty, 400: Problem, 401: Problem, 409: Problem } },
  }, async (req, reply) => {
    await api.credentials.disableTotp(req.principal!, req.body.code, metaOf(req))
    return reply.status(204).send()
  })

  app.get('/me/enterprises', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Enterprises I may act for', description: 'As legal representative or authorised agent; log in with `actAs` to act for one.', response: { 200: Type.Array(EnterpriseSchema), 401: Problem } },
  }, async (req) => api.enterprises.listMine(req.principal!))
}

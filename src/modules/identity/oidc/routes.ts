/**
 * Routes outside /api/v1 for single sign-on: the provider's own endpoints (passed through to
 * oidc-provider untouched, body unparsed) and the interaction pages the platform renders.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type Provider from 'oidc-provider'
import { AppError, pickLang } from '../../../core/errors.ts'
import { SESSION_COOKIE, readCookie, sessionCookies } from '../cookies.ts'
import type { IdentityService } from '../service/index.ts'
import type { IssuedSession } from '../service/sessions.ts'
import { metaOf, type CookieSettings } from '../routes/helpers.ts'
import { originOf, type OidcHost } from './provider.ts'
import { consentPage, errorPage, loginPage, totpPage } from './views.ts'

type Form = Record<string, string | undefined>

const requestOrigin = (req: FastifyRequest) => `${req.protocol}://${req.host}`

export async function oidcRootRoutes(app: FastifyInstance, api: IdentityService, host: OidcHost, cookies: CookieSettings, now: () => number): Promise<void> {
  const callbacks = new WeakMap<Provider, ReturnType<Provider['callback']>>()

  await app.register(async (passthrough) => {
    // oidc-provider reads request bodies itself: leave the stream untouched.
    passthrough.removeAllContentTypeParsers()
    passthrough.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined))
    const forward = async (req: FastifyRequest, reply: FastifyReply) => {
      const provider = await host.get(requestOrigin(req))
      let cb = callbacks.get(provider)
      if (!cb) callbacks.set(provider, (cb = provider.callback()))
      reply.hijack()
      cb(req.raw, reply.raw)
    }
    passthrough.get('/.well-known/openid-configuration', { schema: { hide: true } }, forward)
    passthrough.all('/oidc/*', { schema: { hide: true } }, forward)
  })

  await app.register(async (pages) => {
    pages.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string', bodyLimit: 8192 }, (_req, body, done) => {
      done(null, Object.fromEntries(new URLSearchParams(String(body))))
    })

    async function details(req: FastifyRequest<{ Params: { uid: string } }>, reply: FastifyReply) {
      const provider = await host.get(requestOrigin(req))
      const d = await provider.interactionDetails(req.raw, reply.raw)
      if (d.uid !== req.params.uid) throw new Error('interaction mismatch')
      const client = await provider.Client.find(String(d.params.client_id))
      return { provider, d, client }
    }

    function html(reply: FastifyReply, status: number, body: string, redirectUris: string[] = []) {
      // The login form redirects to the client after posting: allow exactly its origins.
      const origins = [...new Set(redirectUris.map(originOf).filter(Boolean))].join(' ')
      return reply.status(status).type('text/html; charset=utf-8')
        .header('content-security-policy', `default-src 'none'; style-src 'unsafe-inline'; form-action 'self' ${origins}; frame-ancestors 'none'; base-uri 'none'`)
        .header('cache-control', 'no-store').send(body)
    }

    async function finishLogin(req: FastifyRequest, reply: FastifyReply, provider: Provider, session: IssuedSession | undefined, accountId: string, mfa: boolean) {
      if (session) for (const c of sessionCookies(session.token, session.csrfToken!, session.expiresAt, now(), cookies)) reply.raw.appendHeader('set-cookie', c)
      reply.hijack()
      await provider.interactionFinished(req.raw, reply.raw, { login: { accountId, amr: mfa ? ['pwd', 'otp'] : ['pwd'], acr: mfa ? 'urn:zhicheng:loa:2' : 'urn:zhicheng:loa:1' } }, { mergeWithLastSubmission: false })
    }

    const failed = (req: FastifyRequest, reply: FastifyReply, err: unknown) => {
      req.log.info({ err: err instanceof AppError ? err.code : String(err) }, 'oidc interaction failed')
      return html(reply, 400, errorPage(pickLang(req.headers['accept-language']), { error: 'invalid_request', error_description: 'The sign-in step has expired; start again from the application.' }))
    }

    pages.get<{ Params: { uid: string } }>('/oidc/interaction/:uid', { schema: { hide: true } }, async (req, reply) => {
      const lang = pickLang(req.headers['accept-language'])
      let ctx
      try { ctx = await details(req, reply) } catch (err) { return failed(req, reply, err) }
      const { provider, d, client } = ctx
      const name = client?.clientName ?? String(d.params.client_id)
      if (d.prompt.name === 'login') {
        // Single sign-on: a live platform web session logs in without asking again, unless the
        // client demanded a fresh login (prompt=login, max_age).
        const token = readCookie(req.headers.cookie, SESSION_COOKIE)
        const fresh = d.prompt.reasons.includes('login_prompt') || d.prompt.reasons.includes('max_age')
        const p = token && !fresh ? await api.principals.authenticate(token, 'web') : undefined
        if (p && p.kind !== 'system') return finishLogin(req, reply, provider, undefined, p.id, !!p.mfa)
        return html(reply, 200, loginPage(lang, d.uid, name), client?.redirectUris)
      }
      // First-party clients (registered without `consentRequired`) are granted without a page.
      if (client && !client.metadata().zc_consent_required) return grantConsent(req, reply, provider, d)
      return html(reply, 200, consentPage(lang, d.uid, name, String(d.params.scope ?? '').split(' ').filter(Boolean)), client?.redirectUris)
    })

    pages.post<{ Params: { uid: string }; Body: Form }>('/oidc/interaction/:uid/login', { schema: { hide: true } }, async (req, reply) => {
      const lang = pickLang(req.headers['accept-language'])
      let ctx
      try { ctx = await details(req, reply) } catch (err) { return failed(req, reply, err) }
      const { provider, d, client } = ctx
      const login = String(req.body?.login ?? '')
      try {
        await limit(req, reply)
        const r = await api.login.login({ login, password: String(req.body?.password ?? ''), sessionKind: 'web' }, metaOf(req))
        if (r.status === 'ok') return finishLogin(req, reply, provider, r.session, r.session.accountId, r.session.mfa)
        return html(reply, 200, totpPage(lang, d.uid, r.challenge, undefined, r.status === 'mfa_setup_required' ? r : undefined), client?.redirectUris)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        return html(reply, err.status, loginPage(lang, d.uid, client?.clientName ?? '', err.localized(lang), login), client?.redirectUris)
      }
    })

    pages.post<{ Params: { uid: string }; Body: Form }>('/oidc/interaction/:uid/mfa', { schema: { hide: true } }, async (req, reply) => {
      const lang = pickLang(req.headers['accept-language'])
      let ctx
      try { ctx = await details(req, reply) } catch (err) { return failed(req, reply, err) }
      const { provider, d, client } = ctx
      const challenge = String(req.body?.challenge ?? '')
      try {
        await limit(req, reply)
        const s = await api.login.completeMfa(challenge, String(req.body?.code ?? ''), metaOf(req))
        return finishLogin(req, reply, provider, s, s.accountId, true)
      } catch (err) {
        if (!(err instanceof AppError)) throw err
        const setup = req.body?.secret ? { secret: String(req.body.secret), otpauthUri: String(req.body.otpauthUri ?? '') } : undefined
        return html(reply, err.status, totpPage(lang, d.uid, challenge, err.localized(lang), setup), client?.redirectUris)
      }
    })

    /** The per-address limit of the API's auth routes (the same shared count) applies to these forms too. */
    async function limit(req: FastifyRequest, reply: FastifyReply): Promise<void> {
      const d = await api.rateLimit.hit(req.ip)
      if (d.ok) return
      reply.header('retry-after', String(d.retryAfterSeconds))
      throw api.rateLimit.refusal(d.retryAfterSeconds)
    }

    /** Records the consent the interaction asks for and resumes the authorization. */
    async function grantConsent(req: FastifyRequest, reply: FastifyReply, provider: Provider, d: Awaited<ReturnType<Provider['interactionDetails']>>) {
      if (d.prompt.name !== 'consent' || !d.session?.accountId) return failed(req, reply, new Error('no consent pending'))
      const missing = d.prompt.details as { missingOIDCScope?: string[]; missingOIDCClaims?: string[]; missingResourceScopes?: Record<string, string[]> }
      const grant = (d.grantId ? await provider.Grant.find(d.grantId) : undefined) ?? new provider.Grant({ accountId: d.session.accountId, clientId: String(d.params.client_id) })
      if (missing.missingOIDCScope) grant.addOIDCScope(missing.missingOIDCScope.join(' '))
      if (missing.missingOIDCClaims) grant.addOIDCClaims(missing.missingOIDCClaims)
      for (const [resource, scopes] of Object.entries(missing.missingResourceScopes ?? {})) grant.addResourceScope(resource, scopes.join(' '))
      const grantId = await grant.save()
      reply.hijack()
      await provider.interactionFinished(req.raw, reply.raw, { consent: { grantId } }, { mergeWithLastSubmission: true })
    }

    pages.post<{ Params: { uid: string } }>('/oidc/interaction/:uid/confirm', { schema: { hide: true } }, async (req, reply) => {
      let ctx
      try { ctx = await details(req, reply) } catch (err) { return failed(req, reply, err) }
      return grantConsent(req, reply, ctx.provider, ctx.d)
    })

    pages.get<{ Params: { uid: string } }>('/oidc/interaction/:uid/abort', { schema: { hide: true } }, async (req, reply) => {
      let ctx
      try { ctx = await details(req, reply) } catch (err) { return failed(req, reply, err) }
      reply.hijack()
      await ctx.provider.interactionFinished(req.raw, reply.raw, { error: 'access_denied', error_description: 'The user cancelled the sign-in' }, { mergeWithLastSubmission: false })
    })
  })
}

/**
 * Single sign-on end to end: a relying party using `openid-client` (a certified RP library) runs
 * the authorization code flow with PKCE against the platform listening on a real port, through
 * the platform's own login page, then refreshes, reads userinfo and logs out (RP-initiated). The
 * signing key is the platform's: an ES256 key held by the crypto module and used by key id.
 */
import { describe, it, before, after } from 'node:test'
import assert from 'node:assert/strict'
import * as oidc from 'openid-client'
import { DIALECTS } from '../../helpers/dialects.ts'
import { ADMIN } from '../../helpers/build-test-app.ts'
import { freePort } from '../../helpers/server.ts'
import { buildIdentityTestApp, nextTotp, DEMO_PASSWORDS, expectJson, type IdentityTestApp } from '../../helpers/principals.ts'

const REDIRECT = 'http://rp.example.test/callback'
const AFTER_LOGOUT = 'http://rp.example.test/bye'

/** A minimal browser: follows nothing by itself, keeps cookies per name. */
function userAgent(base: string) {
  const jar = new Map<string, string>()
  async function go(url: string, init: RequestInit = {}): Promise<Response> {
    const res = await fetch(new URL(url, base), { ...init, redirect: 'manual', headers: { ...(init.headers ?? {}), cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; '), 'accept-language': 'en-US' } })
    for (const c of res.headers.getSetCookie()) {
      const [pair, ...attrs] = c.split(';')
      const i = pair.indexOf('=')
      const name = pair.slice(0, i).trim()
      const value = pair.slice(i + 1).trim()
      if (!value || attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a))) jar.delete(name)
      else jar.set(name, value)
    }
    return res
  }
  const post = (url: string, form: Record<string, string>) => go(url, { method: 'POST', body: new URLSearchParams(form).toString(), headers: { 'content-type': 'application/x-www-form-urlencoded' } })
  return { go, post, jar }
}

const location = (res: Response) => {
  assert.ok([302, 303].includes(res.status), `expected a redirect, got ${res.status}`)
  return res.headers.get('location')!
}

for (const dialect of DIALECTS) {
  describe(`identity: OpenID Connect code flow with openid-client [${dialect}]`, () => {
    let t: IdentityTestApp
    let issuer: string
    let config: oidc.Configuration
    let clientId: string

    before(async () => {
      const port = await freePort()
      issuer = `http://127.0.0.1:${port}`
      t = await buildIdentityTestApp(dialect, { seed: true, modules: ['crypto'], identity: { issuer, oidcSigningKey: 'crypto' } })
      await t.app.listen({ port, host: '127.0.0.1' })
      const created = expectJson(await t.app.inject({
        method: 'POST', url: '/api/v1/identity/oidc-clients', headers: ADMIN,
        payload: { name: '不动产登记系统', redirectUris: [REDIRECT], postLogoutRedirectUris: [AFTER_LOGOUT] },
      }), 201)
      clientId = created.clientId
      assert.match(created.clientSecret, /^[A-Za-z0-9_-]{43}$/)
      config = await oidc.discovery(new URL(issuer), created.clientId, created.clientSecret, undefined, { execute: [oidc.allowInsecureRequests] })
    })
    after(async () => { await t?.close() })

    it('serves discovery at the root and the JWKS: the crypto module\'s public key only', async () => {
      const meta = config.serverMetadata()
      assert.equal(meta.issuer, issuer)
      assert.equal(meta.authorization_endpoint, `${issuer}/oidc/auth`)
      assert.equal(meta.token_endpoint, `${issuer}/oidc/token`)
      assert.equal(meta.userinfo_endpoint, `${issuer}/oidc/me`)
      assert.equal(meta.end_session_endpoint, `${issuer}/oidc/session/end`)
      assert.deepEqual(meta.code_challenge_methods_supported, ['S256'])
      const jwks = await (await fetch(meta.jwks_uri!)).json() as { keys: Array<Record<string, string>> }
      assert.equal(jwks.keys.length, 1)
      const [key] = jwks.keys
      assert.deepEqual({ kty: key.kty, crv: key.crv, alg: key.alg, use: key.use, d: key.d }, { kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig', d: undefined })
      // The kid names the crypto key and version; crypto's own JWK of that key is the same point.
      const [keyId, version] = key.kid.split('.')
      const held = expectJson(await t.app.inject({ method: 'GET', url: `/api/v1/crypto/keys/${keyId}/public-key?version=${version}`, headers: ADMIN }), 200)
      assert.deepEqual({ x: held.jwk.x, y: held.jwk.y }, { x: key.x, y: key.y })
      assert.ok(meta.id_token_signing_alg_values_supported?.includes('ES256'))
    })

    async function codeFlow(username: string, password: string, totp?: () => string) {
      const verifier = oidc.randomPKCECodeVerifier()
      const state = oidc.randomState()
      const url = oidc.buildAuthorizationUrl(config, {
        redirect_uri: REDIRECT, scope: 'openid profile zhicheng offline_access', state,
        code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256', prompt: 'consent',
      })
      const ua = userAgent(issuer)
      const interaction = location(await ua.go(url.href))
      assert.match(interaction, /^\/oidc\/interaction\/[\w-]+$/)
      const page = await ua.go(interaction)
      assert.equal(page.status, 200)
      const html = await page.text()
      assert.match(html, /<form method="post" action="\/oidc\/interaction\/[\w-]+\/login"/)
      assert.match(page.headers.get('content-security-policy')!, /form-action 'self' http:\/\/rp\.example\.test/)
      // A wrong password re-renders the page with the reason; nothing is granted.
      const wrong = await ua.post(`${interaction}/login`, { login: username, password: 'Wrong-password-1' })
      assert.equal(wrong.status, 401)
      assert.match(await wrong.text(), /role="alert">The user name or password is wrong</)
      let res = await ua.post(`${interaction}/login`, { login: username, password })
      if (totp) {
        assert.equal(res.status, 200)
        const challenge = /name="challenge" value="([^"]+)"/.exec(await res.text())![1]
        const bad = await ua.post(`${interaction}/mfa`, { challenge, code: '000000' })
        assert.equal(bad.status, 401)
        res = await ua.post(`${interaction}/mfa`, { challenge, code: totp() })
      }
      let next = location(res)
      // Resume the authorization; first-party clients need no consent page.
      while (!next.startsWith(REDIRECT)) next = location(await ua.go(next))
      const tokens = await oidc.authorizationCodeGrant(config, new URL(next), { pkceCodeVerifier: verifier, expectedState: state })
      return { tokens, ua, callback: next }
    }

    it('logs a citizen in through the platform page; tokens, claims, userinfo, refresh; the code cannot be replayed', async () => {
      const { tokens, callback, ua } = await codeFlow('zhang.san', DEMO_PASSWORDS.citizen)
      const claims = tokens.claims()!
      assert.equal(JSON.parse(Buffer.from(tokens.id_token!.split('.')[0], 'base64url').toString()).alg, 'ES256')
      assert.equal(claims.iss, issuer)
      assert.equal(claims.aud, clientId)
      assert.match(String(claims.sub), /^acc_/)
      assert.ok(tokens.access_token && tokens.refresh_token && tokens.id_token)
      const info = await oidc.fetchUserInfo(config, tokens.access_token, String(claims.sub))
      assert.deepEqual(info, {
        sub: claims.sub, name: '张三', preferred_username: 'zhang.san', account_kind: 'citizen', department: null, department_name: null,
        roles: ['citizen'], id_number_masked: '4420**********1016',
      })
      // Replaying the authorization code fails, as does a forged verifier.
      await assert.rejects(oidc.authorizationCodeGrant(config, new URL(callback), { pkceCodeVerifier: oidc.randomPKCECodeVerifier(), expectedState: new URL(callback).searchParams.get('state')! }), (err: { error?: string }) => err.error === 'invalid_grant')
      const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!)
      assert.ok(refreshed.access_token && refreshed.access_token !== tokens.access_token)
      assert.equal(refreshed.claims()!.sub, claims.sub)
      assert.equal((await oidc.fetchUserInfo(config, refreshed.access_token, String(claims.sub))).sub, claims.sub)
      // Revoking a token ends its grant: replayed afterwards, the access tokens and the refresh token are refused.
      await oidc.tokenRevocation(config, tokens.access_token)
      for (const token of [tokens.access_token, refreshed.access_token]) {
        await assert.rejects(oidc.fetchUserInfo(config, token, String(claims.sub)), (err: { status?: number }) => err.status === 401)
      }
      await assert.rejects(oidc.refreshTokenGrant(config, tokens.refresh_token!), (err: { error?: string }) => err.error === 'invalid_grant')
      // The login also opened a platform web session (single sign-on back into the portal).
      assert.ok(ua.jar.get('zc_session')?.startsWith('zcs_'))
      const me = await fetch(`${issuer}/api/v1/me`, { headers: { cookie: `zc_session=${ua.jar.get('zc_session')}` } })
      assert.equal(((await me.json()) as { id: string }).id, claims.sub)
    })

    it('logs a clerk in with a one-time code; the roles and department travel as claims', async () => {
      const { tokens } = await codeFlow('clerk.li', DEMO_PASSWORDS.staff, () => nextTotp(t, 'clerk.li'))
      const info = await oidc.fetchUserInfo(config, tokens.access_token, String(tokens.claims()!.sub))
      assert.equal(info.account_kind, 'staff')
      assert.deepEqual(info.roles, ['clerk'])
      assert.equal(info.department_name, '政务服务科')
      assert.equal(tokens.claims()!.amr?.toString(), 'pwd,otp')
    })

    it('single sign-on: a second authorization in the same browser needs no password', async () => {
      const { ua } = await codeFlow('chen.mei', DEMO_PASSWORDS.citizen)
      const verifier = oidc.randomPKCECodeVerifier()
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid profile', state: 's2', code_challenge: await oidc.calculatePKCECodeChallenge(verifier), code_challenge_method: 'S256' })
      let next = location(await ua.go(url.href))
      while (!next.startsWith(REDIRECT)) next = location(await ua.go(next))
      const tokens = await oidc.authorizationCodeGrant(config, new URL(next), { pkceCodeVerifier: verifier, expectedState: 's2' })
      assert.match(String(tokens.claims()!.sub), /^acc_/)
    })

    it('requires PKCE', async () => {
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: 'x' })
      const back = new URL(location(await fetch(url, { redirect: 'manual' })))
      assert.equal(`${back.origin}${back.pathname}`, REDIRECT)
      assert.equal(back.searchParams.get('error'), 'invalid_request')
    })

    it('RP-initiated logout ends the provider session and redirects back', async () => {
      const { tokens, ua } = await codeFlow('wang.wu', DEMO_PASSWORDS.citizen)
      const end = oidc.buildEndSessionUrl(config, { id_token_hint: tokens.id_token!, post_logout_redirect_uri: AFTER_LOGOUT, state: 'bye' })
      const confirm = await ua.go(end.href)
      assert.equal(confirm.status, 200)
      const html = await confirm.text()
      const action = /<form[^>]*action="([^"]+)"/.exec(html)![1]
      const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]
      const done = location(await ua.post(new URL(action, issuer).pathname, { xsrf, logout: 'yes' }))
      assert.equal(done, `${AFTER_LOGOUT}?state=bye`)
      assert.equal(ua.jar.get('zc_op_session'), undefined)
    })

    it('a disabled client cannot log anyone in', async () => {
      expectJson(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/oidc-clients/${clientId}`, headers: ADMIN, payload: { status: 'disabled' } }), 200)
      const url = oidc.buildAuthorizationUrl(config, { redirect_uri: REDIRECT, scope: 'openid', state: 'x', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })
      const res = await fetch(url, { redirect: 'manual' })
      assert.equal(res.status, 400)
      expectJson(await t.app.inject({ method: 'PATCH', url: `/api/v1/identity/oidc-clients/${clientId}`, headers: ADMIN, payload: { status: 'active' } }), 200)
    })
  })
}

for (const dialect of DIALECTS) {
  describe(`identity: OpenID Connect without the crypto module [${dialect}]`, () => {
    let t: IdentityTestApp
    before(async () => { t = await buildIdentityTestApp(dialect, { identity: { issuer: 'http://127.0.0.1:1' } }) })
    after(async () => { await t?.close() })

    it('signs with a local RS256 key kept encrypted in the database, the same key across restarts of the provider', async () => {
      const jwks = expectJson(await t.app.inject({ url: '/oidc/jwks' }), 200) as { keys: Array<Record<string, string>> }
      assert.equal(jwks.keys.length, 1)
      assert.deepEqual({ kty: jwks.keys[0].kty, alg: jwks.keys[0].alg, d: jwks.keys[0].d }, { kty: 'RSA', alg: 'RS256', d: undefined })
      const row = await t.app.kernel.db.selectFrom('identity_key').select(['id', 'private_enc']).executeTakeFirstOrThrow()
      assert.equal(row.id, jwks.keys[0].kid)
      // Stored sealed: no JWK member appears in the column.
      assert.doesNotMatch(String(row.private_enc), /"d"|"kty"|RSA/)
    })
  })
}

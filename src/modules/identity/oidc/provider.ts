/**
 * The OpenID Connect provider (oidc-provider@9, certified), mounted inside the Fastify app: the
 * issuer is the platform's public origin, discovery sits at `/.well-known/openid-configuration`
 * and every endpoint under `/oidc/`. Built on first use, after migrations, because its signing key
 * and clients live in the database.
 */
import { createPrivateKey, generateKeyPair } from 'node:crypto'
import { exportJWK } from 'jose'
import Provider from 'oidc-provider'
import { pickLang } from '../../../core/errors.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { deriveKey } from '../keys.ts'
import type { IdentityDeps } from '../service/context.ts'
import type { IdentityService } from '../service/index.ts'
import type { CryptoApi } from '../../crypto/index.ts'
import { createAdapterClass } from './adapter.ts'
import { cryptoSigningKey } from './signing-key.ts'
import { errorPage, loggedOutPage, logoutPage } from './views.ts'

const KEY_USE = 'oidc-signing'

/** Claims per scope. `zhicheng` carries the platform's facts: kind, department, roles, masked ID. */
export const OIDC_CLAIMS = {
  auth_time: null, iss: null, sid: null,
  // How the user authenticated (pwd, pwd+otp) travels in the ID token of every openid request.
  openid: ['sub', 'acr', 'amr'],
  profile: ['name', 'preferred_username'],
  zhicheng: ['account_kind', 'department', 'department_name', 'roles', 'id_number_masked'],
}

/** The origin of a URL, or undefined when it does not parse (Node 20 has no URL.parse). */
export function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin
  } catch {
    return undefined
  }
}

/**
 * The local signing key, for an identity module running without `crypto`: RS256, generated once
 * and stored encrypted (SM4-GCM under the identity root key) in `identity_key`.
 */
async function localSigningKey(deps: IdentityDeps): Promise<Record<string, unknown>> {
  const existing = await deps.repo.oidc.getKey(deps.db, KEY_USE)
  if (existing) return JSON.parse(deps.pii.open(existing.private_enc, `key:${existing.id}`)) as Record<string, unknown>
  // Encoded by the generation job itself, then read back as a key of its own: exporting the job's
  // KeyObject can deadlock Node 20 when the collector destroys the job meanwhile (they share a mutex).
  const pkcs8 = await new Promise<Buffer>((resolve, reject) => generateKeyPair('rsa', {
    modulusLength: 2048, publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' },
  }, (err, _publicKey, privateKey) => (err ? reject(err) : resolve(privateKey))))
  const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' })
  const kid = deps.ids.next('key')
  const jwk = { ...(await exportJWK(privateKey)), kid, alg: 'RS256', use: 'sig' }
  try {
    await deps.repo.oidc.insertKey(deps.db, { id: kid, use: KEY_USE, private_enc: deps.pii.seal(JSON.stringify(jwk), `key:${kid}`), created_at: deps.clock.now() })
  } catch (err) {
    if (!isUniqueViolation(err)) throw err
  }
  const stored = (await deps.repo.oidc.getKey(deps.db, KEY_USE))!
  return JSON.parse(deps.pii.open(stored.private_enc, `key:${stored.id}`)) as Record<string, unknown>
}

export interface OidcHost {
  /** The provider, built once; `origin` is used as issuer when PUBLIC_URL is not configured. */
  get(origin: string): Promise<Provider>
}

/** `crypto`, when given, holds the signing key (ES256, by key id); otherwise a local RS256 key is used. */
export function createOidcHost(deps: IdentityDeps, api: IdentityService, rootKey: Uint8Array, crypto?: CryptoApi): OidcHost {
  let building: Promise<Provider> | undefined

  async function build(origin: string): Promise<Provider> {
    const issuer = deps.options.issuer ?? origin
    if (!deps.options.issuer) deps.log.warn({ issuer }, 'PUBLIC_URL is not set: the OpenID Connect issuer is taken from the first request')
    const key = crypto ? await cryptoSigningKey(crypto) : await localSigningKey(deps)
    const alg = crypto ? 'ES256' : 'RS256'
    const cookieKey = Buffer.from(deriveKey(rootKey, 'oidc-cookies')).toString('base64url')
    const provider = new Provider(issuer, {
      adapter: createAdapterClass(deps.db, deps.repo, deps.clock, api.oidcClients),
      jwks: { keys: [key] },
      clientDefaults: { grant_types: ['authorization_code'], id_token_signed_response_alg: alg, response_types: ['code'], token_endpoint_auth_method: 'client_secret_basic' },
      cookies: {
        keys: [cookieKey],
        names: { session: 'zc_op_session', interaction: 'zc_op_interaction', resume: 'zc_op_resume' },
        long: { httpOnly: true, sameSite: 'lax' },
        short: { httpOnly: true, sameSite: 'lax' },
      },
      scopes: ['openid', 'profile', 'offline_access', 'zhicheng'],
      claims: OIDC_CLAIMS,
      extraClientMetadata: { properties: ['zc_consent_required'] },
      routes: {
        authorization: '/oidc/auth', token: '/oidc/token', jwks: '/oidc/jwks', userinfo: '/oidc/me', end_session: '/oidc/session/end',
        revocation: '/oidc/token/revocation', introspection: '/oidc/token/introspection', registration: '/oidc/reg', pushed_authorization_request: '/oidc/request',
        backchannel_authentication: '/oidc/backchannel', code_verification: '/oidc/device', device_authorization: '/oidc/device/auth', challenge: '/oidc/challenge',
        credential: '/oidc/credential',
      },
      interactions: { url: (_ctx: unknown, interaction: { uid: string }) => `/oidc/interaction/${interaction.uid}` },
      features: {
        devInteractions: { enabled: false },
        externalSigningSupport: crypto ? { enabled: true, ack: 'experimental-01' } : { enabled: false },
        revocation: { enabled: true },
        introspection: { enabled: true },
        rpInitiatedLogout: {
          enabled: true,
          logoutSource: (ctx: any, form: string) => { ctx.type = 'html'; ctx.body = logoutPage(pickLang(ctx.get('accept-language')), form) },
          postLogoutSuccessSource: (ctx: any) => { ctx.type = 'html'; ctx.body = loggedOutPage(pickLang(ctx.get('accept-language'))) },
        },
      },
      pkce: { required: () => true },
      ttl: { AccessToken: 600, AuthorizationCode: 60, IdToken: 3600, RefreshToken: 30 * 86_400, Interaction: 600, Session: 8 * 3600, Grant: 30 * 86_400 },
      issueRefreshToken: async (_ctx: unknown, client: { grantTypeAllowed(t: string): boolean }) => client.grantTypeAllowed('refresh_token'),
      clientBasedCORS: (_ctx: unknown, origin: string, client: { redirectUris: string[] }) => client.redirectUris.some((u) => originOf(u) === origin),
      renderError: (ctx: any, out: Record<string, unknown>) => { ctx.type = 'html'; ctx.body = errorPage(pickLang(ctx.get('accept-language')), out) },
      findAccount: async (_ctx: unknown, sub: string) => {
        const claims = await api.oidcClaims(sub)
        return claims ? { accountId: sub, claims: async () => claims } : undefined
      },
      // Clients registered without `consentRequired` are first-party city systems: their grant
      // covers what they ask for without a consent page. Others see the consent page once.
      loadExistingGrant: async (ctx: any) => {
        const client = ctx.oidc.client
        const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session.grantIdFor(client.clientId)
        const consentRequired = !!client.metadata().zc_consent_required
        if (grantId) {
          const grant = await ctx.oidc.provider.Grant.find(grantId)
          if (grant && !consentRequired) {
            grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '))
            await grant.save()
          }
          return grant
        }
        if (consentRequired) return undefined
        const grant = new ctx.oidc.provider.Grant({ clientId: client.clientId, accountId: ctx.oidc.session.accountId })
        grant.addOIDCScope([...ctx.oidc.requestParamOIDCScopes].join(' '))
        await grant.save()
        return grant
      },
    })
    provider.proxy = issuer.startsWith('https:')
    provider.on('server_error', (_ctx: unknown, err: Error) => deps.log.error({ err }, 'oidc provider error'))
    provider.on('grant.success', (ctx: any) => deps.log.debug({ clientId: ctx.oidc.client?.clientId }, 'oidc grant issued'))
    return provider
  }

  return {
    get(origin) {
      building ??= build(origin).catch((err) => { building = undefined; throw err })
      return building
    },
  }
}

import { defineModule } from '../../core/module.ts'
import type { CityService } from '../city/index.ts'
import type { CryptoApi } from '../crypto/index.ts'
import { createIdentityAuthenticator } from './authenticator.ts'
import { loadIdentityOptions, type IdentityOptions } from './config.ts'
import { IDENTITY_EVENTS } from './events.ts'
import { createPiiCipher, deriveKey, loadRootKey } from './keys.ts'
import { IDENTITY_PERMISSIONS } from './permissions.ts'
import { identityRepo } from './repo/index.ts'
import { identityRoutes } from './routes/index.ts'
import { createIdentityService, type IdentityService } from './service/index.ts'
import { createOidcHost } from './oidc/provider.ts'
import { oidcRootRoutes } from './oidc/routes.ts'
import * as createIdentity from './migrations/20261127T0900_create_identity.ts'
import * as insertBuiltinRoles from './migrations/20261127T0901_insert_builtin_roles.ts'
import * as createRateLimit from './migrations/20261128T1000_create_rate_limit.ts'

export type { IdentityService, IdentityOptions }
export type { AccountView, SessionView, EnterpriseView } from './service/views.ts'
export type { DictItem, DictType, DictDefinition, Labels } from './service/dicts.ts'
export type { Department, Post, Role } from './service/org.ts'
export type { DataScopeKind } from './service/principals.ts'

/**
 * Builds the identity module. `overrides` replace settings read from the environment (tests use
 * them for short lockouts, plain-http cookies and a fixed issuer). With `oidcSigningKey: 'crypto'`
 * the module depends on `crypto`, which holds the OpenID Connect signing key.
 */
export function createIdentityModule(overrides: Partial<IdentityOptions> = {}) {
  const signWithCrypto = overrides.oidcSigningKey === 'crypto'
  let oidc: ReturnType<typeof createOidcHost> | undefined
  let cookies = { secure: true, sameSite: 'lax' as 'lax' | 'strict' }
  return defineModule<IdentityService>({
    name: 'identity',
    description: 'Unified identity (统一身份认证): accounts, departments, posts, roles, dictionaries, sessions, TOTP, OpenID Connect provider',
    dependsOn: signWithCrypto ? ['city', 'crypto'] : ['city'],
    permissions: IDENTITY_PERMISSIONS,
    events: IDENTITY_EVENTS,
    migrations: { '20261127T0900_create_identity': createIdentity, '20261127T0901_insert_builtin_roles': insertBuiltinRoles, '20261128T1000_create_rate_limit': createRateLimit },
    setup(ctx) {
      const options = loadIdentityOptions(ctx.config.settings, overrides)
      const rootKey = loadRootKey(options.rootKey, ctx.config.dataDir)
      const csrfKey = deriveKey(rootKey, 'csrf')
      const deps = {
        db: ctx.db, repo: identityRepo, audit: ctx.audit, events: ctx.events, clock: ctx.clock, ids: ctx.ids, log: ctx.log,
        pii: createPiiCipher(rootKey), csrfKey, options, city: ctx.deps.city as CityService | undefined,
      }
      const api = createIdentityService(deps)
      ctx.addAuthenticator(createIdentityAuthenticator(api.principals, csrfKey))
      oidc = createOidcHost(deps, api, rootKey, signWithCrypto ? ctx.deps.crypto as CryptoApi : undefined)
      cookies = { secure: options.cookieSecure, sameSite: options.cookieSameSite }
      return api
    },
    routes: (app, api, ctx) => identityRoutes(app, api, { cookies, now: () => ctx.clock.now() }),
    rootRoutes: (app, api, ctx) => oidcRootRoutes(app, api, oidc!, cookies, () => ctx.clock.now()),
    stop: (api) => api.principals.flush(),
    seedDemo: async (api, ctx) => {
      const { inserted, credentials } = await api.seedDemo()
      const lines = credentials.map((c) => `  ${c.kind.padEnd(10)} ${c.username.padEnd(20)} ${c.password}${c.totpSecret ? `   TOTP secret ${c.totpSecret}` : ''}`)
      ctx.log.info({ inserted }, `demo accounts (known demo passwords; staff log in with a TOTP app using the secret shown):\n${lines.join('\n')}`)
    },
  })
}

/** The platform's identity module: settings from the environment, the signing key in `crypto`. */
export default createIdentityModule({ oidcSigningKey: 'crypto' })

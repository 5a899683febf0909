/** OpenID Connect clients (接入应用), registered by an administrator and stored in our tables. */
import { randomBytes } from 'node:crypto'
import type { Principal } from '../../../core/http/auth.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { IdentityError } from '../errors.ts'
import type { OidcClientRow } from '../repo/index.ts'
import { actorOf, parseJsonList, record, type IdentityDeps, type RequestMeta } from './context.ts'
import { iso } from './views.ts'

export interface OidcClient {
  clientId: string; name: string; redirectUris: string[]; postLogoutRedirectUris: string[]; scopes: string[]
  isPublic: boolean; consentRequired: boolean; status: 'active' | 'disabled'; createdAt: string; updatedAt: string
}
export interface OidcClientInput { name?: string; redirectUris?: string[]; postLogoutRedirectUris?: string[]; scopes?: string[]; isPublic?: boolean; consentRequired?: boolean; status?: 'active' | 'disabled' }

/** Scopes a client may ask for. `zhicheng` adds account kind, department, roles and the masked ID number. */
export const OIDC_SCOPES = ['openid', 'profile', 'offline_access', 'zhicheng'] as const

const toClient = (r: OidcClientRow): OidcClient => ({
  clientId: r.client_id, name: r.name, redirectUris: parseJsonList(r.redirect_uris), postLogoutRedirectUris: parseJsonList(r.post_logout_redirect_uris),
  scopes: r.scopes.split(' ').filter(Boolean), isPublic: !!r.is_public, consentRequired: !!r.consent_required, status: r.status as OidcClient['status'],
  createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
})

function checkUris(uris: string[] | undefined, path: string): void {
  for (const u of uris ?? []) {
    let ok = false
    try {
      const url = new URL(u)
      ok = (url.protocol === 'https:' || url.protocol === 'http:') && !url.hash && !u.includes('#')
    } catch { /* not a URL */ }
    if (!ok) throw new IdentityError.INVALID_REDIRECT_URI(u, { errors: [{ path, code: 'format', message: 'absolute http(s) URL without fragment' }] })
  }
}

export function createOidcClientService(deps: IdentityDeps) {
  const { repo } = deps
  const secretOf = (clientId: string, sealed: string | null) => (sealed ? deps.pii.open(sealed, `oidc-client:${clientId}`) : undefined)

  async function getOrThrow(clientId: string, db = deps.db): Promise<OidcClientRow> {
    const r = await repo.oidc.getClient(db, clientId)
    if (!r) throw new IdentityError.CLIENT_NOT_FOUND(clientId)
    return r
  }

  return {
    list: async (): Promise<OidcClient[]> => (await repo.oidc.listClients(deps.db)).map(toClient),
    get: async (clientId: string): Promise<OidcClient> => toClient(await getOrThrow(clientId)),

    /** Registers a client; a confidential client's secret is returned once and stored encrypted. */
    async create(p: Principal, input: Required<Pick<OidcClientInput, 'name' | 'redirectUris'>> & OidcClientInput, meta: RequestMeta): Promise<OidcClient & { clientSecret: string | null }> {
      checkUris(input.redirectUris, 'body/redirectUris')
      checkUris(input.postLogoutRedirectUris, 'body/postLogoutRedirectUris')
      const clientId = `zc-${randomBytes(9).toString('base64url')}`
      const secret = input.isPublic ? null : randomBytes(32).toString('base64url')
      const now = deps.clock.now()
      return withTransaction(deps.db, async (trx) => {
        await repo.oidc.insertClient(trx, {
          client_id: clientId, name: input.name, secret_enc: secret ? deps.pii.seal(secret, `oidc-client:${clientId}`) : null,
          redirect_uris: JSON.stringify(input.redirectUris), post_logout_redirect_uris: JSON.stringify(input.postLogoutRedirectUris ?? []),
          scopes: (input.scopes ?? ['openid', 'profile', 'zhicheng', 'offline_access']).join(' '), is_public: input.isPublic ? 1 : 0,
          consent_required: input.consentRequired ? 1 : 0, status: 'active', created_by: p.id, created_at: now, updated_at: now,
        })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.oidc-client.created', targetType: 'oidc_client', targetId: clientId, detail: { name: input.name, redirectUris: input.redirectUris } })
        return { ...toClient((await repo.oidc.getClient(trx, clientId))!), clientSecret: secret }
      })
    },

    async update(p: Principal, clientId: string, input: OidcClientInput, meta: RequestMeta): Promise<OidcClient> {
      checkUris(input.redirectUris, 'body/redirectUris')
      checkUris(input.postLogoutRedirectUris, 'body/postLogoutRedirectUris')
      return withTransaction(deps.db, async (trx) => {
        await getOrThrow(clientId, trx)
        await repo.oidc.updateClient(trx, clientId, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.redirectUris ? { redirect_uris: JSON.stringify(input.redirectUris) } : {}),
          ...(input.postLogoutRedirectUris ? { post_logout_redirect_uris: JSON.stringify(input.postLogoutRedirectUris) } : {}),
          ...(input.scopes ? { scopes: input.scopes.join(' ') } : {}),
          ...(input.consentRequired !== undefined ? { consent_required: input.consentRequired ? 1 : 0 } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          updated_at: deps.clock.now(),
        })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.oidc-client.updated', targetType: 'oidc_client', targetId: clientId, detail: { changes: Object.keys(input) } })
        return toClient((await repo.oidc.getClient(trx, clientId))!)
      })
    },

    /** Replaces a confidential client's secret; the old one stops working at once. */
    async rotateSecret(p: Principal, clientId: string, meta: RequestMeta): Promise<{ clientId: string; clientSecret: string }> {
      const row = await getOrThrow(clientId)
      if (row.is_public) throw new IdentityError.CLIENT_NOT_FOUND(clientId)
      const secret = randomBytes(32).toString('base64url')
      await withTransaction(deps.db, async (trx) => {
        await repo.oidc.updateClient(trx, clientId, { secret_enc: deps.pii.seal(secret, `oidc-client:${clientId}`), updated_at: deps.clock.now() })
        await record(deps, trx, actorOf(p), meta, { action: 'identity.oidc-client.secret-rotated', targetType: 'oidc_client', targetId: clientId })
      })
      return { clientId, clientSecret: secret }
    },

    /** Client metadata in oidc-provider's format, for its adapter; undefined when unknown or disabled. */
    async metadata(clientId: string): Promise<Record<string, unknown> | undefined> {
      const r = await repo.oidc.getClient(deps.db, clientId)
      if (!r || r.status !== 'active') return undefined
      const scopes = r.scopes.split(' ').filter(Boolean)
      return {
        client_id: r.client_id,
        client_name: r.name,
        ...(r.is_public ? { token_endpoint_auth_method: 'none' } : { client_secret: secretOf(r.client_id, r.secret_enc), token_endpoint_auth_method: 'client_secret_basic' }),
        redirect_uris: parseJsonList(r.redirect_uris),
        post_logout_redirect_uris: parseJsonList(r.post_logout_redirect_uris),
        grant_types: scopes.includes('offline_access') ? ['authorization_code', 'refresh_token'] : ['authorization_code'],
        response_types: ['code'],
        scope: scopes.join(' '),
        'urn:zhicheng:consent_required': !!r.consent_required,
      }
    },
  }
}

export type OidcClientService = ReturnType<typeof createOidcClientService>

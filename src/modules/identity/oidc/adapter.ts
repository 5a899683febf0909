/**
 * oidc-provider's storage adapter over the module's table `identity_oidc_payload` (sessions,
 * interactions, codes, tokens, grants), with clients read from `identity_oidc_client`.
 */
import type { Kysely } from 'kysely'
import type { Clock } from '../../../lib/time.ts'
import type { IdentityRepo } from '../repo/index.ts'
import type { OidcClientService } from '../service/oidc-clients.ts'

type Payload = Record<string, unknown>

export function createAdapterClass(db: Kysely<any>, repo: IdentityRepo, clock: Clock, clients: OidcClientService) {
  return class DbAdapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: Payload, expiresIn?: number): Promise<void> {
      if (this.model === 'Client') throw new Error('clients are registered through the identity API')
      await repo.oidc.upsertPayload(db, {
        model: this.model, id, payload: JSON.stringify(payload),
        grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
        uid: typeof payload.uid === 'string' ? payload.uid : null,
        user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
        expires_at: expiresIn ? clock.now() + expiresIn * 1000 : null,
        consumed_at: null,
      })
    }

    async find(id: string): Promise<Payload | undefined> {
      if (this.model === 'Client') return clients.metadata(id)
      return this.#load(await repo.oidc.findPayload(db, this.model, id))
    }

    async findByUid(uid: string): Promise<Payload | undefined> {
      return this.#load(await repo.oidc.findPayloadBy(db, this.model, 'uid', uid))
    }

    async findByUserCode(userCode: string): Promise<Payload | undefined> {
      return this.#load(await repo.oidc.findPayloadBy(db, this.model, 'user_code', userCode))
    }

    async consume(id: string): Promise<void> {
      await repo.oidc.consumePayload(db, this.model, id, clock.now())
    }

    async destroy(id: string): Promise<void> {
      await repo.oidc.destroyPayload(db, this.model, id)
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await repo.oidc.destroyByGrant(db, grantId)
    }

    #load(row: { payload: string; expires_at: number | null; consumed_at: number | null } | undefined): Payload | undefined {
      if (!row || (row.expires_at !== null && row.expires_at <= clock.now())) return undefined
      const payload = JSON.parse(row.payload) as Payload
      if (row.consumed_at !== null) payload.consumed = Math.floor(row.consumed_at / 1000)
      return payload
    }
  }
}

import type { Kysely, Selectable, Updateable } from 'kysely'
import type { IdentityTables, OidcClientTable, OidcPayloadTable } from '../tables.ts'

export type OidcClientRow = Selectable<OidcClientTable>

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** Queries of OpenID Connect clients, the provider's stored artefacts, and signing keys. */
export const oidcRepo = {
  listClients: (db: Kysely<any>) => t(db).selectFrom('identity_oidc_client').selectAll().orderBy('created_at').execute(),
  getClient: (db: Kysely<any>, clientId: string) => t(db).selectFrom('identity_oidc_client').selectAll().where('client_id', '=', clientId).executeTakeFirst(),
  async insertClient(db: Kysely<any>, row: OidcClientTable): Promise<void> {
    await t(db).insertInto('identity_oidc_client').values(row).execute()
  },
  async updateClient(db: Kysely<any>, clientId: string, patch: Updateable<OidcClientTable>): Promise<void> {
    await t(db).updateTable('identity_oidc_client').set(patch).where('client_id', '=', clientId).execute()
  },

  async upsertPayload(db: Kysely<any>, row: OidcPayloadTable): Promise<void> {
    await t(db).insertInto('identity_oidc_payload').values(row)
      .onConflict((oc) => oc.columns(['model', 'id']).doUpdateSet({
        payload: row.payload, grant_id: row.grant_id, uid: row.uid, user_code: row.user_code, expires_at: row.expires_at, consumed_at: null,
      })).execute()
  },
  findPayload: (db: Kysely<any>, model: string, id: string) => t(db).selectFrom('identity_oidc_payload').selectAll().where('model', '=', model).where('id', '=', id).executeTakeFirst(),
  findPayloadBy: (db: Kysely<any>, model: string, column: 'uid' | 'user_code', value: string) => t(db).selectFrom('identity_oidc_payload').selectAll()
    .where('model', '=', model).where(column, '=', value).executeTakeFirst(),
  async consumePayload(db: Kysely<any>, model: string, id: string, at: number): Promise<void> {
    await t(db).updateTable('identity_oidc_payload').set({ consumed_at: at }).where('model', '=', model).where('id', '=', id).execute()
  },
  async destroyPayload(db: Kysely<any>, model: string, id: string): Promise<void> {
    await t(db).deleteFrom('identity_oidc_payload').where('model', '=', model).where('id', '=', id).execute()
  },
  async destroyByGrant(db: Kysely<any>, grantId: string): Promise<void> {
    await t(db).deleteFrom('identity_oidc_payload').where('grant_id', '=', grantId).execute()
  },
  async deleteExpired(db: Kysely<any>, now: number): Promise<void> {
    await t(db).deleteFrom('identity_oidc_payload').where('expires_at', '<', now).execute()
  },

  getKey: (db: Kysely<any>, use: string) => t(db).selectFrom('identity_key').selectAll().where('use', '=', use).orderBy('created_at', 'desc').executeTakeFirst(),
  async insertKey(db: Kysely<any>, row: { id: string; use: string; private_enc: string; created_at: number }): Promise<void> {
    await t(db).insertInto('identity_key').values(row).execute()
  },
}

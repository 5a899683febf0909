import type { Kysely, Selectable } from 'kysely'
import type { ChallengeTable, IdentityTables, SessionTable } from '../tables.ts'

export type SessionRow = Selectable<SessionTable>
export type ChallengeRow = Selectable<ChallengeTable>

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** Queries of login sessions and of pending second-factor challenges. */
export const sessionsRepo = {
  getByHash: (db: Kysely<any>, hash: string) => t(db).selectFrom('identity_session').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
  getById: (db: Kysely<any>, id: string) => t(db).selectFrom('identity_session').selectAll().where('id', '=', id).executeTakeFirst(),
  async insert(db: Kysely<any>, row: SessionTable): Promise<void> {
    await t(db).insertInto('identity_session').values(row).execute()
  },
  /** Sessions not revoked and not past their absolute expiry, newest first. */
  async listActive(db: Kysely<any>, f: { accountId?: string; now: number; cursor?: string; limit: number }): Promise<{ rows: SessionRow[]; nextCursor: string | null }> {
    let sel = t(db).selectFrom('identity_session').selectAll().where('revoked_at', 'is', null).where('expires_at', '>', f.now)
    if (f.accountId) sel = sel.where('account_id', '=', f.accountId)
    if (f.cursor) sel = sel.where('id', '<', f.cursor)
    const rows = await sel.orderBy('id', 'desc').limit(f.limit + 1).execute()
    return { rows: rows.slice(0, f.limit), nextCursor: rows.length > f.limit ? rows[f.limit - 1].id : null }
  },
  /** Marks one session revoked; false when it was not active. */
  async revoke(db: Kysely<any>, id: string, at: number, reason: string): Promise<boolean> {
    const r = await t(db).updateTable('identity_session').set({ revoked_at: at, revoke_reason: reason }).where('id', '=', id).where('revoked_at', 'is', null).executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  },
  /** Revokes every active session of an account except `keepId`; returns the revoked ids. */
  async revokeAll(db: Kysely<any>, accountId: string, at: number, reason: string, keepId?: string): Promise<string[]> {
    let sel = t(db).selectFrom('identity_session').select('id').where('account_id', '=', accountId).where('revoked_at', 'is', null)
    if (keepId) sel = sel.where('id', '!=', keepId)
    const ids = (await sel.execute()).map((r) => r.id)
    if (ids.length) await t(db).updateTable('identity_session').set({ revoked_at: at, revoke_reason: reason }).where('id', 'in', ids).execute()
    return ids
  },
  async touch(db: Kysely<any>, id: string, at: number): Promise<void> {
    await t(db).updateTable('identity_session').set({ last_seen_at: at }).where('id', '=', id).where('last_seen_at', '<', at).execute()
  },

  getChallenge: (db: Kysely<any>, hash: string) => t(db).selectFrom('identity_challenge').selectAll().where('token_hash', '=', hash).executeTakeFirst(),
  async insertChallenge(db: Kysely<any>, row: ChallengeTable): Promise<void> {
    await t(db).insertInto('identity_challenge').values(row).execute()
  },
  /** Consumes a challenge once; false when someone else consumed it first. */
  async consumeChallenge(db: Kysely<any>, id: string, at: number): Promise<boolean> {
    const r = await t(db).updateTable('identity_challenge').set({ consumed_at: at }).where('id', '=', id).where('consumed_at', 'is', null).executeTakeFirst()
    return Number(r.numUpdatedRows) > 0
  },
  async countChallengeAttempt(db: Kysely<any>, id: string): Promise<void> {
    await t(db).updateTable('identity_challenge').set((eb) => ({ attempts: eb('attempts', '+', 1) })).where('id', '=', id).execute()
  },
}

import type { Kysely, Selectable } from 'kysely'
import type { EnterpriseTable, IdentityTables } from '../tables.ts'

export type EnterpriseRow = Selectable<EnterpriseTable>

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** Queries of enterprises (法人) and their authorised agents. */
export const enterprisesRepo = {
  get: (db: Kysely<any>, id: string) => t(db).selectFrom('identity_enterprise').selectAll().where('id', '=', id).executeTakeFirst(),
  getByCreditCode: (db: Kysely<any>, code: string) => t(db).selectFrom('identity_enterprise').selectAll().where('credit_code', '=', code).executeTakeFirst(),
  getByAccount: (db: Kysely<any>, accountId: string) => t(db).selectFrom('identity_enterprise').selectAll().where('account_id', '=', accountId).executeTakeFirst(),
  async insert(db: Kysely<any>, row: EnterpriseTable): Promise<void> {
    await t(db).insertInto('identity_enterprise').values(row).execute()
  },
  async find(db: Kysely<any>, f: { q?: string; cursor?: string; limit: number }): Promise<{ rows: EnterpriseRow[]; nextCursor: string | null }> {
    let sel = t(db).selectFrom('identity_enterprise').selectAll()
    if (f.q) sel = sel.where((eb) => eb.or([eb('name', 'like', `%${f.q!.replace(/[\\%_]/g, '')}%`), eb('credit_code', '=', f.q!.toUpperCase())]))
    if (f.cursor) sel = sel.where('id', '<', f.cursor)
    const rows = await sel.orderBy('id', 'desc').limit(f.limit + 1).execute()
    return { rows: rows.slice(0, f.limit), nextCursor: rows.length > f.limit ? rows[f.limit - 1].id : null }
  },
  async listAgents(db: Kysely<any>, enterpriseId: string) {
    return t(db).selectFrom('identity_enterprise_agent').selectAll().where('enterprise_id', '=', enterpriseId).orderBy('granted_at').execute()
  },
  async isAgent(db: Kysely<any>, enterpriseId: string, accountId: string): Promise<boolean> {
    const r = await t(db).selectFrom('identity_enterprise_agent').select('account_id').where('enterprise_id', '=', enterpriseId).where('account_id', '=', accountId).executeTakeFirst()
    return !!r
  },
  async enterprisesOfAgent(db: Kysely<any>, accountId: string): Promise<EnterpriseRow[]> {
    return t(db).selectFrom('identity_enterprise_agent as a').innerJoin('identity_enterprise as e', 'e.id', 'a.enterprise_id')
      .selectAll('e').where('a.account_id', '=', accountId).orderBy('e.name').execute()
  },
  async addAgent(db: Kysely<any>, enterpriseId: string, accountId: string, grantedBy: string, at: number): Promise<boolean> {
    const r = await t(db).insertInto('identity_enterprise_agent').values({ enterprise_id: enterpriseId, account_id: accountId, granted_by: grantedBy, granted_at: at })
      .onConflict((oc) => oc.columns(['enterprise_id', 'account_id']).doNothing()).executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) > 0
  },
  async removeAgent(db: Kysely<any>, enterpriseId: string, accountId: string): Promise<boolean> {
    const r = await t(db).deleteFrom('identity_enterprise_agent').where('enterprise_id', '=', enterpriseId).where('account_id', '=', accountId).executeTakeFirst()
    return Number(r.numDeletedRows) > 0
  },
}

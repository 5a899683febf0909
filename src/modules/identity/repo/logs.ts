import type { Kysely, Selectable } from 'kysely'
import type { IdentityTables, LoginLogTable } from '../tables.ts'

export type LoginLogRow = Selectable<LoginLogTable>

export interface LoginLogFilter {
  accountId?: string
  loginName?: string
  outcome?: string
  ip?: string
  from?: number
  to?: number
  cursor?: string
  limit: number
}

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** The login log (登录日志): every attempt, its outcome and address. Append-only. */
export const logsRepo = {
  async insertLogin(db: Kysely<any>, row: LoginLogTable): Promise<void> {
    await t(db).insertInto('identity_login_log').values(row).execute()
  },
  async findLogins(db: Kysely<any>, f: LoginLogFilter): Promise<{ rows: LoginLogRow[]; nextCursor: string | null }> {
    let sel = t(db).selectFrom('identity_login_log').selectAll()
    if (f.accountId) sel = sel.where('account_id', '=', f.accountId)
    if (f.loginName) sel = sel.where('login_name', '=', f.loginName)
    if (f.outcome) sel = sel.where('outcome', '=', f.outcome)
    if (f.ip) sel = sel.where('ip', '=', f.ip)
    if (f.from !== undefined) sel = sel.where('at', '>=', f.from)
    if (f.to !== undefined) sel = sel.where('at', '<', f.to)
    if (f.cursor) sel = sel.where('id', '<', f.cursor)
    const rows = await sel.orderBy('id', 'desc').limit(f.limit + 1).execute()
    return { rows: rows.slice(0, f.limit), nextCursor: rows.length > f.limit ? rows[f.limit - 1].id : null }
  },
}

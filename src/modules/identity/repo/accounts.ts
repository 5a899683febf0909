import { sql, type Kysely, type Selectable, type Updateable } from 'kysely'
import type { DataScope } from '../../../core/http/auth.ts'
import type { AccountTable, IdentityTables, RoleTable } from '../tables.ts'

export type AccountRow = Selectable<AccountTable>
export type AccountPatch = Updateable<AccountTable>

export interface AccountFilter {
  kind?: string
  departmentId?: string
  status?: string
  /** Substring of the user name or display name. */
  q?: string
  scope: DataScope
  /** The viewer's own account id, for `scope.self`. */
  selfId: string
  cursor?: string
  limit: number
}

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** Queries of `identity_account` and its role and post links. */
export const accountsRepo = {
  getById: (db: Kysely<any>, id: string) => t(db).selectFrom('identity_account').selectAll().where('id', '=', id).executeTakeFirst(),
  getByUsername: (db: Kysely<any>, username: string) => t(db).selectFrom('identity_account').selectAll().where('username', '=', username).executeTakeFirst(),
  getByIdNumberIndex: (db: Kysely<any>, index: string) => t(db).selectFrom('identity_account').selectAll().where('id_number_index', '=', index).executeTakeFirst(),
  getByMobileIndex: (db: Kysely<any>, index: string) => t(db).selectFrom('identity_account').selectAll().where('mobile_index', '=', index).executeTakeFirst(),

  async insert(db: Kysely<any>, row: AccountTable): Promise<void> {
    await t(db).insertInto('identity_account').values(row).execute()
  },

  async update(db: Kysely<any>, id: string, patch: AccountPatch): Promise<void> {
    await t(db).updateTable('identity_account').set(patch).where('id', '=', id).execute()
  },

  /** One page of accounts in the viewer's data scope, newest first; the scope is applied in SQL. */
  async find(db: Kysely<any>, f: AccountFilter): Promise<{ rows: AccountRow[]; nextCursor: string | null }> {
    let sel = t(db).selectFrom('identity_account').selectAll()
    if (f.kind) sel = sel.where('kind', '=', f.kind)
    if (f.departmentId) sel = sel.where('department_id', '=', f.departmentId)
    if (f.status) sel = sel.where('status', '=', f.status)
    if (f.q) {
      const like = `%${f.q.replace(/[\\%_]/g, '')}%`
      sel = sel.where((eb) => eb.or([eb('username', 'like', like), eb('display_name', 'like', like)]))
    }
    if (!f.scope.all) {
      const { departmentIds, self } = f.scope
      sel = sel.where((eb) => eb.or([
        ...(departmentIds.length ? [eb('department_id', 'in', [...departmentIds])] : []),
        ...(self ? [eb('id', '=', f.selfId)] : []),
        sql<boolean>`1 = 0`,
      ]))
    }
    if (f.cursor) sel = sel.where('id', '<', f.cursor)
    const rows = await sel.orderBy('id', 'desc').limit(f.limit + 1).execute()
    return { rows: rows.slice(0, f.limit), nextCursor: rows.length > f.limit ? rows[f.limit - 1].id : null }
  },

  rolesOf: (db: Kysely<any>, accountId: string): Promise<Selectable<RoleTable>[]> => t(db).selectFrom('identity_account_role as ar')
    .innerJoin('identity_role as r', 'r.id', 'ar.role_id').selectAll('r').where('ar.account_id', '=', accountId).orderBy('r.sort').orderBy('r.code').execute(),

  async roleIdsOfMany(db: Kysely<any>, accountIds: string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>()
    if (accountIds.length === 0) return out
    const rows = await t(db).selectFrom('identity_account_role').selectAll().where('account_id', 'in', accountIds).execute()
    for (const r of rows) out.set(r.account_id, [...(out.get(r.account_id) ?? []), r.role_id])
    return out
  },

  async setRoles(db: Kysely<any>, accountId: string, roleIds: string[]): Promise<void> {
    await t(db).deleteFrom('identity_account_role').where('account_id', '=', accountId).execute()
    if (roleIds.length) await t(db).insertInto('identity_account_role').values(roleIds.map((role_id) => ({ account_id: accountId, role_id }))).execute()
  },

  async postIdsOf(db: Kysely<any>, accountId: string): Promise<string[]> {
    const rows = await t(db).selectFrom('identity_account_post').select('post_id').where('account_id', '=', accountId).orderBy('post_id').execute()
    return rows.map((r) => r.post_id)
  },

  async setPosts(db: Kysely<any>, accountId: string, postIds: string[]): Promise<void> {
    await t(db).deleteFrom('identity_account_post').where('account_id', '=', accountId).execute()
    if (postIds.length) await t(db).insertInto('identity_account_post').values(postIds.map((post_id) => ({ account_id: accountId, post_id }))).execute()
  },

  async countWithRole(db: Kysely<any>, roleId: string): Promise<number> {
    const r = await t(db).selectFrom('identity_account_role').select((eb) => eb.fn.countAll().as('n')).where('role_id', '=', roleId).executeTakeFirstOrThrow()
    return Number(r.n)
  },

  async countInDepartment(db: Kysely<any>, departmentId: string): Promise<number> {
    const r = await t(db).selectFrom('identity_account').select((eb) => eb.fn.countAll().as('n')).where('department_id', '=', departmentId).executeTakeFirstOrThrow()
    return Number(r.n)
  },

  async countWithPost(db: Kysely<any>, postId: string): Promise<number> {
    const r = await t(db).selectFrom('identity_account_post').select((eb) => eb.fn.countAll().as('n')).where('post_id', '=', postId).executeTakeFirstOrThrow()
    return Number(r.n)
  },
}

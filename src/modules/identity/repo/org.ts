import type { Kysely, Selectable, Updateable } from 'kysely'
import type { DepartmentTable, IdentityTables, PostTable, RoleTable } from '../tables.ts'

export type DepartmentRow = Selectable<DepartmentTable>
export type PostRow = Selectable<PostTable>
export type RoleRow = Selectable<RoleTable>

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** Queries of departments, posts and roles. */
export const orgRepo = {
  listDepartments: (db: Kysely<any>) => t(db).selectFrom('identity_department').selectAll().orderBy('path').execute(),
  getDepartment: (db: Kysely<any>, id: string) => t(db).selectFrom('identity_department').selectAll().where('id', '=', id).executeTakeFirst(),
  getDepartmentByCode: (db: Kysely<any>, code: string) => t(db).selectFrom('identity_department').selectAll().where('code', '=', code).executeTakeFirst(),
  /** Ids of the department whose path is `path` and of every department below it. */
  async subtreeIds(db: Kysely<any>, path: string): Promise<string[]> {
    const rows = await t(db).selectFrom('identity_department').select('id').where('path', 'like', `${path}%`).execute()
    return rows.map((r) => r.id)
  },
  async existingDepartmentIds(db: Kysely<any>, ids: string[]): Promise<string[]> {
    if (ids.length === 0) return []
    const rows = await t(db).selectFrom('identity_department').select('id').where('id', 'in', ids).execute()
    return rows.map((r) => r.id)
  },
  async insertDepartment(db: Kysely<any>, row: DepartmentTable): Promise<void> {
    await t(db).insertInto('identity_department').values(row).execute()
  },
  async updateDepartment(db: Kysely<any>, id: string, patch: Updateable<DepartmentTable>): Promise<void> {
    await t(db).updateTable('identity_department').set(patch).where('id', '=', id).execute()
  },
  /** Rewrites the path prefix of a moved subtree (the department itself included). */
  async movePaths(db: Kysely<any>, oldPrefix: string, newPrefix: string): Promise<void> {
    const rows = await t(db).selectFrom('identity_department').select(['id', 'path']).where('path', 'like', `${oldPrefix}%`).execute()
    for (const r of rows) await t(db).updateTable('identity_department').set({ path: newPrefix + r.path.slice(oldPrefix.length) }).where('id', '=', r.id).execute()
  },
  async countChildren(db: Kysely<any>, id: string): Promise<number> {
    const r = await t(db).selectFrom('identity_department').select((eb) => eb.fn.countAll().as('n')).where('parent_id', '=', id).executeTakeFirstOrThrow()
    return Number(r.n)
  },
  async deleteDepartment(db: Kysely<any>, id: string): Promise<void> {
    await t(db).deleteFrom('identity_department').where('id', '=', id).execute()
  },

  listPosts: (db: Kysely<any>) => t(db).selectFrom('identity_post').selectAll().orderBy('sort').orderBy('code').execute(),
  getPost: (db: Kysely<any>, id: string) => t(db).selectFrom('identity_post').selectAll().where('id', '=', id).executeTakeFirst(),
  getPostByCode: (db: Kysely<any>, code: string) => t(db).selectFrom('identity_post').selectAll().where('code', '=', code).executeTakeFirst(),
  async insertPost(db: Kysely<any>, row: PostTable): Promise<void> {
    await t(db).insertInto('identity_post').values(row).execute()
  },
  async updatePost(db: Kysely<any>, id: string, patch: Updateable<PostTable>): Promise<void> {
    await t(db).updateTable('identity_post').set(patch).where('id', '=', id).execute()
  },
  async deletePost(db: Kysely<any>, id: string): Promise<void> {
    await t(db).deleteFrom('identity_post').where('id', '=', id).execute()
  },

  listRoles: (db: Kysely<any>) => t(db).selectFrom('identity_role').selectAll().orderBy('sort').orderBy('code').execute(),
  getRole: (db: Kysely<any>, id: string) => t(db).selectFrom('identity_role').selectAll().where('id', '=', id).executeTakeFirst(),
  getRoleByCode: (db: Kysely<any>, code: string) => t(db).selectFrom('identity_role').selectAll().where('code', '=', code).executeTakeFirst(),
  async getRoles(db: Kysely<any>, ids: string[]): Promise<RoleRow[]> {
    if (ids.length === 0) return []
    return t(db).selectFrom('identity_role').selectAll().where('id', 'in', ids).execute()
  },
  async insertRole(db: Kysely<any>, row: RoleTable): Promise<void> {
    await t(db).insertInto('identity_role').values(row).execute()
  },
  async updateRole(db: Kysely<any>, id: string, patch: Updateable<RoleTable>): Promise<void> {
    await t(db).updateTable('identity_role').set(patch).where('id', '=', id).execute()
  },
  async deleteRole(db: Kysely<any>, id: string): Promise<void> {
    await t(db).deleteFrom('identity_role').where('id', '=', id).execute()
  },
}

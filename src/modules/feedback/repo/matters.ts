import { sql, type Insertable, type Kysely, type Selectable } from 'kysely'
import { toCount } from '../../../core/db/dialect.ts'
import type { FeedbackMatterTable, FeedbackNegativeReplyTable, FeedbackTables } from '../tables.ts'

export type MatterRow = Selectable<FeedbackMatterTable>
export type NegativeReplyRow = Selectable<FeedbackNegativeReplyTable>

const t = (db: Kysely<any>) => db as unknown as Kysely<FeedbackTables>

export interface MatterFilter {
  /** Department codes the caller may see; undefined for all. A matter is visible through its own department, any department it was transferred to, or its coordinator. */
  departmentIds?: readonly string[]
  coordinatorId?: string
  statuses?: readonly string[]
  light?: 'warning' | 'overdue'
  now: number
  page: number
  pageSize: number
}

const OPEN_MATTER = ['registered', 'classified', 'transferred']

/** Queries of 办不成事 matters, 否定答复 records and numbering. */
export const mattersRepo = {
  async insertMatter(db: Kysely<any>, row: Insertable<FeedbackMatterTable>): Promise<void> {
    await t(db).insertInto('feedback_matter').values(row).execute()
  },
  getMatter: (db: Kysely<any>, id: string) => t(db).selectFrom('feedback_matter').selectAll().where('id', '=', id).executeTakeFirst(),
  async updateMatter(db: Kysely<any>, next: MatterRow, expectedVersion: number): Promise<boolean> {
    const { id, ...rest } = next
    const r = await t(db).updateTable('feedback_matter').set({ ...rest, version: expectedVersion + 1 }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },
  listMattersOfPerson: (db: Kysely<any>, personId: string) =>
    t(db).selectFrom('feedback_matter').selectAll().where('person_id', '=', personId).orderBy('registered_at', 'desc').limit(200).execute(),
  async findMatters(db: Kysely<any>, f: MatterFilter): Promise<{ total: number; items: MatterRow[] }> {
    let q = t(db).selectFrom('feedback_matter')
    if (f.departmentIds) {
      const codes = [...f.departmentIds]
      q = q.where((eb) => eb.or([
        ...(codes.length ? [eb('department_id', 'in', codes)] : []),
        // department_ids is a JSON array of codes: match the quoted code (codes hold no quotes).
        ...codes.map((c) => eb('department_ids', 'like', `%"${c.replace(/[%_\\"]/g, '')}"%`)),
        ...(f.coordinatorId ? [eb('coordinator_id', '=', f.coordinatorId)] : []),
        sql<boolean>`1 = 0`,
      ]))
    }
    if (f.statuses) q = q.where('status', 'in', [...f.statuses])
    if (f.light) {
      q = q.where('status', 'in', OPEN_MATTER).where('due_at', 'is not', null)
      q = f.light === 'overdue' ? q.where('due_at', '<', f.now) : q.where('warn_at', '<=', f.now).where('due_at', '>=', f.now)
    }
    const total = toCount((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const items = await q.selectAll().orderBy('registered_at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()
    return { total, items }
  },
  listMatters: (db: Kysely<any>, f: { from: number; to: number }, limit: number) =>
    t(db).selectFrom('feedback_matter').selectAll().where('registered_at', '>=', f.from).where('registered_at', '<', f.to).orderBy('registered_at').limit(limit).execute(),
  async nextSequence(db: Kysely<any>, name: string): Promise<number> {
    await t(db).insertInto('feedback_sequence').values({ name, value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute()
    await t(db).updateTable('feedback_sequence').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', name).execute()
    const r = await t(db).selectFrom('feedback_sequence').select('value').where('name', '=', name).executeTakeFirstOrThrow()
    return Number(r.value)
  },

  /** Records a 否定答复 once per application; false when it was already recorded. */
  async insertNegativeReply(db: Kysely<any>, row: Insertable<FeedbackNegativeReplyTable>): Promise<boolean> {
    const r = await t(db).insertInto('feedback_negative_reply').values(row).onConflict((oc) => oc.column('application_id').doNothing()).executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
  },
  getNegativeReply: (db: Kysely<any>, id: string) => t(db).selectFrom('feedback_negative_reply').selectAll().where('id', '=', id).executeTakeFirst(),
  getNegativeReplyOfApplication: (db: Kysely<any>, applicationId: string) =>
    t(db).selectFrom('feedback_negative_reply').selectAll().where('application_id', '=', applicationId).executeTakeFirst(),
  async findNegativeReplies(db: Kysely<any>, f: { status?: string; departmentIds?: readonly string[]; page: number; pageSize: number }) {
    let q = t(db).selectFrom('feedback_negative_reply')
    if (f.status) q = q.where('status', '=', f.status)
    if (f.departmentIds) q = f.departmentIds.length ? q.where('department_id', 'in', [...f.departmentIds]) : q.where(sql<boolean>`1 = 0`)
    const total = toCount((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const items = await q.selectAll().orderBy('decided_at', 'desc').orderBy('id', 'desc').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()
    return { total, items }
  },
  async reviewNegativeReply(db: Kysely<any>, id: string, patch: Pick<NegativeReplyRow, 'status' | 'matter_id' | 'review_note' | 'reviewed_by' | 'reviewed_at'>): Promise<boolean> {
    const r = await t(db).updateTable('feedback_negative_reply').set(patch).where('id', '=', id).where('status', '=', 'pending').executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },
}

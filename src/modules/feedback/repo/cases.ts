import { sql, type Insertable, type Kysely, type Selectable } from 'kysely'
import { toCount } from '../../../core/db/dialect.ts'
import type { FeedbackCaseTable, FeedbackLogTable, FeedbackTables } from '../tables.ts'

export type CaseRow = Selectable<FeedbackCaseTable>
export type LogRow = Selectable<FeedbackLogTable>

const t = (db: Kysely<any>) => db as unknown as Kysely<FeedbackTables>

/** Statuses of a case still being worked (the light matters for these). */
export const ACTIVE_CASE_STATUSES = ['open', 'called-back', 'appealing', 'rectifying'] as const

export interface CaseFilter {
  /** Department codes the caller may see; undefined for all. */
  departmentIds?: readonly string[]
  statuses?: readonly string[]
  /** Only active cases past their warning instant (yellow or red) or past their due instant (red). */
  light?: 'warning' | 'overdue'
  now: number
  page: number
  pageSize: number
}

/** Queries of rectification cases and the step log shared with matters. */
export const casesRepo = {
  async insertCase(db: Kysely<any>, row: Insertable<FeedbackCaseTable>): Promise<void> {
    await t(db).insertInto('feedback_case').values(row).execute()
  },
  getCase: (db: Kysely<any>, id: string) => t(db).selectFrom('feedback_case').selectAll().where('id', '=', id).executeTakeFirst(),
  getCaseOfRating: (db: Kysely<any>, ratingId: string) => t(db).selectFrom('feedback_case').selectAll().where('rating_id', '=', ratingId).executeTakeFirst(),
  async casesOfRatings(db: Kysely<any>, ratingIds: readonly string[]): Promise<CaseRow[]> {
    return ratingIds.length ? t(db).selectFrom('feedback_case').selectAll().where('rating_id', 'in', [...ratingIds]).execute() : []
  },
  /** Writes `next` if the row still has `expectedVersion` (and bumps it); false otherwise. */
  async updateCase(db: Kysely<any>, next: CaseRow, expectedVersion: number): Promise<boolean> {
    const { id, ...rest } = next
    const r = await t(db).updateTable('feedback_case').set({ ...rest, version: expectedVersion + 1 }).where('id', '=', id).where('version', '=', expectedVersion).executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },
  async findCases(db: Kysely<any>, f: CaseFilter): Promise<{ total: number; items: CaseRow[] }> {
    let q = t(db).selectFrom('feedback_case')
    if (f.departmentIds) q = f.departmentIds.length ? q.where('department_id', 'in', [...f.departmentIds]) : q.where(sql<boolean>`1 = 0`)
    if (f.statuses) q = q.where('status', 'in', [...f.statuses])
    if (f.light) {
      q = q.where('status', 'in', [...ACTIVE_CASE_STATUSES])
      q = f.light === 'overdue' ? q.where('due_at', '<', f.now) : q.where('warn_at', '<=', f.now).where('due_at', '>=', f.now)
    }
    const total = toCount((await q.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
    const items = await q.selectAll().orderBy('due_at').orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()
    return { total, items }
  },
  /** Cases opened in [from, to) for the CSV export, oldest first. */
  listCases: (db: Kysely<any>, f: { from: number; to: number; departmentIds?: readonly string[] }, limit: number) => {
    let q = t(db).selectFrom('feedback_case').selectAll().where('opened_at', '>=', f.from).where('opened_at', '<', f.to)
    if (f.departmentIds) q = q.where('department_id', 'in', f.departmentIds.length ? [...f.departmentIds] : ['-'])
    return q.orderBy('opened_at').limit(limit).execute()
  },
  /** Active rectified cases whose person did not rate the result by `before` (the sweep closes them). */
  listUnratedRectified: (db: Kysely<any>, before: number, limit: number) =>
    t(db).selectFrom('feedback_case').selectAll().where('status', '=', 'rectified').where('rectified_at', '<=', before).orderBy('rectified_at').limit(limit).execute(),

  async insertLog(db: Kysely<any>, row: Insertable<FeedbackLogTable>): Promise<void> {
    await t(db).insertInto('feedback_log').values(row).execute()
  },
  listLog: (db: Kysely<any>, caseId: string) => t(db).selectFrom('feedback_log').selectAll().where('case_id', '=', caseId).orderBy('at').orderBy('id').execute(),
}

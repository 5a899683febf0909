import { sql, type Kysely, type RawBuilder } from 'kysely'
import { toCount } from '../../../core/db/dialect.ts'
import type { FeedbackTables } from '../tables.ts'

const t = (db: Kysely<any>) => db as unknown as Kysely<FeedbackTables>

/** Dimensions ratings are grouped by. */
export type RatingDimension = 'none' | 'department' | 'item' | 'hall' | 'window' | 'clerk' | 'month' | 'day' | 'channel' | 'kind'

export interface StatsFilter { from: number; to: number; departmentIds?: readonly string[] }

const KEY: Record<RatingDimension, RawBuilder<string>> = {
  none: sql<string>`'all'`,
  department: sql<string>`department_id`,
  item: sql<string>`item_name`,
  hall: sql<string>`hall_id`,
  window: sql<string>`hall_id || '#' || window_no`,
  clerk: sql<string>`clerk_id`,
  month: sql<string>`rated_month`,
  day: sql<string>`rated_day`,
  channel: sql<string>`channel`,
  kind: sql<string>`kind`,
}

const flag = (cond: RawBuilder<unknown>) => sql<number>`sum(case when ${cond} then 1 else 0 end)`

/** Aggregates for statistics; every figure comes from rows in [from, to) (by rating or opening time). */
export const statsRepo = {
  /** Counts of ratings (excluded ones left out) per group key and score, with a display label where the row has one. */
  async ratingCounts(db: Kysely<any>, f: StatsFilter, dim: RatingDimension): Promise<Array<{ key: string; label: string | null; score: number; n: number }>> {
    const key = KEY[dim]
    let q = t(db).selectFrom('feedback_rating').where('excluded', '=', 0).where('rated_at', '>=', f.from).where('rated_at', '<', f.to)
    if (f.departmentIds) q = f.departmentIds.length ? q.where('department_id', 'in', [...f.departmentIds]) : q.where(sql<boolean>`1 = 0`)
    if (dim === 'hall' || dim === 'window') q = q.where('hall_id', 'is not', null).where('window_no', 'is not', null)
    if (dim === 'clerk') q = q.where('clerk_id', 'is not', null)
    const rows = await q
      .select([key.as('key'), sql<string | null>`max(${sql.ref(dim === 'clerk' ? 'clerk_name' : 'item_name')})`.as('label'), 'score', (eb) => eb.fn.countAll().as('n')])
      // PostgreSQL refuses a constant in GROUP BY: the overall figure groups by score alone.
      .groupBy(dim === 'none' ? ['score'] : [key, 'score'])
      .execute()
    return rows.map((r) => ({ key: String(r.key), label: dim === 'clerk' || dim === 'item' ? (r.label as string | null) : null, score: Number(r.score), n: toCount(r.n) }))
  },

  /** Ratings that were given by default or excluded after an appeal, in the range (for the definitions' footnotes). */
  async ratingFlags(db: Kysely<any>, f: StatsFilter): Promise<{ total: number; defaults: number; excluded: number; amended: number }> {
    let q = t(db).selectFrom('feedback_rating').where('rated_at', '>=', f.from).where('rated_at', '<', f.to)
    if (f.departmentIds) q = f.departmentIds.length ? q.where('department_id', 'in', [...f.departmentIds]) : q.where(sql<boolean>`1 = 0`)
    const r = await q.select([
      (eb) => eb.fn.countAll().as('total'),
      flag(sql`is_default = 1`).as('defaults'),
      flag(sql`excluded = 1`).as('excluded'),
      flag(sql`amend_count > 0`).as('amended'),
    ]).executeTakeFirstOrThrow()
    return { total: toCount(r.total), defaults: toCount(r.defaults), excluded: toCount(r.excluded), amended: toCount(r.amended) }
  },

  /** Rectification figures per department, month or overall, of cases opened in the range. */
  async caseCounts(db: Kysely<any>, f: StatsFilter, dim: 'none' | 'department' | 'month', now: number) {
    const key = dim === 'department' ? sql<string>`department_id` : dim === 'month' ? sql<string>`opened_month` : sql<string>`'all'`
    let q = t(db).selectFrom('feedback_case').where('opened_at', '>=', f.from).where('opened_at', '<', f.to)
    if (f.departmentIds) q = f.departmentIds.length ? q.where('department_id', 'in', [...f.departmentIds]) : q.where(sql<boolean>`1 = 0`)
    const sel = q.select([
      key.as('key'),
      (eb) => eb.fn.countAll().as('total'),
      flag(sql`callback_at is not null`).as('called_back'),
      flag(sql`rectified_at is not null`).as('rectified'),
      flag(sql`rectified_at is not null and rectified_at <= due_at`).as('on_time'),
      flag(sql`resolution = 'excluded'`).as('excluded'),
      flag(sql`resolution = 'withdrawn'`).as('withdrawn'),
      flag(sql`status = 'appealing'`).as('appealing'),
      flag(sql`status in ('open', 'called-back', 'appealing', 'rectifying') and due_at < ${now}`).as('overdue'),
      flag(sql`status in ('open', 'called-back', 'appealing', 'rectifying')`).as('active'),
    ])
    const rows = await (dim === 'none' ? sel : sel.groupBy(key)).execute()
    return rows.map((r) => ({
      key: String(r.key), total: toCount(r.total), calledBack: toCount(r.called_back), rectified: toCount(r.rectified), onTime: toCount(r.on_time),
      excluded: toCount(r.excluded), withdrawn: toCount(r.withdrawn), appealing: toCount(r.appealing), overdue: toCount(r.overdue), active: toCount(r.active),
    }))
  },

  /** 办不成事 volumes by one attribute, and resolution times, of matters registered in the range. */
  async matterCounts(db: Kysely<any>, f: StatsFilter, dim: 'status' | 'category' | 'tier' | 'source' | 'registered_month') {
    const rows = await t(db).selectFrom('feedback_matter').where('registered_at', '>=', f.from).where('registered_at', '<', f.to)
      .select([
        sql<string>`coalesce(${sql.ref(dim)}, '-')`.as('key'),
        (eb) => eb.fn.countAll().as('total'),
        flag(sql`resolved_at is not null`).as('resolved'),
        flag(sql`resolved_at is not null and due_at is not null and resolved_at <= due_at`).as('on_time'),
        flag(sql`resolved_at is not null and due_at is not null`).as('with_due'),
        sql<number | string | null>`avg(case when resolved_at is not null then resolved_at - registered_at end)`.as('avg_ms'),
      ])
      .groupBy(sql`coalesce(${sql.ref(dim)}, '-')`).execute()
    return rows.map((r) => ({
      key: String(r.key), total: toCount(r.total), resolved: toCount(r.resolved), onTime: toCount(r.on_time), withDue: toCount(r.with_due),
      avgMs: r.avg_ms === null || r.avg_ms === undefined ? null : Number(r.avg_ms),
    }))
  },
}

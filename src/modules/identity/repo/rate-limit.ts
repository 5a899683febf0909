import { sql, type Kysely } from 'kysely'
import type { IdentityTables } from '../tables.ts'

const t = (db: Kysely<any>) => db as Kysely<IdentityTables>

/** Fixed-window hit counters in the database, so that every process of a deployment agrees. */
export const rateLimitRepo = {
  /** Adds one hit to (bucket, windowStart) and answers the window's count, this hit included. One statement: atomic on both dialects. */
  async hit(db: Kysely<any>, bucket: string, windowStart: number): Promise<number> {
    const row = await t(db).insertInto('identity_rate_limit').values({ bucket, window_start: windowStart, hits: 1 })
      .onConflict((oc) => oc.columns(['bucket', 'window_start']).doUpdateSet({ hits: sql`identity_rate_limit.hits + 1` }))
      .returning('hits').executeTakeFirstOrThrow()
    return Number(row.hits)
  },
  /** Deletes the counters of windows that started before `before`. */
  async prune(db: Kysely<any>, before: number): Promise<void> {
    await t(db).deleteFrom('identity_rate_limit').where('window_start', '<', before).execute()
  },
}

import type { Insertable, Kysely, Selectable } from 'kysely'
import type { FeedbackOccurrenceTable, FeedbackRatingTable, FeedbackTables } from '../tables.ts'

export type OccurrenceRow = Selectable<FeedbackOccurrenceTable>
export type RatingRow = Selectable<FeedbackRatingTable>

const t = (db: Kysely<any>) => db as unknown as Kysely<FeedbackTables>

/** Queries of service occurrences and their ratings. */
export const recordsRepo = {
  /** Inserts an occurrence unless one exists for the same application or external key; true when inserted. */
  async insertOccurrence(db: Kysely<any>, row: Insertable<FeedbackOccurrenceTable>): Promise<boolean> {
    const r = await t(db).insertInto('feedback_occurrence').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
  },
  getOccurrence: (db: Kysely<any>, id: string) => t(db).selectFrom('feedback_occurrence').selectAll().where('id', '=', id).executeTakeFirst(),
  getOccurrenceByApplication: (db: Kysely<any>, applicationId: string) =>
    t(db).selectFrom('feedback_occurrence').selectAll().where('application_id', '=', applicationId).executeTakeFirst(),
  getOccurrenceByCode: (db: Kysely<any>, code: string) => t(db).selectFrom('feedback_occurrence').selectAll().where('code', '=', code).executeTakeFirst(),
  getOccurrenceByExternalKey: (db: Kysely<any>, key: string) => t(db).selectFrom('feedback_occurrence').selectAll().where('external_key', '=', key).executeTakeFirst(),
  listOccurrencesOfPerson: (db: Kysely<any>, personId: string, limit = 200) =>
    t(db).selectFrom('feedback_occurrence').selectAll().where('person_id', '=', personId).orderBy('served_at', 'desc').limit(limit).execute(),
  listOccurrencesOfClerk: (db: Kysely<any>, clerkId: string, limit = 50) =>
    t(db).selectFrom('feedback_occurrence').selectAll().where('clerk_id', '=', clerkId).where('source', '=', 'window').orderBy('served_at', 'desc').limit(limit).execute(),
  /** Open occurrences whose rating window ended at or before `now`, oldest first. */
  listDue: (db: Kysely<any>, now: number, limit: number) =>
    t(db).selectFrom('feedback_occurrence').selectAll().where('status', '=', 'open').where('due_at', '<=', now).orderBy('due_at').limit(limit).execute(),
  /** Moves an open occurrence to `status`; false when it was not open any more. */
  async closeOccurrence(db: Kysely<any>, id: string, status: 'rated' | 'defaulted', now: number): Promise<boolean> {
    const r = await t(db).updateTable('feedback_occurrence').set({ status, updated_at: now }).where('id', '=', id).where('status', '=', 'open').executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },

  /** Inserts a rating; false when the occurrence already has one (nothing written then). */
  async insertRating(db: Kysely<any>, row: Insertable<FeedbackRatingTable>): Promise<boolean> {
    const r = await t(db).insertInto('feedback_rating').values(row).onConflict((oc) => oc.column('occurrence_id').doNothing()).executeTakeFirst()
    return Number(r.numInsertedOrUpdatedRows ?? 0) === 1
  },
  getRating: (db: Kysely<any>, id: string) => t(db).selectFrom('feedback_rating').selectAll().where('id', '=', id).executeTakeFirst(),
  getRatingOfOccurrence: (db: Kysely<any>, occurrenceId: string) =>
    t(db).selectFrom('feedback_rating').selectAll().where('occurrence_id', '=', occurrenceId).executeTakeFirst(),
  async ratingsOfOccurrences(db: Kysely<any>, ids: readonly string[]): Promise<RatingRow[]> {
    return ids.length ? t(db).selectFrom('feedback_rating').selectAll().where('occurrence_id', 'in', [...ids]).execute() : []
  },
  /** Applies an amendment if the rating was never amended; false otherwise. */
  async amendRating(db: Kysely<any>, id: string, patch: Pick<RatingRow, 'score' | 'indicators' | 'tags' | 'comment' | 'previous_score' | 'amended_at' | 'updated_at'>): Promise<boolean> {
    const r = await t(db).updateTable('feedback_rating').set({ ...patch, amend_count: 1 }).where('id', '=', id).where('amend_count', '=', 0).executeTakeFirst()
    return Number(r.numUpdatedRows) === 1
  },
  async setExcluded(db: Kysely<any>, id: string, excluded: boolean, now: number): Promise<void> {
    await t(db).updateTable('feedback_rating').set({ excluded: excluded ? 1 : 0, updated_at: now }).where('id', '=', id).execute()
  },
  /** Ratings in [from, to) for the CSV export, oldest first. */
  listRatings: (db: Kysely<any>, f: { from: number; to: number; departmentIds?: readonly string[] }, limit: number) => {
    let q = t(db).selectFrom('feedback_rating').selectAll().where('rated_at', '>=', f.from).where('rated_at', '<', f.to)
    if (f.departmentIds) q = q.where('department_id', 'in', f.departmentIds.length ? [...f.departmentIds] : ['-'])
    return q.orderBy('rated_at').limit(limit).execute()
  },
}

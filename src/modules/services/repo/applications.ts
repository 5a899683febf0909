import type { Kysely, Selectable } from 'kysely'
import { sql } from 'kysely'
import { fromJson, toCount, toJson } from '../../../core/db/dialect.ts'
import type { ClockState } from '../deadline.ts'
import type { ApplicationStatus } from '../workflow.ts'
import type { ServicesApplicationTable, ServicesMaterialTable, ServicesTables, ServicesTransitionTable } from '../tables.ts'

export interface ApplicationResult {
  outcome: 'approved' | 'refused' | 'rejected' | 'withdrawn'
  reason?: string
  remedy?: string
  legalBasis?: string
  documents?: Array<{ name: string; number: string }>
}

export interface ApplicationRecord {
  id: string
  number: string
  kind: 'item' | 'bundle'
  itemId: string | null
  itemVersion: number | null
  itemName: string
  bundleCode: string | null
  parentId: string | null
  seq: number
  applicantId: string
  applicantKind: string
  applicantName: string
  departmentId: string
  divisionCode: string
  status: ApplicationStatus
  stepIndex: number
  assigneeId: string | null
  assigneeName: string | null
  signatures: string[]
  version: number
  formData: Record<string, unknown>
  result: ApplicationResult | null
  queryCodeHash: string | null
  clock: ClockState
  dueAt: number | null
  warnAt: number | null
  createdAt: number
  updatedAt: number
  submittedAt: number | null
  acceptedAt: number | null
  completedAt: number | null
}

export interface MaterialRecord {
  code: string
  objectHash: string | null
  fileName: string | null
  mime: string | null
  size: number | null
  byLicence: boolean
  licenceType: string | null
  updatedAt: number
}

export interface TransitionRecord {
  id: string
  action: string
  fromStatus: string
  toStatus: string
  stepIndex: number
  actorId: string
  actorName: string
  comment: string | null
  at: number
}

const n = (v: unknown) => (v === null || v === undefined ? null : Number(v))

export function toApplication(r: Selectable<ServicesApplicationTable>): ApplicationRecord {
  return {
    id: r.id, number: r.number, kind: r.kind as 'item' | 'bundle', itemId: r.item_id, itemVersion: n(r.item_version), itemName: r.item_name,
    bundleCode: r.bundle_code, parentId: r.parent_id, seq: Number(r.seq), applicantId: r.applicant_id, applicantKind: r.applicant_kind,
    applicantName: r.applicant_name, departmentId: r.department_id, divisionCode: r.division_code, status: r.status as ApplicationStatus,
    stepIndex: Number(r.step_index), assigneeId: r.assignee_id, assigneeName: r.assignee_name, signatures: fromJson<string[]>(r.signatures) ?? [],
    version: Number(r.version), formData: fromJson<Record<string, unknown>>(r.form_data) ?? {}, result: fromJson<ApplicationResult | null>(r.result),
    queryCodeHash: r.query_code_hash,
    clock: { limitDays: Number(r.limit_days), startedAt: n(r.clock_started_at), pausedAt: n(r.clock_paused_at), pausedDays: Number(r.paused_days), stoppedAt: n(r.clock_stopped_at) },
    dueAt: n(r.due_at), warnAt: n(r.warn_at), createdAt: Number(r.created_at), updatedAt: Number(r.updated_at),
    submittedAt: n(r.submitted_at), acceptedAt: n(r.accepted_at), completedAt: n(r.completed_at),
  }
}

/** The columns of an application record (for inserts and updates). */
export function toRow(a: ApplicationRecord): ServicesApplicationTable {
  return {
    id: a.id, number: a.number, kind: a.kind, item_id: a.itemId, item_version: a.itemVersion, item_name: a.itemName, bundle_code: a.bundleCode,
    parent_id: a.parentId, seq: a.seq, applicant_id: a.applicantId, applicant_kind: a.applicantKind, applicant_name: a.applicantName,
    department_id: a.departmentId, division_code: a.divisionCode, status: a.status, step_index: a.stepIndex, assignee_id: a.assigneeId,
    assignee_name: a.assigneeName, signatures: toJson(a.signatures), version: a.version, form_data: toJson(a.formData),
    result: a.result ? toJson(a.result) : null, query_code_hash: a.queryCodeHash, limit_days: a.clock.limitDays,
    clock_started_at: a.clock.startedAt, clock_paused_at: a.clock.pausedAt, paused_days: a.clock.pausedDays, clock_stopped_at: a.clock.stoppedAt,
    due_at: a.dueAt, warn_at: a.warnAt, created_at: a.createdAt, updated_at: a.updatedAt, submitted_at: a.submittedAt,
    accepted_at: a.acceptedAt, completed_at: a.completedAt,
  }
}

export interface QueueFilter {
  statuses?: ApplicationStatus[]
  departmentIds?: readonly string[]
  assigneeId?: string
  dueBefore?: number
  warnBefore?: number
  dueAfter?: number
  order: 'submitted' | 'due' | 'completed'
  page: number
  pageSize: number
}

/** Queries of applications, their materials, transitions, negative replies and stored objects. */
export function createApplicationRepo() {
  const t = (db: Kysely<any>) => db as Kysely<ServicesTables>
  return {
    async get(db: Kysely<any>, id: string): Promise<ApplicationRecord | undefined> {
      const r = await t(db).selectFrom('services_application').selectAll().where('id', '=', id).executeTakeFirst()
      return r && toApplication(r)
    },
    async getByNumber(db: Kysely<any>, number: string): Promise<ApplicationRecord | undefined> {
      const r = await t(db).selectFrom('services_application').selectAll().where('number', '=', number).executeTakeFirst()
      return r && toApplication(r)
    },
    async insert(db: Kysely<any>, a: ApplicationRecord): Promise<void> {
      await t(db).insertInto('services_application').values(toRow(a)).execute()
    },
    /** Writes `next` if the stored version is still `expectedVersion`; false when someone else wrote first. */
    async update(db: Kysely<any>, next: ApplicationRecord, expectedVersion: number): Promise<boolean> {
      const { id: _id, ...row } = toRow(next)
      const r = await t(db).updateTable('services_application').set(row).where('id', '=', next.id).where('version', '=', expectedVersion).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async listByApplicant(db: Kysely<any>, applicantId: string, limit = 100): Promise<ApplicationRecord[]> {
      const rows = await t(db).selectFrom('services_application').selectAll().where('applicant_id', '=', applicantId).where('parent_id', 'is', null)
        .orderBy('created_at', 'desc').orderBy('id', 'desc').limit(limit).execute()
      return rows.map(toApplication)
    },
    async listChildren(db: Kysely<any>, parentId: string): Promise<ApplicationRecord[]> {
      const rows = await t(db).selectFrom('services_application').selectAll().where('parent_id', '=', parentId).orderBy('seq').execute()
      return rows.map(toApplication)
    },
    async queue(db: Kysely<any>, f: QueueFilter): Promise<{ total: number; items: ApplicationRecord[] }> {
      let sel = t(db).selectFrom('services_application').where('kind', '=', 'item')
      if (f.statuses) sel = sel.where('status', 'in', f.statuses)
      if (f.departmentIds) sel = f.departmentIds.length ? sel.where('department_id', 'in', [...f.departmentIds]) : sel.where(sql<boolean>`1 = 0`)
      if (f.assigneeId) sel = sel.where('assignee_id', '=', f.assigneeId)
      if (f.dueBefore !== undefined) sel = sel.where('due_at', '<', f.dueBefore)
      if (f.dueAfter !== undefined) sel = sel.where('due_at', '>=', f.dueAfter)
      if (f.warnBefore !== undefined) sel = sel.where('warn_at', '<=', f.warnBefore)
      const total = toCount((await sel.select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n)
      const ordered = f.order === 'due' ? sel.orderBy('due_at', 'asc') : f.order === 'completed' ? sel.orderBy('completed_at', 'desc') : sel.orderBy('submitted_at', 'asc')
      const rows = await ordered.selectAll().orderBy('id').limit(f.pageSize).offset((f.page - 1) * f.pageSize).execute()
      return { total, items: rows.map(toApplication) }
    },

    async listMaterials(db: Kysely<any>, applicationId: string): Promise<MaterialRecord[]> {
      const rows = await t(db).selectFrom('services_material').selectAll().where('application_id', '=', applicationId).orderBy('code').execute()
      return rows.map((r) => ({
        code: r.code, objectHash: r.object_hash, fileName: r.file_name, mime: r.mime, size: n(r.size), byLicence: Number(r.by_licence) === 1,
        licenceType: r.licence_type, updatedAt: Number(r.updated_at),
      }))
    },
    async putMaterial(db: Kysely<any>, row: ServicesMaterialTable): Promise<void> {
      await t(db).deleteFrom('services_material').where('application_id', '=', row.application_id).where('code', '=', row.code).execute()
      await t(db).insertInto('services_material').values(row).execute()
    },
    async deleteMaterial(db: Kysely<any>, applicationId: string, code: string): Promise<boolean> {
      const r = await t(db).deleteFrom('services_material').where('application_id', '=', applicationId).where('code', '=', code).executeTakeFirst()
      return Number(r.numDeletedRows) > 0
    },
    async copyMaterials(db: Kysely<any>, fromId: string, toId: string, codes: readonly string[], now: number): Promise<void> {
      if (codes.length === 0) return
      const rows = await t(db).selectFrom('services_material').selectAll().where('application_id', '=', fromId).where('code', 'in', [...codes]).execute()
      if (rows.length) await t(db).insertInto('services_material').values(rows.map((r) => ({ ...r, application_id: toId, updated_at: now }))).execute()
    },
    async putObject(db: Kysely<any>, hash: string, size: number, mime: string, now: number): Promise<void> {
      await t(db).insertInto('services_object').values({ hash, size, mime, created_at: now }).onConflict((oc) => oc.column('hash').doNothing()).execute()
    },

    async insertTransition(db: Kysely<any>, applicationId: string, row: Omit<ServicesTransitionTable, 'application_id'>): Promise<void> {
      await t(db).insertInto('services_transition').values({ ...row, application_id: applicationId }).execute()
    },
    async listTransitions(db: Kysely<any>, applicationId: string): Promise<TransitionRecord[]> {
      const rows = await t(db).selectFrom('services_transition').selectAll().where('application_id', '=', applicationId).orderBy('at').orderBy('id').execute()
      return rows.map((r) => ({ id: r.id, action: r.action, fromStatus: r.from_status, toStatus: r.to_status, stepIndex: Number(r.step_index), actorId: r.actor_id, actorName: r.actor_name, comment: r.comment, at: Number(r.at) }))
    },
    async insertNegativeReply(db: Kysely<any>, row: { id: string; applicationId: string; itemId: string | null; kind: string; reason: string; remedy: string; legalBasis: string | null; actorId: string; at: number }): Promise<void> {
      await t(db).insertInto('services_negative_reply').values({
        id: row.id, application_id: row.applicationId, item_id: row.itemId, kind: row.kind, reason: row.reason, remedy: row.remedy,
        legal_basis: row.legalBasis, actor_id: row.actorId, created_at: row.at,
      }).execute()
    },
    async listNegativeReplies(db: Kysely<any>, applicationId: string) {
      return t(db).selectFrom('services_negative_reply').selectAll().where('application_id', '=', applicationId).orderBy('created_at').execute()
    },

    /** Next value of a named counter (application numbers per day). Call inside a transaction. */
    async nextSequence(db: Kysely<any>, name: string): Promise<number> {
      await t(db).insertInto('services_sequence').values({ name, value: 0 }).onConflict((oc) => oc.column('name').doNothing()).execute()
      await t(db).updateTable('services_sequence').set((eb) => ({ value: eb('value', '+', 1) })).where('name', '=', name).execute()
      const r = await t(db).selectFrom('services_sequence').select('value').where('name', '=', name).executeTakeFirstOrThrow()
      return Number(r.value)
    },

    /** Counts and handling times of item applications, optionally per department or item (statistics). */
    async stats(db: Kysely<any>, f: { from?: number; to?: number; departmentIds?: readonly string[] }, groupBy: 'none' | 'department_id' | 'item_name') {
      let sel = t(db).selectFrom('services_application').where('kind', '=', 'item').where('submitted_at', 'is not', null)
      if (f.from !== undefined) sel = sel.where('submitted_at', '>=', f.from)
      if (f.to !== undefined) sel = sel.where('submitted_at', '<', f.to)
      if (f.departmentIds) sel = f.departmentIds.length ? sel.where('department_id', 'in', [...f.departmentIds]) : sel.where(sql<boolean>`1 = 0`)
      const q = sel.select([
        sql<string>`${groupBy === 'none' ? sql`'all'` : sql.ref(groupBy)}`.as('key'),
        sql<number>`count(*)`.as('submitted'),
        sql<number>`sum(case when completed_at is not null then 1 else 0 end)`.as('completed'),
        sql<number>`sum(case when status = 'approved' then 1 else 0 end)`.as('approved'),
        sql<number>`sum(case when status = 'refused' then 1 else 0 end)`.as('refused'),
        sql<number>`sum(case when status = 'rejected' then 1 else 0 end)`.as('rejected'),
        sql<number>`sum(case when completed_at is not null and due_at is not null and completed_at <= due_at then 1 else 0 end)`.as('on_time'),
        sql<number>`sum(case when completed_at is not null and due_at is not null then 1 else 0 end)`.as('with_due'),
        sql<number>`avg(case when completed_at is not null then completed_at - submitted_at end)`.as('avg_ms'),
      ])
      const rows = groupBy === 'none' ? await q.execute() : await q.groupBy(groupBy).orderBy(sql`count(*)`, 'desc').limit(50).execute()
      return rows.map((r) => ({
        key: String(r.key), submitted: toCount(r.submitted), completed: toCount(r.completed), approved: toCount(r.approved), refused: toCount(r.refused),
        rejected: toCount(r.rejected), onTime: toCount(r.on_time), withDue: toCount(r.with_due), avgMs: r.avg_ms === null ? null : Number(r.avg_ms),
      }))
    },
  }
}

export type ApplicationRepo = ReturnType<typeof createApplicationRepo>

import type { Kysely, Selectable } from 'kysely'
import { fromJson, toBool } from '../../../core/db/dialect.ts'
import type { GridAttachmentTable, GridEventLogTable, GridEventTable, GridTables } from '../tables.ts'
import type { ClosureType, EventStatus, Pending } from '../workflow.ts'
import type { MetricLogEntry } from '../metrics.ts'

export type EventSource = 'citizen' | 'worker' | 'api' | 'open311' | 'sensor' | 'camera'

/** An event (案件) as the service sees it. */
export interface GridEventRecord {
  id: string
  categoryCode: string
  source: EventSource
  status: EventStatus
  title: string
  description: string
  address: string | null
  lon: number
  lat: number
  gridCode: string | null
  communityCode: string | null
  townCode: string | null
  nearBoundary: boolean
  departmentId: string | null
  suggestedDepartmentId: string | null
  reporterId: string | null
  reporterKind: string
  reporterName: string | null
  reporterContactMasked: string | null
  citizenTokenHash: string | null
  open311Token: string | null
  mergedInto: string | null
  stageStartedAt: number
  stageDueAt: number | null
  reworkCount: number
  overdueCount: number
  pending: Pending | null
  closureType: ClosureType | null
  closedAt: number | null
  reportedAt: number
  updatedAt: number
  version: number
  /** 0 none, 1 community, 2 town, 3 city (in the current stage). */
  escalationLevel: number
  escalatedTo: string | null
  escalatedAt: number | null
}

export interface EventLogRecord {
  seq: number
  action: string
  fromStatus: string | null
  toStatus: string
  at: number
  actorId: string
  actorKind: string
  departmentId: string | null
  stageDueAt: number | null
  overdue: boolean
  note: string | null
  detail: Record<string, unknown> | null
}

export interface AttachmentMeta { id: string; eventId: string; logSeq: number | null; mime: string; name: string; size: number; createdAt: number }

export interface EventFilter {
  statuses?: EventStatus[]
  categoryCode?: string
  gridPrefix?: string
  departmentId?: string
  reporterId?: string
  source?: EventSource
  reportedFrom?: number
  reportedTo?: number
  ids?: string[]
  /** Id of the last row of the previous page (ordering is reported_at desc, id desc). */
  cursor?: { reportedAt: number; id: string }
  limit: number
}

export function toEventRecord(r: Selectable<GridEventTable>): GridEventRecord {
  return {
    id: r.id, categoryCode: r.category_code, source: r.source as EventSource, status: r.status as EventStatus, title: r.title,
    description: r.description, address: r.address, lon: r.lon, lat: r.lat, gridCode: r.grid_code, communityCode: r.community_code,
    townCode: r.town_code, nearBoundary: toBool(r.near_boundary), departmentId: r.department_id, suggestedDepartmentId: r.suggested_department_id,
    reporterId: r.reporter_id, reporterKind: r.reporter_kind, reporterName: r.reporter_name, reporterContactMasked: r.reporter_contact_masked,
    citizenTokenHash: r.citizen_token_hash, open311Token: r.open311_token, mergedInto: r.merged_into, stageStartedAt: Number(r.stage_started_at),
    stageDueAt: r.stage_due_at === null ? null : Number(r.stage_due_at), reworkCount: r.rework_count, overdueCount: r.overdue_count,
    pending: fromJson<Pending | null>(r.pending), closureType: r.closure_type as ClosureType | null,
    closedAt: r.closed_at === null ? null : Number(r.closed_at), reportedAt: Number(r.reported_at), updatedAt: Number(r.updated_at), version: r.version,
    escalationLevel: Number(r.escalation_level), escalatedTo: r.escalated_to, escalatedAt: r.escalated_at === null ? null : Number(r.escalated_at),
  }
}

function toLog(r: Selectable<GridEventLogTable>): EventLogRecord {
  return {
    seq: r.seq, action: r.action, fromStatus: r.from_status, toStatus: r.to_status, at: Number(r.at), actorId: r.actor_id, actorKind: r.actor_kind,
    departmentId: r.department_id, stageDueAt: r.stage_due_at === null ? null : Number(r.stage_due_at), overdue: toBool(r.overdue), note: r.note,
    detail: fromJson<Record<string, unknown> | null>(r.detail),
  }
}

/** Queries of `grid_event`, `grid_event_log` and `grid_attachment`. */
export function createEventsRepo(anyDb: Kysely<any>) {
  const db = anyDb as Kysely<GridTables>
  const t = (trx: Kysely<any>) => trx as Kysely<GridTables>
  return {
    async getEvent(id: string, trx?: Kysely<any>): Promise<GridEventRecord | undefined> {
      const r = await t(trx ?? db).selectFrom('grid_event').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? toEventRecord(r) : undefined
    },
    async getByOpen311Token(token: string): Promise<GridEventRecord | undefined> {
      const r = await db.selectFrom('grid_event').selectAll().where('open311_token', '=', token).executeTakeFirst()
      return r ? toEventRecord(r) : undefined
    },
    async insertEvent(trx: Kysely<any>, row: GridEventTable): Promise<void> {
      await t(trx).insertInto('grid_event').values(row).execute()
    },
    /** Updates an event if it is still at `version`; false when someone else changed it first. */
    async updateEvent(trx: Kysely<any>, id: string, version: number, patch: Partial<GridEventTable>): Promise<boolean> {
      const r = await t(trx).updateTable('grid_event').set({ ...patch, version: version + 1 }).where('id', '=', id).where('version', '=', version).executeTakeFirst()
      return Number(r.numUpdatedRows) === 1
    },
    async insertLog(trx: Kysely<any>, row: GridEventLogTable): Promise<void> {
      await t(trx).insertInto('grid_event_log').values(row).execute()
    },
    async nextSeq(trx: Kysely<any>, eventId: string): Promise<number> {
      const r = await t(trx).selectFrom('grid_event_log').select((eb) => eb.fn.max('seq').as('m')).where('event_id', '=', eventId).executeTakeFirst()
      return r?.m === null || r?.m === undefined ? 0 : Number(r.m) + 1
    },
    async listLog(eventId: string): Promise<EventLogRecord[]> {
      const rows = await db.selectFrom('grid_event_log').selectAll().where('event_id', '=', eventId).orderBy('seq').execute()
      return rows.map(toLog)
    },
    /** Newest first, keyset-paginated. */
    async findEvents(f: EventFilter): Promise<GridEventRecord[]> {
      let q = db.selectFrom('grid_event').selectAll()
      if (f.ids) q = q.where('id', 'in', f.ids.length ? f.ids : ['-'])
      if (f.statuses?.length) q = q.where('status', 'in', f.statuses)
      if (f.categoryCode) q = q.where('category_code', '=', f.categoryCode)
      if (f.gridPrefix) q = q.where('grid_code', 'like', `${f.gridPrefix}%`)
      if (f.departmentId) q = q.where('department_id', '=', f.departmentId)
      if (f.reporterId) q = q.where('reporter_id', '=', f.reporterId)
      if (f.source) q = q.where('source', '=', f.source)
      if (f.reportedFrom !== undefined) q = q.where('reported_at', '>=', f.reportedFrom)
      if (f.reportedTo !== undefined) q = q.where('reported_at', '<', f.reportedTo)
      if (f.cursor) {
        const c = f.cursor
        q = q.where((eb) => eb.or([eb('reported_at', '<', c.reportedAt), eb.and([eb('reported_at', '=', c.reportedAt), eb('id', '<', c.id)])]))
      }
      const rows = await q.orderBy('reported_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute()
      return rows.map(toEventRecord)
    },
    /** Events of `categoryCode` in a lon/lat box reported since `since`, in the given statuses. */
    async findInBox(categoryCode: string, box: [number, number, number, number], since: number, statuses: EventStatus[]): Promise<GridEventRecord[]> {
      const rows = await db.selectFrom('grid_event').selectAll()
        .where('category_code', '=', categoryCode).where('reported_at', '>=', since).where('status', 'in', statuses)
        .where('lon', '>=', box[0]).where('lon', '<=', box[2]).where('lat', '>=', box[1]).where('lat', '<=', box[3])
        .orderBy('reported_at', 'desc').limit(50).execute()
      return rows.map(toEventRecord)
    },
    /**
     * Cases in `statuses` whose stage deadline passed before `now` and that are not yet escalated to
     * the top, soonest deadline first, after the keyset `after` (for a sweep in batches).
     */
    async listOverdue(statuses: EventStatus[], now: number, limit: number, after?: { dueAt: number; id: string }): Promise<GridEventRecord[]> {
      let q = db.selectFrom('grid_event').selectAll().where('status', 'in', statuses).where('stage_due_at', '<', now).where('escalation_level', '<', 3)
      if (after) q = q.where((eb) => eb.or([eb('stage_due_at', '>', after.dueAt), eb.and([eb('stage_due_at', '=', after.dueAt), eb('id', '>', after.id)])]))
      const rows = await q.orderBy('stage_due_at').orderBy('id').limit(limit).execute()
      return rows.map(toEventRecord)
    },
    /** Counts of events per status. */
    async countByStatus(): Promise<Record<string, number>> {
      const rows = await db.selectFrom('grid_event').select(['status', (eb) => eb.fn.countAll().as('n')]).groupBy('status').execute()
      return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]))
    },
    /** Events waiting in timed stages, soonest deadline first. */
    async listActive(statuses: EventStatus[], limit: number, departmentId?: string): Promise<GridEventRecord[]> {
      let q = db.selectFrom('grid_event').selectAll().where('status', 'in', statuses)
      if (departmentId) q = q.where('department_id', '=', departmentId)
      const rows = await q.orderBy((eb) => eb.case().when('stage_due_at', 'is', null).then(1).else(0).end()).orderBy('stage_due_at').orderBy('id').limit(limit).execute()
      return rows.map(toEventRecord)
    },
    /** Every log entry of cases opened (立案) in [from, to), for the metrics. */
    async logForCohort(from: number, to: number): Promise<MetricLogEntry[]> {
      const rows = await db.selectFrom('grid_event_log').selectAll()
        .where('event_id', 'in', (eb) => eb.selectFrom('grid_event_log').select('event_id').where('action', '=', 'opened').where('at', '>=', from).where('at', '<', to))
        .execute()
      return rows.map((r) => ({
        eventId: r.event_id, seq: r.seq, action: r.action, toStatus: r.to_status, at: Number(r.at), actorId: r.actor_id, actorKind: r.actor_kind,
        departmentId: r.department_id, gridCode: r.grid_code, communityCode: r.community_code, townCode: r.town_code, categoryCode: r.category_code, overdue: toBool(r.overdue),
      }))
    },
    /** Log entries changed in [from, to) across all events (for Open311 request updates). */
    async logBetween(from: number, to: number, limit: number): Promise<Array<EventLogRecord & { eventId: string; id: string }>> {
      const rows = await db.selectFrom('grid_event_log').selectAll().where('at', '>=', from).where('at', '<', to).orderBy('at').orderBy('id').limit(limit).execute()
      return rows.map((r) => ({ ...toLog(r), eventId: r.event_id, id: r.id }))
    },
    async insertAttachment(trx: Kysely<any>, row: GridAttachmentTable): Promise<void> {
      await t(trx).insertInto('grid_attachment').values(row).execute()
    },
    async getAttachment(id: string): Promise<(AttachmentMeta & { data: string }) | undefined> {
      const r = await db.selectFrom('grid_attachment').selectAll().where('id', '=', id).executeTakeFirst()
      return r ? { id: r.id, eventId: r.event_id, logSeq: r.log_seq, mime: r.mime, name: r.name, size: r.size, createdAt: Number(r.created_at), data: r.data } : undefined
    },
    async listAttachments(eventId: string): Promise<AttachmentMeta[]> {
      const rows = await db.selectFrom('grid_attachment').select(['id', 'event_id', 'log_seq', 'mime', 'name', 'size', 'created_at']).where('event_id', '=', eventId).orderBy('created_at').orderBy('id').execute()
      return rows.map((r) => ({ id: r.id, eventId: r.event_id, logSeq: r.log_seq, mime: r.mime, name: r.name, size: r.size, createdAt: Number(r.created_at) }))
    },
    async countEvents(): Promise<number> {
      const r = await db.selectFrom('grid_event').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()
      return Number(r.n)
    },
  }
}

export type EventsRepo = ReturnType<typeof createEventsRepo>

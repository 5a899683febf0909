import { createHash, randomBytes } from 'node:crypto'
import type { Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import { toJson } from '../../../core/db/dialect.ts'
import type { Principal } from '../../../core/http/auth.ts'
import { degreeBox, haversineMeters } from '../../../lib/geo/index.ts'
import { maskMobile } from '../../../lib/mask.ts'
import { getCategory, type EventCategory } from '../catalog.ts'
import { GridError } from '../errors.ts'
import { applyCommand, initialState, TERMINAL, EVENT_STATUSES, type Command, type EventStatus, type LogAction, type WorkflowState } from '../workflow.ts'
import { toEventRecord, type EventSource, type GridEventRecord } from '../repo/events.ts'
import type { GridEventTable } from '../tables.ts'
import { checkPhotos, type PhotoInput } from './photos.ts'
import { publish, type GridDeps } from './context.ts'
import type { GridService } from './grids.ts'

/** Open reports of the same category nearer than this, reported within the window, are offered as duplicates. */
export const DUPLICATE_METERS = 100
export const DUPLICATE_WINDOW_MS = 72 * 3_600_000
/** At most this many duplicates are offered, nearest first. */
export const MAX_DUPLICATES = 10

export interface ReportInput {
  categoryCode: string
  title?: string
  description: string
  lon: number
  lat: number
  address?: string
  photos?: PhotoInput[]
  facilityCode?: string
  reporterName?: string
  contact?: string
  attributes?: Record<string, string>
  /** A link to media held elsewhere (Open311 `media_url`); counts as the photo a category requires. */
  mediaUrl?: string
}

export interface Duplicate { id: string; status: EventStatus; meters: number; reportedAt: string; title: string }

export interface ActionExtras { note?: string; photos?: PhotoInput[]; version?: number; requestId?: string }

const OPEN_STATUSES: EventStatus[] = EVENT_STATUSES.filter((s) => !TERMINAL.has(s))

const hashToken = (token: string) => createHash('sha256').update(token).digest('hex')

function maskContact(contact: string | undefined): string | null {
  if (!contact) return null
  const c = contact.trim()
  if (/^1\d{10}$/.test(c)) return maskMobile(c)
  const at = c.indexOf('@')
  if (at > 0) return `${c[0]}***${c.slice(at)}`
  return c.length <= 2 ? '*'.repeat(c.length) : `${c[0]}${'*'.repeat(c.length - 2)}${c.at(-1)}`
}

function requireCategory(code: string): EventCategory {
  const c = getCategory(code)
  if (!c) throw new GridError.CATEGORY_NOT_FOUND(code, { errors: [{ path: 'body/categoryCode', code: 'not-found', message: `unknown category ${code}` }] })
  return c
}

function toState(e: GridEventRecord): WorkflowState {
  return { status: e.status, stageStartedAt: e.stageStartedAt, stageDueAt: e.stageDueAt, departmentId: e.departmentId, reworkCount: e.reworkCount, overdueCount: e.overdueCount, pending: e.pending, closureType: e.closureType, closedAt: e.closedAt }
}

/** Reporting (信息收集), duplicate suggestions and every workflow transition, each in one transaction. */
export function createEventService(deps: GridDeps, gridService: GridService) {
  const repo = deps.eventsRepo

  async function findDuplicates(categoryCode: string, lon: number, lat: number, excludeId?: string): Promise<Duplicate[]> {
    const { dLon, dLat } = degreeBox(lat, DUPLICATE_METERS)
    const since = deps.clock.now() - DUPLICATE_WINDOW_MS
    const rows = await repo.findInBox(categoryCode, [lon - dLon, lat - dLat, lon + dLon, lat + dLat], since, OPEN_STATUSES)
    return rows
      .filter((r) => r.id !== excludeId)
      .map((r) => ({ id: r.id, status: r.status, meters: Math.round(haversineMeters(lon, lat, r.lon, r.lat)), reportedAt: new Date(r.reportedAt).toISOString(), title: r.title }))
      .filter((d) => d.meters <= DUPLICATE_METERS)
      .sort((a, b) => a.meters - b.meters)
      .slice(0, MAX_DUPLICATES)
  }

  async function writeAttachments(trx: Kysely<any>, eventId: string, seq: number, photos: ReturnType<typeof checkPhotos>, now: number): Promise<string[]> {
    const ids: string[] = []
    for (const ph of photos) {
      const id = deps.ids.next('gatt')
      await repo.insertAttachment(trx, { id, event_id: eventId, log_seq: seq, mime: ph.mime, name: ph.name, size: ph.size, data: ph.data, created_at: now })
      ids.push(id)
    }
    return ids
  }

  return {
    findDuplicates,

    /**
     * Records a report: checks category, evidence and photos, places it in its unit grid (422
     * outside the city), flags it near a grid edge, suggests a department, and offers nearby open
     * reports of the same category as duplicates. Citizens get a follow-up token (shown once).
     */
    async reportEvent(p: Principal | undefined, input: ReportInput, source: EventSource, requestId?: string): Promise<{ event: GridEventRecord; duplicates: Duplicate[]; token: string | null }> {
      const category = requireCategory(input.categoryCode)
      const photos = checkPhotos(input.photos, 'body/photos')
      if (category.evidence.report.includes('photo') && photos.length === 0 && !input.mediaUrl) {
        throw new GridError.EVIDENCE_REQUIRED('photo', { errors: [{ path: 'body/photos', code: 'evidence', message: 'this category requires a photo' }] })
      }
      for (const a of category.attributes ?? []) {
        if (a.required && !input.attributes?.[a.code]) throw new GridError.EVIDENCE_REQUIRED(a.code, { errors: [{ path: `body/attributes/${a.code}`, code: 'required', message: `${a.code} is required for this category` }] })
      }
      const where = await gridService.locate(input.lon, input.lat)
      if (!where) throw new GridError.OUTSIDE_CITY(input.lon, input.lat, { errors: [{ path: 'body/lon', code: 'outside-city', message: 'the point lies in no grid' }] })
      const facility = input.facilityCode ? await deps.registry.getFacility(input.facilityCode) : undefined
      const suggested = await deps.departments.resolve(facility?.maintainerDepartmentId ?? facility?.ownerDepartmentId ?? category.defaultDepartmentId)
      const duplicates = await findDuplicates(category.code, input.lon, input.lat)
      const now = deps.clock.now()
      const id = deps.ids.next('gevt')
      const citizen = !p || p.kind === 'citizen'
      const token = citizen || source === 'open311' ? randomBytes(18).toString('base64url') : null
      const state = initialState(now, category.sla)
      const row: GridEventTable = {
        id, category_code: category.code, source, status: state.status, title: input.title?.trim() || category.name['zh-CN'],
        description: input.description, address: input.address ?? null, lon: input.lon, lat: input.lat, grid_code: where.unitCode,
        community_code: where.communityCode, town_code: where.townCode, near_boundary: where.nearBoundary ? 1 : 0, department_id: null,
        suggested_department_id: suggested, reporter_id: p?.id ?? null, reporter_kind: p?.kind ?? 'citizen', reporter_name: input.reporterName ?? (p && p.kind !== 'citizen' ? p.name : null),
        reporter_contact_masked: maskContact(input.contact), citizen_token_hash: token ? hashToken(token) : null, open311_token: source === 'open311' ? deps.ids.next('otok') : null,
        merged_into: null, stage_started_at: state.stageStartedAt, stage_due_at: state.stageDueAt, rework_count: 0, overdue_count: 0, pending: null,
        closure_type: null, closed_at: null, reported_at: now, updated_at: now, version: 1, escalation_level: 0, escalated_to: null, escalated_at: null,
      }
      const actorId = p?.id ?? 'citizen:anonymous'
      await withTransaction(deps.db, async (trx) => {
        await repo.insertEvent(trx, row)
        const attachmentIds = await writeAttachments(trx, id, 0, photos, now)
        await repo.insertLog(trx, {
          id: deps.ids.next('glog'), event_id: id, seq: 0, action: 'reported', from_status: null, to_status: 'reported', at: now, actor_id: actorId,
          actor_kind: p?.kind ?? 'citizen', department_id: null, grid_code: where.unitCode, community_code: where.communityCode, town_code: where.townCode,
          category_code: category.code, stage_due_at: null, overdue: 0, note: null,
          detail: toJson({ source, attachmentIds, nearBoundary: where.nearBoundary, duplicates: duplicates.map((d) => d.id), ...(input.attributes ? { attributes: input.attributes } : {}), ...(input.mediaUrl ? { mediaUrl: input.mediaUrl } : {}) }),
        })
        await deps.audit.append(trx, { actorId, actorKind: p?.kind ?? 'citizen', action: 'grid.event.reported', targetType: 'grid_event', targetId: id, requestId, detail: { categoryCode: category.code, source, gridCode: where.unitCode } })
        await publish(deps, trx, 'grid.event.reported', id, { eventId: id, categoryCode: category.code, source, gridCode: where.unitCode, townCode: where.townCode, lon: input.lon, lat: input.lat }, { requestId, actorId })
      })
      return { event: toEventRecord(row), duplicates, token }
    },

    /**
     * Applies a workflow command to event `id` for principal `p`, in one transaction with its log
     * entry, attachments, audit record and outbox event. Department-scoped commands require the
     * case to be with the principal's department (or the `*` permission).
     */
    async act(p: Principal, id: string, cmd: Command, extras: ActionExtras = {}): Promise<GridEventRecord> {
      const e = await repo.getEvent(id)
      if (!e) throw new GridError.EVENT_NOT_FOUND(id)
      const departmentScoped = cmd.type === 'handle' || cmd.type === 'return' || cmd.type === 'request-extension' || cmd.type === 'request-suspension'
      if (departmentScoped && !p.permissions.has('*') && p.departmentId !== e.departmentId) throw new GridError.NOT_YOUR_DEPARTMENT(id)
      const category = getCategory(e.categoryCode)!
      const photos = checkPhotos(extras.photos, 'body/photos')
      if (cmd.type === 'handle' && category.evidence.handle.includes('photo') && photos.length === 0) {
        throw new GridError.EVIDENCE_REQUIRED('photo', { errors: [{ path: 'body/photos', code: 'evidence', message: 'handling this category requires a photo' }] })
      }
      if (cmd.type === 'merge') {
        const into = cmd.intoEventId === id ? undefined : await repo.getEvent(cmd.intoEventId)
        if (!into || into.status === 'merged' || into.status === 'rejected') {
          throw new GridError.EVENT_NOT_FOUND(cmd.intoEventId, { errors: [{ path: 'body/intoEventId', code: 'not-found', message: 'no open case to merge into' }] })
        }
      }
      if (cmd.type === 'dispatch') {
        // A duty of the catalog bound to an identity department is dispatched to that department.
        await deps.departments.checkOne(cmd.departmentId, 'body/departmentId')
        cmd = { ...cmd, departmentId: await deps.departments.resolve(cmd.departmentId) }
      }
      return applyAndWrite(p.id, p.kind, e, cmd, category, photos, extras)
    },

    checkCitizenToken,

    /**
     * A citizen's answer after closing: `fixed` is recorded; "not fixed" within REOPEN_DAYS reopens
     * the case as 返工 with the same department.
     */
    async citizenFeedback(id: string, token: string, fixed: boolean, note: string | undefined, requestId?: string): Promise<GridEventRecord> {
      const e = await checkCitizenToken(id, token)
      const category = getCategory(e.categoryCode)!
      if (!fixed) return applyAndWrite('citizen:reporter', 'citizen', e, { type: 'reopen' }, category, [], { note, requestId })
      if (e.status !== 'closed') throw new GridError.ILLEGAL_TRANSITION(e.status, 'confirm')
      const now = deps.clock.now()
      await withTransaction(deps.db, async (trx) => {
        const seq = await repo.nextSeq(trx, id)
        await repo.insertLog(trx, {
          id: deps.ids.next('glog'), event_id: id, seq, action: 'confirmed', from_status: e.status, to_status: e.status, at: now, actor_id: 'citizen:reporter',
          actor_kind: 'citizen', department_id: e.departmentId, grid_code: e.gridCode, community_code: e.communityCode, town_code: e.townCode,
          category_code: e.categoryCode, stage_due_at: null, overdue: 0, note: note ?? null, detail: null,
        })
        await deps.audit.append(trx, { actorId: 'citizen:reporter', actorKind: 'citizen', action: 'grid.event.confirmed', targetType: 'grid_event', targetId: id, requestId })
      })
      return (await repo.getEvent(id))!
    },
  }

  /** The case of a citizen holding its follow-up token; 404 unknown, 403 wrong token. */
  async function checkCitizenToken(id: string, token: string): Promise<GridEventRecord> {
    const e = await repo.getEvent(id)
    if (!e || !e.citizenTokenHash) throw new GridError.EVENT_NOT_FOUND(id)
    if (hashToken(token) !== e.citizenTokenHash) throw new GridError.BAD_CITIZEN_TOKEN(id)
    return e
  }

  async function applyAndWrite(actorId: string, actorKind: string, e: GridEventRecord, cmd: Command, category: EventCategory, photos: ReturnType<typeof checkPhotos>, extras: ActionExtras): Promise<GridEventRecord> {
    if (extras.version !== undefined && extras.version !== e.version) throw new GridError.CONFLICT(e.id)
    const now = deps.clock.now()
    const out = applyCommand(toState(e), cmd, { now, sla: category.sla, actorId })
    if (!out.ok) {
      if (out.refusal === 'reopen-expired') throw new GridError.REOPEN_EXPIRED(e.id, 7)
      if (out.refusal === 'closure-not-on-time') throw new GridError.CLOSURE_NOT_ON_TIME(e.id)
      throw new GridError.ILLEGAL_TRANSITION(e.status, cmd.type)
    }
    const s = out.state
    const patch: Partial<GridEventTable> = {
      status: s.status, stage_started_at: s.stageStartedAt, stage_due_at: s.stageDueAt, department_id: s.departmentId, rework_count: s.reworkCount,
      overdue_count: s.overdueCount, pending: s.pending ? toJson(s.pending) : null, closure_type: s.closureType, closed_at: s.closedAt, updated_at: now,
    }
    if (cmd.type === 'merge') patch.merged_into = cmd.intoEventId
    // A new stage starts its own clock: the escalation of the one that ended is history (in the log).
    if (s.status !== e.status) Object.assign(patch, { escalation_level: 0, escalated_to: null, escalated_at: null })
    const detail: Record<string, unknown> = {}
    if (cmd.type === 'dispatch') detail.departmentId = cmd.departmentId
    if (cmd.type === 'verify') detail.passed = cmd.passed
    if (cmd.type === 'close') detail.closureType = s.closureType
    if (cmd.type === 'request-extension') detail.minutes = cmd.minutes
    if (cmd.type === 'decide') detail.approved = cmd.approved
    if (cmd.type === 'merge') detail.intoEventId = cmd.intoEventId
    if ('reason' in cmd) detail.reason = cmd.reason
    const requestId = extras.requestId
    await withTransaction(deps.db, async (trx) => {
      if (!(await repo.updateEvent(trx, e.id, e.version, patch))) throw new GridError.CONFLICT(e.id)
      const seq = await repo.nextSeq(trx, e.id)
      const attachmentIds = await writeAttachments(trx, e.id, seq, photos, now)
      if (attachmentIds.length) detail.attachmentIds = attachmentIds
      await repo.insertLog(trx, {
        id: deps.ids.next('glog'), event_id: e.id, seq, action: out.action, from_status: e.status, to_status: s.status, at: now, actor_id: actorId,
        actor_kind: actorKind, department_id: s.departmentId ?? e.departmentId, grid_code: e.gridCode, community_code: e.communityCode, town_code: e.townCode,
        category_code: e.categoryCode, stage_due_at: out.endedStageDueAt, overdue: out.overdue ? 1 : 0, note: extras.note ?? null,
        detail: Object.keys(detail).length ? toJson(detail) : null,
      })
      await deps.audit.append(trx, { actorId, actorKind, action: `grid.event.${out.action}`, targetType: 'grid_event', targetId: e.id, requestId, detail: { from: e.status, to: s.status, ...detail } })
      await publishFor(trx, out.action, e, s, now, { requestId, actorId })
    })
    return (await repo.getEvent(e.id))!
  }

  async function publishFor(trx: Kysely<any>, action: LogAction, e: GridEventRecord, s: WorkflowState, _now: number, meta: { requestId?: string; actorId: string }): Promise<void> {
    if (action === 'dispatched' || action === 'reworked' || action === 'resumed') {
      await publish(deps, trx, 'grid.event.dispatched', e.id, { eventId: e.id, departmentId: s.departmentId!, gridCode: e.gridCode, dueAt: s.stageDueAt!, rework: action === 'reworked' }, meta)
    } else if (action === 'closed') {
      await publish(deps, trx, 'grid.event.closed', e.id, { eventId: e.id, closureType: s.closureType!, gridCode: e.gridCode, departmentId: s.departmentId, onTime: s.overdueCount === 0 }, meta)
    } else if (action === 'reopened') {
      await publish(deps, trx, 'grid.event.reopened', e.id, { eventId: e.id, departmentId: s.departmentId, gridCode: e.gridCode }, meta)
    }
  }
}

export type EventService = ReturnType<typeof createEventService>

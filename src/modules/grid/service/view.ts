import { getCategory, DEPARTMENTS, type Localized } from '../catalog.ts'
import { allowedCommands, lightOf, STAGE_OF, type CommandType, type Pending } from '../workflow.ts'
import type { EventLogRecord, GridEventRecord, AttachmentMeta } from '../repo/events.ts'

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

/** An event as the API shows it to staff. */
export interface EventView {
  id: string
  categoryCode: string
  categoryName: Localized
  source: string
  status: string
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
  departmentName: Localized | null
  suggestedDepartmentId: string | null
  reporter: { id: string | null; kind: string; name: string | null; contact: string | null }
  mergedInto: string | null
  stage: { name: string | null; startedAt: string; dueAt: string | null; light: 'none' | 'green' | 'yellow' | 'red' }
  reworkCount: number
  overdueCount: number
  escalation: { level: number; levelName: 'community' | 'town' | 'city'; gridCode: string | null; at: string } | null
  pending: (Omit<Pending, 'requestedAt'> & { requestedAt: string }) | null
  closureType: string | null
  closedAt: string | null
  reportedAt: string
  updatedAt: string
  version: number
}

const UNKNOWN: Localized = { 'zh-CN': '未知类别', 'zh-TW': '未知類別', 'en-US': 'Unknown category' }

/** Department display name; unknown ids (not in the demo catalog) answer null. */
export function departmentName(id: string | null): Localized | null {
  return id ? (DEPARTMENTS[id] ?? null) : null
}

export function toView(e: GridEventRecord, now: number, nameOf: (id: string | null) => Localized | null = departmentName): EventView {
  return {
    id: e.id, categoryCode: e.categoryCode, categoryName: getCategory(e.categoryCode)?.name ?? UNKNOWN, source: e.source, status: e.status,
    title: e.title, description: e.description, address: e.address, lon: e.lon, lat: e.lat, gridCode: e.gridCode, communityCode: e.communityCode,
    townCode: e.townCode, nearBoundary: e.nearBoundary, departmentId: e.departmentId, departmentName: nameOf(e.departmentId),
    suggestedDepartmentId: e.suggestedDepartmentId,
    reporter: { id: e.reporterId, kind: e.reporterKind, name: e.reporterName, contact: e.reporterContactMasked },
    mergedInto: e.mergedInto,
    stage: { name: STAGE_OF[e.status], startedAt: iso(e.stageStartedAt)!, dueAt: iso(e.stageDueAt), light: lightOf(e, now) },
    reworkCount: e.reworkCount, overdueCount: e.overdueCount,
    escalation: e.escalationLevel > 0 ? { level: e.escalationLevel, levelName: (['community', 'town', 'city'] as const)[e.escalationLevel - 1]!, gridCode: e.escalatedTo, at: iso(e.escalatedAt ?? e.updatedAt)! } : null,
    pending: e.pending ? { ...e.pending, requestedAt: iso(e.pending.requestedAt)! } : null,
    closureType: e.closureType, closedAt: iso(e.closedAt), reportedAt: iso(e.reportedAt)!, updatedAt: iso(e.updatedAt)!, version: e.version,
  }
}

export interface TimelineEntry {
  seq: number
  action: string
  fromStatus: string | null
  toStatus: string
  at: string
  actorId: string
  actorKind: string
  departmentId: string | null
  stageDueAt: string | null
  overdue: boolean
  note: string | null
  detail: Record<string, unknown> | null
}

export function toTimeline(l: EventLogRecord): TimelineEntry {
  return { ...l, at: iso(l.at)!, stageDueAt: iso(l.stageDueAt) }
}

export function toAttachment(a: AttachmentMeta) {
  return { id: a.id, logSeq: a.logSeq, mime: a.mime, name: a.name, size: a.size, createdAt: iso(a.createdAt)! }
}

/** The action route (`POST /grid/events/:id/<action>`) of each command. */
export const ACTION_OF: Record<CommandType, string> = {
  accept: 'accept', reject: 'reject', merge: 'merge', open: 'open', dispatch: 'dispatch', return: 'return', handle: 'handle', verify: 'verify',
  close: 'close', 'request-extension': 'extension', 'request-suspension': 'suspension', decide: 'decision', resume: 'resume', reopen: 'reopen',
}

/** The actions (route names) the state allows at `now`; permissions are checked by the routes. */
export function actionsOf(e: GridEventRecord, now: number): string[] {
  return allowedCommands(e, now).map((c) => ACTION_OF[c])
}

/** What a citizen may see of their report: no staff names, no other reporters' data. */
export function toCitizenView(e: GridEventRecord, log: EventLogRecord[], now: number, nameOf: (id: string | null) => Localized | null = departmentName) {
  const PUBLIC = new Set(['reported', 'accepted', 'rejected', 'merged', 'opened', 'dispatched', 'handled', 'verified', 'reworked', 'closed', 'reopened', 'suspended', 'resumed', 'confirmed'])
  return {
    id: e.id, categoryCode: e.categoryCode, categoryName: getCategory(e.categoryCode)?.name ?? UNKNOWN, status: e.status, title: e.title,
    description: e.description, address: e.address, lon: e.lon, lat: e.lat, gridCode: e.gridCode, departmentName: nameOf(e.departmentId),
    reportedAt: iso(e.reportedAt)!, updatedAt: iso(e.updatedAt)!, closedAt: iso(e.closedAt), closureType: e.closureType, mergedInto: e.mergedInto,
    canReopen: allowedCommands(e, now).includes('reopen'),
    timeline: log.filter((l) => PUBLIC.has(l.action)).map((l) => ({ action: l.action, status: l.toStatus, at: iso(l.at)! })),
  }
}

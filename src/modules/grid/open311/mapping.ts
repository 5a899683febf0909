import { EVENT_CATEGORIES, EVENT_GROUPS, getCategory, DEPARTMENTS, type EventCategory } from '../catalog.ts'
import type { Lang } from '../../../core/errors.ts'
import type { GridEventRecord } from '../repo/events.ts'
import type { EventStatus } from '../workflow.ts'

/** Emergencies get a request id at once (realtime); other services answer a token (batch). */
export function serviceType(c: EventCategory): 'realtime' | 'batch' {
  return c.group === '04' ? 'realtime' : 'batch'
}

/** Open311 open/closed, plus the FixMyStreet-style extended status of each workflow state. */
export const STATUS_MAP: Record<EventStatus, { status: 'open' | 'closed'; extended: string }> = {
  reported: { status: 'open', extended: 'open' },
  accepted: { status: 'open', extended: 'investigating' },
  opened: { status: 'open', extended: 'action_scheduled' },
  dispatched: { status: 'open', extended: 'in_progress' },
  handled: { status: 'open', extended: 'in_progress' },
  verified: { status: 'open', extended: 'in_progress' },
  suspended: { status: 'open', extended: 'investigating' },
  closed: { status: 'closed', extended: 'fixed' },
  rejected: { status: 'closed', extended: 'not_councils_responsibility' },
  merged: { status: 'closed', extended: 'duplicate' },
}

const STATUS_TEXT: Record<Lang, Record<EventStatus, string>> = {
  'zh-CN': { reported: '已受理登记，待核实', accepted: '已核实，待立案', opened: '已立案，待派遣', dispatched: '处置中', handled: '已处置，待核查', verified: '已核查，待结案', suspended: '挂账协调中', closed: '已结案', rejected: '不予受理', merged: '与其他案件合并' },
  'zh-TW': { reported: '已受理登記，待核實', accepted: '已核實，待立案', opened: '已立案，待派遣', dispatched: '處置中', handled: '已處置，待核查', verified: '已核查，待結案', suspended: '掛賬協調中', closed: '已結案', rejected: '不予受理', merged: '與其他案件合併' },
  'en-US': { reported: 'Received, to be verified', accepted: 'Verified, to be opened', opened: 'Case opened, to be dispatched', dispatched: 'Being handled', handled: 'Handled, to be inspected', verified: 'Inspected, to be closed', suspended: 'Suspended pending coordination', closed: 'Closed', rejected: 'Not a city matter', merged: 'Merged with another case' },
}

export function serviceList(lang: Lang) {
  return EVENT_CATEGORIES.map((c) => ({
    service_code: c.code, service_name: c.name[lang], description: `${EVENT_GROUPS[c.group]![lang]} · ${c.name[lang]}`,
    metadata: !!c.attributes?.length, type: serviceType(c), keywords: c.keywords, group: EVENT_GROUPS[c.group]![lang],
  }))
}

export function serviceDefinition(c: EventCategory) {
  return {
    service_code: c.code,
    attributes: (c.attributes ?? []).map((a, i) => ({
      variable: true, code: a.code, datatype: a.datatype, required: a.required, datatype_description: null, order: i + 1, description: a.description,
      ...(a.values ? { values: a.values } : {}),
    })),
  }
}

function hours(minutes: number, lang: Lang): string {
  const h = Math.round((minutes / 60) * 10) / 10
  return lang === 'en-US' ? `${h} hours` : `${h} 小时`
}

export function serviceNotice(c: EventCategory, lang: Lang): string {
  const t = hours(c.sla.handle, lang)
  return lang === 'en-US' ? `Handled within ${t} of dispatch.` : lang === 'zh-TW' ? `派遣後 ${t} 內處置。` : `派遣后 ${t} 内处置。`
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z')

/** One service request in Open311 shape. */
export function requestView(e: GridEventRecord, lang: Lang) {
  const c = getCategory(e.categoryCode)
  const s = STATUS_MAP[e.status]
  return {
    service_request_id: e.id,
    status: s.status,
    status_notes: `${STATUS_TEXT[lang][e.status]} (${s.extended})`,
    service_name: c?.name[lang] ?? null,
    service_code: e.categoryCode,
    description: e.description,
    agency_responsible: e.departmentId ? (DEPARTMENTS[e.departmentId]?.[lang] ?? e.departmentId) : null,
    service_notice: c ? serviceNotice(c, lang) : null,
    requested_datetime: iso(e.reportedAt),
    updated_datetime: iso(e.updatedAt),
    expected_datetime: e.status === 'dispatched' && e.stageDueAt ? iso(e.stageDueAt) : null,
    address: e.address,
    address_id: null,
    zipcode: null,
    lat: e.lat,
    long: e.lon,
  }
}

/** FixMyStreet-style request update (`servicerequestupdates`) from one log entry. */
export function updateView(u: { id: string; eventId: string; toStatus: string; at: number; note: string | null }, lang: Lang) {
  const status = STATUS_MAP[u.toStatus as EventStatus]
  return {
    update_id: u.id,
    service_request_id: u.eventId,
    status: status?.extended ?? 'open',
    updated_datetime: iso(u.at),
    description: u.note ?? STATUS_TEXT[lang][u.toStatus as EventStatus] ?? u.toStatus,
    media_url: null,
  }
}

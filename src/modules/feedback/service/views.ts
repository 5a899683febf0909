/** Rows to API views (times as ISO strings, scores as levels). Pure apart from name look-ups. */
import { fromJson } from '../../../core/db/dialect.ts'
import { levelOf } from '../../../lib/satisfaction/index.ts'
import { maskName } from '../../../lib/mask.ts'
import { lightOf, workingDaysLeft } from '../deadlines.ts'
import type { CaseRow, LogRow, MatterRow, NegativeReplyRow, OccurrenceRow, RatingRow } from '../repo/index.ts'
import type { CaseSummary } from '../schema/cases.ts'
import type { TimelineEntry } from '../schema/common.ts'
import type { MatterSummary } from '../schema/matters.ts'
import type { PersonCaseView, RatingView } from '../schema/ratings.ts'
import { MATTER_CLOSED, type CaseStatus, type MatterStatus } from '../workflow.ts'
import { iso } from './context.ts'

export const level = (score: number) => levelOf(score)
const levelOrNull = (score: number | null) => (score === null ? null : levelOf(score))

export function ratingView(r: RatingRow, occ: Pick<OccurrenceRow, 'due_at'>, now: number, viewerId?: string): RatingView {
  return {
    id: r.id, occurrenceId: r.occurrence_id, kind: r.kind, level: levelOf(r.score), score: r.score,
    indicators: fromJson<Record<string, number>>(r.indicators) ?? {}, tags: fromJson<string[]>(r.tags) ?? [], comment: r.comment,
    channel: r.channel, isDefault: r.is_default === 1, raterName: r.rater_name, ratedAt: iso(r.rated_at)!,
    amendable: r.is_default !== 1 && r.amend_count === 0 && now <= occ.due_at && !!viewerId && r.rater_id === viewerId,
    amendedAt: iso(r.amended_at), previousLevel: levelOrNull(r.previous_score), excluded: r.excluded === 1,
  }
}

/** What the person who rated sees of their case: never internal notes. */
export function personCaseView(c: CaseRow): PersonCaseView {
  return {
    id: c.id, status: c.status, resolution: c.resolution, calledBackAt: iso(c.callback_at), measures: c.measures, feedback: c.feedback_text,
    rectifiedAt: iso(c.rectified_at), resultLevel: levelOrNull(c.result_score), resultAt: iso(c.result_at), canRateResult: c.status === 'rectified',
  }
}

const ACTIVE: ReadonlySet<string> = new Set<CaseStatus>(['open', 'called-back', 'appealing', 'rectifying'])

export function caseLight(c: Pick<CaseRow, 'status' | 'due_at' | 'warn_at'>, now: number) {
  return ACTIVE.has(c.status) ? lightOf(now, { dueAt: c.due_at, warnAt: c.warn_at }) : 'none' as const
}

export function caseSummary(c: CaseRow, r: Pick<RatingRow, 'channel'>, departmentName: string, now: number): CaseSummary {
  return {
    id: c.id, status: c.status as CaseSummary['status'], resolution: c.resolution, departmentId: c.department_id, departmentName, itemName: c.item_name,
    personName: c.person_name, level: levelOf(c.score), channel: r.channel, openedAt: iso(c.opened_at)!, dueAt: iso(c.due_at)!,
    light: caseLight(c, now), workingDaysLeft: ACTIVE.has(c.status) ? workingDaysLeft(now, c.due_at) : null, calledBack: c.callback_at !== null, version: c.version,
  }
}

export const timeline = (rows: LogRow[]): TimelineEntry[] =>
  rows.map((l) => ({ action: l.action, fromStatus: l.from_status, toStatus: l.to_status, actorName: l.actor_name, note: l.note, at: iso(l.at)! }))

export function matterLight(m: Pick<MatterRow, 'status' | 'due_at' | 'warn_at'>, now: number) {
  if (m.due_at === null || m.warn_at === null || !['registered', 'classified', 'transferred'].includes(m.status)) return 'none' as const
  return lightOf(now, { dueAt: m.due_at, warnAt: m.warn_at })
}

export function matterSummary(m: MatterRow, now: number, maskPerson = false): MatterSummary {
  return {
    id: m.id, number: m.number, source: m.source, title: m.title, category: m.category as MatterSummary['category'], status: m.status as MatterSummary['status'],
    tier: m.tier as MatterSummary['tier'], personName: maskPerson ? maskName(m.person_name) : m.person_name, registeredAt: iso(m.registered_at)!,
    dueAt: iso(m.due_at), light: matterLight(m, now), coordinatorName: m.coordinator_name, version: m.version,
  }
}

export const isMatterClosed = (m: Pick<MatterRow, 'status'>) => MATTER_CLOSED.has(m.status as MatterStatus)

export function negativeReplyView(n: NegativeReplyRow, departmentName: string) {
  return {
    id: n.id, applicationId: n.application_id, applicationNumber: n.application_number, itemName: n.item_name, departmentId: n.department_id, departmentName,
    applicantName: maskName(n.applicant_name), kind: n.kind, reason: n.reason, remedy: n.remedy, legalBasis: n.legal_basis, decidedAt: iso(n.decided_at)!,
    status: n.status, matterId: n.matter_id, reviewNote: n.review_note, reviewedAt: iso(n.reviewed_at),
  }
}

/**
 * Bad-review rectification (差评整改). Every 不满意 / 非常不满意 opens a case routed to the
 * department that handled the service, due within `rectifyDays` working days. Its staff call the
 * person back (every attempt is logged; the call-back rate counts cases reached), verify the review
 * (属实 → rectify; 不属实 / 误评 → appeal), rectify and tell the person, who may rate the result. An
 * appeal is decided by someone else holding `feedback:appeal:review`; approval excludes the rating
 * from statistics. Each step: one transaction with the case row (optimistic version), its log row,
 * an audit record and, on opening and closing, an outbox event.
 */
import type { Kysely } from 'kysely'
import { fromJson } from '../../../core/db/dialect.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { CoreError } from '../../../core/errors.ts'
import { isBadScore, levelScore } from '../../../lib/satisfaction/index.ts'
import { chinaDate } from '../../../lib/working-days.ts'
import { workingDeadline } from '../deadlines.ts'
import { FeedbackError } from '../errors.ts'
import type { CaseEventPayload } from '../events.ts'
import { ACTIVE_CASE_STATUSES, type CaseRow, type OccurrenceRow, type RatingRow } from '../repo/index.ts'
import type { CallbackBody, CaseList, CaseQueue, CaseView, RectifyBody, ReviewBody, VerifyBody } from '../schema/cases.ts'
import type { ResultBody } from '../schema/ratings.ts'
import { caseActions, caseTransition, type CaseAction, type CaseStatus } from '../workflow.ts'
import { can, DAY_MS, iso, SYSTEM, type CallContext, type FeedbackDeps } from './context.ts'
import type { WriteMeta } from './ratings.ts'
import { caseSummary, level, timeline } from './views.ts'

const HANDLE = 'feedback:case:handle'
const REVIEW = 'feedback:appeal:review'

type StaffAction =
  | { type: 'callback'; body: CallbackBody }
  | { type: 'verify'; body: VerifyBody }
  | { type: 'review'; body: ReviewBody }
  | { type: 'rectify'; body: RectifyBody }

export function createCaseService(deps: FeedbackDeps) {
  const { db, repo, clock, ids, audit, events, options, directory } = deps

  const payload = (c: CaseRow): CaseEventPayload => ({ caseId: c.id, type: 'rectification', departmentId: c.department_id, ratingId: c.rating_id, ...(c.resolution ? { resolution: c.resolution } : {}) })

  async function log(trx: Kysely<any>, c: CaseRow, action: string, from: string | null, actor: { id: string; name: string }, note: string | null): Promise<void> {
    await repo.insertLog(trx, { id: ids.next('flog'), case_id: c.id, action, from_status: from, to_status: c.status, actor_id: actor.id, actor_name: actor.name, note, at: clock.now() })
  }

  /** Writes `next` (version-guarded), its log row, audit and, when it closed, the closing event. */
  async function save(trx: Kysely<any>, before: CaseRow, next: CaseRow, action: string, actor: { id: string; name: string; kind: string }, note: string | null, requestId?: string): Promise<CaseRow> {
    if (!(await repo.updateCase(trx, next, before.version))) {
      const now = await repo.getCase(trx, before.id)
      throw new FeedbackError.VERSION_CONFLICT(before.id, now?.version ?? '?', before.version)
    }
    const saved = { ...next, version: before.version + 1 }
    await log(trx, saved, action, before.status, actor, note)
    await audit.append(trx, { actorId: actor.id, actorKind: actor.kind, action: `feedback.case.${action}`, targetType: 'feedback_case', targetId: before.id, requestId, detail: { from: before.status, to: saved.status, version: saved.version } })
    if (saved.status === 'closed' && before.status !== 'closed') await events.publish(trx, 'feedback.case.closed', saved.id, payload(saved), { requestId, actorId: actor.id })
    return saved
  }

  function refuse(c: CaseRow, action: CaseAction): never {
    const r = caseTransition(c.status as CaseStatus, action)
    if (r.ok) throw new Error('refuse called on an allowed transition')
    if (r.reason === 'CALLBACK_FIRST') throw new FeedbackError.CALLBACK_FIRST(c.id)
    if (r.reason === 'SAME_REVIEWER') throw new FeedbackError.SAME_REVIEWER()
    throw new FeedbackError.ILLEGAL_TRANSITION(action.type, c.status)
  }

  /**
   * The case if `c.principal` may work on it (either permission, and the department in `scope`);
   * 404 otherwise. The scope is resolved before any transaction opens: it may read identity's
   * departments through identity's own connection.
   */
  async function visible(tx: Kysely<any>, c: CallContext, id: string, scope: readonly string[] | undefined, need?: string): Promise<CaseRow> {
    const p = c.principal
    if (!can(p, HANDLE) && !can(p, REVIEW)) throw new CoreError.FORBIDDEN(HANDLE)
    const kase = await repo.getCase(tx, id)
    if (!kase || (scope && !scope.includes(kase.department_id))) throw new FeedbackError.CASE_NOT_FOUND(id)
    if (need && !can(p, need)) throw new CoreError.FORBIDDEN(need)
    return kase
  }

  async function view(c: CallContext, id: string): Promise<CaseView> {
    const kase = await visible(db, c, id, await directory.scopeOf(c.principal))
    const [rating, occ, entries] = await Promise.all([repo.getRating(db, kase.rating_id), repo.getOccurrence(db, kase.occurrence_id), repo.listLog(db, id)])
    const now = clock.now()
    const p = c.principal
    const actions = caseActions(kase.status as CaseStatus).filter((a) => (a === 'review' ? can(p, REVIEW) && kase.appealed_by !== p.id : can(p, HANDLE)))
    return {
      ...caseSummary(kase, rating!, await directory.departmentName(kase.department_id), now),
      ratingId: kase.rating_id, occurrenceId: kase.occurrence_id, applicationNumber: occ?.application_number ?? null,
      hallName: occ?.hall_id ? await directory.hallName(occ.hall_id) : null, windowNo: occ?.window_no ?? null, clerkName: occ?.clerk_name ?? null,
      servedAt: iso(occ?.served_at ?? kase.opened_at)!, comment: rating?.comment ?? null, tags: fromJson<string[]>(rating?.tags) ?? [],
      indicators: fromJson<Record<string, number>>(rating?.indicators) ?? {}, limitDays: kase.limit_days, warnAt: iso(kase.warn_at)!,
      callbackAttempts: kase.callback_attempts, calledBackAt: iso(kase.callback_at), callbackNote: kase.callback_note, finding: kase.finding, findingNote: kase.finding_note,
      appealReason: kase.appeal_reason, appealedBy: kase.appealed_by, reviewDecision: kase.review_decision, reviewNote: kase.review_note, measures: kase.measures,
      feedback: kase.feedback_text, rectifiedAt: iso(kase.rectified_at), onTime: kase.rectified_at === null ? null : kase.rectified_at <= kase.due_at,
      resultLevel: kase.result_score === null ? null : level(kase.result_score), resultComment: kase.result_comment, closedAt: iso(kase.closed_at),
      actions, timeline: timeline(entries),
    }
  }

  const QUEUE_STATUSES: Partial<Record<CaseQueue, readonly string[]>> = {
    active: ACTIVE_CASE_STATUSES, open: ['open'], 'called-back': ['called-back'], appealing: ['appealing'], rectifying: ['rectifying'], rectified: ['rectified'], closed: ['closed'],
  }

  /** Opens the case of bad rating `r` inside the rating's transaction. */
  async function openFor(trx: Kysely<any>, r: RatingRow, occ: OccurrenceRow, meta: WriteMeta): Promise<CaseRow> {
    const now = clock.now()
    const d = workingDeadline(now, options.rectifyDays)
    const kase: CaseRow = {
      id: ids.next('rec'), rating_id: r.id, occurrence_id: occ.id, department_id: occ.department_id, item_name: occ.item_name, person_id: occ.person_id,
      person_name: occ.person_name, score: r.score, status: 'open', resolution: null, version: 1, limit_days: options.rectifyDays, due_at: d.dueAt, warn_at: d.warnAt,
      callback_attempts: 0, callback_at: null, callback_by: null, callback_note: null, finding: null, finding_note: null, verified_by: null, verified_at: null,
      appeal_reason: null, appealed_by: null, review_decision: null, review_note: null, reviewed_by: null, reviewed_at: null, measures: null, feedback_text: null,
      rectified_by: null, rectified_at: null, result_score: null, result_comment: null, result_at: null, opened_at: now, opened_month: chinaDate(now).slice(0, 7),
      closed_at: null, updated_at: now,
    }
    await repo.insertCase(trx, kase)
    await log(trx, kase, 'open', null, SYSTEM, r.comment)
    await audit.append(trx, { actorId: SYSTEM.id, actorKind: 'system', action: 'feedback.case.opened', targetType: 'feedback_case', targetId: kase.id, requestId: meta.requestId, detail: { ratingId: r.id, departmentId: kase.department_id, dueAt: kase.due_at } })
    await events.publish(trx, 'feedback.case.opened', kase.id, payload(kase), { requestId: meta.requestId, actorId: meta.actorId })
    return kase
  }

  /** A queue of the caller's departments, deadline first. */
  async function list(c: CallContext, queue: CaseQueue, page: number, pageSize: number): Promise<CaseList> {
    const p = c.principal
    if (!can(p, HANDLE) && !can(p, REVIEW)) throw new CoreError.FORBIDDEN(HANDLE)
    const now = clock.now()
    const scope = await directory.scopeOf(p)
    const light = queue === 'warning' || queue === 'overdue' ? queue : undefined
    const r = await repo.findCases(db, { departmentIds: scope, statuses: queue === 'all' ? undefined : QUEUE_STATUSES[queue], light, now, page, pageSize })
    const ratings = new Map((await Promise.all(r.items.map((k) => repo.getRating(db, k.rating_id)))).map((x) => [x!.id, x!]))
    return { total: r.total, items: await Promise.all(r.items.map(async (k) => caseSummary(k, ratings.get(k.rating_id)!, await directory.departmentName(k.department_id), now))) }
  }

  return {
    view,
    openFor,

    /** Keeps the case in step with an amended rating: withdrawn when no longer bad, opened when it became bad. */
    async afterAmend(trx: Kysely<any>, before: RatingRow, after: RatingRow, occ: OccurrenceRow, meta: WriteMeta): Promise<void> {
      const kase = await repo.getCaseOfRating(trx, before.id)
      const actor = { id: meta.actorId, name: after.rater_name, kind: meta.actorKind }
      if (kase && kase.status !== 'closed') {
        const now = clock.now()
        if (!isBadScore(after.score)) {
          await save(trx, kase, { ...kase, status: 'closed', resolution: 'withdrawn', closed_at: now, updated_at: now }, 'withdraw', actor, '评价人修改了评价', meta.requestId)
        } else if (after.score !== kase.score) {
          await save(trx, kase, { ...kase, score: after.score, updated_at: now }, 'rescore', actor, null, meta.requestId)
        }
      } else if (!kase && isBadScore(after.score)) {
        await openFor(trx, after, occ, meta)
      }
    },

    /** Closes a rectified case whose person did not rate the result in time (sweep). */
    async expireResult(trx: Kysely<any>, kase: CaseRow): Promise<void> {
      const now = clock.now()
      await save(trx, kase, { ...kase, status: 'closed', resolution: 'rectified', closed_at: now, updated_at: now }, 'expire-result', { ...SYSTEM, kind: 'system' }, null)
    },

    /** A staff action on a case; 409 for a stale version or a step not possible now. */
    async act(c: CallContext, id: string, a: StaffAction): Promise<CaseView> {
      const scope = await directory.scopeOf(c.principal)
      await withTransaction(db, async (trx) => {
        const kase = await visible(trx, c, id, scope, a.type === 'review' ? REVIEW : HANDLE)
        if (kase.version !== a.body.version) throw new FeedbackError.VERSION_CONFLICT(id, kase.version, a.body.version)
        const p = c.principal
        const now = clock.now()
        let action: CaseAction
        let patch: Partial<CaseRow>
        switch (a.type) {
          case 'callback':
            action = { type: 'callback', reached: a.body.reached }
            patch = { callback_attempts: kase.callback_attempts + 1, ...(a.body.reached ? { callback_at: now, callback_by: p.id, callback_note: a.body.note } : {}) }
            break
          case 'verify':
            if (a.body.finding !== 'valid' && !a.body.appealReason) throw new FeedbackError.APPEAL_REASON_REQUIRED()
            action = { type: 'verify', finding: a.body.finding }
            patch = { finding: a.body.finding, finding_note: a.body.note, verified_by: p.id, verified_at: now, ...(a.body.finding !== 'valid' ? { appeal_reason: a.body.appealReason!, appealed_by: p.id } : {}) }
            break
          case 'review':
            action = { type: 'review', decision: a.body.decision, byAppellant: kase.appealed_by === p.id }
            patch = { review_decision: a.body.decision, review_note: a.body.note, reviewed_by: p.id, reviewed_at: now }
            break
          case 'rectify':
            action = { type: 'rectify' }
            patch = { measures: a.body.measures, feedback_text: a.body.feedback, rectified_by: p.id, rectified_at: now }
            break
        }
        const r = caseTransition(kase.status as CaseStatus, action)
        if (!r.ok) refuse(kase, action)
        const next: CaseRow = { ...kase, ...patch, status: r.status, resolution: r.resolution ?? kase.resolution, closed_at: r.status === 'closed' ? now : kase.closed_at, updated_at: now }
        const note = a.type === 'rectify' ? a.body.feedback : a.type === 'verify' && a.body.appealReason ? `${a.body.note}（申诉理由：${a.body.appealReason}）` : a.body.note
        const actionName = a.type === 'callback' && !a.body.reached ? 'callback-failed' : a.type === 'review' ? `review-${a.body.decision}` : a.type === 'verify' ? `verify-${a.body.finding}` : a.type
        await save(trx, kase, next, actionName, { id: p.id, name: p.name, kind: p.kind }, note, c.requestId)
        if (r.resolution === 'excluded') await repo.setExcluded(trx, kase.rating_id, true, now)
      })
      return view(c, id)
    },

    list,

    /** How many cases wait in each queue of the caller's departments. */
    async counts(c: CallContext): Promise<Record<string, number>> {
      const out: Record<string, number> = {}
      for (const q of ['active', 'open', 'called-back', 'appealing', 'rectifying', 'rectified', 'warning', 'overdue'] as const) out[q] = (await list(c, q, 1, 1)).total
      return out
    },

    /** The person rates the rectification (the case closes). */
    async rateResult(c: CallContext, id: string, body: ResultBody): Promise<void> {
      await withTransaction(db, async (trx) => {
        const kase = await repo.getCase(trx, id)
        if (!kase || kase.person_id !== c.principal.id) throw new FeedbackError.CASE_NOT_FOUND(id)
        if (kase.result_score !== null) throw new FeedbackError.RESULT_ALREADY_RATED(id)
        const r = caseTransition(kase.status as CaseStatus, { type: 'rate-result' })
        if (!r.ok) throw new FeedbackError.ILLEGAL_TRANSITION('rate-result', kase.status)
        const now = clock.now()
        const next: CaseRow = { ...kase, status: r.status, resolution: r.resolution!, result_score: levelScore(body.level), result_comment: body.comment?.trim() || null, result_at: now, closed_at: now, updated_at: now }
        await save(trx, kase, next, 'rate-result', { id: c.principal.id, name: c.principal.name, kind: c.principal.kind }, body.comment?.trim() || null, c.requestId)
      })
    },

    /** Rectified cases waiting longer than the result window (for the sweep). */
    listExpiredResults: (now: number) => repo.listUnratedRectified(db, now - options.resultDays * DAY_MS, 200),
  }
}

export type CaseService = ReturnType<typeof createCaseService>

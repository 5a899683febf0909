/**
 * The 办不成事 window: anyone registers a matter that could not be done (on the portal, from a
 * refused application of theirs with its facts filled in, or at a hall window through a clerk);
 * a coordinator classifies it (simple: the same working day; transferred ≤ 5; joint review ≤ 10;
 * hard ≤ 15 working days from registration), transfers it to departments, records the result,
 * feeds it back to the person, checks it and files it. Out-of-scope matters (涉法涉诉, 信访,
 * private disputes) are declined with an explanation and the right remedy: reported, not just
 * said. Every 否定答复 of the services module is listed here for review, and may be reopened as a
 * matter.
 */
import type { Kysely } from 'kysely'
import { fromJson, toJson } from '../../../core/db/dialect.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { CoreError } from '../../../core/errors.ts'
import { chinaDate } from '../../../lib/working-days.ts'
import { DECLINE_KINDS, TIERS } from '../catalog.ts'
import { workingDeadline } from '../deadlines.ts'
import { FeedbackError } from '../errors.ts'
import type { CaseEventPayload } from '../events.ts'
import type { MatterRow, NegativeReplyRow } from '../repo/index.ts'
import type {
  CheckBody, ClassifyBody, ConfirmBody, DeclineBody, FileBody, MatterFeedbackBody, MatterList, MatterQueue, MatterView,
  NegativeReplyQuerystring, RegisterMatterBody, ResolveBody, ReviewReplyBody, TransferBody, WindowMatterBody,
} from '../schema/matters.ts'
import { MATTER_CLOSED, matterActions, matterTransition, type MatterAction, type MatterStatus } from '../workflow.ts'
import { can, iso, type CallContext, type FeedbackDeps } from './context.ts'
import type { RatingService } from './ratings.ts'
import { isMatterClosed, matterSummary, negativeReplyView, timeline } from './views.ts'

const HANDLE = 'feedback:matter:handle'

export type MatterStaffAction =
  | { type: 'decline'; body: DeclineBody }
  | { type: 'classify'; body: ClassifyBody }
  | { type: 'transfer'; body: TransferBody }
  | { type: 'resolve'; body: ResolveBody }
  | { type: 'feedback'; body: MatterFeedbackBody }
  | { type: 'check'; body: CheckBody }
  | { type: 'file'; body: FileBody }

interface Person { id: string | null; name: string }

export function createMatterService(deps: FeedbackDeps, ratings: RatingService) {
  const { db, repo, clock, ids, audit, events, directory } = deps

  const payload = (m: MatterRow, resolution?: string): CaseEventPayload => ({ caseId: m.id, type: 'matter', departmentId: m.department_id, category: m.category, ...(resolution ? { resolution } : {}) })

  async function newNumber(trx: Kysely<any>, now: number): Promise<string> {
    const day = chinaDate(now).replace(/-/g, '')
    return `BBC${day}${String(await repo.nextSequence(trx, `matter:${day}`)).padStart(4, '0')}`
  }

  /** Inserts a matter with its first log row, audit and the opened event. */
  async function insert(trx: Kysely<any>, input: RegisterMatterBody, person: Person, source: string, c: CallContext, extra: Partial<MatterRow> = {}): Promise<MatterRow> {
    const now = clock.now()
    const row: MatterRow = {
      id: ids.next('bbc'), number: await newNumber(trx, now), source, application_id: input.applicationId ?? null, application_number: null, negative_reply_id: null,
      person_id: person.id, person_name: person.name, contact: input.contact ?? null, title: input.title.trim(), place: input.place.trim(), reason: input.reason.trim(),
      category: input.category, department_id: null, status: 'registered', version: 1, tier: null, limit_days: null, due_at: null, warn_at: null,
      coordinator_id: null, coordinator_name: null, department_ids: '[]', decline_kind: null, explanation: null, remedy: null, result: null, feedback_text: null,
      person_satisfied: null, person_comment: null, check_note: null, registered_by: c.principal.id, registered_at: now, registered_month: chinaDate(now).slice(0, 7),
      classified_at: null, resolved_at: null, fed_back_at: null, checked_at: null, closed_at: null, updated_at: now, ...extra,
    }
    await repo.insertMatter(trx, row)
    await repo.insertLog(trx, { id: ids.next('flog'), case_id: row.id, action: 'register', from_status: null, to_status: 'registered', actor_id: c.principal.id, actor_name: c.principal.name, note: null, at: now })
    await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'feedback.matter.registered', targetType: 'feedback_matter', targetId: row.id, requestId: c.requestId, detail: { number: row.number, source, category: row.category } })
    await events.publish(trx, 'feedback.case.opened', row.id, payload(row), { requestId: c.requestId, actorId: c.principal.id })
    return row
  }

  /** The matter if staff `c.principal` may see it (an `all` scope, its departments, or coordinating it); 404 otherwise. */
  async function visibleToStaff(tx: Kysely<any>, c: CallContext, id: string, scope: readonly string[] | undefined): Promise<MatterRow> {
    if (!can(c.principal, HANDLE)) throw new CoreError.FORBIDDEN(HANDLE)
    const m = await repo.getMatter(tx, id)
    if (!m) throw new FeedbackError.MATTER_NOT_FOUND(id)
    if (scope) {
      const deps = [m.department_id, ...fromJson<string[]>(m.department_ids)].filter((x): x is string => !!x)
      if (m.coordinator_id !== c.principal.id && !deps.some((d) => scope.includes(d))) throw new FeedbackError.MATTER_NOT_FOUND(id)
    }
    return m
  }

  async function view(m: MatterRow, forStaff: boolean): Promise<MatterView> {
    const now = clock.now()
    const departments = await Promise.all(fromJson<string[]>(m.department_ids).map(async (d) => ({ id: d, name: await directory.departmentName(d) })))
    return {
      ...matterSummary(m, now), applicationId: m.application_id, applicationNumber: m.application_number, place: m.place, reason: m.reason,
      contact: forStaff ? m.contact : null, departmentId: m.department_id, departments, declineKind: m.decline_kind as MatterView['declineKind'],
      explanation: m.explanation, remedy: m.remedy, result: forStaff || m.fed_back_at !== null ? m.result : null, feedback: m.feedback_text,
      personSatisfied: m.person_satisfied === null ? null : m.person_satisfied === 1, personComment: m.person_comment, checkNote: forStaff ? m.check_note : null,
      resolvedAt: iso(m.resolved_at), fedBackAt: iso(m.fed_back_at), closedAt: iso(m.closed_at),
      actions: forStaff ? matterActions(m.status as MatterStatus) : [], timeline: timeline(await repo.listLog(db, m.id)),
    }
  }

  const QUEUES: Partial<Record<MatterQueue, string[]>> = {
    active: ['registered', 'classified', 'transferred', 'resolved', 'fed-back', 'checked'], registered: ['registered'], classified: ['classified'],
    transferred: ['transferred'], resolved: ['resolved'], 'fed-back': ['fed-back'], checked: ['checked'], closed: ['filed', 'declined'],
  }

  return {
    /** The person registers a matter on the portal; with `applicationId`, one of their own applications (its refusal is linked). */
    async register(c: CallContext, body: RegisterMatterBody): Promise<MatterView> {
      let extra: Partial<MatterRow> = {}
      if (body.applicationId) {
        const app = await ratings.ownApplication(c, body.applicationId)
        const neg = await repo.getNegativeReplyOfApplication(db, app.id)
        extra = { application_number: app.number, department_id: app.departmentId, negative_reply_id: neg?.id ?? null }
      }
      const m = await withTransaction(db, (trx) => insert(trx, body, { id: c.principal.id, name: c.principal.name }, body.applicationId ? 'application' : 'portal', c, extra))
      return view(m, false)
    },

    /** A clerk registers a matter for a visitor at the window. */
    async registerAtWindow(c: CallContext, body: WindowMatterBody): Promise<MatterView> {
      const { personName, personId, ...rest } = body
      const department = await directory.departmentCodeOf(c.principal)
      const m = await withTransaction(db, (trx) => insert(trx, rest, { id: personId ?? null, name: personName }, 'window', c, { department_id: department ?? null }))
      return view(m, true)
    },

    async listMine(c: CallContext): Promise<MatterList> {
      const items = await repo.listMattersOfPerson(db, c.principal.id)
      const now = clock.now()
      return { total: items.length, items: items.map((m) => matterSummary(m, now)) }
    },

    async mine(c: CallContext, id: string): Promise<MatterView> {
      const m = await repo.getMatter(db, id)
      if (!m || m.person_id !== c.principal.id) throw new FeedbackError.MATTER_NOT_FOUND(id)
      return view(m, false)
    },

    /** The person says whether the result fed back solved it (once, after the feedback). */
    async confirm(c: CallContext, id: string, body: ConfirmBody): Promise<MatterView> {
      await withTransaction(db, async (trx) => {
        const m = await repo.getMatter(trx, id)
        if (!m || m.person_id !== c.principal.id) throw new FeedbackError.MATTER_NOT_FOUND(id)
        if (m.fed_back_at === null || m.person_satisfied !== null) throw new FeedbackError.ILLEGAL_TRANSITION('confirm', m.status)
        const now = clock.now()
        const next = { ...m, person_satisfied: body.satisfied ? 1 : 0, person_comment: body.comment?.trim() || null, updated_at: now }
        if (!(await repo.updateMatter(trx, next, m.version))) throw new FeedbackError.VERSION_CONFLICT(m.number, '?', m.version)
        await repo.insertLog(trx, { id: ids.next('flog'), case_id: id, action: body.satisfied ? 'confirm-satisfied' : 'confirm-unsatisfied', from_status: m.status, to_status: m.status, actor_id: c.principal.id, actor_name: c.principal.name, note: next.person_comment, at: now })
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'feedback.matter.confirmed', targetType: 'feedback_matter', targetId: id, requestId: c.requestId, detail: { satisfied: body.satisfied } })
      })
      return view((await repo.getMatter(db, id))!, false)
    },

    async get(c: CallContext, id: string): Promise<MatterView> {
      return view(await visibleToStaff(db, c, id, await directory.scopeOf(c.principal)), true)
    },

    async list(c: CallContext, queue: MatterQueue, page: number, pageSize: number): Promise<MatterList> {
      if (!can(c.principal, HANDLE)) throw new CoreError.FORBIDDEN(HANDLE)
      const now = clock.now()
      const scope = await directory.scopeOf(c.principal)
      const light = queue === 'warning' || queue === 'overdue' ? queue : undefined
      const r = await repo.findMatters(db, { departmentIds: scope, coordinatorId: c.principal.id, statuses: queue === 'all' ? undefined : QUEUES[queue], light, now, page, pageSize })
      return { total: r.total, items: r.items.map((m) => matterSummary(m, now)) }
    },

    /** A coordinator's step in the closed loop; 409 for a stale version or a step not possible now. */
    async act(c: CallContext, id: string, a: MatterStaffAction): Promise<MatterView> {
      // Names and scope first: inside the transaction nothing may read through another module's connection.
      const scope = await directory.scopeOf(c.principal)
      const names = a.type === 'transfer' ? await Promise.all(a.body.departmentIds.map((d) => directory.departmentName(d))) : []
      await withTransaction(db, async (trx) => {
        const m = await visibleToStaff(trx, c, id, scope)
        if (m.version !== a.body.version) throw new FeedbackError.VERSION_CONFLICT(m.number, m.version, a.body.version)
        const action: MatterAction = a.type === 'check' ? { type: 'check', passed: a.body.passed } : { type: a.type }
        const to = matterTransition(m.status as MatterStatus, action)
        if (!to) throw new FeedbackError.ILLEGAL_TRANSITION(a.type, m.status)
        const now = clock.now()
        const p = c.principal
        let patch: Partial<MatterRow> = {}
        let note: string | null = null
        switch (a.type) {
          case 'decline': {
            const remedy = a.body.remedy?.trim() || DECLINE_KINDS[a.body.kind].remedy
            if (!remedy) throw new CoreError.VALIDATION('remedy is required for this kind', { errors: [{ path: '/remedy', code: 'required', message: '请说明救济途径' }] })
            patch = { decline_kind: a.body.kind, explanation: a.body.explanation, remedy, feedback_text: `${a.body.explanation}\n${remedy}`, fed_back_at: now, closed_at: now }
            note = a.body.explanation
            break
          }
          case 'classify': {
            const days = TIERS[a.body.tier]
            const d = workingDeadline(m.registered_at, days)
            patch = { tier: a.body.tier, limit_days: days, due_at: d.dueAt, warn_at: d.warnAt, classified_at: now, coordinator_id: a.body.coordinatorId ?? p.id, coordinator_name: a.body.coordinatorName ?? p.name }
            note = a.body.note ?? null
            break
          }
          case 'transfer': {
            if (!a.body.departmentIds.length) throw new FeedbackError.DEPARTMENTS_REQUIRED()
            patch = { department_ids: toJson(a.body.departmentIds), department_id: m.department_id ?? a.body.departmentIds[0]! }
            note = `${names.join('、')}：${a.body.note}`
            break
          }
          case 'resolve': patch = { result: a.body.result, resolved_at: now }; note = a.body.result; break
          case 'feedback': patch = { feedback_text: a.body.feedback, fed_back_at: now }; note = a.body.feedback; break
          case 'check': patch = { check_note: a.body.note, ...(a.body.passed ? { checked_at: now } : { resolved_at: null, fed_back_at: null }) }; note = a.body.note; break
          case 'file': patch = { closed_at: now }; note = a.body.note ?? null; break
        }
        const next: MatterRow = { ...m, ...patch, status: to, updated_at: now }
        if (!(await repo.updateMatter(trx, next, m.version))) throw new FeedbackError.VERSION_CONFLICT(m.number, '?', m.version)
        const actionName = a.type === 'check' ? (a.body.passed ? 'check-passed' : 'check-failed') : a.type
        await repo.insertLog(trx, { id: ids.next('flog'), case_id: id, action: actionName, from_status: m.status, to_status: to, actor_id: p.id, actor_name: p.name, note, at: now })
        await audit.append(trx, { actorId: p.id, actorKind: p.kind, action: `feedback.matter.${actionName}`, targetType: 'feedback_matter', targetId: id, requestId: c.requestId, detail: { from: m.status, to, version: m.version + 1 } })
        if (MATTER_CLOSED.has(to)) await events.publish(trx, 'feedback.case.closed', id, payload(next, to === 'filed' ? 'filed' : 'declined'), { requestId: c.requestId, actorId: p.id })
      })
      return view((await repo.getMatter(db, id))!, true)
    },

    /** Records a 否定答复 reported by the services module (idempotent per application). */
    async recordNegativeReply(trx: Kysely<any>, row: NegativeReplyRow): Promise<boolean> {
      return repo.insertNegativeReply(trx, row)
    },

    async listNegativeReplies(c: CallContext, q: NegativeReplyQuerystring) {
      if (!can(c.principal, HANDLE)) throw new CoreError.FORBIDDEN(HANDLE)
      const scope = await directory.scopeOf(c.principal)
      const r = await repo.findNegativeReplies(db, { status: q.status, departmentIds: scope, page: q.page ?? 1, pageSize: q.pageSize ?? 20 })
      return { total: r.total, items: await Promise.all(r.items.map(async (n) => negativeReplyView(n, await directory.departmentName(n.department_id)))) }
    },

    /** Reviews a 否定答复: upheld, or reopened as a 办不成事 matter for the applicant. */
    async reviewNegativeReply(c: CallContext, id: string, body: ReviewReplyBody) {
      if (!can(c.principal, HANDLE)) throw new CoreError.FORBIDDEN(HANDLE)
      const scope = await directory.scopeOf(c.principal)
      const seen = await repo.getNegativeReply(db, id)
      const place = seen ? await directory.departmentName(seen.department_id) : ''
      await withTransaction(db, async (trx) => {
        const n = await repo.getNegativeReply(trx, id)
        if (!n || (scope && !scope.includes(n.department_id))) throw new FeedbackError.NEGATIVE_REPLY_NOT_FOUND(id)
        if (n.status !== 'pending') throw new FeedbackError.ALREADY_REVIEWED(id)
        let matterId: string | null = null
        if (body.decision === 'reopen') {
          const m = await insert(trx, {
            title: `${n.item_name}（${n.kind === 'refused' ? '不予许可' : '不予受理'}复查）`, place,
            reason: `否定答复理由：${n.reason}\n核查意见：${body.note}`, category: 'other', applicationId: n.application_id,
          }, { id: n.applicant_id, name: n.applicant_name }, 'negative-reply', c, { application_number: n.application_number, department_id: n.department_id, negative_reply_id: n.id })
          matterId = m.id
        }
        const ok = await repo.reviewNegativeReply(trx, id, { status: body.decision === 'reopen' ? 'reopened' : 'upheld', matter_id: matterId, review_note: body.note, reviewed_by: c.principal.id, reviewed_at: clock.now() })
        if (!ok) throw new FeedbackError.ALREADY_REVIEWED(id)
        await audit.append(trx, { actorId: c.principal.id, actorKind: c.principal.kind, action: 'feedback.negative-reply.reviewed', targetType: 'feedback_negative_reply', targetId: id, requestId: c.requestId, detail: { decision: body.decision, matterId } })
      })
      const n = (await repo.getNegativeReply(db, id))!
      return negativeReplyView(n, await directory.departmentName(n.department_id))
    },

    isClosed: isMatterClosed,
  }
}

export type MatterService = ReturnType<typeof createMatterService>

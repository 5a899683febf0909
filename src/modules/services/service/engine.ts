/**
 * Runs one workflow transition inside the caller's transaction: the pure state machine decides,
 * then the application row (guarded by its version), the transition record, the audit row, the
 * outbox events and, for refusals, the negative reply (否定答复) are written together. A bundle
 * child that finishes moves its bundle on in the same transaction.
 */
import type { Kysely } from 'kysely'
import type { Principal } from '../../../core/http/auth.ts'
import { applyClockEffects, deadlineOf } from '../deadline.ts'
import { ServicesError } from '../errors.ts'
import type { ApplicationEventPayload } from '../events.ts'
import type { ApplicationRecord, ApplicationResult } from '../repo/index.ts'
import type { WorkflowStep } from '../schema/catalog.ts'
import { transition, TERMINAL, type Action, type Actor, type Effect, type WorkflowState } from '../workflow.ts'
import type { CallContext, ServicesDeps } from './context.ts'

/** Effects that are published as `services.application.<effect>` events. */
const EVENT_EFFECTS: ReadonlySet<Effect> = new Set(['submitted', 'resubmitted', 'withdrawn', 'accepted', 'rejected', 'correction-requested', 'step-advanced', 'returned', 'transferred', 'approved', 'refused', 'completed'])

export interface TransitionOptions {
  expectedVersion: number
  comment?: string
  /** Display name of the new assignee on transfer. */
  assigneeName?: string
  result?: ApplicationResult
  formData?: Record<string, unknown>
  /** Acting as the applicant on their behalf (bundle fan-out). */
  system?: boolean
  /** Do not move the bundle on (the bundle logic itself withdrawing the rest). */
  skipBundle?: boolean
}

export const stateOf = (a: ApplicationRecord): WorkflowState => ({ status: a.status, stepIndex: a.stepIndex, assigneeId: a.assigneeId, signatures: a.signatures })

export function eventPayload(a: ApplicationRecord, reason?: string): ApplicationEventPayload {
  return {
    applicationId: a.id, number: a.number, itemId: a.itemId, itemName: a.itemName, applicantId: a.applicantId, departmentId: a.departmentId,
    status: a.status, stepIndex: a.stepIndex, bundleId: a.parentId, ...(reason ? { reason } : {}),
  }
}

export function createEngine(deps: ServicesDeps) {
  const { repo, clock, ids, audit, events } = deps

  /** The approval steps of the item version an application was made against. */
  async function stepsOf(db: Kysely<any>, a: ApplicationRecord): Promise<WorkflowStep[]> {
    if (!a.itemId || !a.itemVersion) return []
    return (await repo.catalog.getVersionData(db, a.itemId, a.itemVersion))?.workflow ?? []
  }

  function refusal(reason: string, a: ApplicationRecord, action: Action): Error {
    switch (reason) {
      case 'NOT_CLAIMED': return new ServicesError.NOT_CLAIMED(a.number)
      case 'CLAIMED_BY_OTHER': return new ServicesError.CLAIMED_BY_OTHER(a.number, a.assigneeName ?? a.assigneeId)
      case 'ALREADY_SIGNED': return new ServicesError.ALREADY_SIGNED(a.number)
      case 'BAD_STEP': return new ServicesError.BAD_STEP(action.type === 'return' ? action.toStep ?? a.stepIndex - 1 : a.stepIndex)
      case 'BAD_ASSIGNEE': return new ServicesError.BAD_ASSIGNEE(action.type === 'transfer' ? action.to : '')
      default: return new ServicesError.ILLEGAL_TRANSITION(action.type, a.status)
    }
  }

  /**
   * Applies `action` to `a` by `principal` inside `trx`. Throws SVC_VERSION_CONFLICT when the row
   * changed since `expectedVersion`, and the state machine's refusal otherwise; writes nothing then.
   */
  async function apply(trx: Kysely<any>, a: ApplicationRecord, action: Action, principal: Principal, c: CallContext, o: TransitionOptions): Promise<ApplicationRecord> {
    if (a.version !== o.expectedVersion) throw new ServicesError.VERSION_CONFLICT(a.number, a.version, o.expectedVersion)
    const actor: Actor = { id: principal.id, role: o.system || a.applicantId === principal.id && ['submit', 'resubmit', 'withdraw'].includes(action.type) ? 'applicant' : 'staff' }
    if (o.system) actor.id = a.applicantId
    const steps = await stepsOf(trx, a)
    const r = transition(stateOf(a), action, actor, steps)
    if (!r.ok) throw refusal(r.reason, a, action)
    const now = clock.now()
    const clockState = applyClockEffects(a.clock, r.effects, now)
    const deadline = deadlineOf(clockState)
    const has = (e: Effect) => r.effects.includes(e)
    const assigneeChanged = r.state.assigneeId !== a.assigneeId
    const next: ApplicationRecord = {
      ...a,
      status: r.state.status, stepIndex: r.state.stepIndex, assigneeId: r.state.assigneeId, signatures: [...r.state.signatures],
      assigneeName: !assigneeChanged ? a.assigneeName : r.state.assigneeId === null ? null : action.type === 'transfer' ? (o.assigneeName ?? r.state.assigneeId) : principal.name,
      clock: clockState, dueAt: deadline?.dueAt ?? null, warnAt: deadline?.warnAt ?? null,
      formData: o.formData ?? a.formData, version: a.version + 1, updatedAt: now,
      submittedAt: has('submitted') ? now : a.submittedAt,
      acceptedAt: has('accepted') ? now : a.acceptedAt,
      completedAt: has('completed') || r.state.status === 'withdrawn' ? now : a.completedAt,
      result: o.result ?? (TERMINAL.has(r.state.status) ? { outcome: r.state.status as ApplicationResult['outcome'] } : a.result),
    }
    if (!(await repo.applications.update(trx, next, o.expectedVersion))) {
      const current = await repo.applications.get(trx, a.id)
      throw new ServicesError.VERSION_CONFLICT(a.number, current?.version ?? '?', o.expectedVersion)
    }
    const actorName = o.system ? '系统' : principal.name
    await repo.applications.insertTransition(trx, next.id, {
      id: ids.next('trn'), action: action.type, from_status: a.status, to_status: next.status, step_index: a.stepIndex,
      actor_id: o.system ? 'system:services' : principal.id, actor_name: actorName, comment: o.comment ?? o.result?.reason ?? null, at: now,
    })
    await audit.append(trx, {
      actorId: o.system ? 'system:services' : principal.id, actorKind: o.system ? 'system' : principal.kind, action: `services.application.${action.type}`,
      targetType: 'services_application', targetId: a.id, requestId: c.requestId,
      detail: { number: a.number, from: a.status, to: next.status, step: a.stepIndex, version: next.version },
    })
    for (const e of r.effects) {
      if (!EVENT_EFFECTS.has(e)) continue
      await events.publish(trx, `services.application.${e}`, a.id, eventPayload(next, o.result?.reason), { requestId: c.requestId, actorId: principal.id })
    }
    if ((has('rejected') || has('refused')) && o.result) {
      await repo.applications.insertNegativeReply(trx, {
        id: ids.next('neg'), applicationId: a.id, itemId: a.itemId, kind: next.status, reason: o.result.reason ?? '', remedy: o.result.remedy ?? '',
        legalBasis: o.result.legalBasis ?? null, actorId: principal.id, at: now,
      })
    }
    if (TERMINAL.has(next.status) && next.parentId && !o.skipBundle) await advanceBundle(trx, next, principal, c)
    return next
  }

  /** After a bundle child finished: start the next child (in order), and close the bundle when all are done. */
  async function advanceBundle(trx: Kysely<any>, child: ApplicationRecord, principal: Principal, c: CallContext): Promise<void> {
    const parent = await repo.applications.get(trx, child.parentId!)
    if (!parent || TERMINAL.has(parent.status)) return
    const children = await repo.applications.listChildren(trx, parent.id)
    const waiting = children.filter((x) => x.status === 'waiting')
    if (waiting.length) {
      const nextChild = waiting[0]!
      if (child.status === 'approved') await apply(trx, nextChild, { type: 'submit' }, principal, c, { expectedVersion: nextChild.version, system: true })
      else for (const w of waiting) await apply(trx, w, { type: 'withdraw' }, principal, c, { expectedVersion: w.version, system: true, skipBundle: true, comment: '前序事项未获批准，本事项不再办理' })
    }
    const after = await repo.applications.listChildren(trx, parent.id)
    if (!after.every((x) => TERMINAL.has(x.status))) return
    const now = clock.now()
    const status = after.every((x) => x.status === 'approved') ? 'approved' : 'refused'
    const done: ApplicationRecord = { ...parent, status, version: parent.version + 1, updatedAt: now, completedAt: now, clock: applyClockEffects(parent.clock, ['clock-stop'], now), result: { outcome: status } }
    if (!(await repo.applications.update(trx, done, parent.version))) throw new ServicesError.VERSION_CONFLICT(parent.number, '?', parent.version)
    await repo.applications.insertTransition(trx, parent.id, { id: ids.next('trn'), action: 'complete', from_status: parent.status, to_status: status, step_index: -1, actor_id: 'system:services', actor_name: '系统', comment: null, at: now })
    await audit.append(trx, { actorId: 'system:services', actorKind: 'system', action: 'services.bundle.completed', targetType: 'services_application', targetId: parent.id, requestId: c.requestId, detail: { outcome: status } })
    await events.publish(trx, 'services.bundle.completed', parent.id, eventPayload(done), { requestId: c.requestId, actorId: principal.id })
  }

  return { apply, stepsOf }
}

export type Engine = ReturnType<typeof createEngine>

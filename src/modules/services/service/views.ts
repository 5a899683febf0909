import type { Principal } from '../../../core/http/auth.ts'
import { can } from '../../../core/http/auth.ts'
import { warningOf, workingDaysLeft } from '../deadline.ts'
import type { ApplicationRecord, MaterialRecord, TransitionRecord } from '../repo/index.ts'
import type { ApplicationSummary, ApplicationView } from '../schema/applications.ts'
import type { FormDefinition, Material, WorkflowStep } from '../schema/catalog.ts'
import { availableActions, permissionFor } from '../workflow.ts'
import { iso } from './context.ts'

/** The short form of an application used in lists and queues. */
export function toSummary(a: ApplicationRecord, now: number): ApplicationSummary {
  return {
    id: a.id, number: a.number, kind: a.kind, itemId: a.itemId, itemName: a.itemName, bundleCode: a.bundleCode, applicantName: a.applicantName,
    departmentId: a.departmentId, divisionCode: a.divisionCode, status: a.status, stepIndex: a.stepIndex, assigneeId: a.assigneeId,
    assigneeName: a.assigneeName, version: a.version, warning: warningOf(a.clock, now), dueAt: iso(a.dueAt), createdAt: iso(a.createdAt)!,
    submittedAt: iso(a.submittedAt), completedAt: iso(a.completedAt),
  }
}

export interface ViewInput {
  app: ApplicationRecord
  form: FormDefinition
  materials: readonly Material[]
  steps: readonly WorkflowStep[]
  provided: readonly MaterialRecord[]
  timeline: readonly TransitionRecord[]
  children: readonly ApplicationRecord[]
  principal: Principal
  /** The principal is the applicant (else staff). */
  asApplicant: boolean
  now: number
}

/** What the principal may do with the application now (state machine × permissions × ownership). */
export function actionsFor(a: ApplicationRecord, steps: readonly WorkflowStep[], p: Principal, asApplicant: boolean): string[] {
  if (a.parentId && asApplicant) return [] // bundle children move with their bundle
  const own = asApplicant ? availableActions({ status: a.status, stepIndex: a.stepIndex, assigneeId: a.assigneeId, signatures: a.signatures }, { id: p.id, role: 'applicant' }, steps) : []
  const editable = asApplicant && (a.status === 'draft' || a.status === 'correction') ? ['edit'] : []
  const needed = permissionFor(a.status)
  const staff = a.kind === 'item' && needed && can(p, needed)
    ? availableActions({ status: a.status, stepIndex: a.stepIndex, assigneeId: a.assigneeId, signatures: a.signatures }, { id: p.id, role: 'staff' }, steps)
    : []
  return [...editable, ...own, ...staff]
}

/** The full application as its applicant or a staff member sees it. */
export function toView(v: ViewInput): ApplicationView {
  const { app: a, now } = v
  const byCode = new Map(v.provided.map((m) => [m.code, m]))
  return {
    ...toSummary(a, now),
    itemVersion: a.itemVersion, parentId: a.parentId, applicantId: a.applicantId,
    stepName: a.stepIndex >= 0 ? v.steps[a.stepIndex]?.name ?? null : null, steps: [...v.steps],
    signatures: v.asApplicant ? [] : a.signatures,
    assigneeId: v.asApplicant ? null : a.assigneeId,
    form: v.form, formData: a.formData,
    materials: v.materials.map((m) => {
      const p = byCode.get(m.code)
      return {
        code: m.code, name: m.name, required: m.required, source: m.source, licenceType: m.licenceType ?? null, accept: m.accept, maxSizeMb: m.maxSizeMb,
        provided: p ? (p.byLicence ? 'licence' : 'file') : null, fileName: p?.fileName ?? null, mime: p?.mime ?? null, size: p?.size ?? null, hash: p?.objectHash ?? null,
      }
    }),
    deadline: {
      limitDays: a.clock.limitDays, startedAt: iso(a.clock.startedAt), dueAt: iso(a.dueAt), warnAt: iso(a.warnAt), pausedDays: a.clock.pausedDays,
      paused: a.clock.pausedAt !== null, warning: warningOf(a.clock, now), workingDaysLeft: a.clock.stoppedAt === null ? workingDaysLeft(a.clock, now) ?? null : null,
    },
    result: a.result,
    timeline: v.timeline.map((t) => ({ action: t.action, fromStatus: t.fromStatus, toStatus: t.toStatus, stepIndex: t.stepIndex, actorName: t.actorName, comment: t.comment, at: iso(t.at)! })),
    children: v.children.map((c) => toSummary(c, now)),
    actions: actionsFor(a, v.steps, v.principal, v.asApplicant),
    updatedAt: iso(a.updatedAt)!, acceptedAt: iso(a.acceptedAt),
  }
}

/**
 * The officers' side: work queues, claim-before-act, acceptance decisions (受理 / 不予受理 / 补正),
 * approval steps (approve, countersign, refuse, return, transfer), overdue lists and statistics.
 */
import { withTransaction } from '../../../core/db/transaction.ts'
import { CoreError } from '../../../core/errors.ts'
import { can } from '../../../core/http/auth.ts'
import { ServicesError } from '../errors.ts'
import type { ApplicationResult } from '../repo/index.ts'
import type { ApplicationView, QueueName } from '../schema/applications.ts'
import { permissionFor, type Action, type ApplicationStatus } from '../workflow.ts'
import { isApplicationStaff, visibleDepartments, type CallContext, type ServicesDeps } from './context.ts'
import type { ApplicationService } from './applications.ts'
import type { Engine } from './engine.ts'
import { toSummary } from './views.ts'

export interface StaffActInput {
  version: number
  comment?: string
  reason?: string
  remedy?: string
  legalBasis?: string
  toStep?: number
  assigneeId?: string
  assigneeName?: string
  materials?: string[]
}

const DEFAULT_REMEDY = '如对本决定不服，可自收到本决定之日起六十日内依法申请行政复议，或者六个月内依法提起行政诉讼；补齐材料后亦可重新申请。'
const ACTIVE_WORK: ApplicationStatus[] = ['submitted', 'reviewing']

export function createActionService(deps: ServicesDeps, engine: Engine, applications: ApplicationService) {
  const { db, repo, clock } = deps

  function assertStaff(c: CallContext): void {
    if (!isApplicationStaff(c.principal)) throw new CoreError.FORBIDDEN('services:application:read')
  }

  /**
   * Performs a staff action: 404 when the application is not visible to the principal, 403 when
   * its stage needs a permission they lack, 409 on a stale version or an illegal transition.
   */
  async function act(c: CallContext, id: string, type: Action['type'], input: StaffActInput): Promise<ApplicationView> {
    // Resolved before the transaction: the directory may read identity's departments, and on SQLite
    // the transaction holds the only connection.
    const scope = await visibleDepartments(deps, c.principal)
    await withTransaction(db, async (trx) => {
      const app = await repo.applications.get(trx, id)
      if (!app || app.kind !== 'item' || app.status === 'draft' || !isApplicationStaff(c.principal) || (scope && !scope.includes(app.departmentId))) throw new ServicesError.APPLICATION_NOT_FOUND(id)
      const needed = permissionFor(app.status)
      if (needed && !can(c.principal, needed)) throw new ServicesError.FORBIDDEN_ACTION(type)
      const action: Action = type === 'return' ? { type, toStep: input.toStep } : type === 'transfer' ? { type, to: input.assigneeId ?? '' } : { type } as Action
      let result: ApplicationResult | undefined
      if (type === 'reject') result = { outcome: 'rejected', reason: input.reason, remedy: input.remedy ?? DEFAULT_REMEDY, ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}) }
      if (type === 'refuse') result = { outcome: 'refused', reason: input.reason, remedy: input.remedy, ...(input.legalBasis ? { legalBasis: input.legalBasis } : {}) }
      if (type === 'approve') {
        const steps = await engine.stepsOf(trx, app)
        const last = app.stepIndex === steps.length - 1
        const v = app.itemId && app.itemVersion ? await repo.catalog.getVersionData(trx, app.itemId, app.itemVersion) : undefined
        const step = steps[app.stepIndex]
        const signaturesLeft = step?.kind === 'countersign' ? (step.signers ?? 2) - app.signatures.length - 1 : 0
        if (last && signaturesLeft <= 0) result = { outcome: 'approved', documents: [{ name: v?.resultName ?? '准予许可决定书', number: `${app.number}-01` }] }
      }
      const comment = type === 'request-correction'
        ? [input.reason, input.materials?.length ? `（需补正材料：${input.materials.join('、')}）` : ''].join('')
        : input.comment
      await engine.apply(trx, app, action, c.principal, c, { expectedVersion: input.version, comment, assigneeName: input.assigneeName, result })
    })
    return applications.view(c, id)
  }

  const queueFilter = async (name: QueueName, c: CallContext, now: number) => {
    const departmentIds = await visibleDepartments(deps, c.principal)
    switch (name) {
      case 'acceptance': return { statuses: ['submitted'] as ApplicationStatus[], departmentIds, order: 'submitted' as const }
      case 'review': return { statuses: ['reviewing'] as ApplicationStatus[], departmentIds, order: 'submitted' as const }
      case 'mine': return { statuses: ACTIVE_WORK, departmentIds, assigneeId: c.principal.id, order: 'due' as const }
      case 'correction': return { statuses: ['correction'] as ApplicationStatus[], departmentIds, order: 'submitted' as const }
      case 'warning': return { statuses: ACTIVE_WORK, departmentIds, warnBefore: now, dueAfter: now, order: 'due' as const }
      case 'overdue': return { statuses: ACTIVE_WORK, departmentIds, dueBefore: now, order: 'due' as const }
      case 'done': return { statuses: ['approved', 'refused', 'rejected'] as ApplicationStatus[], departmentIds, order: 'completed' as const }
    }
  }

  const QUEUES: QueueName[] = ['acceptance', 'review', 'mine', 'correction', 'warning', 'overdue', 'done']

  return {
    act,

    /** One work queue, oldest first (deadline first for mine / warning / overdue). */
    async queue(c: CallContext, name: QueueName, page = 1, pageSize = 20) {
      assertStaff(c)
      const now = clock.now()
      const r = await repo.applications.queue(db, { ...await queueFilter(name, c, now), page, pageSize })
      return { total: r.total, items: r.items.map((a) => toSummary(a, now)) }
    },

    /** How many applications wait in each queue. */
    async queueCounts(c: CallContext): Promise<Record<string, number>> {
      assertStaff(c)
      const now = clock.now()
      const out: Record<string, number> = {}
      for (const q of QUEUES) out[q] = (await repo.applications.queue(db, { ...await queueFilter(q, c, now), page: 1, pageSize: 1 })).total
      return out
    },

    /** Counts, on-time rate and average handling time, overall, per department and per item. */
    async stats(c: CallContext, from?: number, to?: number) {
      assertStaff(c)
      const departmentIds = await visibleDepartments(deps, c.principal)
      const now = clock.now()
      const names = new Map(deps.search.departments().map((d) => [d.id, d.name]))
      const shape = (r: Awaited<ReturnType<typeof repo.applications.stats>>[number], label = r.key) => ({
        key: r.key, label, submitted: r.submitted, completed: r.completed, approved: r.approved, refused: r.refused, rejected: r.rejected,
        onTimeRate: r.withDue ? Math.round((r.onTime / r.withDue) * 1000) / 1000 : null,
        avgHandlingHours: r.avgMs === null ? null : Math.round((r.avgMs / 3_600_000) * 10) / 10,
      })
      const [totals, byDepartment, byItem] = await Promise.all([
        repo.applications.stats(db, { from, to, departmentIds }, 'none'),
        repo.applications.stats(db, { from, to, departmentIds }, 'department_id'),
        repo.applications.stats(db, { from, to, departmentIds }, 'item_name'),
      ])
      const count = async (q: QueueName) => (await repo.applications.queue(db, { ...await queueFilter(q, c, now), page: 1, pageSize: 1 })).total
      return {
        totals: totals[0] ? shape(totals[0]) : { key: 'all', label: 'all', submitted: 0, completed: 0, approved: 0, refused: 0, rejected: 0, onTimeRate: null, avgHandlingHours: null },
        active: (await repo.applications.queue(db, { statuses: ['submitted', 'correction', 'reviewing'], departmentIds, order: 'submitted', page: 1, pageSize: 1 })).total,
        warning: await count('warning'),
        overdue: await count('overdue'),
        byDepartment: byDepartment.map((r) => shape(r, names.get(r.key) ?? r.key)),
        byItem: byItem.map((r) => shape(r)),
      }
    },
  }
}

export type ActionService = ReturnType<typeof createActionService>

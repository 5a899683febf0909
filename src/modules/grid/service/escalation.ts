import { withTransaction } from '../../../core/db/transaction.ts'
import { toJson } from '../../../core/db/dialect.ts'
import { parentCodeOf } from '../codes.ts'
import { STAGE_OF, type EventStatus } from '../workflow.ts'
import type { GridEventRecord } from '../repo/events.ts'
import { publish, type GridDeps } from './context.ts'

/** Who the sweep acts as in the log, the audit trail and the outbox. */
export const ESCALATION_ACTOR = 'system:grid-escalation'
/** How often the running server sweeps, unless `GRID_ESCALATION_SWEEP_SECONDS` says otherwise (0: never). */
export const DEFAULT_SWEEP_SECONDS = 60
/** Levels above the unit grid, in order: level 1 is the community, 2 the town, 3 the city. */
export const ESCALATION_LEVELS = ['community', 'town', 'city'] as const
export type EscalationLevelName = (typeof ESCALATION_LEVELS)[number]

const BATCH = 200
const TIMED: EventStatus[] = (Object.keys(STAGE_OF) as EventStatus[]).filter((s) => STAGE_OF[s] !== null)

/**
 * The level an overdue stage has reached at `now`: 1 (community) once its deadline passed, 2 (town)
 * once it ran over by one more full stage limit, 3 (city) by two. 0 while on time. Pure.
 */
export function escalationLevelAt(e: Pick<GridEventRecord, 'stageStartedAt' | 'stageDueAt'>, now: number): number {
  if (e.stageDueAt === null || now <= e.stageDueAt) return 0
  const limit = Math.max(e.stageDueAt - e.stageStartedAt, 60_000)
  return Math.min(1 + Math.floor((now - e.stageDueAt) / limit), ESCALATION_LEVELS.length)
}

/** The grid code `level` steps above a unit grid (community, town, city); null when the code has no such ancestor. */
export function escalationTarget(unitCode: string | null, level: number): string | null {
  let code: string | undefined = unitCode ?? undefined
  for (let i = 0; i < level && code; i++) code = parentCodeOf(code)
  return code ?? null
}

export interface SweepResult { escalated: Array<{ id: string; level: number; gridCode: string | null }> }

/**
 * The escalation sweep (超时升级): every case whose current stage ran over its limit goes up the
 * grid hierarchy — community, then town, then city — one level per further stage limit overdue.
 * Each step is one transaction: the case row (optimistic version, so two processes never escalate
 * twice), an `escalated` log entry, an audit record and a `grid.event.escalated` outbox event naming
 * the grid and its assigned workers and departments. A stage change resets the level.
 */
export function createEscalation(deps: GridDeps) {
  const repo = deps.eventsRepo

  async function escalate(e: GridEventRecord, level: number, now: number): Promise<{ id: string; level: number; gridCode: string | null } | undefined> {
    const target = escalationTarget(e.gridCode, level)
    const grid = target ? await deps.grids.getGrid(target) : undefined
    const stage = STAGE_OF[e.status]
    const overdueMinutes = Math.floor((now - (e.stageDueAt ?? now)) / 60_000)
    const detail = { level, levelName: ESCALATION_LEVELS[level - 1], gridCode: target, stage, overdueMinutes, fromLevel: e.escalationLevel }
    const done = await withTransaction(deps.db, async (trx) => {
      const patch = { escalation_level: level, escalated_to: target, escalated_at: now, updated_at: now }
      if (!(await repo.updateEvent(trx, e.id, e.version, patch))) return false
      const seq = await repo.nextSeq(trx, e.id)
      await repo.insertLog(trx, {
        id: deps.ids.next('glog'), event_id: e.id, seq, action: 'escalated', from_status: e.status, to_status: e.status, at: now, actor_id: ESCALATION_ACTOR,
        actor_kind: 'system', department_id: e.departmentId, grid_code: e.gridCode, community_code: e.communityCode, town_code: e.townCode,
        category_code: e.categoryCode, stage_due_at: e.stageDueAt, overdue: 0, note: null, detail: toJson(detail),
      })
      await deps.audit.append(trx, { actorId: ESCALATION_ACTOR, actorKind: 'system', action: 'grid.event.escalated', targetType: 'grid_event', targetId: e.id, detail })
      await publish(deps, trx, 'grid.event.escalated', e.id, {
        eventId: e.id, level, levelName: ESCALATION_LEVELS[level - 1]!, gridCode: target, stage: stage ?? '', status: e.status, departmentId: e.departmentId,
        dueAt: e.stageDueAt!, overdueMinutes, workerIds: grid?.workerIds ?? [], departmentIds: grid?.departmentIds ?? [],
      }, { actorId: ESCALATION_ACTOR })
      return true
    })
    return done ? { id: e.id, level, gridCode: target } : undefined
  }

  let timer: ReturnType<typeof setInterval> | undefined

  const api = {
    /** Sweeps every `seconds` (nothing when 0 or not a number) until `stop()`; never keeps the process alive. */
    start(seconds: number): void {
      if (timer || !Number.isFinite(seconds) || seconds <= 0) return
      timer = setInterval(() => {
        api.sweep().catch((err: unknown) => deps.log.error({ err }, 'grid escalation sweep failed'))
      }, seconds * 1000)
      timer.unref()
    },
    stop(): void {
      if (timer) clearInterval(timer)
      timer = undefined
    },

    /**
     * Escalates every overdue case that has reached a higher level at the clock's `now`. Idempotent:
     * a second sweep at the same time changes nothing. A case changed concurrently is left for the
     * next sweep.
     */
    async sweep(): Promise<SweepResult> {
      const now = deps.clock.now()
      const escalated: SweepResult['escalated'] = []
      let after: { dueAt: number; id: string } | undefined
      for (;;) {
        const batch = await repo.listOverdue(TIMED, now, BATCH, after)
        for (const e of batch) {
          const level = escalationLevelAt(e, now)
          if (level <= e.escalationLevel) continue
          const r = await escalate(e, level, now)
          if (r) escalated.push(r)
        }
        if (batch.length < BATCH) break
        const last = batch.at(-1)!
        after = { dueAt: last.stageDueAt!, id: last.id }
      }
      if (escalated.length) deps.log.info({ escalated: escalated.length }, 'grid escalation sweep')
      return { escalated }
    },
  }
  return api
}

export type Escalation = ReturnType<typeof createEscalation>

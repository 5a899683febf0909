/**
 * The dispatch workflow (GB/T 30428 seven stages: 信息收集 → 立案 → 派遣 → 处置 → 反馈 → 核查结案 →
 * 综合评价) as a pure state machine. `applyCommand` takes a state, a command and the time, and
 * answers the next state plus what the event log records; it never writes and never throws.
 */
import type { TimedStage } from './catalog.ts'

export const EVENT_STATUSES = ['reported', 'accepted', 'opened', 'dispatched', 'handled', 'verified', 'closed', 'rejected', 'merged', 'suspended'] as const
export type EventStatus = (typeof EVENT_STATUSES)[number]

/** The timed stage a status waits in (null: no timer). */
export const STAGE_OF: Record<EventStatus, TimedStage | null> = {
  reported: 'accept', accepted: 'open', opened: 'dispatch', dispatched: 'handle', handled: 'verify', verified: 'close',
  closed: null, rejected: null, merged: null, suspended: null,
}

/** Final states; `closed` can still be reopened by the citizen within REOPEN_DAYS. */
export const TERMINAL: ReadonlySet<EventStatus> = new Set(['closed', 'rejected', 'merged'])

export const CLOSURE_TYPES = ['normal', 'overdue', 'error', 'special'] as const
/** 正常 / 超时 / 差错 / 特殊 结案. */
export type ClosureType = (typeof CLOSURE_TYPES)[number]

/** A citizen may say "not fixed" this many days after closing. */
export const REOPEN_DAYS = 7
/** A stage turns yellow once this share of its time is used. */
export const YELLOW_AT = 2 / 3

export type Pending =
  | { kind: 'extension'; minutes: number; reason: string; requestedAt: number; requestedBy: string }
  | { kind: 'suspension'; reason: string; requestedAt: number; requestedBy: string }

export interface WorkflowState {
  status: EventStatus
  stageStartedAt: number
  stageDueAt: number | null
  departmentId: string | null
  reworkCount: number
  overdueCount: number
  pending: Pending | null
  closureType: ClosureType | null
  closedAt: number | null
}

export type Command =
  | { type: 'accept' }
  | { type: 'reject'; reason: string }
  | { type: 'merge'; intoEventId: string }
  | { type: 'open' }
  | { type: 'dispatch'; departmentId: string }
  | { type: 'return'; reason: string }
  | { type: 'handle' }
  | { type: 'verify'; passed: boolean }
  | { type: 'close'; closureType?: ClosureType }
  | { type: 'request-extension'; minutes: number; reason: string }
  | { type: 'request-suspension'; reason: string }
  | { type: 'decide'; approved: boolean }
  | { type: 'resume' }
  | { type: 'reopen' }

export type CommandType = Command['type']

/** What the event log calls each outcome. */
export type LogAction =
  | 'reported' | 'accepted' | 'rejected' | 'merged' | 'opened' | 'dispatched' | 'returned' | 'handled' | 'verified' | 'reworked'
  | 'closed' | 'extension-requested' | 'extension-approved' | 'extension-refused' | 'suspension-requested' | 'suspended'
  | 'suspension-refused' | 'resumed' | 'reopened'

/** The permission each command needs (the citizen's reopen is checked by token instead). */
export const COMMAND_PERMISSION: Record<CommandType, string> = {
  accept: 'grid:event:accept', reject: 'grid:event:accept', merge: 'grid:event:accept', open: 'grid:event:open',
  dispatch: 'grid:event:dispatch', return: 'grid:event:handle', handle: 'grid:event:handle', verify: 'grid:event:verify',
  close: 'grid:event:close', 'request-extension': 'grid:event:handle', 'request-suspension': 'grid:event:handle',
  decide: 'grid:event:approve', resume: 'grid:event:approve', reopen: 'grid:event:close',
}

export type Refusal = 'illegal' | 'no-pending' | 'reopen-expired' | 'closure-not-on-time'

export type Outcome =
  | { ok: true; state: WorkflowState; action: LogAction; endedStage: TimedStage | null; endedStageDueAt: number | null; overdue: boolean }
  | { ok: false; refusal: Refusal }

const MINUTE = 60_000
const DAY = 86_400_000

/** The state of a new report: waiting for acceptance (受理/核实). */
export function initialState(now: number, sla: Record<TimedStage, number>): WorkflowState {
  return { status: 'reported', stageStartedAt: now, stageDueAt: now + sla.accept * MINUTE, departmentId: null, reworkCount: 0, overdueCount: 0, pending: null, closureType: null, closedAt: null }
}

/** Which commands the state allows (before permissions). For action buttons. */
export function allowedCommands(s: WorkflowState, now?: number): CommandType[] {
  switch (s.status) {
    case 'reported': return ['accept', 'reject', 'merge']
    case 'accepted': return ['open', 'reject', 'merge']
    case 'opened': return ['dispatch']
    case 'dispatched': return s.pending ? ['handle', 'return', 'decide'] : ['handle', 'return', 'request-extension', 'request-suspension']
    case 'handled': return ['verify']
    case 'verified': return ['close']
    case 'suspended': return ['resume']
    case 'closed': return now === undefined || (s.closedAt !== null && now - s.closedAt <= REOPEN_DAYS * DAY) ? ['reopen'] : []
    default: return []
  }
}

/** green / yellow / red for the current stage's timer; `none` when the state has no timer. */
export function lightOf(s: Pick<WorkflowState, 'stageStartedAt' | 'stageDueAt'>, now: number): 'none' | 'green' | 'yellow' | 'red' {
  if (s.stageDueAt === null) return 'none'
  if (now > s.stageDueAt) return 'red'
  return now - s.stageStartedAt >= YELLOW_AT * (s.stageDueAt - s.stageStartedAt) ? 'yellow' : 'green'
}

export interface CommandContext {
  now: number
  /** The category's minutes per stage. */
  sla: Record<TimedStage, number>
  actorId: string
}

/** Applies `cmd` at `ctx.now` under the category's time limits. Pure; never throws. */
export function applyCommand(s: WorkflowState, cmd: Command, ctx: CommandContext): Outcome {
  const { now, sla } = ctx
  if (!allowedCommands(s).includes(cmd.type)) return { ok: false, refusal: 'illegal' }
  const endedStage = STAGE_OF[s.status]
  const overdue = s.stageDueAt !== null && now > s.stageDueAt
  /** A transition into `status`: the current stage ends (and may have run over), the next starts. */
  const move = (status: EventStatus, action: LogAction, patch: Partial<WorkflowState> = {}): Outcome => {
    const stage = STAGE_OF[status]
    const state: WorkflowState = {
      ...s, pending: null, ...patch, status, stageStartedAt: now,
      stageDueAt: stage ? now + sla[stage] * MINUTE : null,
      overdueCount: s.overdueCount + (overdue ? 1 : 0),
    }
    return { ok: true, state, action, endedStage, endedStageDueAt: s.stageDueAt, overdue }
  }
  /** A change inside the stage (a request or a decision): no stage ends. */
  const stay = (action: LogAction, patch: Partial<WorkflowState>): Outcome =>
    ({ ok: true, state: { ...s, ...patch }, action, endedStage: null, endedStageDueAt: null, overdue: false })

  switch (cmd.type) {
    case 'accept': return move('accepted', 'accepted')
    case 'reject': return move('rejected', 'rejected')
    case 'merge': return move('merged', 'merged')
    case 'open': return move('opened', 'opened')
    case 'dispatch': return move('dispatched', 'dispatched', { departmentId: cmd.departmentId })
    case 'return': return move('opened', 'returned', { departmentId: null })
    case 'handle': return move('handled', 'handled')
    case 'verify': return cmd.passed ? move('verified', 'verified') : move('dispatched', 'reworked', { reworkCount: s.reworkCount + 1 })
    case 'close': {
      const everOverdue = s.overdueCount + (overdue ? 1 : 0) > 0
      const closureType = cmd.closureType ?? (everOverdue ? 'overdue' : 'normal')
      if (closureType === 'normal' && everOverdue) return { ok: false, refusal: 'closure-not-on-time' }
      return move('closed', 'closed', { closureType, closedAt: now })
    }
    case 'request-extension':
      return stay('extension-requested', { pending: { kind: 'extension', minutes: cmd.minutes, reason: cmd.reason, requestedAt: now, requestedBy: ctx.actorId } })
    case 'request-suspension':
      return stay('suspension-requested', { pending: { kind: 'suspension', reason: cmd.reason, requestedAt: now, requestedBy: ctx.actorId } })
    case 'decide': {
      const p = s.pending
      if (!p) return { ok: false, refusal: 'no-pending' }
      if (p.kind === 'extension') {
        return cmd.approved
          ? stay('extension-approved', { pending: null, stageDueAt: (s.stageDueAt ?? now) + p.minutes * MINUTE })
          : stay('extension-refused', { pending: null })
      }
      return cmd.approved ? move('suspended', 'suspended') : stay('suspension-refused', { pending: null })
    }
    case 'resume': return move('dispatched', 'resumed')
    case 'reopen': {
      if (s.closedAt === null || now - s.closedAt > REOPEN_DAYS * DAY) return { ok: false, refusal: 'reopen-expired' }
      return move('dispatched', 'reopened', { reworkCount: s.reworkCount + 1, closureType: null, closedAt: null })
    }
  }
}

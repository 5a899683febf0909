/**
 * The application (办件) state machine, pure: given the state, an action, who acts and the item's
 * approval steps, it answers the next state and what happened (events and clock effects), or why
 * the action is not allowed. The service wraps it in a transaction; nothing here touches storage.
 *
 *   draft ──submit──▶ submitted ──accept──▶ reviewing ──approve (last step)──▶ approved
 *                       │  ▲  └──reject──▶ rejected          │ └──refuse──▶ refused
 *        request-correction│  │resubmit                       └──return (to step -1)──▶ submitted
 *                       ▼  │
 *                     correction            (withdraw from draft / submitted / correction)
 */
import type { WorkflowStep } from './schema/catalog.ts'

export type ApplicationStatus =
  | 'draft' | 'waiting' | 'submitted' | 'correction' | 'reviewing' | 'approved' | 'refused' | 'rejected' | 'withdrawn'

export const TERMINAL: ReadonlySet<ApplicationStatus> = new Set(['approved', 'refused', 'rejected', 'withdrawn'])
/** States in which the promised time runs (or is paused, in correction). */
export const ACTIVE: ReadonlySet<ApplicationStatus> = new Set(['submitted', 'correction', 'reviewing'])

export interface WorkflowState {
  status: ApplicationStatus
  /** Index of the current approval step while reviewing; -1 otherwise. */
  stepIndex: number
  /** Who claimed the application (acceptance or a single-officer step); null when in the queue. */
  assigneeId: string | null
  /** Officers who signed the current countersign step. */
  signatures: readonly string[]
}

export type Action =
  | { type: 'submit' }
  | { type: 'withdraw' }
  | { type: 'resubmit' }
  | { type: 'claim' }
  | { type: 'release' }
  | { type: 'accept' }
  | { type: 'reject' }
  | { type: 'request-correction' }
  | { type: 'approve' }
  | { type: 'refuse' }
  | { type: 'return'; toStep?: number }
  | { type: 'transfer'; to: string }

export type ActionType = Action['type']

export interface Actor { id: string; role: 'applicant' | 'staff' }

/** What a transition did, in order: domain events and clock changes. */
export type Effect =
  | 'submitted' | 'resubmitted' | 'withdrawn' | 'claimed' | 'released' | 'accepted' | 'rejected' | 'correction-requested'
  | 'signed' | 'step-advanced' | 'approved' | 'refused' | 'returned' | 'transferred' | 'completed'
  | 'clock-start' | 'clock-pause' | 'clock-resume' | 'clock-stop'

export type Refusal = 'ILLEGAL_TRANSITION' | 'NOT_CLAIMED' | 'CLAIMED_BY_OTHER' | 'ALREADY_SIGNED' | 'BAD_STEP' | 'BAD_ASSIGNEE'

export type TransitionResult =
  | { ok: true; state: WorkflowState; effects: Effect[] }
  | { ok: false; reason: Refusal }

const APPLICANT_ACTIONS: ReadonlySet<ActionType> = new Set(['submit', 'withdraw', 'resubmit'])
const ACCEPTANCE_ACTIONS: ReadonlySet<ActionType> = new Set(['claim', 'release', 'accept', 'reject', 'request-correction', 'transfer'])
const REVIEW_ACTIONS: ReadonlySet<ActionType> = new Set(['claim', 'release', 'approve', 'refuse', 'return', 'transfer'])

/** The initial state of a new application. */
export function initialState(): WorkflowState {
  return { status: 'draft', stepIndex: -1, assigneeId: null, signatures: [] }
}

const fail = (reason: Refusal): TransitionResult => ({ ok: false, reason })
const done = (state: WorkflowState, ...effects: Effect[]): TransitionResult => ({ ok: true, state, effects })

function finish(status: 'approved' | 'refused' | 'rejected', outcome: Effect): TransitionResult {
  return done({ status, stepIndex: -1, assigneeId: null, signatures: [] }, outcome, 'completed', 'clock-stop')
}

/** Moves past step `index`: to the next step, or to approved after the last one. */
function advance(index: number, steps: readonly WorkflowStep[], first: Effect[]): TransitionResult {
  if (index + 1 < steps.length) {
    return done({ status: 'reviewing', stepIndex: index + 1, assigneeId: null, signatures: [] }, ...first, 'step-advanced')
  }
  const end = finish('approved', 'approved')
  return end.ok ? done(end.state, ...first, ...end.effects) : end
}

/**
 * Applies `action` by `actor` to `state`. Applicants may submit, resubmit and withdraw; staff act on
 * submitted and reviewing applications, claiming first wherever one officer decides (acceptance and
 * single steps). Countersign steps take one signature per officer, no claim. Never throws.
 */
export function transition(state: WorkflowState, action: Action, actor: Actor, steps: readonly WorkflowStep[]): TransitionResult {
  if (actor.role === 'applicant' && !APPLICANT_ACTIONS.has(action.type)) return fail('ILLEGAL_TRANSITION')
  if (actor.role === 'staff' && APPLICANT_ACTIONS.has(action.type)) return fail('ILLEGAL_TRANSITION')
  const s = state
  switch (action.type) {
    case 'submit':
      return s.status === 'draft' || s.status === 'waiting' ? done({ ...s, status: 'submitted', assigneeId: null }, 'submitted', 'clock-start') : fail('ILLEGAL_TRANSITION')
    case 'resubmit':
      return s.status === 'correction' ? done({ ...s, status: 'submitted', assigneeId: null }, 'resubmitted', 'clock-resume') : fail('ILLEGAL_TRANSITION')
    case 'withdraw':
      if (s.status === 'draft' || s.status === 'waiting') return done({ ...s, status: 'withdrawn', assigneeId: null }, 'withdrawn')
      if (s.status === 'submitted' || s.status === 'correction') return done({ ...s, status: 'withdrawn', assigneeId: null }, 'withdrawn', 'clock-stop')
      return fail('ILLEGAL_TRANSITION')
  }

  const stage = s.status === 'submitted' ? ACCEPTANCE_ACTIONS : s.status === 'reviewing' ? REVIEW_ACTIONS : undefined
  if (!stage || !stage.has(action.type)) return fail('ILLEGAL_TRANSITION')
  const step = s.status === 'reviewing' ? steps[s.stepIndex] : undefined
  if (s.status === 'reviewing' && !step) return fail('BAD_STEP')
  const countersign = step?.kind === 'countersign'

  if (action.type === 'claim') {
    if (countersign) return fail('ILLEGAL_TRANSITION')
    if (s.assigneeId === actor.id) return fail('ILLEGAL_TRANSITION')
    if (s.assigneeId) return fail('CLAIMED_BY_OTHER')
    return done({ ...s, assigneeId: actor.id }, 'claimed')
  }
  if (countersign) {
    if (s.signatures.includes(actor.id)) return fail('ALREADY_SIGNED')
  } else {
    if (!s.assigneeId) return fail('NOT_CLAIMED')
    if (s.assigneeId !== actor.id) return fail('CLAIMED_BY_OTHER')
  }

  switch (action.type) {
    case 'release':
      return countersign ? fail('ILLEGAL_TRANSITION') : done({ ...s, assigneeId: null }, 'released')
    case 'transfer':
      if (countersign) return fail('ILLEGAL_TRANSITION')
      if (!action.to || action.to === actor.id) return fail('BAD_ASSIGNEE')
      return done({ ...s, assigneeId: action.to }, 'transferred')
    case 'accept':
      if (steps.length === 0) {
        const end = finish('approved', 'approved')
        return end.ok ? done(end.state, 'accepted', ...end.effects) : end
      }
      return done({ status: 'reviewing', stepIndex: 0, assigneeId: null, signatures: [] }, 'accepted')
    case 'reject':
      return finish('rejected', 'rejected')
    case 'request-correction':
      return done({ ...s, status: 'correction', assigneeId: null }, 'correction-requested', 'clock-pause')
    case 'approve': {
      if (!countersign) return advance(s.stepIndex, steps, [])
      const signatures = [...s.signatures, actor.id]
      if (signatures.length < (step!.signers ?? 2)) return done({ ...s, signatures }, 'signed')
      return advance(s.stepIndex, steps, ['signed'])
    }
    case 'refuse':
      return finish('refused', 'refused')
    case 'return': {
      const to = action.toStep ?? s.stepIndex - 1
      if (!Number.isInteger(to) || to < -1 || to >= s.stepIndex) return fail('BAD_STEP')
      if (to === -1) return done({ status: 'submitted', stepIndex: -1, assigneeId: null, signatures: [] }, 'returned')
      return done({ status: 'reviewing', stepIndex: to, assigneeId: null, signatures: [] }, 'returned')
    }
  }
  return fail('ILLEGAL_TRANSITION')
}

const ALL_STAFF_ACTIONS: Action[] = [
  { type: 'claim' }, { type: 'release' }, { type: 'accept' }, { type: 'reject' }, { type: 'request-correction' },
  { type: 'approve' }, { type: 'refuse' }, { type: 'return' }, { type: 'transfer', to: '\u0000other' },
]
const ALL_APPLICANT_ACTIONS: Action[] = [{ type: 'submit' }, { type: 'resubmit' }, { type: 'withdraw' }]

/** The actions `actor` could take now (for showing buttons; the server checks again on the act). */
export function availableActions(state: WorkflowState, actor: Actor, steps: readonly WorkflowStep[]): ActionType[] {
  const candidates = actor.role === 'applicant' ? ALL_APPLICANT_ACTIONS : ALL_STAFF_ACTIONS
  return candidates.filter((a) => transition(state, a, actor, steps).ok).map((a) => a.type)
}

/** Staff actions at acceptance need `services:application:accept`; at review, `…:approve`. */
export function permissionFor(status: ApplicationStatus): 'services:application:accept' | 'services:application:approve' | undefined {
  if (status === 'submitted') return 'services:application:accept'
  if (status === 'reviewing') return 'services:application:approve'
  return undefined
}

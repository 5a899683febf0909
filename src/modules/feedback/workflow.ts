/**
 * The two case workflows, as pure functions. A refusal names its reason; the service maps it to
 * an error code and writes nothing.
 *
 * Rectification (差评整改): open (待回访) → called-back (待核实) → rectifying (整改中) → rectified
 * (已反馈，待评价) → closed; a verification of 不属实 / 误评 goes to appealing (申诉复核), where a
 * second person approves (the rating leaves the statistics; closed) or rejects (rectifying).
 * A rating amended to 基本满意 or better withdraws the case.
 *
 * 办不成事: registered (受理) → classified (分类) → transferred (转办) → resolved (办结) → fed-back
 * (反馈) → checked (核查) → filed (备案); out-of-scope matters are declined with a remedy; a failed
 * check sends the matter back to its departments.
 */

export const CASE_STATUSES = ['open', 'called-back', 'appealing', 'rectifying', 'rectified', 'closed'] as const
export type CaseStatus = (typeof CASE_STATUSES)[number]
export type Finding = 'valid' | 'invalid' | 'mistaken'
export type CaseResolution = 'rectified' | 'excluded' | 'withdrawn'

export type CaseAction =
  | { type: 'callback'; reached: boolean }
  | { type: 'verify'; finding: Finding }
  | { type: 'review'; decision: 'approve' | 'reject'; byAppellant: boolean }
  | { type: 'rectify' }
  | { type: 'rate-result' }
  | { type: 'expire-result' }
  | { type: 'withdraw' }

export type Refusal = 'ILLEGAL' | 'CALLBACK_FIRST' | 'SAME_REVIEWER'
export type CaseStep = { ok: true; status: CaseStatus; resolution?: CaseResolution } | { ok: false; reason: Refusal }

/** The next status of a rectification case after `action`, or why it is refused. */
export function caseTransition(status: CaseStatus, action: CaseAction): CaseStep {
  const no = (reason: Refusal = 'ILLEGAL'): CaseStep => ({ ok: false, reason })
  switch (action.type) {
    case 'callback':
      return status === 'open' ? { ok: true, status: action.reached ? 'called-back' : 'open' } : no()
    case 'verify':
      if (status === 'open') return no('CALLBACK_FIRST')
      if (status !== 'called-back') return no()
      return { ok: true, status: action.finding === 'valid' ? 'rectifying' : 'appealing' }
    case 'review':
      if (status !== 'appealing') return no()
      if (action.byAppellant) return no('SAME_REVIEWER')
      return action.decision === 'approve' ? { ok: true, status: 'closed', resolution: 'excluded' } : { ok: true, status: 'rectifying' }
    case 'rectify':
      return status === 'rectifying' ? { ok: true, status: 'rectified' } : no()
    case 'rate-result':
    case 'expire-result':
      return status === 'rectified' ? { ok: true, status: 'closed', resolution: 'rectified' } : no()
    case 'withdraw':
      return status === 'closed' ? no() : { ok: true, status: 'closed', resolution: 'withdrawn' }
  }
}

/** Actions open to staff in a status (the workbench shows these buttons). */
export function caseActions(status: CaseStatus): Array<'callback' | 'verify' | 'review' | 'rectify'> {
  switch (status) {
    case 'open': return ['callback']
    case 'called-back': return ['verify']
    case 'appealing': return ['review']
    case 'rectifying': return ['rectify']
    default: return []
  }
}

export const MATTER_STATUSES = ['registered', 'classified', 'transferred', 'resolved', 'fed-back', 'checked', 'filed', 'declined'] as const
export type MatterStatus = (typeof MATTER_STATUSES)[number]
export type MatterActionType = 'decline' | 'classify' | 'transfer' | 'resolve' | 'feedback' | 'check' | 'file'
export type MatterAction = { type: Exclude<MatterActionType, 'check'> } | { type: 'check'; passed: boolean }

/** Closed matters: nothing more happens to them. */
export const MATTER_CLOSED: ReadonlySet<MatterStatus> = new Set(['filed', 'declined'])

/** The next status of a 办不成事 matter after `action`, or null when the action is not possible. */
export function matterTransition(status: MatterStatus, action: MatterAction): MatterStatus | null {
  switch (action.type) {
    case 'decline': return status === 'registered' || status === 'classified' ? 'declined' : null
    case 'classify': return status === 'registered' ? 'classified' : null
    case 'transfer': return status === 'classified' || status === 'transferred' ? 'transferred' : null
    case 'resolve': return status === 'classified' || status === 'transferred' ? 'resolved' : null
    case 'feedback': return status === 'resolved' ? 'fed-back' : null
    case 'check': return status === 'fed-back' ? (action.passed ? 'checked' : 'transferred') : null
    case 'file': return status === 'checked' ? 'filed' : null
  }
}

/** Staff actions open in a status. */
export function matterActions(status: MatterStatus): MatterActionType[] {
  const all: MatterActionType[] = ['decline', 'classify', 'transfer', 'resolve', 'feedback', 'check', 'file']
  return all.filter((type) => matterTransition(status, type === 'check' ? { type, passed: true } : { type }) !== null)
}

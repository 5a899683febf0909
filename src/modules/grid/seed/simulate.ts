import type { EventCategory } from '../catalog.ts'
import type { EventSource } from '../repo/events.ts'
import { applyCommand, initialState, type Command, type WorkflowState } from '../workflow.ts'
import { pick } from './prng.ts'

export interface SimEntry {
  action: string
  from: string | null
  to: string
  at: number
  actorId: string
  actorKind: string
  departmentId: string | null
  stageDueAt: number | null
  overdue: boolean
  detail: Record<string, unknown> | null
}

const MIN = 60_000
const OTHER_DEPARTMENTS = ['dep_urban', 'dep_works', 'dep_env', 'dep_water', 'dep_parks', 'dep_market', 'dep_traffic']

/**
 * Walks one demo event through the workflow with random but plausible delays (mostly within the
 * limits, sometimes over), stopping at `now`: older events end closed, recent ones are caught
 * mid-flow. Also rejects, merges, wrong dispatches, failed verifications, extensions, suspensions
 * and reopenings at small rates.
 */
export function simulateEvent(random: () => number, o: { category: EventCategory; reportedAt: number; now: number; worker: string }) {
  const { category, now } = o
  const r = random()
  const source: EventSource = r < 0.55 ? 'worker' : r < 0.85 ? 'citizen' : r < 0.9 ? 'open311' : r < 0.95 ? 'sensor' : 'camera'
  const reporterId = source === 'worker' ? o.worker : source === 'sensor' || source === 'camera' ? `svc_${source}` : null
  const reporterKind = source === 'worker' ? 'staff' : source === 'sensor' || source === 'camera' ? 'service' : 'citizen'
  let state: WorkflowState = initialState(o.reportedAt, category.sla)
  const entries: SimEntry[] = [{ action: 'reported', from: null, to: 'reported', at: o.reportedAt, actorId: reporterId ?? 'citizen:anonymous', actorKind: reporterKind, departmentId: null, stageDueAt: null, overdue: false, detail: { source } }]
  let t = o.reportedAt
  const between = (lo: number, hi: number) => Math.round((lo + random() * (hi - lo)) * MIN)
  /** A delay within `limit` minutes, over it in about 2 % of cases. */
  const within = (lo: number, limit: number) => (random() < 0.02 ? between(limit + 1, limit * 1.6) : between(lo, limit * 0.9))
  const step = (cmd: Command, delay: number, actorId: string, actorKind = 'staff'): boolean => {
    if (t + delay > now) return false
    t += delay
    const out = applyCommand(state, cmd, { now: t, sla: category.sla, actorId })
    if (!out.ok) return false
    const detail: Record<string, unknown> = {}
    if (cmd.type === 'dispatch') detail.departmentId = cmd.departmentId
    if (cmd.type === 'verify') detail.passed = cmd.passed
    if (cmd.type === 'close') detail.closureType = out.state.closureType
    if (cmd.type === 'request-extension') detail.minutes = cmd.minutes
    if (cmd.type === 'decide') detail.approved = cmd.approved
    entries.push({ action: out.action, from: state.status, to: out.state.status, at: t, actorId, actorKind, departmentId: out.state.departmentId ?? state.departmentId, stageDueAt: out.endedStageDueAt, overdue: out.overdue, detail: Object.keys(detail).length ? detail : null })
    state = out.state
    return true
  }
  const dep = category.defaultDepartmentId
  const staff = (d: string) => `usr_demo_${d.slice(4)}`
  const run = (): void => {
    if (random() < 0.03) { step({ type: 'reject', reason: '不属于城市管理范围' }, within(3, category.sla.accept), 'usr_demo_acceptor'); return }
    if (!step({ type: 'accept' }, within(3, category.sla.accept), 'usr_demo_acceptor')) return
    if (random() < 0.02) { step({ type: 'merge', intoEventId: 'earlier' }, within(2, category.sla.open), 'usr_demo_acceptor'); return }
    if (!step({ type: 'open' }, within(2, category.sla.open), 'usr_demo_commander')) return
    if (random() < 0.05) {
      const wrong = pick(random, OTHER_DEPARTMENTS.filter((d) => d !== dep))
      if (!step({ type: 'dispatch', departmentId: wrong }, within(2, category.sla.dispatch), 'usr_demo_dispatcher')) return
      if (!step({ type: 'return', reason: '非本部门职责' }, between(10, category.sla.handle * 0.3), staff(wrong))) return
    }
    if (!step({ type: 'dispatch', departmentId: dep }, within(2, category.sla.dispatch), 'usr_demo_dispatcher')) return
    if (random() < 0.015) return // the department has not reported back: overdue, still open
    if (random() < 0.012) {
      if (!step({ type: 'request-suspension', reason: '涉及历史遗留问题，需协调' }, between(30, 200), staff(dep))) return
      step({ type: 'decide', approved: true }, between(10, 120), 'usr_demo_commander')
      return
    }
    if (random() < 0.04) {
      if (!step({ type: 'request-extension', minutes: category.sla.handle, reason: '需采购配件' }, between(10, category.sla.handle * 0.5), staff(dep))) return
      if (!step({ type: 'decide', approved: random() < 0.85 }, between(5, 40), 'usr_demo_commander')) return
    }
    for (let round = 0; round < 3; round++) {
      // Late in a few percent of cases; otherwise well within the limit.
      const late = random() < 0.03
      if (!step({ type: 'handle' }, Math.round(category.sla.handle * MIN * (late ? 1.05 + random() * 0.6 : 0.15 + random() * 0.8)), staff(dep))) return
      const passed = random() > 0.04
      if (!step({ type: 'verify', passed }, within(5, category.sla.verify), o.worker)) return
      if (passed) break
    }
    if (state.status !== 'verified') return
    if (random() < 0.1 && now - t < 2 * 86_400_000) return // recent: still waiting for the commander
    if (!step({ type: 'close' }, within(2, category.sla.close), 'usr_demo_commander')) return
    if (random() < 0.012) {
      if (!step({ type: 'reopen' }, between(600, 4000), 'citizen:reporter', 'citizen')) return
      if (!step({ type: 'handle' }, Math.round(category.sla.handle * MIN * (0.2 + random() * 0.6)), staff(dep))) return
      if (!step({ type: 'verify', passed: true }, within(5, category.sla.verify), o.worker)) return
      step({ type: 'close' }, within(2, category.sla.close), 'usr_demo_commander')
    }
  }
  run()
  return { state, entries, source, reporterId, reporterKind }
}

import { describe, it } from 'node:test'
import assert from 'node:assert/strict'
import { allowedCommands, applyCommand, initialState, lightOf, REOPEN_DAYS, type Command, type Outcome, type WorkflowState } from './workflow.ts'

const SLA = { accept: 30, open: 15, dispatch: 15, handle: 120, verify: 30, close: 15 }
const MIN = 60_000
const T0 = Date.UTC(2026, 5, 1, 2, 0)

/** Runs commands one minute apart (or at the given offsets in minutes); fails on a refusal. */
function run(steps: Array<[Command, number?]>, start = initialState(T0, SLA)): { state: WorkflowState; outcomes: Outcome[]; now: number } {
  let state = start
  let now = T0
  const outcomes: Outcome[] = []
  for (const [cmd, at] of steps) {
    now = at === undefined ? now + MIN : T0 + at * MIN
    const o = applyCommand(state, cmd, { now, sla: SLA, actorId: 'usr_1' })
    assert.ok(o.ok, `${cmd.type} refused from ${state.status}: ${JSON.stringify(o)}`)
    outcomes.push(o)
    state = o.state
  }
  return { state, outcomes, now }
}

const HAPPY: Array<[Command, number?]> = [
  [{ type: 'accept' }], [{ type: 'open' }], [{ type: 'dispatch', departmentId: 'dep_urban' }],
  [{ type: 'handle' }], [{ type: 'verify', passed: true }], [{ type: 'close' }],
]

describe('dispatch workflow', () => {
  it('walks the seven stages on time and closes as 正常', () => {
    const { state, outcomes } = run(HAPPY)
    assert.deepEqual(outcomes.map((o) => o.ok && o.action), ['accepted', 'opened', 'dispatched', 'handled', 'verified', 'closed'])
    assert.deepEqual(outcomes.map((o) => o.ok && o.endedStage), ['accept', 'open', 'dispatch', 'handle', 'verify', 'close'])
    assert.deepEqual(state, {
      status: 'closed', stageStartedAt: T0 + 6 * MIN, stageDueAt: null, departmentId: 'dep_urban', reworkCount: 0, overdueCount: 0,
      pending: null, closureType: 'normal', closedAt: T0 + 6 * MIN,
    })
  })

  it('sets each stage deadline from the category limits', () => {
    const { state } = run([[{ type: 'accept' }], [{ type: 'open' }], [{ type: 'dispatch', departmentId: 'dep_works' }]])
    assert.equal(state.status, 'dispatched')
    assert.equal(state.stageDueAt, T0 + 3 * MIN + 120 * MIN)
  })

  it('records an overdue stage and closes as 超时; 正常 is then refused', () => {
    const { state, outcomes } = run([[{ type: 'accept' }], [{ type: 'open' }], [{ type: 'dispatch', departmentId: 'dep_urban' }, 3],
      [{ type: 'handle' }, 3 + 121], [{ type: 'verify', passed: true }]])
    const handled = outcomes[3]!
    assert.ok(handled.ok && handled.overdue && handled.endedStageDueAt === T0 + 123 * MIN)
    assert.equal(state.overdueCount, 1)
    const refused = applyCommand(state, { type: 'close', closureType: 'normal' }, { now: T0 + 130 * MIN, sla: SLA, actorId: 'u' })
    assert.deepEqual(refused, { ok: false, refusal: 'closure-not-on-time' })
    const closed = applyCommand(state, { type: 'close' }, { now: T0 + 130 * MIN, sla: SLA, actorId: 'u' })
    assert.ok(closed.ok && closed.state.closureType === 'overdue')
    const special = applyCommand(state, { type: 'close', closureType: 'special' }, { now: T0 + 130 * MIN, sla: SLA, actorId: 'u' })
    assert.ok(special.ok && special.state.closureType === 'special')
  })

  it('rejects and merges only before the case is opened', () => {
    assert.equal(run([[{ type: 'reject', reason: 'not a city matter' }]]).state.status, 'rejected')
    assert.equal(run([[{ type: 'accept' }], [{ type: 'merge', intoEventId: 'evt_1' }]]).state.status, 'merged')
    const opened = run([[{ type: 'accept' }], [{ type: 'open' }]]).state
    assert.deepEqual(applyCommand(opened, { type: 'reject', reason: 'x' }, { now: T0, sla: SLA, actorId: 'u' }), { ok: false, refusal: 'illegal' })
  })

  it('a department returns a wrong dispatch to the dispatcher (an inaccurate dispatch)', () => {
    const { state, outcomes } = run([[{ type: 'accept' }], [{ type: 'open' }], [{ type: 'dispatch', departmentId: 'dep_env' }], [{ type: 'return', reason: 'not ours' }]])
    const last = outcomes.at(-1)!
    assert.ok(last.ok && last.action === 'returned')
    assert.equal(state.status, 'opened')
    assert.equal(state.departmentId, null)
  })

  it('a failed verification sends the case back to the department as 返工', () => {
    const { state, outcomes } = run([...HAPPY.slice(0, 4), [{ type: 'verify', passed: false }]])
    const last = outcomes.at(-1)!
    assert.ok(last.ok && last.action === 'reworked')
    assert.equal(state.status, 'dispatched')
    assert.equal(state.reworkCount, 1)
    assert.equal(state.departmentId, 'dep_urban')
  })

  it('an extension (延期) needs approval and moves the deadline only when approved', () => {
    const base = run([...HAPPY.slice(0, 3), [{ type: 'request-extension', minutes: 60, reason: 'parts on order' }]])
    assert.deepEqual(base.state.pending, { kind: 'extension', minutes: 60, reason: 'parts on order', requestedAt: T0 + 4 * MIN, requestedBy: 'usr_1' })
    assert.deepEqual(allowedCommands(base.state), ['handle', 'return', 'decide'])
    const due = base.state.stageDueAt!
    const approved = applyCommand(base.state, { type: 'decide', approved: true }, { now: T0 + 5 * MIN, sla: SLA, actorId: 'u' })
    assert.ok(approved.ok && approved.action === 'extension-approved' && approved.state.stageDueAt === due + 60 * MIN && approved.state.pending === null)
    const refused = applyCommand(base.state, { type: 'decide', approved: false }, { now: T0 + 5 * MIN, sla: SLA, actorId: 'u' })
    assert.ok(refused.ok && refused.action === 'extension-refused' && refused.state.stageDueAt === due)
    // A second request while one is pending is not allowed.
    assert.deepEqual(applyCommand(base.state, { type: 'request-extension', minutes: 5, reason: 'x' }, { now: T0, sla: SLA, actorId: 'u' }), { ok: false, refusal: 'illegal' })
  })

  it('a suspension (挂账) stops the timer until resumed, with a fresh handling limit', () => {
    const { state, outcomes } = run([...HAPPY.slice(0, 3), [{ type: 'request-suspension', reason: 'awaiting court ruling' }], [{ type: 'decide', approved: true }], [{ type: 'resume' }, 1000]])
    assert.deepEqual(outcomes.slice(-3).map((o) => o.ok && o.action), ['suspension-requested', 'suspended', 'resumed'])
    const suspended = outcomes.at(-2)!
    assert.ok(suspended.ok && suspended.state.status === 'suspended' && suspended.state.stageDueAt === null)
    assert.equal(state.status, 'dispatched')
    assert.equal(state.stageDueAt, T0 + 1000 * MIN + 120 * MIN)
    assert.equal(state.overdueCount, 0)
  })

  it('a citizen reopens within 7 days as 返工, not after', () => {
    const closed = run(HAPPY).state
    const within = applyCommand(closed, { type: 'reopen' }, { now: closed.closedAt! + REOPEN_DAYS * 86_400_000, sla: SLA, actorId: 'citizen' })
    assert.ok(within.ok && within.action === 'reopened')
    assert.deepEqual({ s: within.state.status, r: within.state.reworkCount, c: within.state.closureType, at: within.state.closedAt, d: within.state.departmentId },
      { s: 'dispatched', r: 1, c: null, at: null, d: 'dep_urban' })
    const late = applyCommand(closed, { type: 'reopen' }, { now: closed.closedAt! + REOPEN_DAYS * 86_400_000 + 1, sla: SLA, actorId: 'citizen' })
    assert.deepEqual(late, { ok: false, refusal: 'reopen-expired' })
    assert.deepEqual(allowedCommands(closed, closed.closedAt! + 8 * 86_400_000), [])
  })

  it('refuses every command a state does not allow, and leaves the state untouched', () => {
    const all: Command[] = [
      { type: 'accept' }, { type: 'reject', reason: 'r' }, { type: 'merge', intoEventId: 'e' }, { type: 'open' }, { type: 'dispatch', departmentId: 'd' },
      { type: 'return', reason: 'r' }, { type: 'handle' }, { type: 'verify', passed: true }, { type: 'close' }, { type: 'request-extension', minutes: 1, reason: 'r' },
      { type: 'request-suspension', reason: 'r' }, { type: 'decide', approved: true }, { type: 'resume' }, { type: 'reopen' },
    ]
    const states = [initialState(T0, SLA), run(HAPPY.slice(0, 1)).state, run(HAPPY.slice(0, 3)).state, run(HAPPY).state, run([[{ type: 'reject', reason: 'r' }]]).state]
    let refused = 0
    for (const s of states) {
      const frozen = structuredClone(s)
      for (const cmd of all) {
        const o = applyCommand(s, cmd, { now: s.stageStartedAt + MIN, sla: SLA, actorId: 'u' })
        if (!allowedCommands(s).includes(cmd.type)) {
          assert.deepEqual(o, { ok: false, refusal: 'illegal' }, `${cmd.type} from ${s.status}`)
          refused++
        }
      }
      assert.deepEqual(s, frozen)
    }
    assert.ok(refused > 50, String(refused))
    assert.deepEqual(allowedCommands(run([[{ type: 'reject', reason: 'r' }]]).state), [])
  })

  it('lights turn yellow after two thirds of the time and red when overdue', () => {
    const s = { stageStartedAt: T0, stageDueAt: T0 + 30 * MIN }
    assert.equal(lightOf(s, T0 + 19 * MIN), 'green')
    assert.equal(lightOf(s, T0 + 20 * MIN), 'yellow')
    assert.equal(lightOf(s, T0 + 30 * MIN), 'yellow')
    assert.equal(lightOf(s, T0 + 30 * MIN + 1), 'red')
    assert.equal(lightOf({ stageStartedAt: T0, stageDueAt: null }, T0), 'none')
  })
})

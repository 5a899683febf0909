import { test } from 'node:test'
import assert from 'node:assert/strict'
import { availableActions, initialState, permissionFor, transition, type Action, type Actor, type WorkflowState } from './workflow.ts'
import { WORKFLOWS } from './data/featured.ts'

const applicant: Actor = { id: 'cit_1', role: 'applicant' }
const clerk: Actor = { id: 'stf_clerk', role: 'staff' }
const other: Actor = { id: 'stf_other', role: 'staff' }
const steps = WORKFLOWS.joint! // review (single) → joint (countersign, 2) → decide (single)

function run(state: WorkflowState, ...moves: Array<[Action, Actor]>): WorkflowState {
  let s = state
  for (const [a, who] of moves) {
    const r = transition(s, a, who, steps)
    assert.ok(r.ok, `${a.type} by ${who.id} from ${s.status}: ${r.ok ? '' : r.reason}`)
    s = r.state
  }
  return s
}

const submitted = () => run(initialState(), [{ type: 'submit' }, applicant])

test('submit starts the clock; acceptance needs a claim first; accept enters step 0', () => {
  const r = transition(initialState(), { type: 'submit' }, applicant, steps)
  assert.deepEqual(r, { ok: true, state: { status: 'submitted', stepIndex: -1, assigneeId: null, signatures: [] }, effects: ['submitted', 'clock-start'] })
  assert.deepEqual(transition(submitted(), { type: 'accept' }, clerk, steps), { ok: false, reason: 'NOT_CLAIMED' })
  const claimed = run(submitted(), [{ type: 'claim' }, clerk])
  assert.equal(claimed.assigneeId, clerk.id)
  assert.deepEqual(transition(claimed, { type: 'claim' }, other, steps), { ok: false, reason: 'CLAIMED_BY_OTHER' })
  assert.deepEqual(transition(claimed, { type: 'accept' }, other, steps), { ok: false, reason: 'CLAIMED_BY_OTHER' })
  const r2 = transition(claimed, { type: 'accept' }, clerk, steps)
  assert.deepEqual(r2, { ok: true, state: { status: 'reviewing', stepIndex: 0, assigneeId: null, signatures: [] }, effects: ['accepted'] })
})

test('不予受理 and refusal complete the application and stop the clock', () => {
  const claimed = run(submitted(), [{ type: 'claim' }, clerk])
  const rej = transition(claimed, { type: 'reject' }, clerk, steps)
  assert.deepEqual(rej, { ok: true, state: { status: 'rejected', stepIndex: -1, assigneeId: null, signatures: [] }, effects: ['rejected', 'completed', 'clock-stop'] })
  const reviewing = run(claimed, [{ type: 'accept' }, clerk], [{ type: 'claim' }, clerk])
  const ref = transition(reviewing, { type: 'refuse' }, clerk, steps)
  assert.ok(ref.ok)
  assert.equal(ref.state.status, 'refused')
  assert.deepEqual(ref.effects, ['refused', 'completed', 'clock-stop'])
})

test('补正 pauses the clock and returns the application to the applicant; resubmission resumes it', () => {
  const claimed = run(submitted(), [{ type: 'claim' }, clerk])
  const c = transition(claimed, { type: 'request-correction' }, clerk, steps)
  assert.ok(c.ok)
  assert.deepEqual([c.state.status, c.state.assigneeId, c.effects], ['correction', null, ['correction-requested', 'clock-pause']])
  assert.deepEqual(transition(c.state, { type: 'accept' }, clerk, steps), { ok: false, reason: 'ILLEGAL_TRANSITION' })
  const r = transition(c.state, { type: 'resubmit' }, applicant, steps)
  assert.ok(r.ok)
  assert.deepEqual([r.state.status, r.effects], ['submitted', ['resubmitted', 'clock-resume']])
})

test('sequential steps, a countersign of two distinct officers, then the last step approves and completes', () => {
  let s = run(submitted(), [{ type: 'claim' }, clerk], [{ type: 'accept' }, clerk], [{ type: 'claim' }, clerk])
  const adv = transition(s, { type: 'approve' }, clerk, steps)
  assert.ok(adv.ok)
  assert.deepEqual([adv.state.stepIndex, adv.effects], [1, ['step-advanced']])
  s = adv.state
  assert.deepEqual(transition(s, { type: 'claim' }, clerk, steps), { ok: false, reason: 'ILLEGAL_TRANSITION' }, 'no claim on countersign')
  s = run(s, [{ type: 'approve' }, clerk])
  assert.deepEqual(s.signatures, [clerk.id])
  assert.deepEqual(transition(s, { type: 'approve' }, clerk, steps), { ok: false, reason: 'ALREADY_SIGNED' })
  const second = transition(s, { type: 'approve' }, other, steps)
  assert.ok(second.ok)
  assert.deepEqual([second.state.stepIndex, second.state.signatures, second.effects], [2, [], ['signed', 'step-advanced']])
  s = run(second.state, [{ type: 'claim' }, other])
  const last = transition(s, { type: 'approve' }, other, steps)
  assert.deepEqual(last, { ok: true, state: { status: 'approved', stepIndex: -1, assigneeId: null, signatures: [] }, effects: ['approved', 'completed', 'clock-stop'] })
})

test('return goes to an earlier step or back to acceptance; transfer hands the claim over', () => {
  const atDecide = run(submitted(), [{ type: 'claim' }, clerk], [{ type: 'accept' }, clerk], [{ type: 'claim' }, clerk], [{ type: 'approve' }, clerk],
    [{ type: 'approve' }, clerk], [{ type: 'approve' }, other], [{ type: 'claim' }, clerk])
  assert.equal(atDecide.stepIndex, 2)
  assert.deepEqual(transition(atDecide, { type: 'return', toStep: 2 }, clerk, steps), { ok: false, reason: 'BAD_STEP' })
  const back = transition(atDecide, { type: 'return', toStep: 0 }, clerk, steps)
  assert.ok(back.ok)
  assert.deepEqual([back.state.status, back.state.stepIndex, back.state.assigneeId], ['reviewing', 0, null])
  const toAcceptance = transition(run(back.state, [{ type: 'claim' }, clerk]), { type: 'return' }, clerk, steps)
  assert.ok(toAcceptance.ok)
  assert.equal(toAcceptance.state.status, 'submitted')
  assert.deepEqual(transition(atDecide, { type: 'transfer', to: clerk.id }, clerk, steps), { ok: false, reason: 'BAD_ASSIGNEE' })
  const t = transition(atDecide, { type: 'transfer', to: other.id }, clerk, steps)
  assert.ok(t.ok)
  assert.equal(t.state.assigneeId, other.id)
  assert.deepEqual(t.effects, ['transferred'])
})

test('roles: applicants cannot act for staff and staff cannot submit; terminal states take nothing', () => {
  assert.deepEqual(transition(submitted(), { type: 'claim' }, applicant, steps), { ok: false, reason: 'ILLEGAL_TRANSITION' })
  assert.deepEqual(transition(initialState(), { type: 'submit' }, clerk, steps), { ok: false, reason: 'ILLEGAL_TRANSITION' })
  const done: WorkflowState = { status: 'approved', stepIndex: -1, assigneeId: null, signatures: [] }
  for (const type of ['claim', 'accept', 'approve', 'refuse', 'return', 'reject'] as const) {
    assert.deepEqual(transition(done, { type } as Action, clerk, steps), { ok: false, reason: 'ILLEGAL_TRANSITION' })
  }
  assert.deepEqual(transition(done, { type: 'withdraw' }, applicant, steps), { ok: false, reason: 'ILLEGAL_TRANSITION' })
  const w = transition(submitted(), { type: 'withdraw' }, applicant, steps)
  assert.ok(w.ok)
  assert.deepEqual(w.effects, ['withdrawn', 'clock-stop'])
})

test('an item without approval steps is approved on acceptance; available actions and permissions', () => {
  const claimed = run(submitted(), [{ type: 'claim' }, clerk])
  const r = transition(claimed, { type: 'accept' }, clerk, [])
  assert.ok(r.ok)
  assert.deepEqual([r.state.status, r.effects], ['approved', ['accepted', 'approved', 'completed', 'clock-stop']])
  assert.deepEqual(availableActions(submitted(), clerk, steps), ['claim'])
  assert.deepEqual(availableActions(claimed, clerk, steps), ['release', 'accept', 'reject', 'request-correction', 'transfer'])
  assert.deepEqual(availableActions(claimed, other, steps), [])
  assert.deepEqual(availableActions(initialState(), applicant, steps), ['submit', 'withdraw'])
  assert.equal(permissionFor('submitted'), 'services:application:accept')
  assert.equal(permissionFor('reviewing'), 'services:application:approve')
  assert.equal(permissionFor('draft'), undefined)
})

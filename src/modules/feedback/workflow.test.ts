import { test } from 'node:test'
import assert from 'node:assert/strict'
import { CASE_STATUSES, caseActions, caseTransition, MATTER_STATUSES, matterActions, matterTransition, type CaseAction } from './workflow.ts'

test('rectification: call back, verify as valid, rectify, the person rates the result', () => {
  let s = caseTransition('open', { type: 'callback', reached: false })
  assert.deepEqual(s, { ok: true, status: 'open' }, 'an unanswered call keeps the case open')
  s = caseTransition('open', { type: 'callback', reached: true })
  assert.deepEqual(s, { ok: true, status: 'called-back' })
  assert.deepEqual(caseTransition('called-back', { type: 'verify', finding: 'valid' }), { ok: true, status: 'rectifying' })
  assert.deepEqual(caseTransition('rectifying', { type: 'rectify' }), { ok: true, status: 'rectified' })
  assert.deepEqual(caseTransition('rectified', { type: 'rate-result' }), { ok: true, status: 'closed', resolution: 'rectified' })
  assert.deepEqual(caseTransition('rectified', { type: 'expire-result' }), { ok: true, status: 'closed', resolution: 'rectified' })
})

test('verification before the call-back is refused; appeals need a second person', () => {
  assert.deepEqual(caseTransition('open', { type: 'verify', finding: 'valid' }), { ok: false, reason: 'CALLBACK_FIRST' })
  assert.deepEqual(caseTransition('called-back', { type: 'verify', finding: 'mistaken' }), { ok: true, status: 'appealing' })
  assert.deepEqual(caseTransition('called-back', { type: 'verify', finding: 'invalid' }), { ok: true, status: 'appealing' })
  assert.deepEqual(caseTransition('appealing', { type: 'review', decision: 'approve', byAppellant: true }), { ok: false, reason: 'SAME_REVIEWER' })
  assert.deepEqual(caseTransition('appealing', { type: 'review', decision: 'approve', byAppellant: false }), { ok: true, status: 'closed', resolution: 'excluded' })
  assert.deepEqual(caseTransition('appealing', { type: 'review', decision: 'reject', byAppellant: false }), { ok: true, status: 'rectifying' })
})

test('every other (status, action) pair is refused, and a closed case stays closed', () => {
  const actions: CaseAction[] = [
    { type: 'callback', reached: true }, { type: 'verify', finding: 'valid' }, { type: 'review', decision: 'approve', byAppellant: false },
    { type: 'rectify' }, { type: 'rate-result' }, { type: 'expire-result' }, { type: 'withdraw' },
  ]
  for (const a of actions) assert.equal(caseTransition('closed', a).ok, false, a.type)
  for (const s of CASE_STATUSES) {
    for (const a of caseActions(s)) assert.ok(['callback', 'verify', 'review', 'rectify'].includes(a))
    if (s !== 'closed') assert.deepEqual(caseTransition(s, { type: 'withdraw' }), { ok: true, status: 'closed', resolution: 'withdrawn' })
  }
  assert.equal(caseTransition('rectified', { type: 'rectify' }).ok, false)
})

test('办不成事: the closed loop 受理 → 分类 → 转办 → 办结 → 反馈 → 核查 → 备案', () => {
  const path = [
    ['registered', { type: 'classify' }, 'classified'], ['classified', { type: 'transfer' }, 'transferred'],
    ['transferred', { type: 'resolve' }, 'resolved'], ['resolved', { type: 'feedback' }, 'fed-back'],
    ['fed-back', { type: 'check', passed: true }, 'checked'], ['checked', { type: 'file' }, 'filed'],
  ] as const
  for (const [from, action, to] of path) assert.equal(matterTransition(from, action), to)
  assert.equal(matterTransition('fed-back', { type: 'check', passed: false }), 'transferred', 'a failed check sends it back')
  assert.equal(matterTransition('classified', { type: 'resolve' }), 'resolved', 'a simple matter is resolved by the window itself')
  assert.equal(matterTransition('registered', { type: 'decline' }), 'declined')
  assert.equal(matterTransition('transferred', { type: 'decline' }), null)
  for (const closed of ['filed', 'declined'] as const) assert.deepEqual(matterActions(closed), [])
  assert.deepEqual(matterActions('registered'), ['decline', 'classify'])
  assert.equal(MATTER_STATUSES.length, 8)
})

import { test } from 'node:test'
import assert from 'node:assert/strict'
import { escalationLevelAt, escalationTarget } from './service/escalation.ts'

const MIN = 60_000

test('the escalation level grows by one per further stage limit overdue, up to the city', () => {
  const s = { stageStartedAt: 0, stageDueAt: 30 * MIN }
  assert.equal(escalationLevelAt(s, 30 * MIN), 0) // at the deadline: still on time
  assert.equal(escalationLevelAt(s, 30 * MIN + 1), 1)
  assert.equal(escalationLevelAt(s, 60 * MIN - 1), 1)
  assert.equal(escalationLevelAt(s, 60 * MIN), 2)
  assert.equal(escalationLevelAt(s, 90 * MIN), 3)
  assert.equal(escalationLevelAt(s, 10_000 * MIN), 3)
  assert.equal(escalationLevelAt({ stageStartedAt: 0, stageDueAt: null }, 10_000 * MIN), 0)
  // A zero-length stage still steps at least a minute apart.
  assert.equal(escalationLevelAt({ stageStartedAt: 5, stageDueAt: 5 }, 5 + MIN / 2), 1)
})

test('escalation targets walk up the 14-digit codes: community, town, city', () => {
  assert.equal(escalationTarget('44200000100101', 1), '44200000100100')
  assert.equal(escalationTarget('44200000100101', 2), '44200000100000')
  assert.equal(escalationTarget('44200000100101', 3), '44200000000000')
  assert.equal(escalationTarget(null, 1), null)
  assert.equal(escalationTarget('bad', 1), null)
})

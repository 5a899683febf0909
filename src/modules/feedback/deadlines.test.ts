import { test } from 'node:test'
import assert from 'node:assert/strict'
import { lightOf, workingDaysLeft, workingDeadline } from './deadlines.ts'

const bj = (s: string) => Date.parse(`${s}+08:00`)
const iso = (ms: number) => new Date(ms).toISOString()

test('5 working days from Tue 29 Sep 2026 skip the National Day week and count the make-up Saturday', () => {
  // Sep 30 (1), Oct 1-7 holidays, Oct 8 (2), Oct 9 (3), Sat Oct 10 make-up workday (4), Sun off, Mon Oct 12 (5).
  const d = workingDeadline(bj('2026-09-29T10:00:00'), 5)
  assert.equal(iso(d.dueAt), '2026-10-12T15:59:59.999Z')
  assert.equal(iso(d.warnAt), '2026-10-10T16:00:00.000Z')
  assert.equal(lightOf(bj('2026-10-09T12:00:00'), d), 'green')
  assert.equal(lightOf(bj('2026-10-12T09:00:00'), d), 'yellow')
  assert.equal(lightOf(bj('2026-10-13T00:00:00'), d), 'red')
  assert.equal(workingDaysLeft(bj('2026-09-29T10:00:00'), d.dueAt), 5)
  assert.equal(workingDaysLeft(bj('2026-10-12T10:00:00'), d.dueAt), 0)
  assert.equal(workingDaysLeft(bj('2026-10-14T10:00:00'), d.dueAt), -2)
})

test('a case opened on a holiday starts counting on the next working day', () => {
  const d = workingDeadline(bj('2026-10-03T09:00:00'), 5)
  // Oct 8, 9, 10, 12, 13.
  assert.equal(iso(d.dueAt), '2026-10-13T15:59:59.999Z')
})

test('same day (0): the close of the day, or of the next working day when opened on a day off', () => {
  assert.equal(iso(workingDeadline(bj('2026-11-25T10:00:00'), 0).dueAt), '2026-11-25T15:59:59.999Z')
  const d = workingDeadline(bj('2026-10-01T10:00:00'), 0)
  assert.equal(iso(d.dueAt), '2026-10-08T15:59:59.999Z')
  assert.equal(lightOf(bj('2026-10-02T10:00:00'), d), 'green')
  assert.equal(lightOf(bj('2026-10-08T10:00:00'), d), 'yellow')
})

test('15 working days: the last three are yellow', () => {
  const d = workingDeadline(bj('2026-11-02T10:00:00'), 15) // Mon; 15 working days → Mon Nov 23
  assert.equal(iso(d.dueAt), '2026-11-23T15:59:59.999Z')
  assert.equal(iso(d.warnAt), '2026-11-18T16:00:00.000Z') // from Thu Nov 19: 19, 20, 23
  const one = workingDeadline(bj('2026-11-02T10:00:00'), 1)
  assert.equal(iso(one.warnAt), '2026-11-01T16:00:00.000Z')
})

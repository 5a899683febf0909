import { test } from 'node:test'
import assert from 'node:assert/strict'
import { applyClockEffects, deadlineOf, newClock, warnDaysFor, warningOf, workingDaysLeft } from './deadline.ts'

const at = (iso: string) => Date.parse(iso)
const bj = (date: string, time = '10:00') => at(`${date}T${time}:00+08:00`)

test('a promised limit counts working days from the day after submission, across Spring Festival 2026', () => {
  // Submitted Thursday Feb 12; 3 working days: Fri 13, Sat 14 (make-up workday), Tue 24.
  const c = applyClockEffects(newClock(3), ['submitted', 'clock-start'], bj('2026-02-12'))
  assert.deepEqual(deadlineOf(c), { dueAt: at('2026-02-24T23:59:59.999+08:00'), warnAt: at('2026-02-24T00:00:00+08:00') })
  assert.equal(warningOf(c, bj('2026-02-13')), 'none')
  assert.equal(warningOf(c, bj('2026-02-23')), 'none')
  assert.equal(warningOf(c, bj('2026-02-24', '00:00')), 'yellow')
  assert.equal(warningOf(c, bj('2026-02-24', '23:59')), 'yellow')
  assert.equal(warningOf(c, bj('2026-02-25', '00:01')), 'red')
  assert.equal(workingDaysLeft(c, bj('2026-02-13')), 2)
  assert.equal(workingDaysLeft(c, bj('2026-02-26')), -2)
})

test('补正 pauses the clock: the working days spent in correction extend the deadline (National Day 2026)', () => {
  // Thursday Sep 24; Fri Sep 25 is Mid-Autumn (中秋), Oct 1-7 National Day, Sat Oct 10 a make-up workday.
  let c = applyClockEffects(newClock(5), ['clock-start'], bj('2026-09-24'))
  assert.equal(deadlineOf(c)!.dueAt, at('2026-10-09T23:59:59.999+08:00')) // 28, 29, 30, Oct 8, 9
  c = applyClockEffects(c, ['clock-pause'], bj('2026-09-28'))
  assert.equal(warningOf(c, bj('2026-10-20')), 'none', 'no warning while paused')
  // Resumed Oct 9: working days in (Sep 28, Oct 9] = 29, 30, Oct 8, 9 = 4.
  c = applyClockEffects(c, ['clock-resume'], bj('2026-10-09'))
  assert.equal(c.pausedDays, 4)
  // 9 working days after Sep 24: 28, 29, 30, Oct 8, 9, 10 (make-up), 12, 13, 14.
  assert.equal(deadlineOf(c)!.dueAt, at('2026-10-14T23:59:59.999+08:00'))
  c = applyClockEffects(c, ['clock-stop'], bj('2026-10-12'))
  assert.equal(warningOf(c, bj('2026-12-01')), 'none', 'no warning once stopped')
  assert.equal(applyClockEffects(c, ['clock-start'], bj('2026-12-01')).startedAt, bj('2026-09-24'), 'a second start changes nothing')
})

test('a same-day item (即办件) is due at the end of its first working day; warning thresholds', () => {
  const c = applyClockEffects(newClock(0), ['clock-start'], bj('2026-10-03')) // in the National Day holiday
  assert.equal(deadlineOf(c)!.dueAt, at('2026-10-08T23:59:59.999+08:00'))
  assert.equal(deadlineOf(newClock(3)), undefined)
  assert.equal(warningOf(newClock(3), bj('2026-10-03')), 'none')
  assert.deepEqual([0, 1, 5, 10, 20, 60].map(warnDaysFor), [0, 1, 1, 2, 4, 12])
  // 20 working days from Mon Nov 2 2026: due Mon Nov 30; yellow over the last 4 (Nov 25-30).
  const long = applyClockEffects(newClock(20), ['clock-start'], bj('2026-11-02'))
  assert.deepEqual(deadlineOf(long), { dueAt: at('2026-11-30T23:59:59.999+08:00'), warnAt: at('2026-11-25T00:00:00+08:00') })
  assert.equal(warningOf(c, bj('2026-10-08', '12:00')), 'yellow', 'same-day item on its due day')
})

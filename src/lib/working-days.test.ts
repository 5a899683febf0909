import { test } from 'node:test'
import assert from 'node:assert/strict'
import fc from 'fast-check'
import {
  addCalendarDays, addWorkingDays, CALENDAR_LAST_YEAR, chinaDate, endOfChinaDay, isWorkday, startOfChinaDay, workingDaysBetween,
} from './working-days.ts'

test('weekends are days off, weekdays are working days, outside holidays', () => {
  assert.equal(isWorkday('2026-03-02'), true) // Monday
  assert.equal(isWorkday('2026-03-07'), false) // Saturday
  assert.equal(isWorkday('2026-03-08'), false) // Sunday
})

test('Spring Festival 2026: Feb 15-23 off, Saturday Feb 14 and Feb 28 are make-up workdays', () => {
  for (let d = 15; d <= 23; d++) assert.equal(isWorkday(`2026-02-${d}`), false, `Feb ${d}`)
  assert.equal(isWorkday('2026-02-14'), true)
  assert.equal(isWorkday('2026-02-28'), true)
  assert.equal(isWorkday('2026-02-24'), true)
  // Thursday Feb 12 + 3 working days: Fri 13, Sat 14 (make-up), then Tue 24 after the holiday.
  assert.equal(addWorkingDays('2026-02-12', 3), '2026-02-24')
  assert.equal(workingDaysBetween('2026-02-12', '2026-02-24'), 3)
  // Accepted on the first day of the holiday: the clock starts on Tue 24.
  assert.equal(addWorkingDays('2026-02-16', 1), '2026-02-24')
  assert.equal(addWorkingDays('2026-02-16', 0), '2026-02-24')
  // 20 working days across the festival and the Saturday make-up day at its end.
  assert.equal(addWorkingDays('2026-02-02', 20), '2026-03-06')
})

test('Spring Festival 2025: Jan 28 - Feb 4 off, Sunday Jan 26 and Saturday Feb 8 are make-up workdays', () => {
  assert.equal(isWorkday('2025-01-26'), true)
  assert.equal(isWorkday('2025-02-08'), true)
  for (const d of ['2025-01-28', '2025-01-31', '2025-02-03', '2025-02-04']) assert.equal(isWorkday(d), false, d)
  // Friday Jan 24 + 2: Sun 26 (make-up), Mon 27.
  assert.equal(addWorkingDays('2025-01-24', 2), '2025-01-27')
  assert.equal(addWorkingDays('2025-01-27', 1), '2025-02-05')
})

test('National Day 2026: Oct 1-7 off, Sunday Sep 20 and Saturday Oct 10 are make-up workdays', () => {
  for (let d = 1; d <= 7; d++) assert.equal(isWorkday(`2026-10-0${d}`), false)
  assert.equal(isWorkday('2026-09-20'), true)
  assert.equal(isWorkday('2026-10-10'), true)
  assert.equal(addWorkingDays('2026-09-18', 1), '2026-09-20')
  assert.equal(addWorkingDays('2026-09-30', 1), '2026-10-08')
  assert.equal(addWorkingDays('2026-09-30', 3), '2026-10-10')
  assert.equal(addWorkingDays('2026-09-30', 4), '2026-10-12')
  assert.equal(workingDaysBetween('2026-09-25', '2026-10-12'), 7) // Sep 28, 29, 30, Oct 8, 9, 10 (make-up), 12
})

test('workingDaysBetween is the inverse of addWorkingDays and 0 for an empty range', () => {
  assert.equal(workingDaysBetween('2026-05-06', '2026-05-06'), 0)
  assert.equal(workingDaysBetween('2026-05-08', '2026-05-06'), 0)
  fc.assert(fc.property(fc.integer({ min: 0, max: 3 * 365 }), fc.integer({ min: 1, max: 60 }), (offset, n) => {
    const start = addCalendarDays('2024-01-01', offset)
    const due = addWorkingDays(start, n)
    return workingDaysBetween(start, due) === n && isWorkday(due)
  }))
})

test('civil dates in China time, day bounds, and argument checks', () => {
  // 2026-02-13T16:30Z is already Feb 14, 00:30 in Beijing.
  assert.equal(chinaDate(Date.parse('2026-02-13T16:30:00Z')), '2026-02-14')
  assert.equal(endOfChinaDay('2026-02-14'), Date.parse('2026-02-14T15:59:59.999Z'))
  assert.equal(startOfChinaDay('2026-02-14'), Date.parse('2026-02-13T16:00:00.000Z'))
  assert.throws(() => isWorkday('2026-2-1'), /want YYYY-MM-DD/)
  assert.throws(() => addWorkingDays('2026-02-01', -1), RangeError)
  assert.ok(CALENDAR_LAST_YEAR >= 2026)
})

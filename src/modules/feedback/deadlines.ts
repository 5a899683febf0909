/**
 * Working-day deadlines and traffic lights of rectification cases and 办不成事 matters, on the
 * official calendar (`lib/working-days`: holidays and make-up workdays). A limit of n working days
 * from an instant ends at the close (24:00 China time) of the n-th working day after its civil
 * date; 0 means the same working day (the next one when it opens on a day off). The last fifth of
 * the limit (at least one working day) is yellow, after the due instant red.
 */
import { addWorkingDays, chinaDate, endOfChinaDay, startOfChinaDay, workingDaysBetween } from '../../lib/working-days.ts'

export interface Deadline { dueAt: number; warnAt: number }
export type Light = 'green' | 'yellow' | 'red'

/** The deadline of a limit of `days` working days (0..3650) counted from `startMs`. */
export function workingDeadline(startMs: number, days: number): Deadline {
  const start = chinaDate(startMs)
  const due = addWorkingDays(start, days)
  if (days === 0) return { dueAt: endOfChinaDay(due), warnAt: startOfChinaDay(due) }
  const yellowDays = Math.max(1, Math.floor(days / 5))
  const lastGreen = addWorkingDays(start, days - yellowDays)
  // Yellow from the end of the last green working day (days - yellowDays = 0: the start day itself).
  const warnAt = days - yellowDays === 0 ? startOfChinaDay(addWorkingDays(start, 0)) : endOfChinaDay(lastGreen) + 1
  return { dueAt: endOfChinaDay(due), warnAt: Math.min(warnAt, endOfChinaDay(due)) }
}

/** The light of an open case at `now`: red after the due instant, yellow from `warnAt`, green before. */
export function lightOf(now: number, d: Deadline): Light {
  if (now > d.dueAt) return 'red'
  if (now >= d.warnAt) return 'yellow'
  return 'green'
}

/** Working days left until `dueAt` at `now` (0 on the due day, negative once overdue). */
export function workingDaysLeft(now: number, dueAt: number): number {
  const today = chinaDate(now)
  const due = chinaDate(dueAt)
  return now > dueAt ? -workingDaysBetween(due, today) || -1 : workingDaysBetween(today, due)
}

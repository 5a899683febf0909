/**
 * Promised time limits in working days on the official calendar. The clock starts at submission,
 * pauses while the applicant corrects (补正) and stops at completion. Pure: callers pass the time.
 */
import { addWorkingDays, chinaDate, endOfChinaDay, startOfChinaDay, workingDaysBetween } from '../../lib/working-days.ts'
import type { Effect } from './workflow.ts'

export interface ClockState {
  /** Working days promised (承诺时限); 0 is a same-day item. */
  limitDays: number
  startedAt: number | null
  pausedAt: number | null
  /** Working days spent in correction so far; they extend the deadline. */
  pausedDays: number
  stoppedAt: number | null
}

export interface Deadline {
  /** Last millisecond of the last working day (Beijing time). */
  dueAt: number
  /** From this instant the deadline is near (yellow). */
  warnAt: number
}

export type Warning = 'none' | 'yellow' | 'red'

/** How many last working days before the deadline are yellow: a fifth of the limit, at least one. */
export function warnDaysFor(limitDays: number): number {
  return limitDays === 0 ? 0 : Math.max(1, Math.round(limitDays / 5))
}

/** A clock that has not started. */
export function newClock(limitDays: number): ClockState {
  return { limitDays, startedAt: null, pausedAt: null, pausedDays: 0, stoppedAt: null }
}

/** Applies the clock effects of a transition at time `now`; other effects leave it unchanged. */
export function applyClockEffects(clock: ClockState, effects: readonly Effect[], now: number): ClockState {
  let c = clock
  for (const e of effects) {
    if (e === 'clock-start' && c.startedAt === null) c = { ...c, startedAt: now, pausedAt: null, stoppedAt: null }
    else if (e === 'clock-pause' && c.startedAt !== null && c.pausedAt === null) c = { ...c, pausedAt: now }
    else if (e === 'clock-resume' && c.pausedAt !== null) {
      c = { ...c, pausedAt: null, pausedDays: c.pausedDays + workingDaysBetween(chinaDate(c.pausedAt), chinaDate(now)) }
    } else if (e === 'clock-stop' && c.startedAt !== null && c.stoppedAt === null) c = { ...c, stoppedAt: now }
  }
  return c
}

/**
 * The deadline of a started clock: `limitDays + pausedDays` working days after the start day (the
 * start day itself not counted; a same-day item is due at the end of its first working day).
 * Undefined before the clock starts.
 */
export function deadlineOf(clock: ClockState): Deadline | undefined {
  if (clock.startedAt === null) return undefined
  const start = chinaDate(clock.startedAt)
  const total = clock.limitDays + clock.pausedDays
  const dueDate = addWorkingDays(start, total)
  // Yellow over the last `warnDays` working days (the due day only, for short limits).
  const warnDate = addWorkingDays(start, clock.limitDays === 0 ? 0 : Math.max(1, total - warnDaysFor(clock.limitDays) + 1))
  return { dueAt: endOfChinaDay(dueDate), warnAt: Math.min(startOfChinaDay(warnDate), endOfChinaDay(dueDate)) }
}

/** The warning level at `now`: red after the deadline, yellow from `warnAt`; none when paused or stopped. */
export function warningOf(clock: ClockState, now: number): Warning {
  const d = deadlineOf(clock)
  if (!d || clock.pausedAt !== null || clock.stoppedAt !== null) return 'none'
  if (now > d.dueAt) return 'red'
  if (now >= d.warnAt) return 'yellow'
  return 'none'
}

/** Working days left until the deadline at `now` (negative once overdue), or undefined before the start. */
export function workingDaysLeft(clock: ClockState, now: number): number | undefined {
  const d = deadlineOf(clock)
  if (!d) return undefined
  const today = chinaDate(now)
  const due = chinaDate(d.dueAt)
  return today <= due ? workingDaysBetween(today, due) : -workingDaysBetween(due, today)
}

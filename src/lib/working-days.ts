/**
 * Working days on the official Chinese calendar: weekends, public holidays and the make-up workdays
 * (调休) the State Council announces each year. The data is `chinese-days` (2004 to its newest
 * announced year); for a year it does not cover, only weekends are days off. Dates are civil dates
 * in China Standard Time (UTC+8, no daylight saving) written `YYYY-MM-DD`.
 */
import { createRequire } from 'node:module'

export type CivilDate = string

interface CalendarData { holidays: Record<string, string>; workdays: Record<string, string> }

const require = createRequire(import.meta.url)
const DATA = require('chinese-days/dist/chinese-days.json') as CalendarData
const HOLIDAYS = new Set(Object.keys(DATA.holidays))
const MAKEUP_WORKDAYS = new Set(Object.keys(DATA.workdays))
/** The last year the calendar data announces; later years fall back to weekends only. */
export const CALENDAR_LAST_YEAR = Math.max(...[...HOLIDAYS].map((d) => Number(d.slice(0, 4))))

const DAY_MS = 86_400_000
const CST_OFFSET_MS = 8 * 3_600_000
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/

function toUtcDay(date: CivilDate): number {
  const m = DATE.exec(date)
  if (!m) throw new TypeError(`date: got ${JSON.stringify(date)}, want YYYY-MM-DD`)
  return Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))
}

function fromUtcDay(ms: number): CivilDate {
  return new Date(ms).toISOString().slice(0, 10)
}

/** The civil date in China (UTC+8) of an instant in epoch milliseconds. */
export function chinaDate(epochMs: number): CivilDate {
  return fromUtcDay(epochMs + CST_OFFSET_MS)
}

/** The last millisecond (23:59:59.999 UTC+8) of a civil date, as epoch milliseconds. */
export function endOfChinaDay(date: CivilDate): number {
  return toUtcDay(date) + DAY_MS - CST_OFFSET_MS - 1
}

/** The first millisecond (00:00 UTC+8) of a civil date, as epoch milliseconds. */
export function startOfChinaDay(date: CivilDate): number {
  return toUtcDay(date) - CST_OFFSET_MS
}

/** The civil date `n` calendar days after `date` (negative goes back). */
export function addCalendarDays(date: CivilDate, n: number): CivilDate {
  return fromUtcDay(toUtcDay(date) + n * DAY_MS)
}

/** True when `date` is a working day: a make-up workday, or a weekday that is no public holiday. */
export function isWorkday(date: CivilDate): boolean {
  if (MAKEUP_WORKDAYS.has(date)) return true
  if (HOLIDAYS.has(date)) return false
  const weekday = new Date(toUtcDay(date)).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/**
 * The date of the `n`-th working day after `date`, the start day not counted (a limit of 5 working
 * days from a Friday acceptance ends on the next Friday). `n = 0` answers `date` itself when it is
 * a working day, else the next working day. Requires an integer 0 <= n <= 3650.
 */
export function addWorkingDays(date: CivilDate, n: number): CivilDate {
  if (!Number.isInteger(n) || n < 0 || n > 3650) throw new RangeError(`working days: got ${n}, want an integer 0..3650`)
  let day = toUtcDay(date)
  if (n === 0) {
    while (!isWorkday(fromUtcDay(day))) day += DAY_MS
    return fromUtcDay(day)
  }
  let left = n
  while (left > 0) {
    day += DAY_MS
    if (isWorkday(fromUtcDay(day))) left--
  }
  return fromUtcDay(day)
}

/**
 * How many working days lie in the half-open range (`from`, `to`]: 0 when `to` <= `from`.
 * `workingDaysBetween(d, addWorkingDays(d, n)) === n` for every n >= 1.
 */
export function workingDaysBetween(from: CivilDate, to: CivilDate): number {
  const end = toUtcDay(to)
  let count = 0
  for (let day = toUtcDay(from) + DAY_MS; day <= end; day += DAY_MS) if (isWorkday(fromUtcDay(day))) count++
  return count
}

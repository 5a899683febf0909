/** The `clock` port: every service reads time through it, never from `Date.now()` directly. */
export interface Clock {
  /** Returns the current time in epoch milliseconds. */
  now(): number
}

export const systemClock: Clock = { now: () => Date.now() }

/** A clock tests can move by hand. */
export function createManualClock(start = Date.UTC(2026, 0, 1)): Clock & { advance(ms: number): void; set(ms: number): void } {
  let t = start
  return { now: () => t, advance: (ms) => { t += ms }, set: (ms) => { t = ms } }
}

import { monotonicFactory } from 'ulid'

const nextUlid = monotonicFactory()

/** A source of prefixed, time-sortable ids (`app_01J…`). The `ids` port of every service. */
export interface IdGenerator {
  /** Returns a new id `<prefix>_<ULID>`. Requires a lowercase prefix of 2–8 letters. */
  next(prefix: string): string
}

const PREFIX = /^[a-z]{2,8}$/

/** Creates the default id generator: monotonic ULIDs, so ids sort by creation time within a process. */
export function createIdGenerator(now: () => number = Date.now): IdGenerator {
  return {
    next(prefix) {
      if (!PREFIX.test(prefix)) throw new TypeError(`id prefix: got ${JSON.stringify(prefix)}, want 2-8 lowercase letters`)
      return `${prefix}_${nextUlid(now())}`
    },
  }
}

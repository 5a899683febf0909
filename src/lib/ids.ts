import { randomBytes } from 'node:crypto'
import { monotonicFactory } from 'ulid'

// ULID randomness from a pool: one 4 KiB read from the CSPRNG serves 4,096 characters, instead of a
// call per character (the ulid package's default), on every write path. Ids are not secrets; they
// need uniqueness, which 80 random bits per millisecond and the monotonic increment give.
const POOL_BYTES = 4096
let pool = Buffer.alloc(0)
let at = 0

/** A uniform float in [0, 1) in steps of 1/256 (ulid maps it onto its 32 symbols: byte >> 3). */
export function pooledRandom(): number {
  if (at >= pool.length) {
    pool = randomBytes(POOL_BYTES)
    at = 0
  }
  return pool[at++] / 256
}

const nextUlid = monotonicFactory(pooledRandom)

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

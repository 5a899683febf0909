import { CoreError } from '../../../core/errors.ts'
import type { IdentityDeps } from './context.ts'

const WINDOW_MS = 60_000

/** What a hit answers: allowed, or refused with the seconds until the window ends. */
export type RateDecision = { ok: true } | { ok: false; retryAfterSeconds: number }

/**
 * The per-address limit on the public auth routes (login, second factor, registration, expired
 * password), counted in the database in one-minute windows so that several processes behind a
 * load balancer share one count. A login costs an argon2 hash (tens of milliseconds), so the one
 * upsert per attempt is cheap beside it.
 */
export function createRateLimiter(deps: IdentityDeps) {
  const max = deps.options.loginRatePerMinute
  return {
    /** Counts one attempt for `key` (an IP address); never throws for a refusal, answers it. */
    async hit(key: string): Promise<RateDecision> {
      const now = deps.clock.now()
      const windowStart = now - (now % WINDOW_MS)
      const hits = await deps.repo.rateLimit.hit(deps.db, `auth:${key}`, windowStart)
      // The first hit of a window clears windows that ended (one statement, by index).
      if (hits === 1) await deps.repo.rateLimit.prune(deps.db, windowStart - WINDOW_MS)
      return hits > max ? { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + WINDOW_MS - now) / 1000)) } : { ok: true }
    },
    /** The error a refused attempt answers (429, `CORE_RATE_LIMITED`, like every other limit of the platform). */
    refusal(retryAfterSeconds: number) {
      return new CoreError.RATE_LIMITED(`${retryAfterSeconds} s`)
    },
  }
}

export type RateLimiter = ReturnType<typeof createRateLimiter>

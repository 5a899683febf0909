/**
 * The sweep: records the default rating (基本满意 unless configured otherwise) of every service not
 * rated within its window, and closes rectified cases whose person did not rate the result in
 * time. Driven by the injected clock: a timer runs it every `sweepMs`, and reads run it first when
 * the clock moved a minute or more since the last run (so a test that moves the clock sees the
 * defaults at once). Idempotent: an occurrence is defaulted once whatever runs it, in any process.
 */
import { withTransaction } from '../../../core/db/transaction.ts'
import type { CaseService } from './cases.ts'
import type { FeedbackDeps } from './context.ts'
import type { RatingService } from './ratings.ts'

const BATCH = 200
const LAZY_AFTER_MS = 60_000

export function createSweeper(deps: FeedbackDeps, ratings: RatingService, cases: CaseService) {
  const { db, repo, clock, log } = deps
  let running: Promise<{ defaults: number; closed: number }> | undefined
  let lastRun = Number.NEGATIVE_INFINITY
  let timer: NodeJS.Timeout | undefined

  async function runOnce(): Promise<{ defaults: number; closed: number }> {
    const now = clock.now()
    lastRun = now
    let defaults = 0
    let closed = 0
    for (;;) {
      const due = await repo.listDue(db, now, BATCH)
      for (const occ of due) if (await withTransaction(db, (trx) => ratings.recordDefault(trx, occ))) defaults++
      if (due.length < BATCH) break
    }
    for (;;) {
      const expired = await cases.listExpiredResults(now)
      for (const k of expired) {
        await withTransaction(db, async (trx) => {
          const fresh = await repo.getCase(trx, k.id)
          if (fresh?.status === 'rectified') { await cases.expireResult(trx, fresh); closed++ }
        })
      }
      if (expired.length < BATCH) break
    }
    if (defaults || closed) log.info({ defaults, closed }, 'feedback sweep')
    return { defaults, closed }
  }

  /** Runs the sweep now (concurrent calls share one run). */
  function sweep(): Promise<{ defaults: number; closed: number }> {
    running ??= runOnce().finally(() => { running = undefined })
    return running
  }

  return {
    sweep,
    /** Sweeps first when the clock moved a minute or more (or backwards) since the last sweep. Never throws. */
    async ensure(): Promise<void> {
      const now = clock.now()
      if (now - lastRun < LAZY_AFTER_MS && now >= lastRun) return
      await sweep().catch((err) => log.warn({ err }, 'feedback sweep failed'))
    },
    start(everyMs: number): void {
      if (everyMs <= 0 || timer) return
      timer = setInterval(() => { void sweep().catch((err) => log.warn({ err }, 'feedback sweep failed')) }, everyMs)
      timer.unref()
    },
    async stop(): Promise<void> {
      if (timer) clearInterval(timer)
      timer = undefined
      await running?.catch(() => undefined)
    },
  }
}

export type Sweeper = ReturnType<typeof createSweeper>

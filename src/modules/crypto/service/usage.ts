import { withTransaction } from '../../../core/db/transaction.ts'
import type { Actor, CryptoDeps } from './context.ts'
import { SYSTEM_ACTOR } from './context.ts'

interface Pending { uses: number; operations: Record<string, number>; from: number; to: number }

/** Counts private-key uses. See {@link createUsageCounter}. */
export interface UsageCounter {
  /**
   * Records one API-initiated use inside `trx`-less own transaction: increments the key's counter
   * and appends one audit row `crypto.key.used` for it. Used by routes (one request = one row).
   */
  recordNow(keyId: string, actor: Actor, detail: Record<string, unknown>): Promise<void>
  /** Counts one module-internal use in memory; flushed in batches with one audit row per key and flush. */
  countLater(keyId: string, operation: string): void
  /** Uses counted in memory for `keyId` and not yet flushed. */
  pending(keyId: string): number
  /** Writes every pending count (one transaction per key). Never throws; failed counts stay pending. */
  flush(): Promise<void>
  /** Stops the flush timer and flushes what is left. */
  stop(): Promise<void>
}

/**
 * Per-key usage counting. API-initiated uses are written and audited one by one, in the
 * request. Module-internal uses (the ledger signing checkpoints, the CA signing certificates)
 * would otherwise cost a database write per signature, so they are counted in memory and
 * flushed every `usageFlushMs`: each flush adds the count to `crypto_key.usage_count` and
 * appends one audit row per key stating how many uses, of which operations, in which interval.
 */
export function createUsageCounter(deps: CryptoDeps): UsageCounter {
  const pending = new Map<string, Pending>()
  const flushMs = deps.usageFlushMs ?? 2000
  let timer: NodeJS.Timeout | undefined
  let flushing: Promise<void> | undefined

  async function flushOne(keyId: string, p: Pending): Promise<void> {
    await withTransaction(deps.db, async (trx) => {
      await deps.repo.addUsage(trx, keyId, p.uses, p.to)
      await deps.audit.append(trx, {
        actorId: SYSTEM_ACTOR.id, actorKind: SYSTEM_ACTOR.kind, action: 'crypto.key.used', targetType: 'crypto_key', targetId: keyId,
        detail: { via: 'module', uses: p.uses, operations: p.operations, from: new Date(p.from).toISOString(), to: new Date(p.to).toISOString() },
      })
    })
  }

  async function flushAll(): Promise<void> {
    const batch = [...pending.entries()]
    pending.clear()
    for (const [keyId, p] of batch) {
      try {
        await flushOne(keyId, p)
      } catch (err) {
        // Put the count back so that it is not lost; the next flush tries again.
        const again = pending.get(keyId)
        if (again) {
          again.uses += p.uses
          again.from = Math.min(again.from, p.from)
          for (const [op, n] of Object.entries(p.operations)) again.operations[op] = (again.operations[op] ?? 0) + n
        } else pending.set(keyId, p)
        deps.log.warn({ err, keyId }, 'crypto: usage count flush failed; will retry')
      }
    }
  }

  const counter: UsageCounter = {
    async recordNow(keyId, actor, detail) {
      const now = deps.clock.now()
      await withTransaction(deps.db, async (trx) => {
        await deps.repo.addUsage(trx, keyId, 1, now)
        await deps.audit.append(trx, {
          actorId: actor.id, actorKind: actor.kind, action: 'crypto.key.used', targetType: 'crypto_key', targetId: keyId,
          requestId: actor.requestId ?? null, detail: { via: 'api', ...detail },
        })
      })
    },
    countLater(keyId, operation) {
      const now = deps.clock.now()
      const p = pending.get(keyId)
      if (p) {
        p.uses++
        p.to = now
        p.operations[operation] = (p.operations[operation] ?? 0) + 1
      } else pending.set(keyId, { uses: 1, operations: { [operation]: 1 }, from: now, to: now })
      if (!timer) {
        timer = setInterval(() => { void counter.flush() }, flushMs)
        timer.unref()
      }
    },
    pending: (keyId) => pending.get(keyId)?.uses ?? 0,
    async flush() {
      if (flushing) await flushing
      if (pending.size === 0) return
      flushing = flushAll().finally(() => { flushing = undefined })
      await flushing
    },
    async stop() {
      if (timer) clearInterval(timer)
      timer = undefined
      await counter.flush()
    },
  }
  return counter
}

/**
 * Domain events through a transactional outbox. `publish` writes the event and one delivery row per
 * matching subscriber inside the caller's transaction; the dispatcher delivers each at least once,
 * in order per (subscriber, aggregate), with retries, backoff and a dead-letter state. A handler
 * runs inside a transaction together with the row that marks its delivery done, so a handler whose
 * effects are database writes through `ctx.trx` sees each event exactly once.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Logger } from 'pino'
import type { Clock } from '../lib/time.ts'
import type { IdGenerator } from '../lib/ids.ts'
import { withTransaction, afterCommit } from './db/transaction.ts'
import { fromJson, toJson } from './db/dialect.ts'
import { CoreError } from './errors.ts'

export interface DomainEvent<P = unknown> {
  id: string
  name: string
  aggregateId: string
  payload: P
  occurredAt: number
  requestId: string | null
  actorId: string | null
}

export interface HandlerContext {
  /** The delivery's transaction: write through it so the effect and the acknowledgement commit together. */
  trx: Transaction<any>
  attempt: number
}

export type EventHandler = (event: DomainEvent, ctx: HandlerContext) => Promise<void>

export interface Subscription {
  /** Stable subscriber name `<module>.<purpose>`: delivery state is kept under it. */
  name: string
  /** An event name, or a prefix pattern ending in `*` (`services.*`, `*`). */
  pattern: string
  handler: EventHandler
}

export interface PublishMeta { requestId?: string | null; actorId?: string | null }

export interface EventBus {
  /** Writes `name` for `aggregateId` into the outbox inside `trx`. Throws CORE_UNKNOWN_EVENT for an undeclared name. */
  publish<P>(trx: Kysely<any>, name: string, aggregateId: string, payload: P, meta?: PublishMeta): Promise<string>
  /** Adds a subscriber; only before `start()`. */
  subscribe(sub: Subscription): void
  /** Declares event names a module may publish. */
  declare(module: string, names: string[]): void
  start(): void
  stop(): Promise<void>
  /** Delivers everything due now, repeatedly, until nothing is due. For tests and shutdown. */
  drain(): Promise<number>
  /** Counts of deliveries per status. */
  stats(): Promise<Record<string, number>>
  /** The newest dead-lettered deliveries. */
  deadLetters(limit?: number): Promise<DeadLetter[]>
  /** Re-queues one dead-lettered delivery inside `trx` with a fresh attempt budget; false when there is none. */
  retryDead(trx: Kysely<any>, eventId: string, subscriber: string): Promise<boolean>
}

export interface DeadLetter { eventId: string; subscriber: string; name: string; attempts: number; lastError: string | null }

export interface EventBusOptions {
  db: Kysely<any>
  clock: Clock
  ids: IdGenerator
  log: Logger
  pollMs?: number
  maxAttempts?: number
  leaseMs?: number
  /** Backoff before attempt n+1 in ms; default 500·2^n capped at 5 minutes. */
  backoff?: (attempts: number) => number
}

const BATCH = 100

function matches(pattern: string, name: string): boolean {
  return pattern.endsWith('*') ? name.startsWith(pattern.slice(0, -1)) : pattern === name
}

/** Creates the outbox event bus. Requires the core migrations applied. */
export function createEventBus(opts: EventBusOptions): EventBus {
  const { db, clock, ids, log } = opts
  const pollMs = opts.pollMs ?? 500
  const maxAttempts = opts.maxAttempts ?? 8
  const leaseMs = opts.leaseMs ?? 30_000
  const backoff = opts.backoff ?? ((n: number) => Math.min(500 * 2 ** n, 300_000))
  const subs = new Map<string, Subscription>()
  const declared = new Set<string>()
  let started = false
  let timer: NodeJS.Timeout | undefined
  let running: Promise<number> | undefined
  let again = false

  async function claimDue(): Promise<Array<{ event_id: string; subscriber: string; attempts: number }>> {
    const now = clock.now()
    // The earliest pending delivery per (subscriber, aggregate) only: order per aggregate holds.
    return db
      .selectFrom('core_event_delivery as d')
      .select(['d.event_id', 'd.subscriber', 'd.attempts'])
      .where('d.status', '=', 'pending')
      .where('d.next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<', now)]))
      .where(({ not, exists, selectFrom }) =>
        not(exists(
          selectFrom('core_event_delivery as e')
            .select('e.event_id')
            .whereRef('e.subscriber', '=', 'd.subscriber')
            .whereRef('e.aggregate_id', '=', 'd.aggregate_id')
            .where('e.status', '=', 'pending')
            .whereRef('e.event_id', '<', 'd.event_id'),
        )))
      .orderBy('d.event_id')
      .limit(BATCH)
      .execute()
  }

  async function deliverOne(row: { event_id: string; subscriber: string; attempts: number }): Promise<boolean> {
    const sub = subs.get(row.subscriber)
    if (!sub) return false
    const now = clock.now()
    if (row.attempts >= maxAttempts) {
      // Earlier attempts died with their process (no failure was recorded): stop retrying.
      await db.updateTable('core_event_delivery')
        .set({ status: 'dead', lease_until: null, last_error: 'attempts exhausted: the process died during delivery' })
        .where('event_id', '=', row.event_id).where('subscriber', '=', row.subscriber).where('status', '=', 'pending')
        .execute()
      return false
    }
    // The attempt is counted when claimed, so a handler that kills its process still uses up attempts.
    const attempt = row.attempts + 1
    const claimed = await db
      .updateTable('core_event_delivery')
      .set({ lease_until: now + leaseMs, attempts: attempt })
      .where('event_id', '=', row.event_id)
      .where('subscriber', '=', row.subscriber)
      .where('status', '=', 'pending')
      .where('attempts', '=', row.attempts)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<', now)]))
      .executeTakeFirst()
    if (Number(claimed.numUpdatedRows) !== 1) return false
    try {
      await withTransaction(db, async (trx) => {
        const ev = await trx.selectFrom('core_event').selectAll().where('id', '=', row.event_id).executeTakeFirstOrThrow()
        const event: DomainEvent = {
          id: ev.id, name: ev.name, aggregateId: ev.aggregate_id, payload: fromJson(ev.payload),
          occurredAt: Number(ev.occurred_at), requestId: ev.request_id, actorId: ev.actor_id,
        }
        await sub.handler(event, { trx, attempt })
        await trx.updateTable('core_event_delivery')
          .set({ status: 'delivered', attempts: attempt, delivered_at: clock.now(), lease_until: null, last_error: null })
          .where('event_id', '=', row.event_id).where('subscriber', '=', row.subscriber)
          .execute()
      })
      return true
    } catch (err) {
      const dead = attempt >= maxAttempts
      const message = err instanceof Error ? err.message : String(err)
      log.warn({ event: row.event_id, subscriber: row.subscriber, attempt, dead, err: message }, 'event delivery failed')
      await db.updateTable('core_event_delivery')
        .set({
          status: dead ? 'dead' : 'pending', attempts: attempt, lease_until: null,
          last_error: message.slice(0, 1000), next_attempt_at: clock.now() + backoff(attempt),
        })
        .where('event_id', '=', row.event_id).where('subscriber', '=', row.subscriber)
        .execute()
      return false
    }
  }

  async function runOnce(): Promise<number> {
    let delivered = 0
    for (;;) {
      const due = (await claimDue()).filter((r) => subs.has(r.subscriber))
      if (due.length === 0) break
      let progress = 0
      for (const row of due) if (await deliverOne(row)) progress++
      delivered += progress
      if (progress === 0) break
    }
    return delivered
  }

  /** Runs the dispatcher; concurrent calls coalesce into one more pass. */
  function kick(): Promise<number> {
    if (running) {
      again = true
      return running
    }
    running = (async () => {
      let total = 0
      do {
        again = false
        try {
          total += await runOnce()
        } catch (err) {
          log.error({ err }, 'event dispatcher pass failed')
        }
      } while (again && started)
      return total
    })().finally(() => { running = undefined })
    return running
  }

  return {
    declare(module, names) {
      for (const n of names) {
        if (!n.startsWith(`${module}.`)) throw new Error(`event ${n} must start with its module name ${module}.`)
        declared.add(n)
      }
    },
    subscribe(sub) {
      if (started) throw new Error(`subscribe ${sub.name}: the bus has started`)
      if (subs.has(sub.name)) throw new Error(`duplicate subscriber ${sub.name}`)
      subs.set(sub.name, sub)
    },
    async publish(trx, name, aggregateId, payload, meta = {}) {
      if (!declared.has(name)) throw new CoreError.UNKNOWN_EVENT(name, name.split('.')[0])
      const id = ids.next('evt')
      const now = clock.now()
      await trx.insertInto('core_event').values({
        id, name, aggregate_id: aggregateId, payload: toJson(payload), occurred_at: now,
        request_id: meta.requestId ?? null, actor_id: meta.actorId ?? null,
      }).execute()
      const targets = [...subs.values()].filter((s) => matches(s.pattern, name))
      if (targets.length > 0) {
        await trx.insertInto('core_event_delivery').values(targets.map((s) => ({
          event_id: id, subscriber: s.name, aggregate_id: aggregateId, status: 'pending', attempts: 0, next_attempt_at: now,
        }))).execute()
        afterCommit(trx, () => { if (started) void kick() })
      }
      return id
    },
    start() {
      if (started) return
      started = true
      timer = setInterval(() => void kick(), pollMs)
      timer.unref()
      void kick()
    },
    async stop() {
      started = false
      if (timer) clearInterval(timer)
      timer = undefined
      if (running) await running
    },
    async drain() {
      let total = 0
      for (;;) {
        if (running) await running
        const n = await kick()
        total += n
        if (n === 0) return total
      }
    },
    async deadLetters(limit = 100) {
      const rows = await db
        .selectFrom('core_event_delivery as d')
        .innerJoin('core_event as e', 'e.id', 'd.event_id')
        .select(['d.event_id', 'd.subscriber', 'e.name', 'd.attempts', 'd.last_error'])
        .where('d.status', '=', 'dead')
        .orderBy('d.event_id', 'desc')
        .limit(limit)
        .execute()
      return rows.map((r) => ({ eventId: r.event_id, subscriber: r.subscriber, name: r.name, attempts: Number(r.attempts), lastError: r.last_error }))
    },
    async retryDead(trx, eventId, subscriber) {
      const res = await trx.updateTable('core_event_delivery')
        .set({ status: 'pending', attempts: 0, next_attempt_at: clock.now(), lease_until: null })
        .where('event_id', '=', eventId).where('subscriber', '=', subscriber).where('status', '=', 'dead')
        .executeTakeFirst()
      const ok = Number(res.numUpdatedRows) === 1
      if (ok) afterCommit(trx, () => { if (started) void kick() })
      return ok
    },
    async stats() {
      const rows = await db.selectFrom('core_event_delivery').select(['status', db.fn.countAll().as('n')]).groupBy('status').execute()
      const out: Record<string, number> = { pending: 0, delivered: 0, dead: 0 }
      for (const r of rows) out[r.status as string] = Number(r.n)
      return out
    },
  }
}

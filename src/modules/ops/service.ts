import type { Kysely } from 'kysely'
import type { AuditLog, AuditQuery } from '../../core/audit.ts'
import type { EventBus } from '../../core/events.ts'
import type { Principal } from '../../core/http/auth.ts'
import { withTransaction } from '../../core/db/transaction.ts'
import { ping } from '../../core/db/dialect.ts'
import { OpsError } from './errors.ts'

export interface OpsDeps {
  db: Kysely<any>
  audit: AuditLog
  events: EventBus
  pendingMigrations(): Promise<string[]>
  readinessChecks: ReadonlyMap<string, () => Promise<boolean>>
}

/** Health, readiness, audit reading and dead-letter handling: the platform's operations API. */
export function createOpsService(deps: OpsDeps) {
  return {
    /** Every readiness check; `ready` only when all pass. Never throws. */
    async readiness(): Promise<{ ready: boolean; checks: Record<string, boolean> }> {
      const checks: Record<string, boolean> = { database: await ping(deps.db) }
      checks.migrations = checks.database ? (await deps.pendingMigrations().catch(() => ['?'])).length === 0 : false
      for (const [name, check] of deps.readinessChecks) checks[name] = await check().catch(() => false)
      return { ready: Object.values(checks).every(Boolean), checks }
    },

    queryAudit(q: AuditQuery) {
      return deps.audit.query(q)
    },

    async eventStats() {
      return { deliveries: await deps.events.stats(), dead: await deps.events.deadLetters(100) }
    },

    /** Puts a dead-lettered delivery back in the queue with a fresh attempt budget. Audited. */
    async retryDelivery(principal: Principal, eventId: string, subscriber: string, requestId: string): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        if (!(await deps.events.retryDead(trx, eventId, subscriber))) throw new OpsError.DELIVERY_NOT_FOUND(eventId, subscriber)
        await deps.audit.append(trx, {
          actorId: principal.id, actorKind: principal.kind, action: 'ops.delivery.retried',
          targetType: 'event_delivery', targetId: `${eventId}/${subscriber}`, requestId,
        })
      })
    },
  }
}

export type OpsService = ReturnType<typeof createOpsService>

import type { Kysely } from 'kysely'
import type { Logger } from 'pino'
import type { AuditLog, AuditOutcome } from '../../../core/audit.ts'
import type { EventBus } from '../../../core/events.ts'
import type { Principal } from '../../../core/http/auth.ts'
import type { Clock } from '../../../lib/time.ts'
import type { IdGenerator } from '../../../lib/ids.ts'
import type { CityService } from '../../city/index.ts'
import type { IdentityOptions } from '../config.ts'
import type { PiiCipher } from '../keys.ts'
import type { IdentityRepo } from '../repo/index.ts'
import type { IdentityEventName } from '../events.ts'

/** The ports of the identity service. */
export interface IdentityDeps {
  db: Kysely<any>
  repo: IdentityRepo
  audit: AuditLog
  events: EventBus
  clock: Clock
  ids: IdGenerator
  log: Logger
  pii: PiiCipher
  /** Secret of CSRF tokens (HMAC key). */
  csrfKey: Uint8Array
  options: IdentityOptions
  /** The city module, to check division codes of departments. */
  city: CityService | undefined
}

/** Where a request came from, for audit and the login log. */
export interface RequestMeta {
  requestId?: string
  ip?: string
  userAgent?: string
}

/** Who did it, for audit rows written by services. */
export interface Actor { id: string; kind: string }

export const SYSTEM_ACTOR: Actor = { id: 'system:identity', kind: 'system' }

export function actorOf(p: Principal): Actor {
  return { id: p.id, kind: p.kind }
}

/** Appends one audit row and, when `event` is given, publishes it, both inside `trx`. */
export async function record(
  deps: IdentityDeps, trx: Kysely<any>, actor: Actor, meta: RequestMeta,
  a: { action: string; targetType: string; targetId: string; outcome?: AuditOutcome; detail?: Record<string, unknown>; event?: { name: IdentityEventName; payload: Record<string, unknown> } },
): Promise<void> {
  await deps.audit.append(trx, {
    actorId: actor.id, actorKind: actor.kind, action: a.action, targetType: a.targetType, targetId: a.targetId,
    requestId: meta.requestId ?? null, ip: meta.ip ?? null, outcome: a.outcome ?? 'success', detail: a.detail ?? null,
  })
  if (a.event) await deps.events.publish(trx, a.event.name, a.targetId, a.event.payload, { requestId: meta.requestId ?? null, actorId: actor.id })
}

/** Clamps a page size to 1..200 (default 50). */
export function pageSize(limit: number | undefined): number {
  return Math.min(Math.max(limit ?? 50, 1), 200)
}

export function parseJsonList(text: string): string[] {
  const v = JSON.parse(text) as unknown
  return Array.isArray(v) ? v.map(String) : []
}

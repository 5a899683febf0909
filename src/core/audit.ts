import type { Kysely } from 'kysely'
import type { Clock } from '../lib/time.ts'
import type { IdGenerator } from '../lib/ids.ts'
import { fromJson, toJson } from './db/dialect.ts'

export type AuditOutcome = 'success' | 'failure' | 'denied'

export interface AuditInput {
  actorId: string
  actorKind: string
  action: string
  targetType?: string | null
  targetId?: string | null
  requestId?: string | null
  outcome?: AuditOutcome
  ip?: string | null
  /** Extra facts; never secrets or unmasked personal data. */
  detail?: Record<string, unknown> | null
}

export interface AuditRecord extends Required<Omit<AuditInput, 'detail'>> {
  id: string
  at: number
  detail: Record<string, unknown> | null
}

export interface AuditQuery {
  actorId?: string
  action?: string
  targetType?: string
  targetId?: string
  outcome?: AuditOutcome
  from?: number
  to?: number
  /** The id of the last row of the previous page. */
  cursor?: string
  limit?: number
}

export interface AuditLog {
  /** Appends one record inside `trx`, the transaction of the write it describes. Returns its id. */
  append(trx: Kysely<any>, input: AuditInput): Promise<string>
  /** Newest first, cursor-paginated. */
  query(q: AuditQuery): Promise<{ items: AuditRecord[]; nextCursor: string | null }>
}

/** Creates the append-only audit log (table `core_audit`, which refuses UPDATE and DELETE). */
export function createAuditLog(db: Kysely<any>, clock: Clock, ids: IdGenerator): AuditLog {
  return {
    async append(trx, input) {
      const id = ids.next('aud')
      await trx.insertInto('core_audit').values({
        id,
        at: clock.now(),
        actor_id: input.actorId,
        actor_kind: input.actorKind,
        action: input.action,
        target_type: input.targetType ?? null,
        target_id: input.targetId ?? null,
        request_id: input.requestId ?? null,
        outcome: input.outcome ?? 'success',
        ip: input.ip ?? null,
        detail: input.detail ? toJson(input.detail) : null,
      }).execute()
      return id
    },
    async query(q) {
      const limit = Math.min(Math.max(q.limit ?? 50, 1), 200)
      let sel = db.selectFrom('core_audit').selectAll()
      if (q.actorId) sel = sel.where('actor_id', '=', q.actorId)
      if (q.action) sel = sel.where('action', '=', q.action)
      if (q.targetType) sel = sel.where('target_type', '=', q.targetType)
      if (q.targetId) sel = sel.where('target_id', '=', q.targetId)
      if (q.outcome) sel = sel.where('outcome', '=', q.outcome)
      if (q.from !== undefined) sel = sel.where('at', '>=', q.from)
      if (q.to !== undefined) sel = sel.where('at', '<', q.to)
      if (q.cursor) sel = sel.where('id', '<', q.cursor)
      const rows = await sel.orderBy('id', 'desc').limit(limit + 1).execute()
      const items = rows.slice(0, limit).map((r): AuditRecord => ({
        id: r.id, at: Number(r.at), actorId: r.actor_id, actorKind: r.actor_kind, action: r.action,
        targetType: r.target_type, targetId: r.target_id, requestId: r.request_id, outcome: r.outcome,
        ip: r.ip, detail: fromJson(r.detail),
      }))
      return { items, nextCursor: rows.length > limit ? items.at(-1)!.id : null }
    },
  }
}

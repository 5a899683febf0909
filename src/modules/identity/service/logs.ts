/** The login log (登录日志) and the operation log (操作日志, the platform audit log) for administrators. */
import type { AuditQuery, AuditRecord } from '../../../core/audit.ts'
import { maskIdentifiersIn } from '../../../lib/mask.ts'
import type { LoginLogRow } from '../repo/index.ts'
import { pageSize, type IdentityDeps } from './context.ts'
import { iso } from './views.ts'

export interface LoginLogEntry {
  id: string; at: string; accountId: string | null; loginName: string; outcome: string; reason: string | null
  ip: string | null; userAgent: string | null; sessionId: string | null
}
export interface LoginLogQuery { accountId?: string; loginName?: string; outcome?: string; ip?: string; from?: number; to?: number; cursor?: string; limit?: number }

const toEntry = (r: LoginLogRow): LoginLogEntry => ({
  id: r.id, at: iso(r.at), accountId: r.account_id, loginName: r.login_name, outcome: r.outcome, reason: r.reason, ip: r.ip, userAgent: r.user_agent, sessionId: r.session_id,
})

export function createLogService(deps: IdentityDeps) {
  return {
    /** Newest first. A login name is matched in its stored (masked) form. */
    async findLogins(q: LoginLogQuery): Promise<{ items: LoginLogEntry[]; nextCursor: string | null }> {
      const page = await deps.repo.logs.findLogins(deps.db, { ...q, loginName: q.loginName ? maskIdentifiersIn(q.loginName) : undefined, limit: pageSize(q.limit) })
      return { items: page.rows.map(toEntry), nextCursor: page.nextCursor }
    },
    /** Every audited write of the platform (who, what, when, from where, outcome), newest first. */
    async findOperations(q: AuditQuery): Promise<{ items: Array<Omit<AuditRecord, 'at'> & { at: string }>; nextCursor: string | null }> {
      const page = await deps.audit.query({ ...q, limit: pageSize(q.limit) })
      return { items: page.items.map((r) => ({ ...r, at: iso(r.at) })), nextCursor: page.nextCursor }
    },
  }
}

export type LogService = ReturnType<typeof createLogService>

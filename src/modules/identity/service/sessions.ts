import { createHmac } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Principal } from '../../../core/http/auth.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { hashToken, newToken } from '../keys.ts'
import { IdentityError } from '../errors.ts'
import type { AccountRow } from '../repo/index.ts'
import { actorOf, pageSize, record, type Actor, type IdentityDeps, type RequestMeta } from './context.ts'
import type { PrincipalResolver, SessionKind } from './principals.ts'
import { iso, toSessionView, type SessionView } from './views.ts'

/** A session just opened: the secret token is shown once and never stored. */
export interface IssuedSession {
  sessionId: string
  accountId: string
  kind: SessionKind
  token: string
  /** For web sessions: the value the client echoes in `x-csrf-token` on writes. */
  csrfToken: string | null
  mfa: boolean
  expiresAt: string
}

/** The CSRF token bound to a web session token (HMAC, so nothing extra is stored). */
export function csrfTokenFor(csrfKey: Uint8Array, sessionToken: string): string {
  return createHmac('sha256', csrfKey).update(sessionToken).digest('base64url')
}

export function createSessionService(deps: IdentityDeps, principals: PrincipalResolver) {
  const { repo } = deps

  async function revokeOne(trx: Kysely<any>, actor: Actor, meta: RequestMeta, sessionId: string, accountId: string, reason: string): Promise<boolean> {
    const done = await repo.sessions.revoke(trx, sessionId, deps.clock.now(), reason)
    if (done) {
      await record(deps, trx, actor, meta, {
        action: 'identity.session.revoked', targetType: 'session', targetId: sessionId, detail: { accountId, reason },
        event: { name: 'identity.session.revoked', payload: { sessionId, accountId, reason } },
      })
    }
    return done
  }

  const activeFilter = (rows: Awaited<ReturnType<typeof repo.sessions.listActive>>['rows'], now: number) =>
    rows.filter((r) => now - r.last_seen_at <= deps.options.idleTimeoutMs)

  return {
    /** Opens a session for `account` inside `trx`; the caller audits the login. */
    async open(trx: Kysely<any>, account: AccountRow, kind: SessionKind, mfa: boolean, actingEnterpriseId: string | null, meta: RequestMeta): Promise<IssuedSession> {
      const token = newToken(kind === 'web' ? 'zcs_' : 'zca_')
      const id = deps.ids.next('ses')
      const now = deps.clock.now()
      const expiresAt = now + (kind === 'web' ? deps.options.webSessionTtlMs : deps.options.apiTokenTtlMs)
      await repo.sessions.insert(trx, {
        id, token_hash: hashToken(token), account_id: account.id, kind, acting_enterprise_id: actingEnterpriseId, mfa: mfa ? 1 : 0,
        created_at: now, expires_at: expiresAt, last_seen_at: now, ip: meta.ip?.slice(0, 64) ?? null, user_agent: meta.userAgent?.slice(0, 300) ?? null,
        revoked_at: null, revoke_reason: null,
      })
      return { sessionId: id, accountId: account.id, kind, token, csrfToken: kind === 'web' ? csrfTokenFor(deps.csrfKey, token) : null, mfa, expiresAt: iso(expiresAt) }
    },

    /** Ends the caller's own session (no-op for principals without one, such as the bootstrap token). */
    async logout(p: Principal, meta: RequestMeta): Promise<void> {
      if (!p.sessionId) return
      await withTransaction(deps.db, (trx) => revokeOne(trx, actorOf(p), meta, p.sessionId!, p.id, 'logout'))
      principals.invalidateSession(p.sessionId)
    },

    /** Ends every session of the caller's account, this one included. Returns how many ended. */
    async logoutEverywhere(p: Principal, meta: RequestMeta): Promise<number> {
      const n = await withTransaction(deps.db, async (trx) => {
        const ids = await repo.sessions.revokeAll(trx, p.id, deps.clock.now(), 'logout-everywhere')
        for (const id of ids) {
          await record(deps, trx, actorOf(p), meta, {
            action: 'identity.session.revoked', targetType: 'session', targetId: id, detail: { accountId: p.id, reason: 'logout-everywhere' },
            event: { name: 'identity.session.revoked', payload: { sessionId: id, accountId: p.id, reason: 'logout-everywhere' } },
          })
        }
        return ids.length
      })
      principals.invalidate(p.id)
      return n
    },

    async listOwn(p: Principal): Promise<SessionView[]> {
      const now = deps.clock.now()
      const page = await repo.sessions.listActive(deps.db, { accountId: p.id, now, limit: 200 })
      return activeFilter(page.rows, now).map((r) => toSessionView(r, p.sessionId))
    },

    /** Revokes one of the caller's own sessions; another account's session answers 404. */
    async revokeOwn(p: Principal, sessionId: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        const row = await repo.sessions.getById(trx, sessionId)
        if (!row || row.account_id !== p.id || row.revoked_at !== null) throw new IdentityError.SESSION_NOT_FOUND(sessionId)
        await revokeOne(trx, actorOf(p), meta, sessionId, p.id, 'revoked-by-owner')
      })
      principals.invalidateSession(sessionId)
    },

    /** Online sessions of every account (在线用户), newest first. */
    async listAll(q: { accountId?: string; cursor?: string; limit?: number }): Promise<{ items: SessionView[]; nextCursor: string | null }> {
      const now = deps.clock.now()
      const page = await repo.sessions.listActive(deps.db, { ...q, now, limit: pageSize(q.limit) })
      return { items: activeFilter(page.rows, now).map((r) => toSessionView(r, undefined)), nextCursor: page.nextCursor }
    },

    /** Forces a session to log out (强制退出). */
    async forceLogout(p: Principal, sessionId: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        const row = await repo.sessions.getById(trx, sessionId)
        if (!row || row.revoked_at !== null) throw new IdentityError.SESSION_NOT_FOUND(sessionId)
        await revokeOne(trx, actorOf(p), meta, sessionId, row.account_id, 'forced')
      })
      principals.invalidateSession(sessionId)
    },
  }
}

export type SessionService = ReturnType<typeof createSessionService>

/**
 * Turns session tokens into principals, cheaply: a resolved session and its principal are kept in
 * memory for `options.cacheMs`, so the hot path of an authenticated request reads no database.
 * Every change made through this process (logout, revocation, role or account edit) drops the
 * affected entries at once; other processes see it after at most `cacheMs`.
 */
import type { DataScope, Principal } from '../../../core/http/auth.ts'
import { hashToken } from '../keys.ts'
import type { DepartmentRow, RoleRow, SessionRow } from '../repo/index.ts'
import { parseJsonList, type IdentityDeps } from './context.ts'
import { toAccountView, type AccountView } from './views.ts'

const MAX_ENTRIES = 50_000
const TOUCH_EVERY_MS = 60_000

interface Entry { row: SessionRow; principal: Principal; until: number; lastSeen: number }

export type SessionKind = 'web' | 'api'

/** Data scope kinds a role may carry (RuoYi 数据权限). */
export type DataScopeKind = 'all' | 'custom' | 'department' | 'department_and_below' | 'self'

/** The department tree in memory (small: hundreds of rows), reloaded after changes or `cacheMs`. */
export function createDepartmentCache(deps: IdentityDeps) {
  let loaded: { at: number; byId: Map<string, DepartmentRow>; rows: DepartmentRow[] } | undefined
  async function get() {
    const now = deps.clock.now()
    if (!loaded || now - loaded.at > Math.max(deps.options.cacheMs, 0) || deps.options.cacheMs === 0) {
      const rows = await deps.repo.org.listDepartments(deps.db)
      loaded = { at: now, rows, byId: new Map(rows.map((r) => [r.id, r])) }
    }
    return loaded
  }
  return {
    get,
    invalidate() { loaded = undefined },
    /** Ids of `id` and every department below it. */
    async subtree(id: string): Promise<string[]> {
      const { byId, rows } = await get()
      const d = byId.get(id)
      return d ? rows.filter((r) => r.path.startsWith(d.path)).map((r) => r.id) : []
    },
    /** The organisation unit of a department: the top of its branch below the city root. */
    async unitOf(id: string): Promise<string | undefined> {
      const { byId } = await get()
      const d = byId.get(id)
      if (!d) return undefined
      const parts = d.path.split('/').filter(Boolean)
      return parts[1] ?? parts[0]
    },
  }
}
export type DepartmentCache = ReturnType<typeof createDepartmentCache>

/** Combines the data scopes of several roles: the union of what each allows. */
export async function combineScopes(roles: RoleRow[], departmentId: string | null, departments: DepartmentCache): Promise<DataScope> {
  const ids = new Set<string>()
  for (const r of roles) {
    switch (r.data_scope as DataScopeKind) {
      case 'all': return { all: true, departmentIds: [], self: true }
      case 'custom': for (const id of parseJsonList(r.scope_department_ids)) ids.add(id); break
      case 'department': if (departmentId) ids.add(departmentId); break
      case 'department_and_below': if (departmentId) for (const id of await departments.subtree(departmentId)) ids.add(id); break
      case 'self': break
    }
  }
  return { all: false, departmentIds: [...ids].sort(), self: true }
}

/** The session and principal resolver behind the module's authenticator. */
export function createPrincipalResolver(deps: IdentityDeps, departments: DepartmentCache) {
  const cache = new Map<string, Entry>()
  // The account profile as /me shows it, built with the principal and living as long as it.
  const profiles = new WeakMap<Principal, AccountView>()
  // Activity writes run behind the request; shutdown waits for them (see flush).
  const pending = new Set<Promise<void>>()

  async function buildPrincipal(row: SessionRow): Promise<Principal | undefined> {
    const account = await deps.repo.accounts.getById(deps.db, row.account_id)
    if (!account || account.status !== 'active') return undefined
    const allRoles = await deps.repo.accounts.rolesOf(deps.db, account.id)
    // A role that demands a second factor grants nothing to a session opened without one.
    const roles = allRoles.filter((r) => !r.require_mfa || row.mfa)
    const permissions = new Set<string>()
    const gridScope = new Set<string>()
    for (const r of roles) {
      for (const p of parseJsonList(r.permissions)) permissions.add(p)
      for (const g of parseJsonList(r.grid_scope)) gridScope.add(g)
    }
    const p: Principal = {
      id: account.id,
      kind: account.kind as Principal['kind'],
      name: account.display_name,
      permissions,
      roles: roles.map((r) => r.code),
      dataScope: await combineScopes(roles, account.department_id, departments),
      gridScope: [...gridScope].sort(),
      sessionId: row.id,
      mfa: !!row.mfa,
    }
    if (account.department_id) {
      p.departmentId = account.department_id
      p.orgId = await departments.unitOf(account.department_id)
    }
    if (account.kind === 'enterprise' && account.enterprise_id) p.orgId = account.enterprise_id
    if (account.kind === 'citizen') p.orgId = account.id
    profiles.set(p, toAccountView(account, allRoles.map((r) => r.id), await deps.repo.accounts.postIdsOf(deps.db, account.id), deps.clock.now()))
    if (row.acting_enterprise_id) {
      const ent = await deps.repo.enterprises.get(deps.db, row.acting_enterprise_id)
      if (!ent || ent.status !== 'active' || !(await deps.repo.enterprises.isAgent(deps.db, ent.id, account.id))) return undefined
      p.kind = 'enterprise'
      p.orgId = ent.id
      p.name = `${account.display_name}（${ent.name}）`
    }
    return p
  }

  /** Marks a session ended by time (rare path, so it may wait for the write). */
  async function expire(key: string, row: SessionRow, reason: string): Promise<undefined> {
    cache.delete(key)
    await deps.repo.sessions.revoke(deps.db, row.id, deps.clock.now(), reason).catch((err) => deps.log.warn({ err, sessionId: row.id }, 'could not mark session expired'))
    return undefined
  }

  return {
    /**
     * Resolves a session token of `kind` to its principal, or undefined when the token is unknown,
     * revoked, expired, idle too long, of the other kind, or its account is disabled.
     */
    async authenticate(token: string, kind: SessionKind): Promise<Principal | undefined> {
      // Keyed by the token itself: a hit costs one map lookup, no hashing. The database only
      // ever sees the hash.
      const key = token
      const now = deps.clock.now()
      let e = cache.get(key)
      if (!e || e.until <= now) {
        const row = await deps.repo.sessions.getByHash(deps.db, hashToken(token))
        if (!row || row.revoked_at !== null) { cache.delete(key); return undefined }
        const principal = await buildPrincipal(row)
        if (!principal) { cache.delete(key); return undefined }
        e = { row, principal, until: now + deps.options.cacheMs, lastSeen: Math.max(row.last_seen_at, e?.lastSeen ?? 0) }
        if (deps.options.cacheMs > 0) {
          if (cache.size >= MAX_ENTRIES) cache.clear()
          cache.set(key, e)
        }
      }
      if (e.row.kind !== kind) return undefined
      if (now >= e.row.expires_at) return expire(key, e.row, 'expired')
      if (now - e.lastSeen > deps.options.idleTimeoutMs) return expire(key, e.row, 'idle-timeout')
      if (now - e.lastSeen >= TOUCH_EVERY_MS) {
        e.lastSeen = now
        const id = e.row.id
        const write: Promise<void> = deps.repo.sessions.touch(deps.db, id, now)
          .catch((err) => deps.log.warn({ err, sessionId: id }, 'could not record session activity'))
          .finally(() => pending.delete(write))
        pending.add(write)
      }
      return e.principal
    },
    /** Builds the principal of a session row (no cache). */
    buildPrincipal,
    /** The account profile resolved with `p` (no database read), when `p` came from this resolver. */
    profileOf: (p: Principal): AccountView | undefined => profiles.get(p),
    /** Waits for activity writes still in flight (called at shutdown, before the database closes). */
    async flush(): Promise<void> {
      await Promise.all([...pending])
    },
    /** Drops cached sessions of one account (after a change to it), or every entry. */
    invalidate(accountId?: string): void {
      if (!accountId) { cache.clear(); return }
      for (const [k, v] of cache) if (v.row.account_id === accountId) cache.delete(k)
    },
    /** Drops one cached session by id (after logout or revocation). */
    invalidateSession(sessionId: string): void {
      for (const [k, v] of cache) if (v.row.id === sessionId) cache.delete(k)
    },
  }
}
export type PrincipalResolver = ReturnType<typeof createPrincipalResolver>

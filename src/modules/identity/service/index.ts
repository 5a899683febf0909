/** Assembles the identity service from its parts; the result is the module's API (`ctx.deps.identity`). */
import type { Principal } from '../../../core/http/auth.ts'
import type { IdentityDeps } from './context.ts'
import { createAccountService } from './accounts.ts'
import { createCredentialService } from './credentials.ts'
import { createDictService } from './dicts.ts'
import { createEnterpriseService } from './enterprises.ts'
import { createLogService } from './logs.ts'
import { createLoginService } from './login.ts'
import { createOidcClientService } from './oidc-clients.ts'
import { createOrgService } from './org.ts'
import { createPasswordHasher } from './passwords.ts'
import { createDepartmentCache, createPrincipalResolver } from './principals.ts'
import { createRateLimiter } from './rate-limit.ts'
import { createSeeder } from './seed.ts'
import { createSessionService } from './sessions.ts'
import type { AccountView } from './views.ts'

/** What `GET /me` answers. */
export interface MeView {
  id: string; kind: string; name: string; permissions: string[]; roles: string[]; orgId: string | null; departmentId: string | null
  sessionId: string | null; mfa: boolean; dataScope: { all: boolean; departmentIds: string[]; self: boolean } | null; gridScope: string[]
  account: AccountView | null
}

export function createIdentityService(deps: IdentityDeps) {
  let catalog: () => ReadonlySet<string> = () => new Set()
  const hasher = createPasswordHasher(deps.options.argon2)
  const departments = createDepartmentCache(deps)
  const principals = createPrincipalResolver(deps, departments)
  const sessions = createSessionService(deps, principals)
  const login = createLoginService(deps, hasher, sessions)
  const accounts = createAccountService(deps, hasher, principals, departments)
  const credentials = createCredentialService(deps, hasher, login, accounts, principals)
  const enterprises = createEnterpriseService(deps, hasher, accounts, principals)
  const org = createOrgService(deps, departments, principals, () => catalog())
  const dicts = createDictService(deps)
  const logs = createLogService(deps)
  const oidcClients = createOidcClientService(deps)
  const rateLimit = createRateLimiter(deps)
  const seeder = createSeeder(deps, hasher, accounts, dicts, departments, principals)
  const meViews = new WeakMap<Principal, MeView>()

  return {
    principals, sessions, login, accounts, credentials, enterprises, org, dicts, logs, oidcClients, hasher, rateLimit,
    seedDemo: seeder.seedDemo,
    /** Sets where the known permission codes come from (every module's declarations); called at route registration. */
    setPermissionCatalog(fn: () => ReadonlySet<string>): void { catalog = fn },
    permissionCatalog: () => catalog(),

    /** A short public description of an account for other modules (name, kind, department); no identifiers. */
    async describeAccount(id: string): Promise<{ id: string; kind: string; displayName: string; departmentId: string | null } | undefined> {
      const r = await deps.repo.accounts.getById(deps.db, id)
      return r ? { id: r.id, kind: r.kind, displayName: r.display_name, departmentId: r.department_id } : undefined
    },

    /** OpenID Connect claims of an account (every scope's; the provider filters by scope); undefined when inactive. */
    async oidcClaims(sub: string): Promise<Record<string, unknown> | undefined> {
      const r = await deps.repo.accounts.getById(deps.db, sub)
      if (!r || r.status !== 'active') return undefined
      const roles = await deps.repo.accounts.rolesOf(deps.db, sub)
      const dep = r.department_id ? await deps.repo.org.getDepartment(deps.db, r.department_id) : undefined
      return {
        sub, name: r.display_name, preferred_username: r.username, account_kind: r.kind, department: r.department_id,
        department_name: dep?.name ?? null, roles: roles.map((x) => x.code), id_number_masked: r.id_number_masked,
      }
    },

    /** The caller as `/me` shows it: principal facts plus the account profile (identifiers masked). */
    async me(p: Principal): Promise<MeView> {
      // Built once per resolved principal (which the resolver caches): /me reads no database on the hot path.
      const hit = meViews.get(p)
      if (hit) return hit
      const cached = principals.profileOf(p)
      const row = cached || p.kind === 'system' ? undefined : await accounts.getRow(p.id)
      const view: MeView = {
        id: p.id, kind: p.kind, name: p.name, permissions: [...p.permissions].sort(), roles: [...(p.roles ?? [])],
        orgId: p.orgId ?? null, departmentId: p.departmentId ?? null, sessionId: p.sessionId ?? null, mfa: p.mfa ?? false,
        dataScope: p.dataScope ? { all: p.dataScope.all, departmentIds: [...p.dataScope.departmentIds], self: p.dataScope.self } : null,
        gridScope: [...(p.gridScope ?? [])],
        account: cached ?? (row ? await accounts.view(deps.db, row) : null),
      }
      if (cached) meViews.set(p, view)
      return view
    },
  }
}

export type IdentityService = ReturnType<typeof createIdentityService>

import type { Kysely } from 'kysely'
import { can, type Principal } from '../../../core/http/auth.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { CoreError } from '../../../core/errors.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { parseCnId } from '../../../lib/cn-id.ts'
import { maskIdNumber, maskMobile } from '../../../lib/mask.ts'
import { checkPassword } from '../../../lib/password-policy.ts'
import { IdentityError } from '../errors.ts'
import type { AccountRow } from '../repo/index.ts'
import type { AccountTable } from '../tables.ts'
import { actorOf, pageSize, parseJsonList, record, type Actor, type IdentityDeps, type RequestMeta } from './context.ts'
import type { PasswordHasher } from './passwords.ts'
import type { DepartmentCache, PrincipalResolver } from './principals.ts'
import { canGrant, inScope, scopeOf } from './scope.ts'
import { toAccountView, type AccountView } from './views.ts'

export interface RegisterCitizenInput { username: string; password: string; realName: string; idNumber: string; mobile: string; email?: string }
export interface CreateStaffInput {
  username: string; password: string; displayName: string; departmentId: string
  realName?: string; idNumber?: string; mobile?: string; email?: string; roleIds?: string[]; postIds?: string[]
}
export interface UpdateAccountInput { displayName?: string; departmentId?: string; mobile?: string | null; email?: string | null; status?: 'active' | 'disabled' }
export interface AccountQuery { kind?: string; departmentId?: string; status?: string; q?: string; cursor?: string; limit?: number }

/** Throws WEAK_PASSWORD listing every rule the password breaks. */
export function assertPasswordPolicy(deps: IdentityDeps, password: string, names: string[]): void {
  const problems = checkPassword(password, deps.options.passwordPolicy, names)
  if (problems.length) {
    throw new IdentityError.WEAK_PASSWORD(problems.join(', '), { errors: problems.map((code) => ({ path: 'body/password', code, message: code })) })
  }
}

/** Validates and canonicalises an ID number; throws INVALID_ID_NUMBER naming the problem, never the number. */
export function canonicalIdNumber(deps: IdentityDeps, raw: string): string {
  const r = parseCnId(raw, deps.clock.now())
  if (!r.ok) throw new IdentityError.INVALID_ID_NUMBER(r.problem, { errors: [{ path: 'body/idNumber', code: r.problem, message: `invalid ID number: ${r.problem}` }] })
  return r.info.number
}

/** The stored columns of personal identifiers: encrypted, blind-indexed and masked. */
function identifierColumns(deps: IdentityDeps, accountId: string, v: { idNumber?: string | null; mobile?: string | null }): Partial<AccountTable> {
  const out: Partial<AccountTable> = {}
  if (v.idNumber !== undefined) {
    out.id_number_enc = v.idNumber === null ? null : deps.pii.seal(v.idNumber, `account:${accountId}:id_number`)
    out.id_number_index = v.idNumber === null ? null : deps.pii.index('id_number', v.idNumber)
    out.id_number_masked = v.idNumber === null ? null : maskIdNumber(v.idNumber)
  }
  if (v.mobile !== undefined) {
    out.mobile_enc = v.mobile === null ? null : deps.pii.seal(v.mobile, `account:${accountId}:mobile`)
    out.mobile_index = v.mobile === null ? null : deps.pii.index('mobile', v.mobile)
    out.mobile_masked = v.mobile === null ? null : maskMobile(v.mobile)
  }
  return out
}

/** Maps a unique violation of an account insert/update to the right 409. */
function uniqueError(deps: IdentityDeps, err: unknown, username: string): unknown {
  if (!isUniqueViolation(err)) return err
  const text = String((err as Error).message) + String((err as { constraint?: string }).constraint ?? '') + String((err as { detail?: string }).detail ?? '')
  if (text.includes('id_number')) return new IdentityError.ID_NUMBER_TAKEN()
  if (text.includes('mobile')) return new IdentityError.MOBILE_TAKEN()
  if (text.includes('credit_code')) return new IdentityError.CREDIT_CODE_TAKEN()
  void deps
  return new IdentityError.USERNAME_TAKEN(username)
}

export function createAccountService(deps: IdentityDeps, hasher: PasswordHasher, principals: PrincipalResolver, departments: DepartmentCache) {
  const { repo } = deps

  async function view(db: Kysely<any>, row: AccountRow): Promise<AccountView> {
    const roles = await repo.accounts.rolesOf(db, row.id)
    return toAccountView(row, roles.map((r) => r.id), await repo.accounts.postIdsOf(db, row.id), deps.clock.now())
  }

  /** The account if `p` may see it; otherwise ACCOUNT_NOT_FOUND (existence does not leak). */
  async function visibleOrThrow(db: Kysely<any>, p: Principal, id: string): Promise<AccountRow> {
    const row = await repo.accounts.getById(db, id)
    if (!row || !inScope(p, row.department_id, row.id)) throw new IdentityError.ACCOUNT_NOT_FOUND(id)
    return row
  }

  async function departmentInScopeOrThrow(p: Principal, departmentId: string): Promise<void> {
    const { byId } = await departments.get()
    if (!byId.has(departmentId) || !inScope(p, departmentId, null)) throw new IdentityError.DEPARTMENT_NOT_FOUND(departmentId)
  }

  async function rolesGrantableOrThrow(db: Kysely<any>, p: Principal, roleIds: string[]) {
    const roles = await repo.org.getRoles(db, roleIds)
    const missing = roleIds.find((id) => !roles.some((r) => r.id === id))
    if (missing) throw new IdentityError.ROLE_NOT_FOUND(missing)
    for (const r of roles) {
      const denied = canGrant(p, parseJsonList(r.permissions))
      if (denied) throw new IdentityError.PRIVILEGE_ESCALATION(denied)
      if (r.data_scope === 'all' && !scopeOf(p).all) throw new IdentityError.PRIVILEGE_ESCALATION(`data scope all (${r.code})`)
    }
    return roles
  }

  async function postsExistOrThrow(db: Kysely<any>, postIds: string[]) {
    for (const id of postIds) if (!(await repo.org.getPost(db, id))) throw new IdentityError.POST_NOT_FOUND(id)
  }

  async function insertAccount(trx: Kysely<any>, row: AccountTable): Promise<void> {
    try {
      await repo.accounts.insert(trx, row)
    } catch (err) {
      throw uniqueError(deps, err, row.username)
    }
  }

  return {
    view,
    visibleOrThrow,
    insertAccount,
    identifierColumns: (accountId: string, v: { idNumber?: string | null; mobile?: string | null }) => identifierColumns(deps, accountId, v),

    /** Self-registration of a citizen (自然人注册): validated ID number, policy-checked password. */
    async registerCitizen(input: RegisterCitizenInput, meta: RequestMeta): Promise<AccountView> {
      const idNumber = canonicalIdNumber(deps, input.idNumber)
      const username = input.username.toLowerCase()
      assertPasswordPolicy(deps, input.password, [username, input.mobile, idNumber])
      const passwordHash = await hasher.hash(input.password)
      const id = deps.ids.next('acc')
      const now = deps.clock.now()
      return withTransaction(deps.db, async (trx) => {
        await insertAccount(trx, {
          id, kind: 'citizen', username, display_name: input.realName, password_hash: passwordHash, password_changed_at: now, status: 'active',
          failed_count: 0, first_failed_at: null, locked_until: null, totp_secret_enc: null, totp_last_step: null, department_id: null, enterprise_id: null,
          real_name: input.realName, email: input.email ?? null, created_at: now, updated_at: now,
          id_number_enc: null, id_number_index: null, id_number_masked: null, mobile_enc: null, mobile_index: null, mobile_masked: null,
          ...identifierColumns(deps, id, { idNumber, mobile: input.mobile }),
        })
        const role = await repo.org.getRoleByCode(trx, 'citizen')
        if (role) await repo.accounts.setRoles(trx, id, [role.id])
        await record(deps, trx, { id, kind: 'citizen' }, meta, {
          action: 'identity.account.registered', targetType: 'account', targetId: id, detail: { kind: 'citizen' },
          event: { name: 'identity.account.created', payload: { accountId: id, kind: 'citizen' } },
        })
        return view(trx, (await repo.accounts.getById(trx, id))!)
      })
    },

    /** Creates a staff account in a department within the creator's data scope. */
    async createStaff(p: Principal, input: CreateStaffInput, meta: RequestMeta): Promise<AccountView> {
      await departmentInScopeOrThrow(p, input.departmentId)
      const idNumber = input.idNumber ? canonicalIdNumber(deps, input.idNumber) : undefined
      const username = input.username.toLowerCase()
      assertPasswordPolicy(deps, input.password, [username, ...(input.mobile ? [input.mobile] : [])])
      const passwordHash = await hasher.hash(input.password)
      const id = deps.ids.next('acc')
      const now = deps.clock.now()
      return withTransaction(deps.db, async (trx) => {
        await rolesGrantableOrThrow(trx, p, input.roleIds ?? [])
        await postsExistOrThrow(trx, input.postIds ?? [])
        await insertAccount(trx, {
          id, kind: 'staff', username, display_name: input.displayName, password_hash: passwordHash, password_changed_at: now, status: 'active',
          failed_count: 0, first_failed_at: null, locked_until: null, totp_secret_enc: null, totp_last_step: null, department_id: input.departmentId,
          enterprise_id: null, real_name: input.realName ?? null, email: input.email ?? null, created_at: now, updated_at: now,
          id_number_enc: null, id_number_index: null, id_number_masked: null, mobile_enc: null, mobile_index: null, mobile_masked: null,
          ...identifierColumns(deps, id, { idNumber, mobile: input.mobile }),
        })
        await repo.accounts.setRoles(trx, id, input.roleIds ?? [])
        await repo.accounts.setPosts(trx, id, input.postIds ?? [])
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.account.created', targetType: 'account', targetId: id,
          detail: { kind: 'staff', username, departmentId: input.departmentId, roleIds: input.roleIds ?? [], postIds: input.postIds ?? [] },
          event: { name: 'identity.account.created', payload: { accountId: id, kind: 'staff' } },
        })
        return view(trx, (await repo.accounts.getById(trx, id))!)
      })
    },

    async getAccount(p: Principal, id: string): Promise<AccountView> {
      return view(deps.db, await visibleOrThrow(deps.db, p, id))
    },

    /** Accounts in the viewer's data scope (applied in SQL), newest first. */
    async findAccounts(p: Principal, q: AccountQuery): Promise<{ items: AccountView[]; nextCursor: string | null }> {
      const limit = pageSize(q.limit)
      const page = await repo.accounts.find(deps.db, { ...q, scope: scopeOf(p), selfId: p.id, limit })
      const roleIds = await repo.accounts.roleIdsOfMany(deps.db, page.rows.map((r) => r.id))
      const items: AccountView[] = []
      for (const r of page.rows) items.push(toAccountView(r, roleIds.get(r.id) ?? [], await repo.accounts.postIdsOf(deps.db, r.id), deps.clock.now()))
      return { items, nextCursor: page.nextCursor }
    },

    /** Edits profile, department, contact or status; disabling revokes every session. */
    async updateAccount(p: Principal, id: string, input: UpdateAccountInput, meta: RequestMeta): Promise<AccountView> {
      if (input.departmentId) await departmentInScopeOrThrow(p, input.departmentId)
      if (input.status === 'disabled' && id === p.id) throw new IdentityError.CANNOT_DISABLE_SELF()
      const now = deps.clock.now()
      const result = await withTransaction(deps.db, async (trx) => {
        const row = await visibleOrThrow(trx, p, id)
        const patch: Partial<AccountTable> = { updated_at: now }
        const changes: string[] = []
        if (input.displayName !== undefined && input.displayName !== row.display_name) { patch.display_name = input.displayName; changes.push('displayName') }
        if (input.departmentId !== undefined && input.departmentId !== row.department_id) { patch.department_id = input.departmentId; changes.push('departmentId') }
        if (input.email !== undefined && input.email !== row.email) { patch.email = input.email; changes.push('email') }
        if (input.mobile !== undefined) { Object.assign(patch, identifierColumns(deps, id, { mobile: input.mobile })); changes.push('mobile') }
        if (input.status !== undefined && input.status !== row.status) { patch.status = input.status; changes.push('status') }
        try {
          await repo.accounts.update(trx, id, patch)
        } catch (err) {
          throw uniqueError(deps, err, row.username)
        }
        let revoked: string[] = []
        if (patch.status === 'disabled') revoked = await repo.sessions.revokeAll(trx, id, now, 'account-disabled')
        if (changes.length) {
          await record(deps, trx, actorOf(p), meta, {
            action: 'identity.account.updated', targetType: 'account', targetId: id, detail: { changes, revokedSessions: revoked.length },
            event: { name: 'identity.account.updated', payload: { accountId: id, changes } },
          })
        }
        return view(trx, (await repo.accounts.getById(trx, id))!)
      })
      principals.invalidate(id)
      return result
    },

    /** Replaces the roles of an account. The actor must hold every permission it grants. */
    async setRoles(p: Principal, id: string, roleIds: string[], meta: RequestMeta): Promise<AccountView> {
      const unique = [...new Set(roleIds)]
      const result = await withTransaction(deps.db, async (trx) => {
        const row = await visibleOrThrow(trx, p, id)
        const roles = await rolesGrantableOrThrow(trx, p, unique)
        const before = (await repo.accounts.rolesOf(trx, id)).map((r) => r.code).sort()
        await repo.accounts.setRoles(trx, id, unique)
        await repo.accounts.update(trx, id, { updated_at: deps.clock.now() })
        const after = roles.map((r) => r.code).sort()
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.account.roles-changed', targetType: 'account', targetId: id,
          detail: { before, after, added: after.filter((c) => !before.includes(c)), removed: before.filter((c) => !after.includes(c)) },
          event: { name: 'identity.account.updated', payload: { accountId: id, changes: ['roles'] } },
        })
        return view(trx, (await repo.accounts.getById(trx, row.id))!)
      })
      principals.invalidate(id)
      return result
    },

    async setPosts(p: Principal, id: string, postIds: string[], meta: RequestMeta): Promise<AccountView> {
      const unique = [...new Set(postIds)]
      return withTransaction(deps.db, async (trx) => {
        await visibleOrThrow(trx, p, id)
        await postsExistOrThrow(trx, unique)
        await repo.accounts.setPosts(trx, id, unique)
        await repo.accounts.update(trx, id, { updated_at: deps.clock.now() })
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.account.posts-changed', targetType: 'account', targetId: id, detail: { postIds: unique },
          event: { name: 'identity.account.updated', payload: { accountId: id, changes: ['posts'] } },
        })
        return view(trx, (await repo.accounts.getById(trx, id))!)
      })
    },

    /**
     * The clear ID and mobile numbers of an account, for its owner or a holder of
     * `identity:pii:read` (who must also see the account). Every reveal is audited.
     */
    async revealIdentifiers(p: Principal, id: string, meta: RequestMeta): Promise<{ idNumber: string | null; mobile: string | null }> {
      const isOwner = p.id === id && p.kind !== 'enterprise'
      if (!isOwner && !can(p, 'identity:pii:read')) {
        const row = await repo.accounts.getById(deps.db, id)
        if (!row || !inScope(p, row.department_id, row.id)) throw new IdentityError.ACCOUNT_NOT_FOUND(id)
        throw new CoreError.FORBIDDEN('identity:pii:read')
      }
      return withTransaction(deps.db, async (trx) => {
        const row = await visibleOrThrow(trx, p, id)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.pii.revealed', targetType: 'account', targetId: id, detail: { owner: isOwner } })
        return {
          idNumber: row.id_number_enc ? deps.pii.open(row.id_number_enc, `account:${id}:id_number`) : null,
          mobile: row.mobile_enc ? deps.pii.open(row.mobile_enc, `account:${id}:mobile`) : null,
        }
      })
    },

    /** The account row of `id` (no scope check; for other parts of the service). */
    getRow: (id: string) => repo.accounts.getById(deps.db, id),
  }
}

export type AccountService = ReturnType<typeof createAccountService>
export type { Actor }

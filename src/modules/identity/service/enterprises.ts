/** Enterprises (法人): registration by their legal representative, and authorised agents (经办人). */
import { can, type Principal } from '../../../core/http/auth.ts'
import { CoreError } from '../../../core/errors.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { parseUscc } from '../../../lib/uscc.ts'
import { IdentityError } from '../errors.ts'
import type { EnterpriseRow } from '../repo/index.ts'
import { actorOf, pageSize, record, type IdentityDeps, type RequestMeta } from './context.ts'
import { assertPasswordPolicy, type AccountService } from './accounts.ts'
import type { PasswordHasher } from './passwords.ts'
import type { PrincipalResolver } from './principals.ts'
import { toEnterpriseView, type EnterpriseView } from './views.ts'

export interface RegisterEnterpriseInput { name: string; creditCode: string; password: string }
export interface AgentView { accountId: string; displayName: string; username: string; isLegalRep: boolean; grantedAt: string }

export function createEnterpriseService(deps: IdentityDeps, hasher: PasswordHasher, accounts: AccountService, principals: PrincipalResolver) {
  const { repo } = deps

  /** The enterprise if `p` is its account, its legal representative, an agent, or holds enterprise read. */
  async function visibleOrThrow(p: Principal, id: string): Promise<EnterpriseRow> {
    const e = await repo.enterprises.get(deps.db, id)
    if (!e) throw new IdentityError.ENTERPRISE_NOT_FOUND(id)
    if (can(p, 'identity:enterprise:read') || p.orgId === e.id || p.id === e.legal_rep_account_id || (await repo.enterprises.isAgent(deps.db, id, p.id))) return e
    throw new IdentityError.ENTERPRISE_NOT_FOUND(id)
  }

  async function managedOrThrow(p: Principal, id: string): Promise<EnterpriseRow> {
    const e = await visibleOrThrow(p, id)
    const manages = (p.kind === 'enterprise' && p.id === e.account_id) || p.id === e.legal_rep_account_id
    if (!manages) throw new IdentityError.NOT_ENTERPRISE_MANAGER()
    return e
  }

  async function listAgents(p: Principal, id: string): Promise<AgentView[]> {
    const e = await visibleOrThrow(p, id)
    const out: AgentView[] = []
    for (const a of await repo.enterprises.listAgents(deps.db, id)) {
      const acc = await repo.accounts.getById(deps.db, a.account_id)
      if (acc) out.push({ accountId: acc.id, displayName: acc.display_name, username: acc.username, isLegalRep: acc.id === e.legal_rep_account_id, grantedAt: new Date(a.granted_at).toISOString() })
    }
    return out
  }

  return {
    /**
     * Registers an enterprise; the calling citizen becomes its legal representative and first agent.
     * The enterprise gets its own login whose user name is the credit code.
     */
    async register(p: Principal, input: RegisterEnterpriseInput, meta: RequestMeta): Promise<EnterpriseView> {
      if (p.kind !== 'citizen') throw new IdentityError.CITIZEN_ONLY()
      const parsed = parseUscc(input.creditCode)
      if (!parsed.ok) throw new IdentityError.INVALID_CREDIT_CODE(parsed.problem, { errors: [{ path: 'body/creditCode', code: parsed.problem, message: `invalid credit code: ${parsed.problem}` }] })
      const code = parsed.code
      assertPasswordPolicy(deps, input.password, [code])
      const passwordHash = await hasher.hash(input.password)
      const enterpriseId = deps.ids.next('ent')
      const accountId = deps.ids.next('acc')
      const now = deps.clock.now()
      return withTransaction(deps.db, async (trx) => {
        if (await repo.enterprises.getByCreditCode(trx, code)) throw new IdentityError.CREDIT_CODE_TAKEN()
        await accounts.insertAccount(trx, {
          id: accountId, kind: 'enterprise', username: code.toLowerCase(), display_name: input.name, password_hash: passwordHash, password_changed_at: now,
          status: 'active', failed_count: 0, first_failed_at: null, locked_until: null, totp_secret_enc: null, totp_last_step: null, department_id: null,
          enterprise_id: enterpriseId, real_name: null, id_number_enc: null, id_number_index: null, id_number_masked: null, mobile_enc: null, mobile_index: null,
          mobile_masked: null, email: null, created_at: now, updated_at: now,
        })
        const role = await repo.org.getRoleByCode(trx, 'enterprise')
        if (role) await repo.accounts.setRoles(trx, accountId, [role.id])
        await repo.enterprises.insert(trx, { id: enterpriseId, name: input.name, credit_code: code, account_id: accountId, legal_rep_account_id: p.id, status: 'active', created_at: now, updated_at: now })
        await repo.enterprises.addAgent(trx, enterpriseId, p.id, p.id, now)
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.enterprise.registered', targetType: 'enterprise', targetId: enterpriseId, detail: { creditCode: code, accountId },
          event: { name: 'identity.enterprise.registered', payload: { enterpriseId, accountId, legalRepAccountId: p.id } },
        })
        return toEnterpriseView((await repo.enterprises.get(trx, enterpriseId))!)
      })
    },

    async get(p: Principal, id: string): Promise<EnterpriseView> {
      return toEnterpriseView(await visibleOrThrow(p, id))
    },

    async find(q: { q?: string; cursor?: string; limit?: number }): Promise<{ items: EnterpriseView[]; nextCursor: string | null }> {
      const page = await repo.enterprises.find(deps.db, { ...q, limit: pageSize(q.limit) })
      return { items: page.rows.map(toEnterpriseView), nextCursor: page.nextCursor }
    },

    /** Enterprises the caller may act for (as legal representative or agent). */
    async listMine(p: Principal): Promise<EnterpriseView[]> {
      return (await repo.enterprises.enterprisesOfAgent(deps.db, p.id)).map(toEnterpriseView)
    },

    listAgents,

    /** Authorises a citizen (by user name) to act for the enterprise. */
    async addAgent(p: Principal, id: string, username: string, meta: RequestMeta): Promise<AgentView[]> {
      const e = await managedOrThrow(p, id)
      const acc = await repo.accounts.getByUsername(deps.db, username.toLowerCase())
      if (!acc || acc.kind !== 'citizen') throw new IdentityError.ACCOUNT_NOT_FOUND(username)
      await withTransaction(deps.db, async (trx) => {
        if (await repo.enterprises.addAgent(trx, e.id, acc.id, p.id, deps.clock.now())) {
          await record(deps, trx, actorOf(p), meta, { action: 'identity.enterprise.agent-added', targetType: 'enterprise', targetId: e.id, detail: { accountId: acc.id } })
        }
      })
      return listAgents(p, id)
    },

    /** Withdraws an agent's authority; their sessions acting for the enterprise stop at once. */
    async removeAgent(p: Principal, id: string, accountId: string, meta: RequestMeta): Promise<void> {
      const e = await managedOrThrow(p, id)
      if (accountId === e.legal_rep_account_id) throw new CoreError.FORBIDDEN('identity:enterprise:legal-rep')
      await withTransaction(deps.db, async (trx) => {
        if (!(await repo.enterprises.removeAgent(trx, e.id, accountId))) throw new IdentityError.ACCOUNT_NOT_FOUND(accountId)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.enterprise.agent-removed', targetType: 'enterprise', targetId: e.id, detail: { accountId } })
      })
      principals.invalidate(accountId)
    },
  }
}

export type EnterpriseService = ReturnType<typeof createEnterpriseService>

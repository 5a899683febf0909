/** The demo seed of the identity module: deterministic content, keyed by codes and user names, idempotent. */
import type { Kysely } from 'kysely'
import { withTransaction } from '../../../core/db/transaction.ts'
import {
  CITIZENS, CITY_DEPARTMENTS, DEMO_PASSWORDS, DICTS, ENTERPRISES, POSTS, ROLES, STAFF, TOWN_SECTIONS, demoTotpSecret, townGovernment, type DepartmentSeed,
} from '../data/demo.ts'
import type { AccountTable } from '../tables.ts'
import type { AccountService } from './accounts.ts'
import { record, type IdentityDeps } from './context.ts'
import type { DictService } from './dicts.ts'
import type { PasswordHasher } from './passwords.ts'
import type { DepartmentCache, PrincipalResolver } from './principals.ts'

export interface DemoCredential { username: string; kind: string; password: string; totpSecret: string | null }

const EMPTY_PII = { id_number_enc: null, id_number_index: null, id_number_masked: null, mobile_enc: null, mobile_index: null, mobile_masked: null }

export function createSeeder(deps: IdentityDeps, hasher: PasswordHasher, accounts: AccountService, dicts: DictService, departments: DepartmentCache, principals: PrincipalResolver) {
  const { repo } = deps

  async function ensureDepartment(trx: Kysely<any>, d: DepartmentSeed, now: number): Promise<number> {
    if (await repo.org.getDepartmentByCode(trx, d.code)) return 0
    const parent = d.parent ? await repo.org.getDepartmentByCode(trx, d.parent) : undefined
    if (d.parent && !parent) throw new Error(`demo department ${d.code}: parent ${d.parent} missing`)
    const id = deps.ids.next('dep')
    await repo.org.insertDepartment(trx, {
      id, parent_id: parent?.id ?? null, code: d.code, name: d.name, name_en: d.nameEn, kind: d.kind, division_code: d.divisionCode ?? null,
      path: `${parent?.path ?? '/'}${id}/`, sort: 0, status: 'active', created_at: now, updated_at: now,
    })
    return 1
  }

  function baseAccount(id: string, now: number): Omit<AccountTable, 'kind' | 'username' | 'display_name' | 'password_hash'> {
    return {
      id, password_changed_at: now, status: 'active', failed_count: 0, first_failed_at: null, locked_until: null, totp_secret_enc: null, totp_last_step: null,
      department_id: null, enterprise_id: null, real_name: null, email: null, created_at: now, updated_at: now, ...EMPTY_PII,
    }
  }

  return {
    /** Seeds dictionaries, departments, posts, roles and the demo accounts; returns the demo credentials. */
    async seedDemo(): Promise<{ inserted: number; credentials: DemoCredential[] }> {
      for (const d of DICTS) await dicts.ensure(d)
      const now = deps.clock.now()
      const towns = deps.city ? await deps.city.listDivisions('442000') : []
      // Hash outside the transaction (argon2 is slow by design), only for accounts still missing.
      const hashes = new Map<string, string>()
      for (const u of [...STAFF.map((s) => s.username), ...CITIZENS.map((c) => c.username)]) {
        if (!(await repo.accounts.getByUsername(deps.db, u))) hashes.set(u, await hasher.hash(STAFF.some((s) => s.username === u) ? DEMO_PASSWORDS.staff : DEMO_PASSWORDS.citizen))
      }
      for (const e of ENTERPRISES) if (!(await repo.accounts.getByUsername(deps.db, e.creditCode.toLowerCase()))) hashes.set(e.creditCode.toLowerCase(), await hasher.hash(DEMO_PASSWORDS.enterprise))

      const inserted = await withTransaction(deps.db, async (trx) => {
        let n = 0
        for (const d of CITY_DEPARTMENTS) n += await ensureDepartment(trx, d, now)
        for (const t of towns) n += await ensureDepartment(trx, townGovernment(t), now)
        for (const s of TOWN_SECTIONS) n += await ensureDepartment(trx, { code: `zs-${s.town.slice(6, 9)}-${s.suffix}`, parent: `zs-${s.town.slice(6, 9)}`, name: s.name, nameEn: s.nameEn, kind: 'section' }, now)
        for (const [i, p] of POSTS.entries()) {
          if (!(await repo.org.getPostByCode(trx, p.code))) { await repo.org.insertPost(trx, { id: deps.ids.next('pst'), code: p.code, name: p.name, sort: i, status: 'active', created_at: now, updated_at: now }); n++ }
        }
        for (const [i, r] of ROLES.entries()) {
          if (await repo.org.getRoleByCode(trx, r.code)) continue
          await repo.org.insertRole(trx, {
            id: deps.ids.next('rol'), code: r.code, name: r.name, description: r.description, permissions: JSON.stringify([...r.permissions].sort()), data_scope: r.dataScope,
            scope_department_ids: '[]', grid_scope: JSON.stringify(r.gridScope ?? []), require_mfa: r.requireMfa ? 1 : 0, builtin: 0, sort: 10 + i, created_at: now, updated_at: now,
          })
          n++
        }
        for (const s of STAFF) {
          const hash = hashes.get(s.username)
          if (!hash) continue
          const id = deps.ids.next('acc')
          const dep = await repo.org.getDepartmentByCode(trx, s.department)
          await repo.accounts.insert(trx, {
            ...baseAccount(id, now), kind: 'staff', username: s.username, display_name: s.displayName, password_hash: hash, department_id: dep?.id ?? null,
            totp_secret_enc: s.totp ? deps.pii.seal(demoTotpSecret(s.username), `account:${id}:totp`) : null,
            ...accounts.identifierColumns(id, { mobile: s.mobile }),
          })
          const roleIds = []
          for (const code of s.roles) { const r = await repo.org.getRoleByCode(trx, code); if (r) roleIds.push(r.id) }
          await repo.accounts.setRoles(trx, id, roleIds)
          const postIds = []
          for (const code of s.posts) { const p = await repo.org.getPostByCode(trx, code); if (p) postIds.push(p.id) }
          await repo.accounts.setPosts(trx, id, postIds)
          n++
        }
        const citizenRole = await repo.org.getRoleByCode(trx, 'citizen')
        for (const c of CITIZENS) {
          const hash = hashes.get(c.username)
          if (!hash) continue
          const id = deps.ids.next('acc')
          await repo.accounts.insert(trx, {
            ...baseAccount(id, now), kind: 'citizen', username: c.username, display_name: c.realName, real_name: c.realName, password_hash: hash,
            ...accounts.identifierColumns(id, { idNumber: c.idNumber, mobile: c.mobile }),
          })
          if (citizenRole) await repo.accounts.setRoles(trx, id, [citizenRole.id])
          n++
        }
        const enterpriseRole = await repo.org.getRoleByCode(trx, 'enterprise')
        for (const e of ENTERPRISES) {
          const hash = hashes.get(e.creditCode.toLowerCase())
          if (!hash) continue
          const legal = await repo.accounts.getByUsername(trx, e.legalRep)
          if (!legal) continue
          const accountId = deps.ids.next('acc')
          const enterpriseId = deps.ids.next('ent')
          await repo.accounts.insert(trx, { ...baseAccount(accountId, now), kind: 'enterprise', username: e.creditCode.toLowerCase(), display_name: e.name, password_hash: hash, enterprise_id: enterpriseId })
          if (enterpriseRole) await repo.accounts.setRoles(trx, accountId, [enterpriseRole.id])
          await repo.enterprises.insert(trx, { id: enterpriseId, name: e.name, credit_code: e.creditCode, account_id: accountId, legal_rep_account_id: legal.id, status: 'active', created_at: now, updated_at: now })
          await repo.enterprises.addAgent(trx, enterpriseId, legal.id, legal.id, now)
          for (const a of e.agents) {
            const agent = await repo.accounts.getByUsername(trx, a)
            if (agent) await repo.enterprises.addAgent(trx, enterpriseId, agent.id, legal.id, now)
          }
          n++
        }
        if (n > 0) await record(deps, trx, { id: 'system:seed', kind: 'system' }, {}, { action: 'identity.demo.seeded', targetType: 'identity', targetId: 'demo', detail: { inserted: n } })
        return n
      })
      departments.invalidate()
      principals.invalidate()
      const credentials: DemoCredential[] = [
        ...STAFF.map((s) => ({ username: s.username, kind: 'staff', password: DEMO_PASSWORDS.staff, totpSecret: s.totp ? demoTotpSecret(s.username) : null })),
        ...CITIZENS.map((c) => ({ username: c.username, kind: 'citizen', password: DEMO_PASSWORDS.citizen, totpSecret: null })),
        ...ENTERPRISES.map((e) => ({ username: e.creditCode, kind: 'enterprise', password: DEMO_PASSWORDS.enterprise, totpSecret: null })),
      ]
      return { inserted, credentials }
    },
  }
}

/**
 * Demo organisation for the licences module, written through identity's API: a licence officer
 * role (issue, status, import, statistics) with two officers (市场监管, 公安), and the consent-read
 * permission for the services module's window clerks, so that a clerk sees licences lent to an
 * application (免提交). Keyed by codes and user names: a second run changes nothing.
 */
import type { IdentityService } from '../../identity/index.ts'
import { SYSTEM } from './context.ts'

export const DEMO_OFFICER_PASSWORD = 'Staff@Zhongshan2026'

export const LICENCE_ROLES = [
  { code: 'licenses-officer', name: '电子证照管理员', description: 'Issues licences of the own department, changes their status with a reason, imports registers, reads statistics', permissions: ['licenses:license:issue', 'licenses:license:read', 'licenses:license:status', 'licenses:license:import', 'licenses:stats:read'] },
  { code: 'licenses-reuse', name: '证照共享核验', description: 'Reads licences lent by consent (免提交) to applications of the own department', permissions: ['licenses:consent:read'] },
] as const

export const LICENCE_OFFICERS = [
  { username: 'scj.licence', displayName: '市场监管 证照管理员 陈静', department: 'zs-scjgj', roles: ['licenses-officer', 'licenses-reuse'] },
  { username: 'gaj.licence', displayName: '公安 证照管理员 林峰', department: 'zs-gaj', roles: ['licenses-officer', 'licenses-reuse'] },
] as const

/** Existing staff who also get `licenses-reuse` (the services module's demo window clerks). */
const CLERKS = ['scj.clerk', 'scj.approver', 'xl.window']

export async function seedDemoIdentity(identity: IdentityService): Promise<number> {
  const meta = { requestId: 'licenses-seed' }
  const departments = new Map((await identity.org.listDepartments()).map((d) => [d.code, d.id]))
  if (!departments.has('zs')) return 0
  let n = 0
  const roles = new Map((await identity.org.listRoles()).map((r) => [r.code, r.id]))
  for (const r of LICENCE_ROLES) {
    if (roles.has(r.code)) continue
    const created = await identity.org.createRole(SYSTEM, { code: r.code, name: r.name, description: r.description, permissions: [...r.permissions], dataScope: 'department_and_below', requireMfa: false }, meta)
    roles.set(r.code, created.id)
    n++
  }
  const staff = async (username: string) => (await identity.accounts.findAccounts(SYSTEM, { kind: 'staff', q: username, limit: 10 })).items.find((a) => a.username === username)
  for (const o of LICENCE_OFFICERS) {
    const departmentId = departments.get(o.department)
    if (!departmentId || await staff(o.username)) continue
    await identity.accounts.createStaff(SYSTEM, { username: o.username, password: DEMO_OFFICER_PASSWORD, displayName: o.displayName, departmentId, roleIds: o.roles.map((c) => roles.get(c)!) }, meta)
    n++
  }
  const reuse = roles.get('licenses-reuse')!
  for (const username of CLERKS) {
    const a = await staff(username)
    if (!a || a.roleIds.includes(reuse)) continue
    await identity.accounts.setRoles(SYSTEM, a.id, [...a.roleIds, reuse], meta)
    n++
  }
  return n
}

/**
 * Demo organisation for the services module, written through identity's API (services never touches
 * identity's tables): every implementing department of the demo catalog that identity does not know
 * yet (under the city government `zs`), three roles (window clerk, approver, catalog editor) and
 * three officers, so that queues follow identity's departments and data scopes from the first start.
 * Keyed by codes and user names: a second run changes nothing.
 */
import type { Principal } from '../../../core/http/auth.ts'
import type { IdentityService } from '../../identity/index.ts'

/** The demo officers' password (the same as identity's demo staff). */
export const DEMO_OFFICER_PASSWORD = 'Staff@Zhongshan2026'

const SEEDER: Principal = { id: 'system:services-seed', kind: 'system', name: 'services demo seed', permissions: new Set(['*']) }

export const DEMO_ROLES = [
  {
    code: 'services-clerk', name: '综合窗口受理员', description: 'Claims and accepts applications, checks in appointments, in the own department and below',
    permissions: ['services:application:read', 'services:application:accept', 'services:appointment:manage'],
  },
  { code: 'services-approver', name: '审批人员', description: 'Claims and decides applications at their approval steps, in the own department and below', permissions: ['services:application:read', 'services:application:approve'] },
  { code: 'services-catalog', name: '事项管理员', description: 'Maintains the service catalog (实施清单)', permissions: ['services:item:read', 'services:item:manage'] },
] as const

/** Officers: department code, roles. `xl.window` sits in a section of 小榄镇 and so serves the town's items. */
export const DEMO_OFFICERS = [
  { username: 'scj.clerk', displayName: '市场监管窗口 刘洋', department: 'zs-scjgj', roles: ['services-clerk'] },
  { username: 'scj.approver', displayName: '市场监管审批科 王芳', department: 'zs-scjgj', roles: ['services-approver', 'services-catalog'] },
  { username: 'xl.window', displayName: '小榄镇政务服务中心 吴静', department: 'zs-118-zwfw', roles: ['services-clerk', 'services-approver'] },
] as const

export interface DemoDepartment { code: string; name: string }

/**
 * Registers the departments, roles and officers. Skips everything when identity has no city root
 * (`zs`, seeded by identity's own demo). Returns how many rows identity gained.
 */
export async function seedDemoIdentity(identity: IdentityService, departments: readonly DemoDepartment[]): Promise<number> {
  const meta = { requestId: 'services-seed' }
  const known = await identity.org.listDepartments()
  const root = known.find((d) => d.code === 'zs')
  if (!root) return 0
  let n = 0
  const codes = new Set(known.map((d) => d.code))
  for (const d of departments) {
    if (codes.has(d.code)) continue
    await identity.org.createDepartment(SEEDER, { code: d.code, name: d.name, kind: 'bureau', parentId: root.id, divisionCode: root.divisionCode }, meta)
    codes.add(d.code)
    n++
  }
  const roles = new Map((await identity.org.listRoles()).map((r) => [r.code, r.id]))
  for (const r of DEMO_ROLES) {
    if (roles.has(r.code)) continue
    // No second factor for the demo officers, so that the demo can be tried with a password alone.
    const created = await identity.org.createRole(SEEDER, { code: r.code, name: r.name, description: r.description, permissions: [...r.permissions], dataScope: 'department_and_below', requireMfa: false }, meta)
    roles.set(r.code, created.id)
    n++
  }
  const byCode = new Map((await identity.org.listDepartments()).map((d) => [d.code, d.id]))
  for (const o of DEMO_OFFICERS) {
    const departmentId = byCode.get(o.department)
    if (!departmentId) continue
    const found = await identity.accounts.findAccounts(SEEDER, { kind: 'staff', q: o.username, limit: 10 })
    if (found.items.some((a) => a.username === o.username)) continue
    await identity.accounts.createStaff(SEEDER, { username: o.username, password: DEMO_OFFICER_PASSWORD, displayName: o.displayName, departmentId, roleIds: o.roles.map((c) => roles.get(c)!) }, meta)
    n++
  }
  return n
}

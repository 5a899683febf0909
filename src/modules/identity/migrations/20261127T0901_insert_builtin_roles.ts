import type { Kysely } from 'kysely'

// Frozen in time: the roles the platform cannot run without. `admin` holds every permission and
// demands a second factor; `citizen` and `enterprise` are given to self-registered accounts.
const ROLES = [
  { id: 'rol_builtin_admin', code: 'admin', name: '系统管理员', description: 'Every permission; second factor required', permissions: '["*"]', data_scope: 'all', require_mfa: 1, sort: 0 },
  { id: 'rol_builtin_citizen', code: 'citizen', name: '自然人', description: 'Self-registered citizens', permissions: '[]', data_scope: 'self', require_mfa: 0, sort: 90 },
  { id: 'rol_builtin_enterprise', code: 'enterprise', name: '法人', description: 'Registered enterprises', permissions: '[]', data_scope: 'self', require_mfa: 0, sort: 91 },
]

export async function up(db: Kysely<any>): Promise<void> {
  const now = Date.now()
  for (const r of ROLES) {
    await db.insertInto('identity_role').values({ ...r, scope_department_ids: '[]', grid_scope: '[]', builtin: 1, created_at: now, updated_at: now }).execute()
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  await db.deleteFrom('identity_role').where('id', 'in', ROLES.map((r) => r.id)).execute()
}

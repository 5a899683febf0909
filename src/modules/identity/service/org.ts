/** Departments (tree with division codes), posts and roles (permissions, data scope, grid scope). */
import type { Kysely } from 'kysely'
import type { Principal } from '../../../core/http/auth.ts'
import { withTransaction } from '../../../core/db/transaction.ts'
import { isUniqueViolation } from '../../../core/db/dialect.ts'
import { IdentityError } from '../errors.ts'
import type { DepartmentRow, PostRow, RoleRow } from '../repo/index.ts'
import { actorOf, parseJsonList, record, type IdentityDeps, type RequestMeta } from './context.ts'
import type { DataScopeKind, DepartmentCache, PrincipalResolver } from './principals.ts'
import { canGrant, inScope, scopeOf } from './scope.ts'
import { iso } from './views.ts'

export type DepartmentKind = 'city' | 'town' | 'bureau' | 'department' | 'section'

export interface Department {
  id: string; parentId: string | null; code: string; name: string; nameEn: string; kind: DepartmentKind
  divisionCode: string | null; sort: number; status: 'active' | 'disabled'; depth: number; createdAt: string; updatedAt: string
}
export interface DepartmentInput { parentId?: string | null; code?: string; name?: string; nameEn?: string; kind?: DepartmentKind; divisionCode?: string | null; sort?: number; status?: 'active' | 'disabled' }

export interface Post { id: string; code: string; name: string; sort: number; status: 'active' | 'disabled'; createdAt: string; updatedAt: string }
export interface PostInput { code?: string; name?: string; sort?: number; status?: 'active' | 'disabled' }

export interface Role {
  id: string; code: string; name: string; description: string; permissions: string[]; dataScope: DataScopeKind
  scopeDepartmentIds: string[]; gridScope: string[]; requireMfa: boolean; builtin: boolean; sort: number; createdAt: string; updatedAt: string
}
export interface RoleInput {
  code?: string; name?: string; description?: string; permissions?: string[]; dataScope?: DataScopeKind
  scopeDepartmentIds?: string[]; gridScope?: string[]; requireMfa?: boolean; sort?: number
}

const toDepartment = (r: DepartmentRow): Department => ({
  id: r.id, parentId: r.parent_id, code: r.code, name: r.name, nameEn: r.name_en, kind: r.kind as DepartmentKind, divisionCode: r.division_code,
  sort: r.sort, status: r.status as Department['status'], depth: r.path.split('/').filter(Boolean).length - 1, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
})
const toPost = (r: PostRow): Post => ({ id: r.id, code: r.code, name: r.name, sort: r.sort, status: r.status as Post['status'], createdAt: iso(r.created_at), updatedAt: iso(r.updated_at) })
export const toRole = (r: RoleRow): Role => ({
  id: r.id, code: r.code, name: r.name, description: r.description, permissions: parseJsonList(r.permissions), dataScope: r.data_scope as DataScopeKind,
  scopeDepartmentIds: parseJsonList(r.scope_department_ids), gridScope: parseJsonList(r.grid_scope), requireMfa: !!r.require_mfa, builtin: !!r.builtin,
  sort: r.sort, createdAt: iso(r.created_at), updatedAt: iso(r.updated_at),
})

function diff(before: string[], after: string[]) {
  return { added: after.filter((x) => !before.includes(x)), removed: before.filter((x) => !after.includes(x)) }
}

export function createOrgService(deps: IdentityDeps, departments: DepartmentCache, principals: PrincipalResolver, permissionCatalog: () => ReadonlySet<string>) {
  const { repo } = deps

  async function checkDivision(code: string | null | undefined): Promise<void> {
    if (!code || !deps.city) return
    const d = await deps.city.getDivision(code)
    if (!d) throw new IdentityError.INVALID_DIVISION(code, { errors: [{ path: 'body/divisionCode', code: 'unknown', message: 'unknown division' }] })
  }

  async function departmentVisibleOrThrow(db: Kysely<any>, p: Principal, id: string): Promise<DepartmentRow> {
    const d = await repo.org.getDepartment(db, id)
    if (!d || !inScope(p, d.id, null)) throw new IdentityError.DEPARTMENT_NOT_FOUND(id)
    return d
  }

  async function writeCode<T>(fn: () => Promise<T>, code: string | undefined): Promise<T> {
    try {
      return await fn()
    } catch (err) {
      if (isUniqueViolation(err)) throw new IdentityError.CODE_TAKEN(code ?? '')
      throw err
    }
  }

  function checkPermissions(p: Principal, perms: string[]): void {
    const catalog = permissionCatalog()
    const unknown = perms.find((c) => !catalog.has(c))
    if (unknown) throw new IdentityError.INVALID_PERMISSION(unknown, { errors: [{ path: 'body/permissions', code: 'unknown', message: `unknown permission ${unknown}` }] })
    const denied = canGrant(p, perms)
    if (denied) throw new IdentityError.PRIVILEGE_ESCALATION(denied)
  }

  async function checkScopeDepartments(db: Kysely<any>, ids: string[]): Promise<void> {
    const found = await repo.org.existingDepartmentIds(db, ids)
    const missing = ids.filter((id) => !found.includes(id))
    if (missing.length) throw new IdentityError.INVALID_SCOPE_DEPARTMENT(missing.join(', '), { errors: [{ path: 'body/scopeDepartmentIds', code: 'unknown', message: 'unknown departments' }] })
  }

  async function afterDepartmentChange() {
    departments.invalidate()
    principals.invalidate()
  }

  return {
    /** The whole tree, flat, in path order (parents before children). Visible to every holder of read. */
    async listDepartments(): Promise<Department[]> {
      return (await repo.org.listDepartments(deps.db)).map(toDepartment)
    },
    async getDepartment(id: string): Promise<Department> {
      const d = await repo.org.getDepartment(deps.db, id)
      if (!d) throw new IdentityError.DEPARTMENT_NOT_FOUND(id)
      return toDepartment(d)
    },

    /** Creates a department under a parent in the creator's data scope (a root only with scope `all`). */
    async createDepartment(p: Principal, input: Required<Pick<DepartmentInput, 'code' | 'name' | 'kind'>> & DepartmentInput, meta: RequestMeta): Promise<Department> {
      await checkDivision(input.divisionCode)
      const id = deps.ids.next('dep')
      const now = deps.clock.now()
      const created = await withTransaction(deps.db, async (trx) => {
        let path = `/${id}/`
        if (input.parentId) path = (await departmentVisibleOrThrow(trx, p, input.parentId)).path + `${id}/`
        else if (!scopeOf(p).all) throw new IdentityError.DEPARTMENT_NOT_FOUND('(root)')
        await writeCode(() => repo.org.insertDepartment(trx, {
          id, parent_id: input.parentId ?? null, code: input.code, name: input.name, name_en: input.nameEn ?? '', kind: input.kind,
          division_code: input.divisionCode ?? null, path, sort: input.sort ?? 0, status: input.status ?? 'active', created_at: now, updated_at: now,
        }), input.code)
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.department.created', targetType: 'department', targetId: id, detail: { code: input.code, parentId: input.parentId ?? null },
          event: { name: 'identity.department.changed', payload: { departmentId: id, change: 'created' } },
        })
        return toDepartment((await repo.org.getDepartment(trx, id))!)
      })
      await afterDepartmentChange()
      return created
    },

    /** Edits or moves a department (its subtree moves with it). */
    async updateDepartment(p: Principal, id: string, input: DepartmentInput, meta: RequestMeta): Promise<Department> {
      await checkDivision(input.divisionCode)
      const updated = await withTransaction(deps.db, async (trx) => {
        const d = await departmentVisibleOrThrow(trx, p, id)
        const changes = Object.keys(input).filter((k) => (input as Record<string, unknown>)[k] !== undefined)
        if (input.parentId !== undefined && input.parentId !== d.parent_id) {
          if (input.parentId === null) {
            if (!scopeOf(p).all) throw new IdentityError.DEPARTMENT_NOT_FOUND('(root)')
            await repo.org.movePaths(trx, d.path, `/${id}/`)
          } else {
            const parent = await departmentVisibleOrThrow(trx, p, input.parentId)
            if (parent.path.startsWith(d.path)) throw new IdentityError.DEPARTMENT_CYCLE(id)
            await repo.org.movePaths(trx, d.path, `${parent.path}${id}/`)
          }
        }
        await writeCode(() => repo.org.updateDepartment(trx, id, {
          ...(input.parentId !== undefined ? { parent_id: input.parentId } : {}),
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.nameEn !== undefined ? { name_en: input.nameEn } : {}),
          ...(input.kind !== undefined ? { kind: input.kind } : {}),
          ...(input.divisionCode !== undefined ? { division_code: input.divisionCode } : {}),
          ...(input.sort !== undefined ? { sort: input.sort } : {}),
          ...(input.status !== undefined ? { status: input.status } : {}),
          updated_at: deps.clock.now(),
        }), input.code)
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.department.updated', targetType: 'department', targetId: id, detail: { changes },
          event: { name: 'identity.department.changed', payload: { departmentId: id, change: 'updated' } },
        })
        return toDepartment((await repo.org.getDepartment(trx, id))!)
      })
      await afterDepartmentChange()
      return updated
    },

    async deleteDepartment(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        const d = await departmentVisibleOrThrow(trx, p, id)
        if ((await repo.org.countChildren(trx, id)) > 0 || (await repo.accounts.countInDepartment(trx, id)) > 0) throw new IdentityError.DEPARTMENT_NOT_EMPTY(d.code)
        await repo.org.deleteDepartment(trx, id)
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.department.deleted', targetType: 'department', targetId: id, detail: { code: d.code },
          event: { name: 'identity.department.changed', payload: { departmentId: id, change: 'deleted' } },
        })
      })
      await afterDepartmentChange()
    },

    async listPosts(): Promise<Post[]> {
      return (await repo.org.listPosts(deps.db)).map(toPost)
    },
    async createPost(p: Principal, input: Required<Pick<PostInput, 'code' | 'name'>> & PostInput, meta: RequestMeta): Promise<Post> {
      const id = deps.ids.next('pst')
      const now = deps.clock.now()
      return withTransaction(deps.db, async (trx) => {
        await writeCode(() => repo.org.insertPost(trx, { id, code: input.code, name: input.name, sort: input.sort ?? 0, status: input.status ?? 'active', created_at: now, updated_at: now }), input.code)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.post.created', targetType: 'post', targetId: id, detail: { code: input.code } })
        return toPost((await repo.org.getPost(trx, id))!)
      })
    },
    async updatePost(p: Principal, id: string, input: PostInput, meta: RequestMeta): Promise<Post> {
      return withTransaction(deps.db, async (trx) => {
        if (!(await repo.org.getPost(trx, id))) throw new IdentityError.POST_NOT_FOUND(id)
        await writeCode(() => repo.org.updatePost(trx, id, { ...input, updated_at: deps.clock.now() }), input.code)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.post.updated', targetType: 'post', targetId: id, detail: { changes: Object.keys(input) } })
        return toPost((await repo.org.getPost(trx, id))!)
      })
    },
    async deletePost(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        const post = await repo.org.getPost(trx, id)
        if (!post) throw new IdentityError.POST_NOT_FOUND(id)
        if ((await repo.accounts.countWithPost(trx, id)) > 0) throw new IdentityError.POST_IN_USE(post.code)
        await repo.org.deletePost(trx, id)
        await record(deps, trx, actorOf(p), meta, { action: 'identity.post.deleted', targetType: 'post', targetId: id, detail: { code: post.code } })
      })
    },

    async listRoles(): Promise<Role[]> {
      return (await repo.org.listRoles(deps.db)).map(toRole)
    },
    async getRole(id: string): Promise<Role> {
      const r = await repo.org.getRole(deps.db, id)
      if (!r) throw new IdentityError.ROLE_NOT_FOUND(id)
      return toRole(r)
    },

    /** Creates a role; its permissions must be known and held by the creator. */
    async createRole(p: Principal, input: Required<Pick<RoleInput, 'code' | 'name' | 'permissions' | 'dataScope'>> & RoleInput, meta: RequestMeta): Promise<Role> {
      const permissions = [...new Set(input.permissions)].sort()
      checkPermissions(p, permissions)
      if (input.dataScope === 'all' && !scopeOf(p).all) throw new IdentityError.PRIVILEGE_ESCALATION('data scope all')
      const id = deps.ids.next('rol')
      const now = deps.clock.now()
      return withTransaction(deps.db, async (trx) => {
        const scopeIds = input.dataScope === 'custom' ? [...new Set(input.scopeDepartmentIds ?? [])].sort() : []
        await checkScopeDepartments(trx, scopeIds)
        await writeCode(() => repo.org.insertRole(trx, {
          id, code: input.code, name: input.name, description: input.description ?? '', permissions: JSON.stringify(permissions), data_scope: input.dataScope,
          scope_department_ids: JSON.stringify(scopeIds), grid_scope: JSON.stringify([...new Set(input.gridScope ?? [])].sort()), require_mfa: input.requireMfa ? 1 : 0,
          builtin: 0, sort: input.sort ?? 0, created_at: now, updated_at: now,
        }), input.code)
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.role.created', targetType: 'role', targetId: id, detail: { code: input.code, permissions, dataScope: input.dataScope },
          event: { name: 'identity.role.changed', payload: { roleId: id, code: input.code, change: 'created' } },
        })
        return toRole((await repo.org.getRole(trx, id))!)
      })
    },

    /** Edits a role; every session holding it sees the change at once (this process) or within the cache time. */
    async updateRole(p: Principal, id: string, input: RoleInput, meta: RequestMeta): Promise<Role> {
      const permissions = input.permissions ? [...new Set(input.permissions)].sort() : undefined
      const updated = await withTransaction(deps.db, async (trx) => {
        const before = await repo.org.getRole(trx, id)
        if (!before) throw new IdentityError.ROLE_NOT_FOUND(id)
        const beforePerms = parseJsonList(before.permissions)
        if (permissions) {
          // Only the permissions being added must be grantable; `*` of built-in admin stays as it is.
          checkPermissions(p, permissions.filter((c) => !beforePerms.includes(c)))
        }
        if (input.dataScope === 'all' && before.data_scope !== 'all' && !scopeOf(p).all) throw new IdentityError.PRIVILEGE_ESCALATION('data scope all')
        const dataScope = input.dataScope ?? before.data_scope
        const scopeIds = dataScope === 'custom' ? [...new Set(input.scopeDepartmentIds ?? parseJsonList(before.scope_department_ids))].sort() : []
        await checkScopeDepartments(trx, scopeIds)
        await writeCode(() => repo.org.updateRole(trx, id, {
          ...(input.code !== undefined ? { code: input.code } : {}),
          ...(input.name !== undefined ? { name: input.name } : {}),
          ...(input.description !== undefined ? { description: input.description } : {}),
          ...(permissions ? { permissions: JSON.stringify(permissions) } : {}),
          data_scope: dataScope,
          scope_department_ids: JSON.stringify(scopeIds),
          ...(input.gridScope ? { grid_scope: JSON.stringify([...new Set(input.gridScope)].sort()) } : {}),
          ...(input.requireMfa !== undefined ? { require_mfa: input.requireMfa ? 1 : 0 } : {}),
          ...(input.sort !== undefined ? { sort: input.sort } : {}),
          updated_at: deps.clock.now(),
        }), input.code)
        const after = (await repo.org.getRole(trx, id))!
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.role.updated', targetType: 'role', targetId: id,
          detail: {
            code: after.code, permissions: diff(beforePerms, parseJsonList(after.permissions)),
            dataScope: before.data_scope === after.data_scope ? null : { before: before.data_scope, after: after.data_scope },
            requireMfa: !!after.require_mfa,
          },
          event: { name: 'identity.role.changed', payload: { roleId: id, code: after.code, change: 'updated' } },
        })
        return toRole(after)
      })
      principals.invalidate()
      return updated
    },

    async deleteRole(p: Principal, id: string, meta: RequestMeta): Promise<void> {
      await withTransaction(deps.db, async (trx) => {
        const r = await repo.org.getRole(trx, id)
        if (!r) throw new IdentityError.ROLE_NOT_FOUND(id)
        if (r.builtin) throw new IdentityError.BUILTIN_ROLE(r.code)
        if ((await repo.accounts.countWithRole(trx, id)) > 0) throw new IdentityError.ROLE_IN_USE(r.code)
        await repo.org.deleteRole(trx, id)
        await record(deps, trx, actorOf(p), meta, {
          action: 'identity.role.deleted', targetType: 'role', targetId: id, detail: { code: r.code },
          event: { name: 'identity.role.changed', payload: { roleId: id, code: r.code, change: 'deleted' } },
        })
      })
      principals.invalidate()
    },
  }
}

export type OrgService = ReturnType<typeof createOrgService>

import { withTransaction } from '../../../core/db/transaction.ts'
import type { Principal } from '../../../core/http/auth.ts'
import type { FieldError } from '../../../core/errors.ts'
import { DEPARTMENTS, type Localized } from '../catalog.ts'
import { GridError } from '../errors.ts'
import type { GridDeps } from './context.ts'

/** What the grid module needs of identity's departments (built from `ctx.deps.identity` only). */
export interface DepartmentSource {
  listDepartments(): Promise<Array<{ id: string; name: string; nameEn: string; kind: string; divisionCode: string | null; status: string }>>
}

/** How long a process trusts its copy of identity's department list. */
const TTL_MS = 10_000

/**
 * Binds the grid module to identity's departments: grids, dispatches and facilities may name a
 * department of identity, or a duty (职责) of the event catalog (`dep_urban` …) which an
 * administrator binds to one of identity's departments. A dispatch to a bound duty lands with the
 * real department, whose staff (principal `departmentId`) then handle it.
 */
export function createDepartmentDirectory(deps: Omit<GridDeps, 'departments'>, source: DepartmentSource | undefined) {
  let cache: { at: number; byId: Map<string, { name: string; nameEn: string; kind: string; divisionCode: string | null }> } | undefined
  let bindings: { at: number; map: Map<string, string> } | undefined

  async function departments() {
    const now = deps.clock.now()
    if (cache && now - cache.at < TTL_MS) return cache.byId
    const list = source ? await source.listDepartments() : []
    cache = { at: now, byId: new Map(list.filter((d) => d.status === 'active').map((d) => [d.id, d])) }
    return cache.byId
  }

  async function bindingMap(): Promise<Map<string, string>> {
    const now = deps.clock.now()
    if (!bindings || now - bindings.at >= TTL_MS) bindings = { at: now, map: new Map((await deps.grids.listDutyBindings()).map((b) => [b.duty, b.departmentId])) }
    return bindings.map
  }

  const api = {
    /** Fails with GRID_UNKNOWN_DEPARTMENT (400, one field error per unknown id) unless every id is a duty or an identity department. */
    async check(ids: string[], path: string): Promise<void> {
      const known = await departments()
      const errors: FieldError[] = ids.flatMap((id, i) => (DEPARTMENTS[id] || known.has(id) ? [] : [{ path: `${path}/${i}`, code: 'unknown-department', message: `no department ${id}` }]))
      if (errors.length) throw new GridError.UNKNOWN_DEPARTMENT(ids.filter((id) => !DEPARTMENTS[id] && !known.has(id)).join(', '), { errors })
    },

    /** Like `check` for one id answered at `path`. */
    async checkOne(id: string, path: string): Promise<void> {
      const known = await departments()
      if (!DEPARTMENTS[id] && !known.has(id)) throw new GridError.UNKNOWN_DEPARTMENT(id, { errors: [{ path, code: 'unknown-department', message: `no department ${id}` }] })
    },

    /** The department a duty is bound to, or the id itself (an identity department, or an unbound duty). */
    async resolve(id: string): Promise<string> {
      return (await bindingMap()).get(id) ?? id
    },

    /** Display name of a duty or an identity department; null when unknown. Uses the cached list only (never reads). */
    nameOf(id: string | null): Localized | null {
      if (!id) return null
      if (DEPARTMENTS[id]) return DEPARTMENTS[id]!
      const d = cache?.byId.get(id)
      return d ? { 'zh-CN': d.name, 'zh-TW': d.name, 'en-US': d.nameEn || d.name } : null
    },
    /** Loads the department list when stale (call before building views). */
    async warm(): Promise<void> {
      await departments()
    },

    /** The identity department of a town (kind `town`) by its 12-digit division code. */
    async townDepartment(divisionCode: string): Promise<string | undefined> {
      for (const [id, d] of await departments()) if (d.kind === 'town' && d.divisionCode === divisionCode) return id
      return undefined
    },

    /** Every duty of the catalog with its binding. */
    async listDuties() {
      const map = await bindingMap()
      await departments()
      return Object.entries(DEPARTMENTS).map(([duty, name]) => {
        const departmentId = map.get(duty) ?? null
        return { duty, name, departmentId, departmentName: departmentId ? api.nameOf(departmentId) : null }
      })
    },

    /** Binds a duty to an identity department (null unbinds), audited. */
    async bindDuty(p: Principal, duty: string, departmentId: string | null, requestId?: string) {
      if (!DEPARTMENTS[duty]) throw new GridError.UNKNOWN_DEPARTMENT(duty)
      if (departmentId !== null) {
        const known = await departments()
        if (!known.has(departmentId)) throw new GridError.UNKNOWN_DEPARTMENT(departmentId, { errors: [{ path: 'body/departmentId', code: 'unknown-department', message: `no department ${departmentId} in identity` }] })
      }
      await withTransaction(deps.db, async (trx) => {
        await deps.grids.setDutyBinding(trx, duty, departmentId, deps.clock.now())
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'grid.duty.bound', targetType: 'grid_duty', targetId: duty, requestId, detail: { departmentId } })
      })
      bindings = undefined
      return (await api.listDuties()).find((d) => d.duty === duty)!
    },
  }
  return api
}

export type DepartmentDirectory = ReturnType<typeof createDepartmentDirectory>

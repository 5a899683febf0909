/**
 * Names and scopes for the feedback module, from other modules' APIs: department codes and names
 * from identity's departments (principals carry department *ids*, services and ratings carry
 * department *codes*), hall names from the services module. Cached for a minute; without identity
 * (synthetic principals in tests) every department id stands for itself.
 */
import type { Principal } from '../../../core/http/auth.ts'
import type { Clock } from '../../../lib/time.ts'

export interface DirectoryDepartment { id: string; parentId: string | null; code: string; name: string; kind: string }
export interface DepartmentSource { listDepartments(): Promise<readonly DirectoryDepartment[]> }
export interface HallSource { listHalls(): Promise<{ halls: ReadonlyArray<{ id: string; name: string }> }> }

export interface Directory {
  /**
   * Department codes `p` may see, or undefined for all (system principals, an `all` data scope).
   * A department in scope counts with its id, its code and the code of the unit (bureau, town,
   * city) it belongs to. A staff principal without a data scope sees its own department only.
   */
  scopeOf(p: Principal): Promise<readonly string[] | undefined>
  /** The code of the principal's own department (a unit's code for a section), if known. */
  departmentCodeOf(p: Principal): Promise<string | undefined>
  departmentName(code: string): Promise<string>
  hallName(id: string): Promise<string>
}

const UNIT_KINDS = new Set(['city', 'bureau', 'town'])

export function createDirectory(departments: DepartmentSource | undefined, halls: HallSource | undefined, clock: Clock, cacheMs = 60_000): Directory {
  let deps: { at: number; byId: Map<string, DirectoryDepartment>; byCode: Map<string, DirectoryDepartment> } | undefined
  let hallNames: { at: number; byId: Map<string, string> } | undefined

  async function departmentsNow() {
    const now = clock.now()
    if (!deps || now - deps.at > cacheMs || (now < deps.at && cacheMs !== Number.POSITIVE_INFINITY)) {
      const list = departments ? await departments.listDepartments().catch(() => []) : []
      deps = { at: now, byId: new Map(list.map((d) => [d.id, d])), byCode: new Map(list.map((d) => [d.code, d])) }
    }
    return deps
  }

  /** The code of `d` and of the unit it belongs to. */
  function codesOf(d: DirectoryDepartment, byId: Map<string, DirectoryDepartment>): string[] {
    const out = [d.code]
    let cur: DirectoryDepartment | undefined = d
    for (let i = 0; cur && !UNIT_KINDS.has(cur.kind) && i < 10; i++) {
      cur = cur.parentId ? byId.get(cur.parentId) : undefined
      if (cur) out.push(cur.code)
    }
    return out
  }

  return {
    async scopeOf(p) {
      if (p.kind === 'system' || p.dataScope?.all) return undefined
      const { byId } = await departmentsNow()
      const ids = new Set<string>(p.dataScope?.departmentIds ?? [])
      if (p.departmentId) ids.add(p.departmentId)
      const out = new Set<string>()
      for (const id of ids) {
        out.add(id)
        const d = byId.get(id)
        if (d) for (const c of codesOf(d, byId)) out.add(c)
      }
      return [...out].sort()
    },
    async departmentCodeOf(p) {
      if (!p.departmentId) return undefined
      const { byId } = await departmentsNow()
      const d = byId.get(p.departmentId)
      if (!d) return p.departmentId
      const codes = codesOf(d, byId)
      return codes.at(-1)
    },
    async departmentName(code) {
      return (await departmentsNow()).byCode.get(code)?.name ?? code
    },
    async hallName(id) {
      const now = clock.now()
      if (!hallNames || now - hallNames.at > cacheMs || (now < hallNames.at && cacheMs !== Number.POSITIVE_INFINITY)) {
        const list = halls ? (await halls.listHalls().catch(() => ({ halls: [] }))).halls : []
        hallNames = { at: now, byId: new Map(list.map((h) => [h.id, h.name])) }
      }
      return hallNames.byId.get(id) ?? id
    },
  }
}

/**
 * The bridge between identity's departments and the services catalog. Items and applications carry
 * the implementing department as a *code* (`zs-scjgj`, `zs-118`: identity's department codes) and a
 * division code; principals carry identity department *ids* (`dep_…`) in `departmentId` and
 * `dataScope.departmentIds`. The directory turns a principal's data scope into the department codes
 * whose applications they may see, and tells whether a code names a known department.
 */
import type { Principal } from '../../../core/http/auth.ts'
import type { Clock } from '../../../lib/time.ts'

/** What the directory needs to know of a department (identity's `Department` fits). */
export interface DirectoryDepartment {
  id: string
  parentId: string | null
  code: string
  name: string
  kind: string
  divisionCode: string | null
  status?: string
}

/** Where departments come from: identity's `org.listDepartments` at runtime, a list in unit tests. */
export interface DepartmentSource { listDepartments(): Promise<readonly DirectoryDepartment[]> }

/** Kinds of department that implement service items in their own name (the others are their sections). */
const UNIT_KINDS = new Set(['city', 'bureau', 'town'])

export interface DepartmentDirectory {
  /**
   * The department codes whose applications `p` may see, or undefined for all of them (system
   * principals and an `all` data scope). Each department in the scope counts with its code and,
   * when it is a section or office inside a unit (bureau, town government, city), with the unit's
   * code: the unit implements the items, its sections do the work. Never throws; a staff principal
   * without a data scope sees nothing (fails closed).
   */
  scopeOf(p: Principal): Promise<readonly string[] | undefined>
  /** The department with `code`, if the directory knows it. */
  byCode(code: string): Promise<DirectoryDepartment | undefined>
  /** True when the directory has any department at all (validation of codes is skipped otherwise). */
  isEmpty(): Promise<boolean>
}

interface Snapshot { at: number; byId: Map<string, DirectoryDepartment>; byCode: Map<string, DirectoryDepartment> }

/**
 * A directory over `source`, cached for `cacheMs` (identity caches principals for as long, so a
 * change of department or role reaches the queues within the same time). Without a source every
 * id stands for itself (a code), which is what synthetic principals in tests and benches use.
 */
export function createDepartmentDirectory(source: DepartmentSource | undefined, clock: Clock, cacheMs = 5_000): DepartmentDirectory {
  let snapshot: Snapshot | undefined
  let loading: Promise<Snapshot> | undefined

  async function load(): Promise<Snapshot> {
    const now = clock.now()
    if (snapshot && now - snapshot.at <= cacheMs) return snapshot
    loading ??= (async () => {
      try {
        const list = source ? await source.listDepartments() : []
        snapshot = { at: clock.now(), byId: new Map(list.map((d) => [d.id, d])), byCode: new Map(list.map((d) => [d.code, d])) }
        return snapshot
      } finally {
        loading = undefined
      }
    })()
    return loading
  }

  function unitOf(d: DirectoryDepartment, byId: Map<string, DirectoryDepartment>): DirectoryDepartment | undefined {
    let cur: DirectoryDepartment | undefined = d
    for (let hops = 0; cur && hops < 32; hops++) {
      if (UNIT_KINDS.has(cur.kind)) return cur
      cur = cur.parentId ? byId.get(cur.parentId) : undefined
    }
    return undefined
  }

  return {
    async scopeOf(p) {
      if (p.kind === 'system' || p.dataScope?.all) return undefined
      if (!p.dataScope) return []
      const { byId } = await load()
      const codes = new Set<string>()
      for (const id of p.dataScope.departmentIds) {
        const d = byId.get(id)
        if (!d) { codes.add(id); continue } // not an identity id: a department code given directly
        if (d.status === 'disabled') continue
        codes.add(d.code)
        const unit = unitOf(d, byId)
        if (unit) codes.add(unit.code)
      }
      return [...codes].sort()
    },
    async byCode(code) {
      return (await load()).byCode.get(code)
    },
    async isEmpty() {
      return (await load()).byId.size === 0
    },
  }
}

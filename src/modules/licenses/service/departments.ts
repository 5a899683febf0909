/**
 * Identity's departments as licence issuers know them: the services catalog and the licence types
 * name departments by *code* (`zs-scjgj`); principals carry identity department *ids*. The scope of a
 * principal is the codes of the departments in its data scope and of the units (bureau, town, city)
 * those belong to. Cached for a few seconds.
 */
import type { Principal } from '../../../core/http/auth.ts'
import type { Clock } from '../../../lib/time.ts'
import type { IdentityService } from '../../identity/index.ts'
import { isAllPowerful } from './context.ts'

interface Dept { id: string; parentId: string | null; code: string; name: string; kind: string; status?: string }
const UNIT_KINDS = new Set(['city', 'bureau', 'town'])

export function createDepartmentScope(identity: IdentityService | undefined, clock: Clock, cacheMs = 5_000) {
  let snap: { at: number; byId: Map<string, Dept>; byCode: Map<string, Dept> } | undefined
  async function load() {
    if (snap && clock.now() - snap.at <= cacheMs) return snap
    const list: Dept[] = identity ? await identity.org.listDepartments() : []
    snap = { at: clock.now(), byId: new Map(list.map((d) => [d.id, d])), byCode: new Map(list.map((d) => [d.code, d])) }
    return snap
  }
  const unitOf = (d: Dept | undefined, byId: Map<string, Dept>): Dept | undefined => {
    for (let hops = 0; d && hops < 32; hops++) {
      if (UNIT_KINDS.has(d.kind)) return d
      d = d.parentId ? byId.get(d.parentId) : undefined
    }
    return undefined
  }
  return {
    /** Department codes `p` acts for, or undefined for all (system, `*`, an `all` data scope). */
    async scopeOf(p: Principal): Promise<readonly string[] | undefined> {
      if (isAllPowerful(p) || p.dataScope?.all) return undefined
      const { byId } = await load()
      const codes = new Set<string>()
      const ids = [...(p.dataScope?.departmentIds ?? []), ...(p.departmentId ? [p.departmentId] : [])]
      for (const id of ids) {
        const d = byId.get(id)
        if (!d) { codes.add(id); continue } // not an identity id: a department code given directly (tests, services)
        if (d.status === 'disabled') continue
        codes.add(d.code)
        const unit = unitOf(d, byId)
        if (unit) codes.add(unit.code)
      }
      return [...codes].sort()
    },
    /** Departments that may issue licences (city, bureaus, towns; not disabled), by code; null without identity. */
    async units(): Promise<Array<{ code: string; name: string }> | null> {
      if (!identity) return null
      const { byCode } = await load()
      return [...byCode.values()].filter((d) => UNIT_KINDS.has(d.kind) && d.status !== 'disabled').map((d) => ({ code: d.code, name: d.name })).sort((a, b) => a.code.localeCompare(b.code))
    },
    /** The name of the department with `code`, if identity knows it. */
    async nameOf(code: string): Promise<string | undefined> {
      return (await load()).byCode.get(code)?.name
    },
  }
}

export type DepartmentScope = ReturnType<typeof createDepartmentScope>

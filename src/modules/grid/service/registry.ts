import { withTransaction } from '../../../core/db/transaction.ts'
import { toJson } from '../../../core/db/dialect.ts'
import type { Principal } from '../../../core/http/auth.ts'
import { GridError } from '../errors.ts'
import { codePrefix } from '../codes.ts'
import type { GridDeps } from './context.ts'
import type { GridService } from './grids.ts'

export const FACILITY_STATES = ['normal', 'damaged', 'missing', 'repairing', 'retired'] as const
export type FacilityState = (typeof FACILITY_STATES)[number]

/** The base registry (四标四实) subset: standard addresses, buildings and facilities (部件). */
export function createRegistryService(deps: GridDeps, gridService: GridService) {
  const repo = deps.registry
  return {
    addressById: (id: string) => repo.getAddress(id),
    searchAddresses: (q: string, limit = 20) => repo.searchAddresses(q, Math.min(limit, 100)),
    listBuildings: (gridCode: string | undefined, limit = 200) => repo.listBuildings(gridCode ? codePrefix(gridCode) : undefined, Math.min(limit, 1000)),
    listFacilities: (f: { gridCode?: string; categoryCode?: string; state?: string }, limit = 200) =>
      repo.listFacilities({ gridPrefix: f.gridCode ? codePrefix(f.gridCode) : undefined, categoryCode: f.categoryCode, state: f.state }, Math.min(limit, 1000)),

    /** Geocodes an address text: the best standard address, its point and its unit grid. */
    async geocode(q: string) {
      const [best] = await repo.searchAddresses(q, 1)
      if (!best) throw new GridError.ADDRESS_NOT_FOUND(q)
      const where = await gridService.locate(best.lon, best.lat)
      return { address: best, lon: best.lon, lat: best.lat, gridCode: where?.unitCode ?? null, townCode: where?.townCode ?? null }
    },

    async getFacilityOrThrow(code: string) {
      const f = await repo.getFacility(code)
      if (!f) throw new GridError.FACILITY_NOT_FOUND(code)
      return { ...f, history: await repo.listChanges('facility', code) }
    },

    /** A field update of a facility (state, name, maintainer), kept in the change history. */
    async updateFacility(p: Principal, code: string, patch: { state?: FacilityState; name?: string; maintainerDepartmentId?: string | null }, requestId?: string) {
      const now = deps.clock.now()
      if (patch.maintainerDepartmentId) await deps.departments.checkOne(patch.maintainerDepartmentId, 'body/maintainerDepartmentId')
      await withTransaction(deps.db, async (trx) => {
        const before = await repo.getFacility(code, trx)
        if (!before) throw new GridError.FACILITY_NOT_FOUND(code)
        const set: Record<string, unknown> = { updated_at: now }
        const after: Record<string, unknown> = {}
        if (patch.state !== undefined) { set.state = patch.state; after.state = patch.state }
        if (patch.name !== undefined) { set.name = patch.name; after.name = patch.name }
        if (patch.maintainerDepartmentId !== undefined) { set.maintainer_department_id = patch.maintainerDepartmentId; after.maintainerDepartmentId = patch.maintainerDepartmentId }
        const was = Object.fromEntries(Object.keys(after).map((k) => [k, (before as unknown as Record<string, unknown>)[k]]))
        await repo.updateFacility(trx, code, set)
        await repo.insertChange(trx, { id: deps.ids.next('gchg'), entity: 'facility', entity_id: code, actor_id: p.id, at: now, before: toJson(was), after: toJson(after) })
        await deps.audit.append(trx, { actorId: p.id, actorKind: p.kind, action: 'grid.facility.updated', targetType: 'grid_facility', targetId: code, requestId, detail: { before: was, after } })
      })
      const f = (await repo.getFacility(code))!
      return { ...f, history: await repo.listChanges('facility', code) }
    },
  }
}

export type RegistryService = ReturnType<typeof createRegistryService>

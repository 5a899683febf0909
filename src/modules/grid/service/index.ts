import type { GridDeps } from './context.ts'
import { createGridService } from './grids.ts'
import { createEventService } from './events.ts'
import { createEventQueries } from './queries.ts'
import { createMetricsService } from './metrics.ts'
import { createRegistryService } from './registry.ts'
import { createOpen311Keys } from './open311-keys.ts'
import { createEscalation } from './escalation.ts'
import { createRegisterService } from './registers.ts'

/** Assembles the grid module's API from its ports. */
export function createGridApi(deps: GridDeps) {
  const grids = createGridService(deps)
  return {
    grids,
    events: createEventService(deps, grids),
    queries: createEventQueries(deps),
    metrics: createMetricsService(deps),
    registry: createRegistryService(deps, grids),
    open311Keys: createOpen311Keys(deps),
    escalation: createEscalation(deps),
    registers: createRegisterService(deps),
    /** identity's departments and the catalog duties bound to them */
    departments: deps.departments,
    /** the registers' data key and the backfill of rows written before encryption at rest */
    pii: deps.pii,
  }
}

export type GridApi = ReturnType<typeof createGridApi>
export type { GridDeps } from './context.ts'

import { defineModule, type ModuleContext } from '../../core/module.ts'
import { createGridApi, type GridApi, type GridDeps } from './service/index.ts'
import { createGridsRepo, createEventsRepo, createRegistryRepo, createRegistersRepo } from './repo/index.ts'
import { gridModuleRoutes } from './routes/index.ts'
import { open311Routes } from './open311/routes.ts'
import { seedGridDemo } from './seed/demo.ts'
import type { CityService } from '../city/index.ts'
import type { IdentityService } from '../identity/index.ts'
import { createDepartmentDirectory } from './service/departments.ts'
import { GRID_PERMISSIONS } from './permissions.ts'
import { GRID_EVENTS } from './events.ts'
import * as createGrid from './migrations/20261128T0900_create_grid.ts'
import * as createEvent from './migrations/20261128T0910_create_event.ts'
import * as createRegistry from './migrations/20261128T0920_create_registry.ts'
import * as addEscalation from './migrations/20261129T0900_add_escalation.ts'
import * as createRegisters from './migrations/20261129T0910_create_registers.ts'
import * as createDutyBinding from './migrations/20261129T0920_create_duty_binding.ts'
import { DEFAULT_SWEEP_SECONDS } from './service/escalation.ts'

export type { GridApi }
export type { GridEventPayloads, GridEventName } from './events.ts'
export type { Grid, GridEventRecord, EventSource } from './repo/index.ts'
export type { EventStatus, ClosureType } from './workflow.ts'

function depsOf(ctx: ModuleContext): GridDeps {
  const base = {
    db: ctx.db, clock: ctx.clock, ids: ctx.ids, audit: ctx.audit, events: ctx.events, log: ctx.log,
    grids: createGridsRepo(ctx.db), eventsRepo: createEventsRepo(ctx.db), registry: createRegistryRepo(ctx.db), registers: createRegistersRepo(ctx.db),
  }
  const identity = ctx.deps.identity as IdentityService | undefined
  return { ...base, departments: createDepartmentDirectory(base, identity && { listDepartments: () => identity.org.listDepartments() }) }
}

/**
 * Grid governance and dispatch (综合网格调度指挥): grids and their spatial index, the base registry
 * subset, the event catalog, the seven-stage dispatch workflow, metrics and Open311 GeoReport v2.
 */
export default defineModule<GridApi>({
  name: 'grid',
  description: 'Grid governance and dispatch: grids, base registry, events, the seven-stage workflow, metrics, Open311',
  dependsOn: ['city', 'identity'],
  permissions: GRID_PERMISSIONS,
  events: GRID_EVENTS,
  migrations: {
    '20261128T0900_create_grid': createGrid,
    '20261128T0910_create_event': createEvent,
    '20261128T0920_create_registry': createRegistry,
    '20261129T0900_add_escalation': addEscalation,
    '20261129T0910_create_registers': createRegisters,
    '20261129T0920_create_duty_binding': createDutyBinding,
  },
  setup: (ctx) => createGridApi(depsOf(ctx)),
  stop: (api) => api.escalation.stop(),
  routes: (app, api, ctx) => {
    gridModuleRoutes(app, api)
    // The escalation sweep runs on the injected clock once the server listens (never in an
    // inject-only test app); every process may run it: optimistic versions prevent double steps.
    app.addHook('onListen', (done) => {
      api.escalation.start(Number(ctx.config.settings.GRID_ESCALATION_SWEEP_SECONDS ?? DEFAULT_SWEEP_SECONDS))
      done()
    })
  },
  rootRoutes: (app, api, ctx) => open311Routes(app, api, { clock: ctx.clock }),
  seedDemo: async (api, ctx) => {
    const city = ctx.deps.city as CityService
    const r = await seedGridDemo(depsOf(ctx), api, city)
    ctx.log.info(r, 'demo grids, registry and events')
  },
})

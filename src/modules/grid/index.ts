import { defineModule, type ModuleContext } from '../../core/module.ts'
import { createGridApi, type GridApi, type GridDeps } from './service/index.ts'
import { createGridsRepo, createEventsRepo, createRegistryRepo, createRegistersRepo } from './repo/index.ts'
import { gridModuleRoutes } from './routes/index.ts'
import { open311Routes } from './open311/routes.ts'
import { seedGridDemo } from './seed/demo.ts'
import type { CityService } from '../city/index.ts'
import type { IdentityService } from '../identity/index.ts'
import type { CryptoApi } from '../crypto/index.ts'
import { createPiiKeyring, cryptoPiiKeySource, filePiiKeySource } from './service/pii.ts'
import { createDepartmentDirectory } from './service/departments.ts'
import { GRID_PERMISSIONS } from './permissions.ts'
import { GRID_EVENTS } from './events.ts'
import * as createGrid from './migrations/20261128T0900_create_grid.ts'
import * as createEvent from './migrations/20261128T0910_create_event.ts'
import * as createRegistry from './migrations/20261128T0920_create_registry.ts'
import * as addEscalation from './migrations/20261129T0900_add_escalation.ts'
import * as createRegisters from './migrations/20261129T0910_create_registers.ts'
import * as createDutyBinding from './migrations/20261129T0920_create_duty_binding.ts'
import * as encryptRegisterPii from './migrations/20261203T0900_encrypt_register_pii.ts'
import { DEFAULT_SWEEP_SECONDS } from './service/escalation.ts'

export type { GridApi }
export type { GridEventPayloads, GridEventName } from './events.ts'
export type { Grid, GridEventRecord, EventSource } from './repo/index.ts'
export type { EventStatus, ClosureType } from './workflow.ts'

export interface GridModuleOptions {
  /**
   * Who wraps the data key of the registers' personal identifiers: the crypto module (default; the
   * module then depends on it) or `file`, a key in `$DATA_DIR/grid-pii.key`, for a platform run
   * without the crypto module. A database keeps the source it started with.
   */
  piiKeys?: 'crypto' | 'file'
}

/**
 * Grid governance and dispatch (综合网格调度指挥): grids and their spatial index, the base registry
 * subset, the event catalog, the seven-stage dispatch workflow, metrics and Open311 GeoReport v2.
 */
export function createGridModule(opts: GridModuleOptions = {}) {
  const piiKeys = opts.piiKeys ?? 'crypto'
  // setup and seedDemo get the same context: one set of ports (and one data key) per module instance.
  const built = new WeakMap<ModuleContext, GridDeps>()

  function depsOf(ctx: ModuleContext): GridDeps {
    const cached = built.get(ctx)
    if (cached) return cached
    const base = {
      db: ctx.db, clock: ctx.clock, ids: ctx.ids, audit: ctx.audit, events: ctx.events, log: ctx.log,
      grids: createGridsRepo(ctx.db), eventsRepo: createEventsRepo(ctx.db), registry: createRegistryRepo(ctx.db), registers: createRegistersRepo(ctx.db),
    }
    const identity = ctx.deps.identity as IdentityService | undefined
    const source = piiKeys === 'file' ? filePiiKeySource(ctx.config.dataDir) : cryptoPiiKeySource(ctx.deps.crypto as CryptoApi)
    const withPii = { ...base, pii: createPiiKeyring(base, source) }
    const deps: GridDeps = { ...withPii, departments: createDepartmentDirectory(withPii, identity && { listDepartments: () => identity.org.listDepartments() }) }
    built.set(ctx, deps)
    return deps
  }

  return defineModule<GridApi>({
    name: 'grid',
    description: 'Grid governance and dispatch: grids, base registry, events, the seven-stage workflow, metrics, Open311',
    dependsOn: piiKeys === 'file' ? ['city', 'identity'] : ['city', 'identity', 'crypto'],
    permissions: GRID_PERMISSIONS,
    events: GRID_EVENTS,
    migrations: {
      '20261128T0900_create_grid': createGrid,
      '20261128T0910_create_event': createEvent,
      '20261128T0920_create_registry': createRegistry,
      '20261129T0900_add_escalation': addEscalation,
      '20261129T0910_create_registers': createRegisters,
      '20261129T0920_create_duty_binding': createDutyBinding,
      '20261203T0900_encrypt_register_pii': encryptRegisterPii,
    },
    setup: (ctx) => {
      const api = createGridApi(depsOf(ctx))
      ctx.addReadinessCheck('grid.piiKey', () => api.pii.cipher().then(() => true, () => false))
      return api
    },
    stop: (api) => api.escalation.stop(),
    routes: (app, api, ctx) => {
      gridModuleRoutes(app, api)
      // Once migrated, load the data key and encrypt rows written before encryption at rest, before
      // the first request. A key that does not unwrap (wrong root key, another key file) leaves the
      // platform up but not ready, as crypto does: register identifiers answer 500 until it loads.
      // With migrations pending (an app built only to migrate), the key loads on first use instead.
      app.addHook('onReady', async () => {
        if ((await ctx.pendingMigrations()).length > 0) return
        await api.pii.cipher().catch((err: unknown) => ctx.log.error({ err }, 'grid: the registers data key does not load; personal identifiers cannot be read or written'))
      })
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
}

/** The platform's grid module: the registers' data key wrapped by the crypto module. */
export default createGridModule()

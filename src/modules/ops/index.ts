import { defineModule } from '../../core/module.ts'
import { createOpsService, type OpsService } from './service.ts'
import { opsRoutes, opsRootRoutes } from './routes.ts'
import { OPS_PERMISSIONS } from './permissions.ts'

export type { OpsService }

/** Operations (统一运维保障平台): health, readiness, version, metrics, audit reading, dead letters. */
export default defineModule<OpsService>({
  name: 'ops',
  description: 'Health, readiness, version, metrics, audit log reading and event dead letters',
  permissions: OPS_PERMISSIONS,
  setup: (ctx) => createOpsService({
    db: ctx.db, audit: ctx.audit, events: ctx.events,
    pendingMigrations: ctx.pendingMigrations, readinessChecks: ctx.readinessChecks,
  }),
  routes: (app, ops, ctx) => opsRoutes(app, ops, { dialect: ctx.dialect, modules: ctx.moduleNames }),
  rootRoutes: (app, ops, ctx) => opsRootRoutes(app, ops, ctx.metrics),
})

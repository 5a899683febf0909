import { join } from 'node:path'
import { ConfigError } from '../../core/config.ts'
import { defineModule } from '../../core/module.ts'
import type { CityService } from '../city/index.ts'
import type { IdentityService } from '../identity/index.ts'
import { SERVICES_EVENTS } from './events.ts'
import { createObjectStore } from './objects.ts'
import { SERVICES_PERMISSIONS } from './permissions.ts'
import { createServicesRepo } from './repo/index.ts'
import { servicesRoutes } from './routes/index.ts'
import { createSearchEngine, createServicesApi, type ServicesApi } from './service/index.ts'
import { createDepartmentDirectory } from './service/directory.ts'
import { seedDemoIdentity } from './service/demo-identity.ts'
import { CITY_DEPARTMENTS, townDepartment } from './data/departments.ts'
import * as createServices from './migrations/20261128T0900_create_services.ts'

export type { ServicesApi }
export type { ApplicationEventPayload, ItemEventPayload, AppointmentEventPayload, ServicesEvent } from './events.ts'
export type { ItemData, Material, FormDefinition, WorkflowStep } from './schema/catalog.ts'
export type { ApplicationView, ApplicationSummary } from './schema/applications.ts'
export type { ApplicationStatus } from './workflow.ts'

/**
 * One-stop government services (政务服务"一网通办"): the service catalog in the 实施清单 shape with
 * versions and consistency rules, Chinese full-text search, applications through acceptance and
 * approval within promised working-day limits, 一件事 bundles, appointments at service halls.
 */
/** SERVICES_INDEX_SYNC_MS: how often a search looks for catalogue changes of other instances (0 = every search); unset = the catalog's default. */
function indexSyncMs(raw: string | undefined): number | undefined {
  if (raw === undefined || raw.trim() === '') return undefined
  if (!/^\d+$/.test(raw.trim()) || Number(raw) > 600_000) throw new ConfigError('SERVICES_INDEX_SYNC_MS', 'an integer 0-600000 (milliseconds)', raw)
  return Number(raw)
}

export default defineModule<ServicesApi>({
  name: 'services',
  description: 'One-stop government services: catalog (实施清单), search, applications, deadlines, bundles (一件事), appointments',
  dependsOn: ['city', 'identity'],
  permissions: SERVICES_PERMISSIONS,
  events: SERVICES_EVENTS,
  migrations: { '20261128T0900_create_services': createServices },
  setup: (ctx) => createServicesApi({
    db: ctx.db, repo: createServicesRepo(), clock: ctx.clock, ids: ctx.ids, audit: ctx.audit, events: ctx.events, log: ctx.log,
    objects: createObjectStore(join(ctx.config.dataDir, 'objects')), search: createSearchEngine(),
    directory: createDepartmentDirectory((ctx.deps.identity as IdentityService).org, ctx.clock),
    indexSyncMs: indexSyncMs(ctx.config.settings.SERVICES_INDEX_SYNC_MS),
  }),
  routes: (app, api) => servicesRoutes(app, api),
  seedDemo: async (api, ctx) => {
    const city = ctx.deps.city as CityService
    const root = await city.getCity()
    const towns = root.divisions.map((d) => ({ code: d.code, name: d.name['zh-CN'], kind: d.kind }))
    const started = performance.now()
    const departments = [...Object.values(CITY_DEPARTMENTS), ...towns.map(townDepartment)].map((d) => ({ code: d.id, name: d.name }))
    const identityRows = await seedDemoIdentity(ctx.deps.identity as IdentityService, departments)
    const r = await api.seedDemo(towns)
    ctx.log.info({ ...r, identityRows, ms: Math.round(performance.now() - started) },
      'demo service catalog and applications; officers scj.clerk, scj.approver, xl.window (password Staff@Zhongshan2026, no second factor)')
  },
})

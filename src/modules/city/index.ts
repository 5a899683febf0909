import { defineModule } from '../../core/module.ts'
import { createCityService, type CityService } from './service.ts'
import { createCityRepo } from './repo.ts'
import { cityRoutes } from './routes.ts'
import { CITY_PERMISSIONS } from './permissions.ts'
import * as createDivision from './migrations/20261125T2210_create_division.ts'

export type { CityService }
export type { Division } from './repo.ts'

/** The city and its administrative divisions (GB/T 2260), seeded with the demo city. */
export default defineModule<CityService>({
  name: 'city',
  description: 'The city and its administrative divisions (行政区划)',
  permissions: CITY_PERMISSIONS,
  migrations: { '20261125T2210_create_division': createDivision },
  setup: (ctx) => createCityService({ db: ctx.db, repo: createCityRepo(ctx.db), audit: ctx.audit, clock: ctx.clock }),
  routes: (app, city) => cityRoutes(app, city),
  seedDemo: async (city, ctx) => {
    const n = await city.seedDemo()
    ctx.log.info({ inserted: n }, 'demo city divisions')
  },
})

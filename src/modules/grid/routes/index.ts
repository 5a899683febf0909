import type { FastifyInstance } from 'fastify'
import type { GridApi } from '../service/index.ts'
import { gridRoutes } from './grids.ts'
import { eventRoutes } from './events.ts'
import { citizenRoutes } from './citizen.ts'
import { metricsRoutes } from './metrics.ts'
import { registryRoutes } from './registry.ts'
import { registerRoutes } from './registers.ts'

/** Every /api/v1 route of the grid module. */
export function gridModuleRoutes(app: FastifyInstance, api: GridApi): void {
  gridRoutes(app, api)
  eventRoutes(app, api)
  citizenRoutes(app, api)
  metricsRoutes(app, api)
  registryRoutes(app, api)
  registerRoutes(app, api)
}

import type { FastifyInstance } from 'fastify'
import multipart from '@fastify/multipart'
import type { ServicesApi } from '../service/index.ts'
import { applicationRoutes } from './applications.ts'
import { appointmentRoutes } from './appointments.ts'
import { catalogRoutes } from './catalog.ts'
import { publicRoutes } from './public.ts'
import { workbenchRoutes } from './workbench.ts'

/** Upper bound of one upload; each material has its own, lower, limit. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024

/** Every route of the services module (mounted under /api/v1). */
export async function servicesRoutes(app: FastifyInstance, api: ServicesApi): Promise<void> {
  // Multipart parsing only in this module's context (uploads of materials).
  await app.register(multipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 5, parts: 6 } })
  await publicRoutes(app, api)
  await catalogRoutes(app, api)
  await applicationRoutes(app, api)
  await workbenchRoutes(app, api)
  await appointmentRoutes(app, api)
}

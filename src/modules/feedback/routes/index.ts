import type { FastifyInstance } from 'fastify'
import type { FeedbackApi } from '../service/index.ts'
import { caseRoutes } from './cases.ts'
import { matterRoutes } from './matters.ts'
import { ratingRoutes } from './ratings.ts'
import { statsRoutes } from './stats.ts'

/** Every route of the feedback module (under /api/v1). */
export async function feedbackRoutes(app: FastifyInstance, api: FeedbackApi): Promise<void> {
  // Reads and writes see the default ratings of windows that closed since the last sweep.
  app.addHook('preHandler', async () => api.sweeper.ensure())
  await ratingRoutes(app, api)
  await caseRoutes(app, api)
  await matterRoutes(app, api)
  await statsRoutes(app, api)
}

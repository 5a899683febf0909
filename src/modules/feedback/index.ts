import { defineModule } from '../../core/module.ts'
import type { IdentityService } from '../identity/index.ts'
import type { ServicesApi } from '../services/index.ts'
import { loadFeedbackOptions, type FeedbackOptions } from './config.ts'
import { FEEDBACK_EVENTS } from './events.ts'
import { FEEDBACK_PERMISSIONS } from './permissions.ts'
import { feedbackRepo } from './repo/index.ts'
import { feedbackRoutes } from './routes/index.ts'
import { createDirectory, createFeedbackApi, type FeedbackApi } from './service/index.ts'
import { seedFeedbackDemo } from './service/seed.ts'
import * as createFeedback from './migrations/20261129T0900_create_feedback.ts'

export type { FeedbackApi, FeedbackOptions }
export type { RatingEventPayload, CaseEventPayload, FeedbackEvent } from './events.ts'
export type { OccurrenceView, RatingView, ApplicationFeedbackView } from './schema/ratings.ts'
export type { CaseView, CaseSummary } from './schema/cases.ts'
export type { MatterView, MatterSummary } from './schema/matters.ts'
export type { PublicStats, GroupStats, OverviewStats } from './schema/stats.ts'

/**
 * Builds the feedback module. `overrides` replace settings read from the environment (tests use
 * them for the rating window, the minimum count and the sweep interval).
 */
export function createFeedbackModule(overrides: Partial<FeedbackOptions> = {}) {
  return defineModule<FeedbackApi>({
    name: 'feedback',
    description: 'Service evaluation (好差评: one rating per service, bad-review rectification, statistics) and the 办不成事 window',
    dependsOn: ['identity', 'services'],
    permissions: FEEDBACK_PERMISSIONS,
    events: FEEDBACK_EVENTS,
    migrations: { '20261129T0900_create_feedback': createFeedback },
    setup(ctx) {
      // Settings come from the config file under the environment (ctx.config.settings), like every module's.
      const options = loadFeedbackOptions(ctx.config.settings, overrides)
      const identity = ctx.deps.identity as IdentityService | undefined
      const services = ctx.deps.services as ServicesApi | undefined
      return createFeedbackApi({
        db: ctx.db, repo: feedbackRepo, clock: ctx.clock, ids: ctx.ids, audit: ctx.audit, events: ctx.events, log: ctx.log, options, services,
        directory: createDirectory(identity?.org, services?.appointments, ctx.clock),
      })
    },
    subscribers: (api) => api.subscriptions(),
    routes: async (app, api) => {
      // The sweep timer starts once the platform is ready (migrated), not while a CLI command builds it.
      app.addHook('onReady', async () => api.sweeper.start(api.deps.options.sweepMs))
      await feedbackRoutes(app, api)
    },
    seedDemo: async (api, ctx) => {
      const started = performance.now()
      const r = await seedFeedbackDemo(api, ctx)
      ctx.log.info({ ...r, ms: Math.round(performance.now() - started) }, 'demo ratings, rectification cases and 办不成事 matters; officers fb.handler, fb.reviewer, fb.coordinator (password Staff@Zhongshan2026, no second factor)')
    },
    stop: (api) => api.sweeper.stop(),
  })
}

/** The feedback module with settings from the environment. */
export default createFeedbackModule()

/** Assembles the feedback module's services; the result is the module's API (`ctx.deps.feedback`). */
import { createCaseService } from './cases.ts'
import type { FeedbackDeps } from './context.ts'
import { createMatterService } from './matters.ts'
import { createRatingService } from './ratings.ts'
import { createStatsService } from './stats.ts'
import { feedbackSubscriptions } from './subscribers.ts'
import { createSweeper } from './sweep.ts'

export type { FeedbackDeps, CallContext } from './context.ts'
export { createDirectory, type Directory } from './directory.ts'

export function createFeedbackApi(deps: FeedbackDeps) {
  const cases = createCaseService(deps)
  const ratings = createRatingService(deps, cases)
  const matters = createMatterService(deps, ratings)
  const stats = createStatsService(deps)
  const sweeper = createSweeper(deps, ratings, cases)
  return {
    ratings, cases, matters, stats, sweeper, deps,
    /** Records default ratings and closes expired rectified cases now. */
    sweep: () => sweeper.sweep(),
    subscriptions: () => feedbackSubscriptions(deps, ratings, matters),
  }
}

export type FeedbackApi = ReturnType<typeof createFeedbackApi>

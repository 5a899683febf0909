import { casesRepo } from './cases.ts'
import { mattersRepo } from './matters.ts'
import { recordsRepo } from './records.ts'
import { statsRepo } from './stats.ts'

export type { OccurrenceRow, RatingRow } from './records.ts'
export type { CaseRow, LogRow, CaseFilter } from './cases.ts'
export type { MatterRow, NegativeReplyRow, MatterFilter } from './matters.ts'
export type { RatingDimension, StatsFilter } from './stats.ts'
export { ACTIVE_CASE_STATUSES } from './cases.ts'

/** Every query of the feedback module. */
export const feedbackRepo = { ...recordsRepo, ...casesRepo, ...mattersRepo, stats: statsRepo }
export type FeedbackRepo = typeof feedbackRepo

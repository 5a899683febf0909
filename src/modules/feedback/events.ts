/** Events the feedback module emits. */
export const FEEDBACK_EVENTS = {
  'feedback.rating.submitted': 'A service occurrence was rated (by its person, a device, or by default after the rating window)',
  'feedback.rating.amended': 'A rating was amended (once, within the rating window)',
  'feedback.case.opened': 'A bad-review rectification case or a 办不成事 matter was opened',
  'feedback.case.closed': 'A rectification case or a 办不成事 matter was closed (rectified, excluded, withdrawn, declined or filed)',
} as const

export type FeedbackEvent = keyof typeof FEEDBACK_EVENTS

/** Payload of `feedback.rating.submitted` and `feedback.rating.amended`. */
export interface RatingEventPayload {
  ratingId: string
  occurrenceId: string
  applicationId: string | null
  departmentId: string
  /** 5 非常满意 … 1 非常不满意. */
  score: number
  channel: string
  isDefault: boolean
  bad: boolean
}

/** Payload of `feedback.case.opened` and `feedback.case.closed`. */
export interface CaseEventPayload {
  caseId: string
  type: 'rectification' | 'matter'
  departmentId: string | null
  /** The rating behind a rectification case. */
  ratingId?: string
  category?: string
  /** How it closed: rectified, excluded, withdrawn, declined, filed. */
  resolution?: string
}

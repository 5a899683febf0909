/** Kysely interfaces of the feedback module's tables (all prefixed `feedback_`). */
export interface FeedbackOccurrenceTable {
  id: string
  kind: string
  source: string
  application_id: string | null
  application_number: string | null
  external_key: string | null
  item_id: string | null
  item_name: string
  department_id: string
  division_code: string | null
  hall_id: string | null
  window_no: string | null
  clerk_id: string | null
  clerk_name: string | null
  person_id: string | null
  person_name: string
  outcome: string | null
  code: string
  status: string
  served_at: number
  due_at: number
  created_at: number
  updated_at: number
}

export interface FeedbackRatingTable {
  id: string
  occurrence_id: string
  kind: string
  source: string
  score: number
  indicators: string
  tags: string
  comment: string | null
  channel: string
  is_default: number
  rater_id: string | null
  rater_name: string
  application_id: string | null
  item_id: string | null
  item_name: string
  department_id: string
  hall_id: string | null
  window_no: string | null
  clerk_id: string | null
  clerk_name: string | null
  served_at: number
  amend_count: number
  previous_score: number | null
  amended_at: number | null
  excluded: number
  rated_at: number
  rated_day: string
  rated_month: string
  updated_at: number
}

export interface FeedbackCaseTable {
  id: string
  rating_id: string
  occurrence_id: string
  department_id: string
  item_name: string
  person_id: string | null
  person_name: string
  score: number
  status: string
  resolution: string | null
  version: number
  limit_days: number
  due_at: number
  warn_at: number
  callback_attempts: number
  callback_at: number | null
  callback_by: string | null
  callback_note: string | null
  finding: string | null
  finding_note: string | null
  verified_by: string | null
  verified_at: number | null
  appeal_reason: string | null
  appealed_by: string | null
  review_decision: string | null
  review_note: string | null
  reviewed_by: string | null
  reviewed_at: number | null
  measures: string | null
  feedback_text: string | null
  rectified_by: string | null
  rectified_at: number | null
  result_score: number | null
  result_comment: string | null
  result_at: number | null
  opened_at: number
  opened_month: string
  closed_at: number | null
  updated_at: number
}

export interface FeedbackMatterTable {
  id: string
  number: string
  source: string
  application_id: string | null
  application_number: string | null
  negative_reply_id: string | null
  person_id: string | null
  person_name: string
  contact: string | null
  title: string
  place: string
  reason: string
  category: string
  department_id: string | null
  status: string
  version: number
  tier: string | null
  limit_days: number | null
  due_at: number | null
  warn_at: number | null
  coordinator_id: string | null
  coordinator_name: string | null
  department_ids: string
  decline_kind: string | null
  explanation: string | null
  remedy: string | null
  result: string | null
  feedback_text: string | null
  person_satisfied: number | null
  person_comment: string | null
  check_note: string | null
  registered_by: string
  registered_at: number
  registered_month: string
  classified_at: number | null
  resolved_at: number | null
  fed_back_at: number | null
  checked_at: number | null
  closed_at: number | null
  updated_at: number
}

export interface FeedbackLogTable {
  id: string
  case_id: string
  action: string
  from_status: string | null
  to_status: string
  actor_id: string
  actor_name: string
  note: string | null
  at: number
}

export interface FeedbackNegativeReplyTable {
  id: string
  application_id: string
  application_number: string
  item_name: string
  department_id: string
  applicant_id: string
  applicant_name: string
  kind: string
  reason: string
  remedy: string
  legal_basis: string | null
  decided_at: number
  status: string
  matter_id: string | null
  review_note: string | null
  reviewed_by: string | null
  reviewed_at: number | null
  created_at: number
}

export interface FeedbackTables {
  feedback_occurrence: FeedbackOccurrenceTable
  feedback_rating: FeedbackRatingTable
  feedback_case: FeedbackCaseTable
  feedback_matter: FeedbackMatterTable
  feedback_log: FeedbackLogTable
  feedback_negative_reply: FeedbackNegativeReplyTable
  feedback_sequence: { name: string; value: number }
}

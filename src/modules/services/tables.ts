/** Kysely interfaces of the services module's tables (all prefixed `services_`). */
export interface ServicesItemTable {
  id: string
  implementation_code: string
  basic_code: string
  name: string
  status: string
  published_version: number | null
  draft_version: number | null
  latest_version: number
  department_id: string
  division_code: string
  popularity: number
  created_at: number
  updated_at: number
}

export interface ServicesItemVersionTable {
  item_id: string
  version: number
  status: string
  data: string
  created_by: string
  created_at: number
  published_at: number | null
  retired_at: number | null
}

export interface ServicesBundleTable {
  code: string
  name: string
  description: string
  mode: string
  item_ids: string
  themes: string
  created_at: number
}

export interface ServicesApplicationTable {
  id: string
  number: string
  kind: string
  item_id: string | null
  item_version: number | null
  item_name: string
  bundle_code: string | null
  parent_id: string | null
  seq: number
  applicant_id: string
  applicant_kind: string
  applicant_name: string
  department_id: string
  division_code: string
  status: string
  step_index: number
  assignee_id: string | null
  assignee_name: string | null
  signatures: string
  version: number
  form_data: string
  result: string | null
  query_code_hash: string | null
  limit_days: number
  clock_started_at: number | null
  clock_paused_at: number | null
  paused_days: number
  clock_stopped_at: number | null
  due_at: number | null
  warn_at: number | null
  created_at: number
  updated_at: number
  submitted_at: number | null
  accepted_at: number | null
  completed_at: number | null
}

export interface ServicesMaterialTable {
  application_id: string
  code: string
  object_hash: string | null
  file_name: string | null
  mime: string | null
  size: number | null
  by_licence: number
  licence_type: string | null
  updated_at: number
}

export interface ServicesObjectTable { hash: string; size: number; mime: string; created_at: number }

export interface ServicesTransitionTable {
  id: string
  application_id: string
  action: string
  from_status: string
  to_status: string
  step_index: number
  actor_id: string
  actor_name: string
  comment: string | null
  at: number
}

export interface ServicesNegativeReplyTable {
  id: string
  application_id: string
  item_id: string | null
  kind: string
  reason: string
  remedy: string
  legal_basis: string | null
  actor_id: string
  created_at: number
}

export interface ServicesHallTable { id: string; name: string; division_code: string; address: string; schedule: string; windows: number; created_at: number }

export interface ServicesSlotTable { id: string; hall_id: string; starts_at: number; ends_at: number; capacity: number; booked: number }

export interface ServicesAppointmentTable {
  id: string
  slot_id: string
  hall_id: string
  applicant_id: string
  applicant_name: string
  item_id: string | null
  item_name: string | null
  code: string
  status: string
  starts_at: number
  ends_at: number
  created_at: number
  cancelled_at: number | null
  checked_in_at: number | null
}

export interface ServicesTables {
  services_item: ServicesItemTable
  services_item_version: ServicesItemVersionTable
  services_bundle: ServicesBundleTable
  services_application: ServicesApplicationTable
  services_material: ServicesMaterialTable
  services_object: ServicesObjectTable
  services_transition: ServicesTransitionTable
  services_negative_reply: ServicesNegativeReplyTable
  services_hall: ServicesHallTable
  services_slot: ServicesSlotTable
  services_appointment: ServicesAppointmentTable
  services_sequence: { name: string; value: number }
}

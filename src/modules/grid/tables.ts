/** Kysely table interfaces of the grid module (all tables prefixed `grid_`). Times are epoch ms. */
export interface GridGridTable {
  code: string
  parent_code: string | null
  level: string
  name: string
  division_code: string | null
  geometry: string
  min_lon: number
  min_lat: number
  max_lon: number
  max_lat: number
  label_lon: number
  label_lat: number
  area_m2: number
  created_at: number
  updated_at: number
}

/** Workers (`usr_…`) and departments (`dep_…`) assigned to a grid. */
export interface GridAssignmentTable {
  grid_code: string
  subject_id: string
  kind: string
  created_at: number
}

export interface GridEventTable {
  id: string
  category_code: string
  source: string
  status: string
  title: string
  description: string
  address: string | null
  lon: number
  lat: number
  grid_code: string | null
  community_code: string | null
  town_code: string | null
  near_boundary: number
  department_id: string | null
  suggested_department_id: string | null
  reporter_id: string | null
  reporter_kind: string
  reporter_name: string | null
  reporter_contact_masked: string | null
  citizen_token_hash: string | null
  open311_token: string | null
  merged_into: string | null
  stage_started_at: number
  stage_due_at: number | null
  rework_count: number
  overdue_count: number
  pending: string | null
  closure_type: string | null
  closed_at: number | null
  reported_at: number
  updated_at: number
  version: number
  /** 0 none, 1 community, 2 town, 3 city: how far up the current stage's overdue case went. */
  escalation_level: number
  escalated_to: string | null
  escalated_at: number | null
}

/** One row per transition: the event log the metrics are computed from. */
export interface GridEventLogTable {
  id: string
  event_id: string
  seq: number
  action: string
  from_status: string | null
  to_status: string
  at: number
  actor_id: string
  actor_kind: string
  department_id: string | null
  grid_code: string | null
  community_code: string | null
  town_code: string | null
  category_code: string
  stage_due_at: number | null
  overdue: number
  note: string | null
  detail: string | null
}

export interface GridAttachmentTable {
  id: string
  event_id: string
  log_seq: number | null
  mime: string
  name: string
  size: number
  data: string
  created_at: number
}

export interface GridOpen311KeyTable {
  id: string
  key_hash: string
  name: string
  created_at: number
  revoked_at: number | null
}

export interface GridAddressTable {
  id: string
  road: string
  number: string
  building: string | null
  unit: string | null
  room: string | null
  full_text: string
  aliases: string
  building_code: string | null
  lon: number
  lat: number
  grid_code: string | null
  updated_at: number
}

export interface GridBuildingTable {
  code: string
  name: string
  address_id: string | null
  floors: number
  use: string
  lon: number
  lat: number
  grid_code: string | null
  updated_at: number
}

export interface GridFacilityTable {
  code: string
  category_code: string
  name: string
  owner_department_id: string | null
  maintainer_department_id: string | null
  state: string
  lon: number
  lat: number
  grid_code: string | null
  updated_at: number
}

/** History of every registry change made from the field. */
export interface GridRegistryChangeTable {
  id: string
  entity: string
  entity_id: string
  actor_id: string
  at: number
  before: string | null
  after: string
}

/** 实有房屋: a dwelling or premises at a standard address. */
export interface GridHousingTable {
  id: string
  address_id: string
  address_text: string
  building_code: string | null
  grid_code: string | null
  use: string
  tenure: string
  area_m2: number | null
  occupancy: string
  created_at: number
  updated_at: number
  version: number
}

/**
 * 实有人口: a resident. The ID number and mobile are stored encrypted (`*_enc`, see `pii-cipher.ts`)
 * with masked copies and a blind index of the ID number; answered masked unless the caller may see them.
 */
export interface GridPersonTable {
  id: string
  name: string
  /** Legacy column: holds the masked ID number once encrypted (clear only in rows not yet backfilled). */
  id_number: string
  id_number_masked: string
  /** `v1.…` SM4-GCM ciphertext bound to `grid_person:<id>:id_number`; null only before the backfill. */
  id_number_enc: string | null
  /** HMAC-SM3 blind index of the normalised ID number (64 hex), for exact search. */
  id_number_index: string | null
  /** Legacy column: holds the masked mobile once encrypted. */
  mobile: string | null
  mobile_masked: string | null
  /** `v1.…` ciphertext bound to `grid_person:<id>:mobile`. */
  mobile_enc: string | null
  residence: string
  housing_id: string | null
  address_id: string
  address_text: string
  grid_code: string | null
  created_at: number
  updated_at: number
  version: number
}

/** 实有单位: a legal entity or business at a standard address. */
export interface GridUnitTable {
  id: string
  name: string
  credit_code: string
  kind: string
  industry: string
  legal_person: string
  /** Legacy column: holds the masked mobile once encrypted. */
  contact_mobile: string | null
  contact_mobile_masked: string | null
  /** `v1.…` ciphertext bound to `grid_unit:<id>:contact_mobile`. */
  contact_mobile_enc: string | null
  employees: number | null
  status: string
  address_id: string
  address_text: string
  grid_code: string | null
  created_at: number
  updated_at: number
  version: number
}

/** The wrapped data key of the registers' personal identifiers (one row per purpose). */
export interface GridPiiKeyTable {
  purpose: string
  /** `crypto` (wrapped by a crypto-module key) or `file` (wrapped under `$DATA_DIR/grid-pii.key`). */
  source: string
  key_id: string
  key_version: number
  /** base64 of the wrapped data key */
  wrapped: string
  created_at: number
}

/** A catalog duty (`dep_urban` …) bound to one of identity's departments. */
export interface GridDutyBindingTable {
  duty: string
  department_id: string
  updated_at: number
}

export interface GridTables {
  grid_grid: GridGridTable
  grid_assignment: GridAssignmentTable
  grid_event: GridEventTable
  grid_event_log: GridEventLogTable
  grid_attachment: GridAttachmentTable
  grid_open311_key: GridOpen311KeyTable
  grid_address: GridAddressTable
  grid_building: GridBuildingTable
  grid_facility: GridFacilityTable
  grid_registry_change: GridRegistryChangeTable
  grid_housing: GridHousingTable
  grid_person: GridPersonTable
  grid_unit: GridUnitTable
  grid_duty_binding: GridDutyBindingTable
  grid_pii_key: GridPiiKeyTable
}

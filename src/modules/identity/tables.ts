/** Kysely interfaces of the identity module's tables (all prefixed `identity_`). */

export interface DepartmentTable {
  id: string
  parent_id: string | null
  code: string
  name: string
  name_en: string
  kind: string
  division_code: string | null
  /** Materialised path of ids, `/dep_root/dep_town/`, for subtree queries with LIKE. */
  path: string
  sort: number
  status: string
  created_at: number
  updated_at: number
}

export interface PostTable { id: string; code: string; name: string; sort: number; status: string; created_at: number; updated_at: number }

export interface RoleTable {
  id: string
  code: string
  name: string
  description: string
  permissions: string
  data_scope: string
  scope_department_ids: string
  grid_scope: string
  require_mfa: number
  builtin: number
  sort: number
  created_at: number
  updated_at: number
}

export interface AccountTable {
  id: string
  kind: string
  username: string
  display_name: string
  password_hash: string
  password_changed_at: number
  status: string
  failed_count: number
  first_failed_at: number | null
  locked_until: number | null
  totp_secret_enc: string | null
  totp_last_step: number | null
  department_id: string | null
  enterprise_id: string | null
  real_name: string | null
  id_number_enc: string | null
  id_number_index: string | null
  id_number_masked: string | null
  mobile_enc: string | null
  mobile_index: string | null
  mobile_masked: string | null
  email: string | null
  created_at: number
  updated_at: number
}

export interface AccountRoleTable { account_id: string; role_id: string }
export interface AccountPostTable { account_id: string; post_id: string }

export interface EnterpriseTable {
  id: string
  name: string
  credit_code: string
  account_id: string
  legal_rep_account_id: string
  status: string
  created_at: number
  updated_at: number
}

export interface EnterpriseAgentTable { enterprise_id: string; account_id: string; granted_by: string; granted_at: number }

export interface SessionTable {
  id: string
  token_hash: string
  account_id: string
  kind: string
  acting_enterprise_id: string | null
  mfa: number
  created_at: number
  expires_at: number
  last_seen_at: number
  ip: string | null
  user_agent: string | null
  revoked_at: number | null
  revoke_reason: string | null
}

export interface ChallengeTable {
  id: string
  token_hash: string
  account_id: string
  kind: string
  secret_enc: string | null
  session_kind: string
  acting_enterprise_id: string | null
  attempts: number
  created_at: number
  expires_at: number
  consumed_at: number | null
}

export interface LoginLogTable {
  id: string
  at: number
  account_id: string | null
  login_name: string
  outcome: string
  reason: string | null
  ip: string | null
  user_agent: string | null
  session_id: string | null
}

export interface DictTypeTable { code: string; name_zh_cn: string; name_zh_tw: string; name_en: string; description: string; builtin: number; created_at: number; updated_at: number }

export interface DictItemTable {
  id: string
  type_code: string
  value: string
  label_zh_cn: string
  label_zh_tw: string
  label_en: string
  color: string | null
  sort: number
  status: string
  created_at: number
  updated_at: number
}

export interface OidcClientTable {
  client_id: string
  name: string
  secret_enc: string | null
  redirect_uris: string
  post_logout_redirect_uris: string
  scopes: string
  is_public: number
  consent_required: number
  status: string
  created_by: string
  created_at: number
  updated_at: number
}

export interface OidcPayloadTable {
  model: string
  id: string
  payload: string
  grant_id: string | null
  uid: string | null
  user_code: string | null
  expires_at: number | null
  consumed_at: number | null
}

export interface KeyTable { id: string; use: string; private_enc: string; created_at: number }

/** Hits per (bucket, window) of the login rate limit, shared by every process. */
export interface RateLimitTable { bucket: string; window_start: number; hits: number }

export interface IdentityTables {
  identity_department: DepartmentTable
  identity_post: PostTable
  identity_role: RoleTable
  identity_account: AccountTable
  identity_account_role: AccountRoleTable
  identity_account_post: AccountPostTable
  identity_enterprise: EnterpriseTable
  identity_enterprise_agent: EnterpriseAgentTable
  identity_session: SessionTable
  identity_challenge: ChallengeTable
  identity_login_log: LoginLogTable
  identity_dict_type: DictTypeTable
  identity_dict_item: DictItemTable
  identity_oidc_client: OidcClientTable
  identity_oidc_payload: OidcPayloadTable
  identity_key: KeyTable
  identity_rate_limit: RateLimitTable
}

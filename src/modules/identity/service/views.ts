/**
 * What the API shows of accounts and sessions. Personal identifiers leave only masked here; the
 * clear values are read through `revealIdentifiers`, for the owner or `identity:pii:read`, audited.
 */
import type { AccountRow, EnterpriseRow, SessionRow } from '../repo/index.ts'

export interface AccountView {
  id: string
  kind: 'citizen' | 'enterprise' | 'staff'
  username: string
  displayName: string
  status: 'active' | 'disabled'
  realName: string | null
  /** Masked: `4420**********1234`. */
  idNumber: string | null
  /** Masked: `138****8000`. */
  mobile: string | null
  email: string | null
  departmentId: string | null
  enterpriseId: string | null
  roleIds: string[]
  postIds: string[]
  mfaEnabled: boolean
  lockedUntil: string | null
  passwordChangedAt: string
  createdAt: string
  updatedAt: string
}

export const iso = (ms: number) => new Date(ms).toISOString()

export function toAccountView(r: AccountRow, roleIds: string[], postIds: string[], now: number): AccountView {
  return {
    id: r.id,
    kind: r.kind as AccountView['kind'],
    username: r.username,
    displayName: r.display_name,
    status: r.status as AccountView['status'],
    realName: r.real_name,
    idNumber: r.id_number_masked,
    mobile: r.mobile_masked,
    email: r.email,
    departmentId: r.department_id,
    enterpriseId: r.enterprise_id,
    roleIds: [...roleIds].sort(),
    postIds: [...postIds].sort(),
    mfaEnabled: r.totp_secret_enc !== null,
    lockedUntil: r.locked_until !== null && r.locked_until > now ? iso(r.locked_until) : null,
    passwordChangedAt: iso(r.password_changed_at),
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  }
}

export interface SessionView {
  id: string
  accountId: string
  kind: 'web' | 'api'
  actingEnterpriseId: string | null
  mfa: boolean
  ip: string | null
  userAgent: string | null
  createdAt: string
  lastSeenAt: string
  expiresAt: string
  current: boolean
}

export function toSessionView(r: SessionRow, currentId: string | undefined): SessionView {
  return {
    id: r.id, accountId: r.account_id, kind: r.kind as SessionView['kind'], actingEnterpriseId: r.acting_enterprise_id, mfa: !!r.mfa,
    ip: r.ip, userAgent: r.user_agent, createdAt: iso(r.created_at), lastSeenAt: iso(r.last_seen_at), expiresAt: iso(r.expires_at),
    current: r.id === currentId,
  }
}

export interface EnterpriseView {
  id: string
  name: string
  creditCode: string
  accountId: string
  legalRepAccountId: string
  status: string
  createdAt: string
}

export function toEnterpriseView(r: EnterpriseRow): EnterpriseView {
  return { id: r.id, name: r.name, creditCode: r.credit_code, accountId: r.account_id, legalRepAccountId: r.legal_rep_account_id, status: r.status, createdAt: iso(r.created_at) }
}

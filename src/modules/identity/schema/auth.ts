import { Type, type Static } from 'typebox'
import { DateTime, EntityId, Nullable, Password } from './common.ts'

export const LoginBody = Type.Object({
  login: Type.String({ minLength: 1, maxLength: 100, description: 'User name, mobile number, citizen ID number, or an enterprise credit code' }),
  password: Password,
  totp: Type.Optional(Type.String({ pattern: '^[0-9]{6}$', description: 'One-time code, when the account has a second factor (or answer the challenge later)' })),
  mode: Type.Optional(Type.Union([Type.Literal('cookie'), Type.Literal('token')], { default: 'cookie', description: '`cookie`: web session cookies; `token`: a bearer access token in the body' })),
  actAs: Type.Optional(EntityId),
}, { additionalProperties: false })
export type LoginBody = Static<typeof LoginBody>

export const IssuedSessionSchema = Type.Object({
  status: Type.Literal('ok'),
  sessionId: Type.String(),
  accountId: Type.String(),
  kind: Type.Union([Type.Literal('web'), Type.Literal('api')]),
  mfa: Type.Boolean(),
  expiresAt: DateTime,
  accessToken: Nullable(Type.String({ description: 'Bearer token (mode `token` only); shown once' })),
  csrfToken: Nullable(Type.String({ description: 'Echo in `x-csrf-token` on cookie-authenticated writes (mode `cookie`)' })),
})

export const LoginReply = Type.Union([
  IssuedSessionSchema,
  Type.Object({ status: Type.Literal('mfa_required'), challenge: Type.String(), expiresAt: DateTime }),
  Type.Object({ status: Type.Literal('mfa_setup_required'), challenge: Type.String(), expiresAt: DateTime, secret: Type.String(), otpauthUri: Type.String() }),
])

export const MfaBody = Type.Object({
  challenge: Type.String({ minLength: 10, maxLength: 100 }),
  code: Type.String({ pattern: '^[0-9]{6}$' }),
}, { additionalProperties: false })
export type MfaBody = Static<typeof MfaBody>

export const ExpiredPasswordBody = Type.Object({ login: Type.String({ minLength: 1, maxLength: 100 }), currentPassword: Password, newPassword: Password }, { additionalProperties: false })
export type ExpiredPasswordBody = Static<typeof ExpiredPasswordBody>

export const ChangePasswordBody = Type.Object({ currentPassword: Password, newPassword: Password }, { additionalProperties: false })
export type ChangePasswordBody = Static<typeof ChangePasswordBody>

export const TotpBeginReply = Type.Object({ challenge: Type.String(), secret: Type.String(), otpauthUri: Type.String(), expiresAt: DateTime })
export const TotpCodeBody = Type.Object({ code: Type.String({ pattern: '^[0-9]{6}$' }) }, { additionalProperties: false })
export type TotpCodeBody = Static<typeof TotpCodeBody>

export const SessionSchema = Type.Object({
  id: Type.String(), accountId: Type.String(), kind: Type.Union([Type.Literal('web'), Type.Literal('api')]), actingEnterpriseId: Nullable(Type.String()),
  mfa: Type.Boolean(), ip: Nullable(Type.String()), userAgent: Nullable(Type.String()), createdAt: DateTime, lastSeenAt: DateTime, expiresAt: DateTime, current: Type.Boolean(),
})

export const SessionIdParams = Type.Object({ sessionId: Type.String({ pattern: '^ses_[0-9A-Z]{26}$' }) }, { additionalProperties: false })
export type SessionIdParams = Static<typeof SessionIdParams>

export const SessionQuery = Type.Object({ accountId: Type.Optional(EntityId), cursor: Type.Optional(Type.String({ maxLength: 60 })), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })) }, { additionalProperties: false })
export type SessionQuery = Static<typeof SessionQuery>

export const LogoutEverywhereReply = Type.Object({ revoked: Type.Integer() })

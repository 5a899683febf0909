import { Type, type Static } from 'typebox'
import { Cursor, DateTime, EntityId, IdNumber, Limit, Mobile, Nullable, Password, Username } from './common.ts'

export const AccountSchema = Type.Object({
  id: Type.String(),
  kind: Type.Union([Type.Literal('citizen'), Type.Literal('enterprise'), Type.Literal('staff')]),
  username: Type.String(),
  displayName: Type.String(),
  status: Type.Union([Type.Literal('active'), Type.Literal('disabled')]),
  realName: Nullable(Type.String()),
  idNumber: Nullable(Type.String({ description: 'Always masked (4420**********1234); the clear value via /identifiers' })),
  mobile: Nullable(Type.String({ description: 'Always masked (138****8000)' })),
  email: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  enterpriseId: Nullable(Type.String()),
  roleIds: Type.Array(Type.String()),
  postIds: Type.Array(Type.String()),
  mfaEnabled: Type.Boolean(),
  lockedUntil: Nullable(DateTime),
  passwordChangedAt: DateTime,
  createdAt: DateTime,
  updatedAt: DateTime,
})

export const RegisterCitizenBody = Type.Object({
  username: Username, password: Password, realName: Type.String({ minLength: 1, maxLength: 50 }), idNumber: IdNumber, mobile: Mobile,
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
}, { additionalProperties: false })
export type RegisterCitizenBody = Static<typeof RegisterCitizenBody>

export const CreateStaffBody = Type.Object({
  username: Username, password: Password, displayName: Type.String({ minLength: 1, maxLength: 50 }), departmentId: EntityId,
  realName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), idNumber: Type.Optional(IdNumber), mobile: Type.Optional(Mobile),
  email: Type.Optional(Type.String({ format: 'email', maxLength: 200 })),
  roleIds: Type.Optional(Type.Array(EntityId, { maxItems: 50 })), postIds: Type.Optional(Type.Array(EntityId, { maxItems: 50 })),
}, { additionalProperties: false })
export type CreateStaffBody = Static<typeof CreateStaffBody>

export const UpdateAccountBody = Type.Object({
  displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), departmentId: Type.Optional(EntityId),
  mobile: Type.Optional(Nullable(Mobile)), email: Type.Optional(Nullable(Type.String({ format: 'email', maxLength: 200 }))),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateAccountBody = Static<typeof UpdateAccountBody>

export const AccountQuery = Type.Object({
  kind: Type.Optional(Type.Union([Type.Literal('citizen'), Type.Literal('enterprise'), Type.Literal('staff')])),
  departmentId: Type.Optional(EntityId), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 50 })), cursor: Cursor, limit: Limit,
}, { additionalProperties: false })
export type AccountQuery = Static<typeof AccountQuery>

export const RolesBody = Type.Object({ roleIds: Type.Array(EntityId, { maxItems: 50 }) }, { additionalProperties: false })
export type RolesBody = Static<typeof RolesBody>
export const PostsBody = Type.Object({ postIds: Type.Array(EntityId, { maxItems: 50 }) }, { additionalProperties: false })
export type PostsBody = Static<typeof PostsBody>
export const ResetPasswordBody = Type.Object({ password: Password }, { additionalProperties: false })
export type ResetPasswordBody = Static<typeof ResetPasswordBody>
export const IdentifiersReply = Type.Object({ idNumber: Nullable(Type.String()), mobile: Nullable(Type.String()) })

export const EnterpriseSchema = Type.Object({ id: Type.String(), name: Type.String(), creditCode: Type.String(), accountId: Type.String(), legalRepAccountId: Type.String(), status: Type.String(), createdAt: DateTime })
export const RegisterEnterpriseBody = Type.Object({
  name: Type.String({ minLength: 2, maxLength: 100 }),
  creditCode: Type.String({ minLength: 1, maxLength: 32, description: 'Unified social credit code (GB 32100, 18 characters); validated with its check character' }),
  password: Password,
}, { additionalProperties: false })
export type RegisterEnterpriseBody = Static<typeof RegisterEnterpriseBody>
export const EnterpriseQuery = Type.Object({ q: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), cursor: Cursor, limit: Limit }, { additionalProperties: false })
export type EnterpriseQuery = Static<typeof EnterpriseQuery>
export const AgentSchema = Type.Object({ accountId: Type.String(), displayName: Type.String(), username: Type.String(), isLegalRep: Type.Boolean(), grantedAt: DateTime })
export const AddAgentBody = Type.Object({ username: Type.String({ minLength: 1, maxLength: 64 }) }, { additionalProperties: false })
export type AddAgentBody = Static<typeof AddAgentBody>
export const AgentParams = Type.Object({ id: EntityId, accountId: EntityId }, { additionalProperties: false })
export type AgentParams = Static<typeof AgentParams>

export const MeReply = Type.Object({
  id: Type.String(),
  kind: Type.String(),
  name: Type.String(),
  permissions: Type.Array(Type.String()),
  roles: Type.Array(Type.String()),
  orgId: Nullable(Type.String()),
  departmentId: Nullable(Type.String()),
  sessionId: Nullable(Type.String()),
  mfa: Type.Boolean(),
  dataScope: Nullable(Type.Object({ all: Type.Boolean(), departmentIds: Type.Array(Type.String()), self: Type.Boolean() })),
  gridScope: Type.Array(Type.String()),
  account: Nullable(AccountSchema),
})

/** `GET /auth/session`: the current principal, or null for an anonymous visitor. */
export const SessionReply = Type.Object({ me: Nullable(MeReply) })

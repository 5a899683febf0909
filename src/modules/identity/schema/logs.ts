import { Type, type Static } from 'typebox'
import { Cursor, DateTime, EntityId, Limit, Nullable } from './common.ts'

export const LoginLogSchema = Type.Object({
  id: Type.String(), at: DateTime, accountId: Nullable(Type.String()), loginName: Type.String({ description: 'As typed, identifiers masked' }), outcome: Type.String(),
  reason: Nullable(Type.String()), ip: Nullable(Type.String()), userAgent: Nullable(Type.String()), sessionId: Nullable(Type.String()),
})
export const LoginLogQuery = Type.Object({
  accountId: Type.Optional(EntityId), loginName: Type.Optional(Type.String({ maxLength: 100 })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('challenge')])),
  ip: Type.Optional(Type.String({ maxLength: 64 })), from: Type.Optional(DateTime), to: Type.Optional(DateTime), cursor: Cursor, limit: Limit,
}, { additionalProperties: false })
export type LoginLogQuery = Static<typeof LoginLogQuery>

export const OperationLogSchema = Type.Object({
  id: Type.String(), at: DateTime, actorId: Type.String(), actorKind: Type.String(), action: Type.String(), targetType: Nullable(Type.String()),
  targetId: Nullable(Type.String()), requestId: Nullable(Type.String()), outcome: Type.String(), ip: Nullable(Type.String()),
  detail: Nullable(Type.Record(Type.String(), Type.Unknown())),
})
export const OperationLogQuery = Type.Object({
  actorId: Type.Optional(Type.String({ maxLength: 80 })), action: Type.Optional(Type.String({ maxLength: 120 })), targetType: Type.Optional(Type.String({ maxLength: 60 })),
  targetId: Type.Optional(Type.String({ maxLength: 80 })), outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
  from: Type.Optional(DateTime), to: Type.Optional(DateTime), cursor: Cursor, limit: Limit,
}, { additionalProperties: false })
export type OperationLogQuery = Static<typeof OperationLogQuery>

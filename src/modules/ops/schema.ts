import { Type, type Static } from 'typebox'

export const VersionReply = Type.Object({
  name: Type.Literal('zhicheng'),
  version: Type.String({ description: 'Platform version (semver)' }),
  node: Type.String({ description: 'Node.js version of this process' }),
  dialect: Type.Union([Type.Literal('sqlite'), Type.Literal('postgres')]),
  modules: Type.Array(Type.String(), { description: 'Modules enabled in this process, in boot order' }),
})
export type VersionReply = Static<typeof VersionReply>

export const HealthReply = Type.Object({ status: Type.Literal('ok') })

export const ReadyReply = Type.Object({
  status: Type.Literal('ready'),
  checks: Type.Record(Type.String(), Type.Boolean()),
})

export const AuditQuerystring = Type.Object({
  actorId: Type.Optional(Type.String({ maxLength: 80 })),
  action: Type.Optional(Type.String({ maxLength: 120 })),
  targetType: Type.Optional(Type.String({ maxLength: 60 })),
  targetId: Type.Optional(Type.String({ maxLength: 80 })),
  outcome: Type.Optional(Type.Union([Type.Literal('success'), Type.Literal('failure'), Type.Literal('denied')])),
  from: Type.Optional(Type.String({ format: 'date-time' })),
  to: Type.Optional(Type.String({ format: 'date-time' })),
  cursor: Type.Optional(Type.String({ maxLength: 40 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false })
export type AuditQuerystring = Static<typeof AuditQuerystring>

export const AuditRecordSchema = Type.Object({
  id: Type.String(),
  at: Type.String({ format: 'date-time' }),
  actorId: Type.String(),
  actorKind: Type.String(),
  action: Type.String(),
  targetType: Type.Union([Type.String(), Type.Null()]),
  targetId: Type.Union([Type.String(), Type.Null()]),
  requestId: Type.Union([Type.String(), Type.Null()]),
  outcome: Type.String(),
  ip: Type.Union([Type.String(), Type.Null()]),
  detail: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]),
})

export const AuditPage = Type.Object({ items: Type.Array(AuditRecordSchema), nextCursor: Type.Union([Type.String(), Type.Null()]) })

export const EventStats = Type.Object({
  deliveries: Type.Record(Type.String(), Type.Integer()),
  dead: Type.Array(Type.Object({
    eventId: Type.String(), subscriber: Type.String(), name: Type.String(), attempts: Type.Integer(), lastError: Type.Union([Type.String(), Type.Null()]),
  })),
})

export const RetryParams = Type.Object({
  eventId: Type.String({ pattern: '^evt_[0-9A-HJKMNP-TV-Z]{26}$' }),
  subscriber: Type.String({ maxLength: 120 }),
})
export type RetryParams = Static<typeof RetryParams>

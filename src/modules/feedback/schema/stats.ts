import { Type, type Static } from 'typebox'
import { DateTime, Nullable } from './common.ts'

const Levels = Type.Object({
  'very-satisfied': Type.Integer(), satisfied: Type.Integer(), basic: Type.Integer(), dissatisfied: Type.Integer(), 'very-dissatisfied': Type.Integer(),
})
const Rate = Nullable(Type.Number({ minimum: 0, maximum: 1 }))

export const RangeQuerystring = Type.Object({
  from: Type.Optional(Type.String({ format: 'date', description: 'First civil date (China time), default 12 months ago' })),
  to: Type.Optional(Type.String({ format: 'date', description: 'Last civil date, inclusive; default today' })),
}, { additionalProperties: false })
export type RangeQuerystring = Static<typeof RangeQuerystring>

export const RankedGroup = Type.Object({
  key: Type.String(),
  label: Type.String(),
  count: Type.Integer(),
  suppressed: Type.Boolean({ description: 'Fewer ratings than minCount: levels, rates and rank are withheld' }),
  levels: Nullable(Levels),
  satisfactionRate: Rate,
  badRate: Rate,
  meanScore: Nullable(Type.Number()),
  rank: Nullable(Type.Integer()),
})

const CaseRates = Type.Object({
  badReviews: Type.Integer({ description: 'Rectification cases opened' }),
  rectificationRate: Rate,
  onTimeRate: Rate,
  callbackRate: Rate,
})

export const PublicStats = Type.Object({
  from: Type.String(), to: Type.String(), minCount: Type.Integer(), generatedAt: DateTime,
  totals: Type.Object({ count: Type.Integer(), levels: Levels, satisfactionRate: Rate, badRate: Rate, meanScore: Nullable(Type.Number()), badReviews: Type.Integer(), rectificationRate: Rate }),
  byDepartment: Type.Array(Type.Object({ ...RankedGroup.properties, badReviews: Type.Integer(), rectificationRate: Rate })),
  byPeriod: Type.Array(RankedGroup),
  definitions: Type.Record(Type.String(), Type.String()),
})
export type PublicStats = Static<typeof PublicStats>

export const Dimension = Type.Enum(['department', 'item', 'hall', 'window', 'clerk', 'month', 'day', 'channel', 'kind'] as const)
export const GroupQuerystring = Type.Object({ ...RangeQuerystring.properties, by: Type.Optional({ ...Dimension, default: 'department' }) }, { additionalProperties: false })
export type GroupQuerystring = Static<typeof GroupQuerystring>

export const GroupStats = Type.Object({
  from: Type.String(), to: Type.String(), by: Type.String(), minCount: Type.Integer(),
  groups: Type.Array(Type.Object({ ...RankedGroup.properties, cases: Nullable(CaseRates) })),
})
export type GroupStats = Static<typeof GroupStats>

const MatterBucket = Type.Object({ key: Type.String(), total: Type.Integer(), resolved: Type.Integer(), onTimeRate: Rate, avgResolutionHours: Nullable(Type.Number()) })

export const OverviewStats = Type.Object({
  from: Type.String(), to: Type.String(), minCount: Type.Integer(),
  ratings: Type.Object({
    count: Type.Integer(), levels: Levels, satisfactionRate: Rate, badRate: Rate, meanScore: Nullable(Type.Number()),
    defaults: Type.Integer(), excluded: Type.Integer(), amended: Type.Integer(),
    byChannel: Type.Array(Type.Object({ key: Type.String(), count: Type.Integer() })),
  }),
  cases: Type.Object({ ...CaseRates.properties, active: Type.Integer(), overdue: Type.Integer(), appealing: Type.Integer(), excluded: Type.Integer() }),
  matters: Type.Object({
    total: Type.Integer(), resolved: Type.Integer(), onTimeRate: Rate, avgResolutionHours: Nullable(Type.Number()),
    byStatus: Type.Array(MatterBucket), byCategory: Type.Array(MatterBucket), byTier: Type.Array(MatterBucket), byMonth: Type.Array(MatterBucket),
  }),
  negativeReplies: Type.Object({ pending: Type.Integer() }),
  definitions: Type.Record(Type.String(), Type.String()),
})
export type OverviewStats = Static<typeof OverviewStats>

export const ExportQuerystring = Type.Object({
  ...RangeQuerystring.properties,
  type: Type.Optional(Type.Union([Type.Literal('ratings'), Type.Literal('cases'), Type.Literal('matters')], { default: 'ratings' })),
}, { additionalProperties: false })
export type ExportQuerystring = Static<typeof ExportQuerystring>

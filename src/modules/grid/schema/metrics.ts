import { Type, type Static } from 'typebox'
import { Localized, StringEnum } from './common.ts'

const Rate = Type.Union([Type.Number(), Type.Null()])
const Counts = Type.Object(Object.fromEntries(['opened', 'suspended', 'shouldClose', 'closed', 'closedOnTime', 'dispatched', 'shouldHandle', 'handled', 'handledOnTime', 'dispatchActions', 'returns', 'reworked'].map((k) => [k, Type.Integer()])))
const Rates = Type.Object(Object.fromEntries(['closeRate', 'onTimeCloseRate', 'handleRate', 'onTimeHandleRate', 'accurateDispatchRate', 'reworkRate', 'avgHandleMinutes'].map((k) => [k, Rate])))
const Group = Type.Object({ key: Type.String(), counts: Counts, rates: Rates })

export const MetricsQuery = Type.Object({
  from: Type.String({ format: 'date-time' }),
  to: Type.String({ format: 'date-time' }),
  groupBy: Type.Optional(StringEnum(['all', 'town', 'community', 'grid', 'department', 'worker', 'category', 'month'] as const, { default: 'all' })),
}, { additionalProperties: false })
export type MetricsQuery = Static<typeof MetricsQuery>

export const MetricsReply = Type.Object({
  from: Type.String(), to: Type.String(), asOf: Type.String(), groupBy: Type.String(),
  definitions: Type.Array(Type.Object({ key: Type.String(), name: Localized, formula: Localized })),
  total: Group,
  groups: Type.Array(Type.Object({ ...Group.properties, name: Type.String() })),
})
export type MetricsReply = Static<typeof MetricsReply>

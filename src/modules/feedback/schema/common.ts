import { Type, type Static } from 'typebox'

export const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(t: T) => Type.Union([t, Type.Null()])
export const DateTime = Type.String({ format: 'date-time' })
const ULID = '[0-9A-HJKMNP-TV-Z]{26}'
export const idPattern = (prefix: string) => `^${prefix}_${ULID}$`

export const LevelSchema = Type.Enum(['very-satisfied', 'satisfied', 'basic', 'dissatisfied', 'very-dissatisfied'] as const, {
  description: 'very-satisfied 非常满意, satisfied 满意, basic 基本满意, dissatisfied 不满意, very-dissatisfied 非常不满意',
})
export type LevelValue = Static<typeof LevelSchema>

export const LightSchema = Type.Union([Type.Literal('green'), Type.Literal('yellow'), Type.Literal('red'), Type.Literal('none')], { description: 'Traffic light of an open case; none once done' })

export const PageQuerystring = Type.Object({
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 10000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
}, { additionalProperties: false })

export const TimelineEntry = Type.Object({
  action: Type.String(),
  fromStatus: Nullable(Type.String()),
  toStatus: Type.String(),
  actorName: Type.String(),
  note: Nullable(Type.String()),
  at: DateTime,
})
export type TimelineEntry = Static<typeof TimelineEntry>

export const IdParams = (prefix: string) => Type.Object({ id: Type.String({ pattern: idPattern(prefix) }) }, { additionalProperties: false })

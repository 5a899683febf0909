import { Type, type Static } from 'typebox'
import { AreaGeometry, GridCode, GridLevel, Lat, Lon, Localized, NullableLocalized, NullableString } from './common.ts'

const SubjectIds = (prefix: string) => Type.Array(Type.String({ pattern: `^${prefix}_[A-Za-z0-9_]{1,60}$` }), { maxItems: 200, uniqueItems: true })

export const GridSchema = Type.Object({
  code: Type.String(),
  parentCode: NullableString,
  level: GridLevel,
  name: Type.String(),
  divisionCode: NullableString,
  geometry: Type.Unknown(),
  bbox: Type.Array(Type.Number(), { minItems: 4, maxItems: 4 }),
  label: Type.Array(Type.Number(), { minItems: 2, maxItems: 2 }),
  areaM2: Type.Number(),
  workerIds: Type.Array(Type.String()),
  departmentIds: Type.Array(Type.String()),
  createdAt: Type.String(),
  updatedAt: Type.String(),
})
export type GridSchema = Static<typeof GridSchema>

export const GridList = Type.Object({ items: Type.Array(GridSchema) })
export type GridList = Static<typeof GridList>

export const CreateGridBody = Type.Object({
  code: GridCode,
  name: Type.String({ minLength: 1, maxLength: 120 }),
  level: Type.Optional(GridLevel),
  parentCode: Type.Optional(Type.Union([GridCode, Type.Null()])),
  divisionCode: Type.Optional(Type.Union([Type.String({ pattern: '^\\d{6}(\\d{6})?$' }), Type.Null()])),
  geometry: AreaGeometry,
  workerIds: Type.Optional(SubjectIds('usr')),
  departmentIds: Type.Optional(SubjectIds('dep')),
}, { additionalProperties: false })
export type CreateGridBody = Static<typeof CreateGridBody>

export const UpdateGridBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  geometry: Type.Optional(AreaGeometry),
  workerIds: Type.Optional(SubjectIds('usr')),
  departmentIds: Type.Optional(SubjectIds('dep')),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateGridBody = Static<typeof UpdateGridBody>

export const GridParams = Type.Object({ code: GridCode }, { additionalProperties: false })
export type GridParams = Static<typeof GridParams>

export const GridListQuery = Type.Object({
  parentCode: Type.Optional(GridCode),
  level: Type.Optional(GridLevel),
  within: Type.Optional(GridCode),
}, { additionalProperties: false })
export type GridListQuery = Static<typeof GridListQuery>

export const FeatureCollection = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.String()),
    properties: Type.Record(Type.String(), Type.Unknown()),
    geometry: Type.Unknown(),
  })),
})
export type FeatureCollection = Static<typeof FeatureCollection>

export const ImportBody = Type.Object({
  type: Type.Literal('FeatureCollection'),
  features: Type.Array(Type.Object({
    type: Type.Literal('Feature'),
    id: Type.Optional(Type.Union([Type.String(), Type.Number()])),
    properties: Type.Record(Type.String(), Type.Unknown()),
    geometry: Type.Unknown(),
  }), { maxItems: 20_000 }),
})
export type ImportBody = Static<typeof ImportBody>

export const ImportReply = Type.Object({
  created: Type.Integer(),
  updated: Type.Integer(),
  failed: Type.Integer(),
  results: Type.Array(Type.Object({
    code: Type.Union([Type.String(), Type.Null()]),
    ok: Type.Boolean(),
    created: Type.Optional(Type.Boolean()),
    error: Type.Optional(Type.String()),
    errors: Type.Optional(Type.Array(Type.Object({ path: Type.String(), code: Type.String(), message: Type.String() }))),
  })),
})
export type ImportReply = Static<typeof ImportReply>

export const PointQuery = Type.Object({ lon: Lon, lat: Lat }, { additionalProperties: false })
export type PointQuery = Static<typeof PointQuery>

export const LocateReply = Type.Object({
  unitCode: Type.String(),
  communityCode: NullableString,
  townCode: NullableString,
  boundaryMeters: Type.Number(),
  nearBoundary: Type.Boolean(),
  unitName: Type.String(),
})
export type LocateReply = Static<typeof LocateReply>

export const NearbyQuery = Type.Object({
  lon: Lon, lat: Lat,
  meters: Type.Optional(Type.Number({ minimum: 1, maximum: 5000, default: 300 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 10 })),
}, { additionalProperties: false })
export type NearbyQuery = Static<typeof NearbyQuery>

export const NearbyReply = Type.Object({ items: Type.Array(Type.Object({ code: Type.String(), meters: Type.Number() })) })

export const DutySchema = Type.Object({
  duty: Type.String({ description: 'A duty of the event catalog (职责), e.g. dep_urban' }), name: Localized,
  departmentId: NullableString, departmentName: NullableLocalized,
})
export const DutyList = Type.Object({ items: Type.Array(DutySchema) })
export const DutyParams = Type.Object({ duty: Type.String({ pattern: '^dep_[a-z]{1,30}$' }) }, { additionalProperties: false })
export type DutyParams = Static<typeof DutyParams>
export const BindDutyBody = Type.Object({ departmentId: Type.Union([Type.String({ minLength: 1, maxLength: 40 }), Type.Null()], { description: 'An identity department id; null unbinds' }) }, { additionalProperties: false })
export type BindDutyBody = Static<typeof BindDutyBody>

import { Type, type Static } from 'typebox'
import { GridCode, NullableString, StringEnum } from './common.ts'

const N = NullableString
export const AddressSchema = Type.Object({
  id: Type.String(), road: Type.String(), number: Type.String(), building: N, unit: N, room: N, fullText: Type.String(),
  aliases: Type.Array(Type.String()), buildingCode: N, lon: Type.Number(), lat: Type.Number(), gridCode: N,
})
export const AddressSearchQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }), limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }, { additionalProperties: false })
export type AddressSearchQuery = Static<typeof AddressSearchQuery>
export const AddressList = Type.Object({ items: Type.Array(AddressSchema) })
export type AddressList = Static<typeof AddressList>
export const GeocodeQuery = Type.Object({ q: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
export type GeocodeQuery = Static<typeof GeocodeQuery>
export const GeocodeReply = Type.Object({ address: AddressSchema, lon: Type.Number(), lat: Type.Number(), gridCode: N, townCode: N })

export const BuildingSchema = Type.Object({ code: Type.String(), name: Type.String(), addressId: N, floors: Type.Integer(), use: Type.String(), lon: Type.Number(), lat: Type.Number(), gridCode: N })
export const GridFilterQuery = Type.Object({
  gridCode: Type.Optional(GridCode),
  categoryCode: Type.Optional(Type.String({ pattern: '^\\d{4}$' })),
  state: Type.Optional(Type.String({ maxLength: 16 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000, default: 200 })),
}, { additionalProperties: false })
export type GridFilterQuery = Static<typeof GridFilterQuery>
export const BuildingList = Type.Object({ items: Type.Array(BuildingSchema) })

const State = StringEnum(['normal', 'damaged', 'missing', 'repairing', 'retired'] as const)
export const FacilitySchema = Type.Object({
  code: Type.String(), categoryCode: Type.String(), name: Type.String(), ownerDepartmentId: N, maintainerDepartmentId: N, state: Type.String(),
  lon: Type.Number(), lat: Type.Number(), gridCode: N, updatedAt: Type.Number(),
})
export const FacilityList = Type.Object({ items: Type.Array(FacilitySchema) })
export const FacilityDetail = Type.Object({
  ...FacilitySchema.properties,
  history: Type.Array(Type.Object({ id: Type.String(), actorId: Type.String(), at: Type.Number(), before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]), after: Type.Record(Type.String(), Type.Unknown()) })),
})
export const FacilityParams = Type.Object({ code: Type.String({ pattern: '^\\d{16}$' }) }, { additionalProperties: false })
export type FacilityParams = Static<typeof FacilityParams>
export const UpdateFacilityBody = Type.Object({
  state: Type.Optional(State), name: Type.Optional(Type.String({ minLength: 1, maxLength: 120 })),
  maintainerDepartmentId: Type.Optional(Type.Union([Type.String({ pattern: '^dep_[A-Za-z0-9_]{1,60}$' }), Type.Null()])),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateFacilityBody = Static<typeof UpdateFacilityBody>

export const Open311KeyBody = Type.Object({ name: Type.String({ minLength: 1, maxLength: 100 }) }, { additionalProperties: false })
export type Open311KeyBody = Static<typeof Open311KeyBody>
export const Open311KeyReply = Type.Object({ id: Type.String(), name: Type.String(), key: Type.String() })
export const Open311KeyList = Type.Object({ items: Type.Array(Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.String(), revokedAt: N })) })

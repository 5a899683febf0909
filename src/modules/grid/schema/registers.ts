import { Type, type Static } from 'typebox'
import { GridCode, NullableString, NullableInteger, NullableNumber, StringEnum } from './common.ts'

const N = NullableString
const Iso = Type.String({ format: 'date-time' })
const AddressId = Type.String({ minLength: 1, maxLength: 40, description: 'A standard address (四标) id; the entry takes its grid from it' })
const Mobile = Type.Union([Type.String({ pattern: '^1[3-9]\\d{9}$' }), Type.Null()])
const Version = Type.Optional(Type.Integer({ minimum: 1, description: 'The version read; a stale one answers 409' }))
const History = Type.Array(Type.Object({
  id: Type.String(), actorId: Type.String(), at: Type.Number(),
  before: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()]), after: Type.Record(Type.String(), Type.Unknown()),
}), { description: 'Every change, oldest first; identifiers appear masked' })
const Base = { id: Type.String(), addressId: Type.String(), address: Type.String(), gridCode: N, createdAt: Iso, updatedAt: Iso, version: Type.Integer() }

const Use = StringEnum(['residential', 'commercial', 'office', 'industrial', 'mixed'] as const)
const Tenure = StringEnum(['owned', 'rented', 'public', 'other'] as const)
const Occupancy = StringEnum(['self', 'rented', 'vacant'] as const)
const Residence = StringEnum(['registered', 'floating', 'overseas'] as const, { description: '户籍 / 流动 / 境外' })
const UnitKind = StringEnum(['enterprise', 'individual', 'institution', 'social'] as const)
const UnitStatus = StringEnum(['active', 'suspended', 'closed'] as const)

export const HousingSchema = Type.Object({ ...Base, buildingCode: N, use: Type.String(), tenure: Type.String(), areaM2: NullableNumber, occupancy: Type.String() })
export const PersonSchema = Type.Object({
  ...Base, masked: Type.Boolean({ description: 'true: name, ID number and mobile are masked' }), name: Type.String(), idNumber: Type.String(), mobile: N,
  residence: Type.String(), housingId: N,
})
export const UnitSchema = Type.Object({
  ...Base, masked: Type.Boolean({ description: 'true: legal person and contact mobile are masked' }), name: Type.String(), creditCode: Type.String(), kind: Type.String(),
  industry: Type.String(), legalPerson: Type.String(), contactMobile: N, employees: NullableInteger, status: Type.String(),
})
export const HousingDetail = Type.Object({ ...HousingSchema.properties, history: History })
export const PersonDetail = Type.Object({ ...PersonSchema.properties, history: History })
export const UnitDetail = Type.Object({ ...UnitSchema.properties, history: History })
export const HousingPage = Type.Object({ items: Type.Array(HousingSchema), nextCursor: N })
export const PersonPage = Type.Object({ items: Type.Array(PersonSchema), nextCursor: N })
export const UnitPage = Type.Object({ items: Type.Array(UnitSchema), nextCursor: N })
export type HousingPage = Static<typeof HousingPage>
export type PersonPage = Static<typeof PersonPage>
export type UnitPage = Static<typeof UnitPage>

export const RegisterQuery = Type.Object({
  q: Type.Optional(Type.String({ minLength: 1, maxLength: 60, description: 'Part of a name or address; or a whole ID number / credit code' })),
  gridCode: Type.Optional(GridCode),
  housingId: Type.Optional(Type.String({ maxLength: 40 })),
  cursor: Type.Optional(Type.String({ maxLength: 60 })),
  limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
}, { additionalProperties: false })
export type RegisterQuery = Static<typeof RegisterQuery>

const housingFields = { addressId: AddressId, use: Use, tenure: Tenure, areaM2: Type.Optional(Type.Union([Type.Number({ exclusiveMinimum: 0, maximum: 100000 }), Type.Null()])), occupancy: Occupancy }
export const CreateHousingBody = Type.Object(housingFields, { additionalProperties: false })
export type CreateHousingBody = Static<typeof CreateHousingBody>
export const UpdateHousingBody = Type.Partial(Type.Object({ ...housingFields, version: Version }), { additionalProperties: false, minProperties: 1 })
export type UpdateHousingBody = Static<typeof UpdateHousingBody>

const personFields = {
  name: Type.String({ minLength: 1, maxLength: 60 }), idNumber: Type.String({ minLength: 18, maxLength: 18, description: 'GB 11643 citizen ID number (check digit verified)' }),
  mobile: Type.Optional(Mobile), residence: Residence, housingId: Type.Optional(Type.Union([Type.String({ maxLength: 40 }), Type.Null()])), addressId: Type.Optional(AddressId),
}
export const CreatePersonBody = Type.Object(personFields, { additionalProperties: false })
export type CreatePersonBody = Static<typeof CreatePersonBody>
export const UpdatePersonBody = Type.Partial(Type.Object({ ...personFields, version: Version }), { additionalProperties: false, minProperties: 1 })
export type UpdatePersonBody = Static<typeof UpdatePersonBody>

const unitFields = {
  name: Type.String({ minLength: 1, maxLength: 120 }), creditCode: Type.String({ minLength: 18, maxLength: 18, description: 'GB 32100 unified social credit code (check character verified)' }),
  kind: UnitKind, industry: Type.String({ minLength: 1, maxLength: 60 }), legalPerson: Type.String({ minLength: 1, maxLength: 60 }), contactMobile: Type.Optional(Mobile),
  employees: Type.Optional(Type.Union([Type.Integer({ minimum: 0, maximum: 1000000 }), Type.Null()])), status: UnitStatus, addressId: AddressId,
}
export const CreateUnitBody = Type.Object(unitFields, { additionalProperties: false })
export type CreateUnitBody = Static<typeof CreateUnitBody>
export const UpdateUnitBody = Type.Partial(Type.Object({ ...unitFields, version: Version }), { additionalProperties: false, minProperties: 1 })
export type UpdateUnitBody = Static<typeof UpdateUnitBody>

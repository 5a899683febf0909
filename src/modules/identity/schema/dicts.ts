import { Type, type Static } from 'typebox'
import { DateTime, EntityId, Labels, Nullable } from './common.ts'

const LabelsOut = Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), 'en-US': Type.String() })
const Color = Type.String({ pattern: '^(primary|success|info|warning|danger|#[0-9a-fA-F]{6})$', description: 'Element Plus tag type or #rrggbb' })

export const DictTypeSchema = Type.Object({ code: Type.String(), name: LabelsOut, description: Type.String(), builtin: Type.Boolean(), createdAt: DateTime, updatedAt: DateTime })
export const DictItemSchema = Type.Object({ id: Type.String(), type: Type.String(), value: Type.String(), label: LabelsOut, color: Nullable(Type.String()), sort: Type.Integer(), status: Type.String() })
export const DictTypeParams = Type.Object({ type: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }) }, { additionalProperties: false })
export type DictTypeParams = Static<typeof DictTypeParams>
export const DictItemParams = Type.Object({ type: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }), id: EntityId }, { additionalProperties: false })
export type DictItemParams = Static<typeof DictItemParams>
export const CreateDictTypeBody = Type.Object({ code: Type.String({ pattern: '^[a-z][a-z0-9_]{1,63}$' }), name: Labels, description: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false })
export type CreateDictTypeBody = Static<typeof CreateDictTypeBody>
export const UpdateDictTypeBody = Type.Object({ name: Type.Optional(Labels), description: Type.Optional(Type.String({ maxLength: 500 })) }, { additionalProperties: false, minProperties: 1 })
export type UpdateDictTypeBody = Static<typeof UpdateDictTypeBody>
export const CreateDictItemBody = Type.Object({ value: Type.String({ pattern: '^[A-Za-z0-9_.:-]{1,64}$' }), label: Labels, color: Type.Optional(Nullable(Color)), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })) }, { additionalProperties: false })
export type CreateDictItemBody = Static<typeof CreateDictItemBody>
export const UpdateDictItemBody = Type.Object({
  label: Type.Optional(Labels), color: Type.Optional(Nullable(Color)), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
  status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateDictItemBody = Static<typeof UpdateDictItemBody>

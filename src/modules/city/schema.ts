import { Type, type Static } from 'typebox'

export const LocalizedName = Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), 'en-US': Type.String() })

export const DivisionSchema = Type.Object({
  code: Type.String({ description: 'GB/T 2260 (6 digits) or statistical (12 digits) division code' }),
  parentCode: Type.Union([Type.String(), Type.Null()]),
  kind: Type.Union([Type.Literal('city'), Type.Literal('subdistrict'), Type.Literal('town'), Type.Literal('zone')]),
  name: LocalizedName,
})

export const CityReply = Type.Object({
  code: Type.String(),
  name: LocalizedName,
  divisions: Type.Array(DivisionSchema),
})
export type CityReply = Static<typeof CityReply>

export const DivisionParams = Type.Object({ code: Type.String({ pattern: '^\\d{6}(\\d{6})?$', description: '6 or 12 digits' }) }, { additionalProperties: false })
export type DivisionParams = Static<typeof DivisionParams>

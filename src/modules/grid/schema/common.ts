import { Type, type Static } from 'typebox'

export const Problem = { $ref: 'Problem#' }

export const Localized = Type.Object({ 'zh-CN': Type.String(), 'zh-TW': Type.String(), 'en-US': Type.String() })

export const Lon = Type.Number({ minimum: -180, maximum: 180, description: 'WGS84 longitude' })
export const Lat = Type.Number({ minimum: -90, maximum: 90, description: 'WGS84 latitude' })

export const GridCode = Type.String({ pattern: '^\\d{14}$', description: '14-digit grid code: county(6) + town(3) + community(3) + unit(2)' })
export type GridCode = Static<typeof GridCode>

export const GridLevel = Type.Union([Type.Literal('city'), Type.Literal('town'), Type.Literal('community'), Type.Literal('unit')])

/** GeoJSON Polygon / MultiPolygon; the outline itself is checked by the service (closed rings, ranges, crossings). */
export const AreaGeometry = Type.Object({
  type: Type.Union([Type.Literal('Polygon'), Type.Literal('MultiPolygon')]),
  coordinates: Type.Array(Type.Unknown(), { minItems: 1 }),
}, { description: 'GeoJSON Polygon or MultiPolygon in WGS84' })

export const PhotoInput = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 200 }),
  mime: Type.Union([Type.Literal('image/jpeg'), Type.Literal('image/png'), Type.Literal('image/webp')]),
  data: Type.String({ minLength: 4, maxLength: 720_000, description: 'base64 bytes (a data: URL prefix is accepted), at most 512 KiB decoded' }),
}, { additionalProperties: false })

export const IdParams = Type.Object({ id: Type.String({ minLength: 1, maxLength: 60 }) }, { additionalProperties: false })
export type IdParams = Static<typeof IdParams>

/**
 * `string | null` and friends as a JSON-schema type list rather than `anyOf`: the response
 * serializer handles a type list directly, while each `anyOf` costs a validation per field.
 */
export const NullableString = Type.Unsafe<string | null>({ type: ['string', 'null'] })
export const NullableIso = Type.Unsafe<string | null>({ type: ['string', 'null'], format: 'date-time' })
export const NullableInteger = Type.Unsafe<number | null>({ type: ['integer', 'null'] })
export const NullableNumber = Type.Unsafe<number | null>({ type: ['number', 'null'] })

/** A string of a fixed set, as `enum` (one check) rather than a union of literals. */
export function StringEnum<T extends string>(values: readonly T[], options: Record<string, unknown> = {}) {
  return Type.Unsafe<T>({ type: 'string', enum: [...values], ...options })
}

/** `Localized | null` as a type list. */
export const NullableLocalized = Type.Unsafe<{ 'zh-CN': string; 'zh-TW': string; 'en-US': string } | null>({
  type: ['object', 'null'], required: ['zh-CN', 'zh-TW', 'en-US'],
  properties: { 'zh-CN': { type: 'string' }, 'zh-TW': { type: 'string' }, 'en-US': { type: 'string' } },
})

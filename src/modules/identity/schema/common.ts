import { Type, type Static, type TSchema, type TUnsafe } from 'typebox'

export const Problem = { $ref: 'Problem#' }
export const DateTime = Type.String({ format: 'date-time' })
/**
 * `T | null`. Written as a type list (`type: ['string', 'null']`) rather than `anyOf`: the response
 * serializer then checks `typeof` instead of validating each branch, which matters on hot routes.
 */
export function Nullable<T extends TSchema>(s: T): TUnsafe<Static<T> | null> {
  const type = (s as { type?: unknown }).type
  if (typeof type !== 'string') return Type.Unsafe<Static<T> | null>(Type.Union([s, Type.Null()]))
  return Type.Unsafe<Static<T> | null>({ ...s, type: [type, 'null'] })
}
export const EntityId = Type.String({ pattern: '^[a-z]{2,8}_[0-9A-Za-z_]{1,40}$', maxLength: 50 })
export const Cursor = Type.Optional(Type.String({ maxLength: 60 }))
export const Limit = Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 }))
export const Labels = Type.Object({ 'zh-CN': Type.String({ minLength: 1, maxLength: 100 }), 'zh-TW': Type.String({ minLength: 1, maxLength: 100 }), 'en-US': Type.String({ minLength: 1, maxLength: 200 }) }, { additionalProperties: false })
export const Username = Type.String({ pattern: '^[a-z][a-z0-9._-]{2,31}$', description: 'Lower-case letters, digits, dot, dash, underscore; starts with a letter' })
export const Password = Type.String({ minLength: 1, maxLength: 200 })
export const Mobile = Type.String({ pattern: '^1[3-9][0-9]{9}$', description: 'Mainland mobile number, 11 digits' })
export const IdNumber = Type.String({ minLength: 1, maxLength: 32, description: 'Citizen ID number (GB 11643, 18 characters); validated with its check digit' })
export const Code = Type.String({ pattern: '^[a-z0-9][a-z0-9_-]{0,39}$' })

export function Page<T extends TSchema>(item: T) {
  return Type.Object({ items: Type.Array(item), nextCursor: Nullable(Type.String()) })
}

export const IdParams = Type.Object({ id: EntityId }, { additionalProperties: false })
export type IdParams = { id: string }

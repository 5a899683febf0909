import { Type, type Static } from 'typebox'
import { DateTime, Nullable } from './common.ts'

const Uri = Type.String({ minLength: 8, maxLength: 500 })
const Scope = Type.Union([Type.Literal('openid'), Type.Literal('profile'), Type.Literal('offline_access'), Type.Literal('zhicheng')])

export const OidcClientSchema = Type.Object({
  clientId: Type.String(), name: Type.String(), redirectUris: Type.Array(Type.String()), postLogoutRedirectUris: Type.Array(Type.String()), scopes: Type.Array(Type.String()),
  isPublic: Type.Boolean(), consentRequired: Type.Boolean(), status: Type.String(), createdAt: DateTime, updatedAt: DateTime,
})
export const CreatedOidcClient = Type.Intersect([OidcClientSchema, Type.Object({ clientSecret: Nullable(Type.String({ description: 'Shown once; null for public clients (PKCE only)' })) })])
export const CreateOidcClientBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }), redirectUris: Type.Array(Uri, { minItems: 1, maxItems: 20 }),
  postLogoutRedirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })), scopes: Type.Optional(Type.Array(Scope, { minItems: 1 })),
  isPublic: Type.Optional(Type.Boolean()), consentRequired: Type.Optional(Type.Boolean()),
}, { additionalProperties: false })
export type CreateOidcClientBody = Static<typeof CreateOidcClientBody>
export const UpdateOidcClientBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), redirectUris: Type.Optional(Type.Array(Uri, { minItems: 1, maxItems: 20 })),
  postLogoutRedirectUris: Type.Optional(Type.Array(Uri, { maxItems: 20 })), scopes: Type.Optional(Type.Array(Scope, { minItems: 1 })),
  consentRequired: Type.Optional(Type.Boolean()), status: Type.Optional(Type.Union([Type.Literal('active'), Type.Literal('disabled')])),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateOidcClientBody = Static<typeof UpdateOidcClientBody>
export const ClientParams = Type.Object({ clientId: Type.String({ pattern: '^zc-[A-Za-z0-9_-]{6,40}$' }) }, { additionalProperties: false })
export type ClientParams = Static<typeof ClientParams>
export const RotatedSecret = Type.Object({ clientId: Type.String(), clientSecret: Type.String() })

import { Type, type Static } from 'typebox'
import { Code, DateTime, EntityId, Nullable } from './common.ts'

const DepartmentKind = Type.Union([Type.Literal('city'), Type.Literal('town'), Type.Literal('bureau'), Type.Literal('department'), Type.Literal('section')])
const Status = Type.Union([Type.Literal('active'), Type.Literal('disabled')])
const DivisionCode = Type.String({ pattern: '^[0-9]{6}([0-9]{6})?$' })

export const DepartmentSchema = Type.Object({
  id: Type.String(), parentId: Nullable(Type.String()), code: Type.String(), name: Type.String(), nameEn: Type.String(), kind: Type.String(),
  divisionCode: Nullable(Type.String()), sort: Type.Integer(), status: Type.String(), depth: Type.Integer(), createdAt: DateTime, updatedAt: DateTime,
})
export const CreateDepartmentBody = Type.Object({
  parentId: Nullable(EntityId), code: Code, name: Type.String({ minLength: 1, maxLength: 100 }), nameEn: Type.Optional(Type.String({ maxLength: 200 })),
  kind: DepartmentKind, divisionCode: Type.Optional(Nullable(DivisionCode)), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), status: Type.Optional(Status),
}, { additionalProperties: false })
export type CreateDepartmentBody = Static<typeof CreateDepartmentBody>
export const UpdateDepartmentBody = Type.Object({
  parentId: Type.Optional(Nullable(EntityId)), code: Type.Optional(Code), name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), nameEn: Type.Optional(Type.String({ maxLength: 200 })),
  kind: Type.Optional(DepartmentKind), divisionCode: Type.Optional(Nullable(DivisionCode)), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), status: Type.Optional(Status),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateDepartmentBody = Static<typeof UpdateDepartmentBody>

export const PostSchema = Type.Object({ id: Type.String(), code: Type.String(), name: Type.String(), sort: Type.Integer(), status: Type.String(), createdAt: DateTime, updatedAt: DateTime })
export const CreatePostBody = Type.Object({ code: Code, name: Type.String({ minLength: 1, maxLength: 100 }), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), status: Type.Optional(Status) }, { additionalProperties: false })
export type CreatePostBody = Static<typeof CreatePostBody>
export const UpdatePostBody = Type.Object({ code: Type.Optional(Code), name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })), status: Type.Optional(Status) }, { additionalProperties: false, minProperties: 1 })
export type UpdatePostBody = Static<typeof UpdatePostBody>

const DataScope = Type.Union([Type.Literal('all'), Type.Literal('custom'), Type.Literal('department'), Type.Literal('department_and_below'), Type.Literal('self')], { description: 'all / custom departments / own department / own department and below / self only' })
const PermissionCode = Type.String({ pattern: '^[a-z][a-z0-9-]*:[a-z][a-z0-9-]*:[a-z][a-z0-9-]*$' })

export const RoleSchema = Type.Object({
  id: Type.String(), code: Type.String(), name: Type.String(), description: Type.String(), permissions: Type.Array(Type.String()), dataScope: Type.String(),
  scopeDepartmentIds: Type.Array(Type.String()), gridScope: Type.Array(Type.String()), requireMfa: Type.Boolean(), builtin: Type.Boolean(), sort: Type.Integer(),
  createdAt: DateTime, updatedAt: DateTime,
})
export const CreateRoleBody = Type.Object({
  code: Code, name: Type.String({ minLength: 1, maxLength: 100 }), description: Type.Optional(Type.String({ maxLength: 500 })),
  permissions: Type.Array(PermissionCode, { maxItems: 500 }), dataScope: DataScope, scopeDepartmentIds: Type.Optional(Type.Array(EntityId, { maxItems: 500 })),
  gridScope: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9A-Za-z_-]{1,40}$' }), { maxItems: 500, description: 'Grid or division codes (grid module)' })),
  requireMfa: Type.Optional(Type.Boolean()), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
}, { additionalProperties: false })
export type CreateRoleBody = Static<typeof CreateRoleBody>
export const UpdateRoleBody = Type.Object({
  code: Type.Optional(Code), name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })), description: Type.Optional(Type.String({ maxLength: 500 })),
  permissions: Type.Optional(Type.Array(PermissionCode, { maxItems: 500 })), dataScope: Type.Optional(DataScope), scopeDepartmentIds: Type.Optional(Type.Array(EntityId, { maxItems: 500 })),
  gridScope: Type.Optional(Type.Array(Type.String({ pattern: '^[0-9A-Za-z_-]{1,40}$' }), { maxItems: 500 })),
  requireMfa: Type.Optional(Type.Boolean()), sort: Type.Optional(Type.Integer({ minimum: 0, maximum: 100000 })),
}, { additionalProperties: false, minProperties: 1 })
export type UpdateRoleBody = Static<typeof UpdateRoleBody>

export const PermissionCatalogReply = Type.Array(Type.Object({ code: Type.String(), module: Type.String(), description: Type.String() }))

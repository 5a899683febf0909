import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { IdentityService } from '../service/index.ts'
import { IdParams, Problem } from '../schema/common.ts'
import {
  CreateDepartmentBody, CreatePostBody, CreateRoleBody, DepartmentSchema, PermissionCatalogReply, PostSchema, RoleSchema, UpdateDepartmentBody, UpdatePostBody, UpdateRoleBody,
} from '../schema/org.ts'
import { metaOf } from './helpers.ts'

const Empty = Type.Null()
const R = { 401: Problem, 403: Problem, 404: Problem }

/** Departments (部门管理), posts (岗位管理), roles (角色管理) and the permission catalogue. */
export async function orgRoutes(app: FastifyInstance, api: IdentityService, catalog: () => Array<{ code: string; module: string; description: string }>): Promise<void> {
  let tags = ['identity: departments']
  app.get('/identity/departments', {
    config: { permission: 'identity:department:read' },
    schema: { tags, summary: 'The department tree', description: 'Flat, parents before children (path order), with depth and division codes.', response: { 200: Type.Array(DepartmentSchema), 401: Problem, 403: Problem } },
  }, async () => api.org.listDepartments())
  app.get<{ Params: IdParams }>('/identity/departments/:id', {
    config: { permission: 'identity:department:read' },
    schema: { tags, summary: 'One department', params: IdParams, response: { 200: DepartmentSchema, 400: Problem, ...R } },
  }, async (req) => api.org.getDepartment(req.params.id))
  app.post<{ Body: CreateDepartmentBody }>('/identity/departments', {
    config: { permission: 'identity:department:write' },
    schema: { tags, summary: 'Create a department', description: 'Under a parent within the caller\'s data scope; the division code must be one of the city\'s.', body: CreateDepartmentBody, response: { 201: DepartmentSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => reply.status(201).send(await api.org.createDepartment(req.principal!, req.body, metaOf(req))))
  app.patch<{ Params: IdParams; Body: UpdateDepartmentBody }>('/identity/departments/:id', {
    config: { permission: 'identity:department:write' },
    schema: { tags, summary: 'Edit or move a department', params: IdParams, body: UpdateDepartmentBody, response: { 200: DepartmentSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req) => api.org.updateDepartment(req.principal!, req.params.id, req.body, metaOf(req)))
  app.delete<{ Params: IdParams }>('/identity/departments/:id', {
    config: { permission: 'identity:department:write' },
    schema: { tags, summary: 'Delete an empty department', params: IdParams, response: { 204: Empty, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => { await api.org.deleteDepartment(req.principal!, req.params.id, metaOf(req)); return reply.status(204).send() })

  tags = ['identity: posts']
  app.get('/identity/posts', {
    config: { permission: 'identity:post:read' },
    schema: { tags, summary: 'Posts', response: { 200: Type.Array(PostSchema), 401: Problem, 403: Problem } },
  }, async () => api.org.listPosts())
  app.post<{ Body: CreatePostBody }>('/identity/posts', {
    config: { permission: 'identity:post:write' },
    schema: { tags, summary: 'Create a post', body: CreatePostBody, response: { 201: PostSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => reply.status(201).send(await api.org.createPost(req.principal!, req.body, metaOf(req))))
  app.patch<{ Params: IdParams; Body: UpdatePostBody }>('/identity/posts/:id', {
    config: { permission: 'identity:post:write' },
    schema: { tags, summary: 'Edit a post', params: IdParams, body: UpdatePostBody, response: { 200: PostSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req) => api.org.updatePost(req.principal!, req.params.id, req.body, metaOf(req)))
  app.delete<{ Params: IdParams }>('/identity/posts/:id', {
    config: { permission: 'identity:post:write' },
    schema: { tags, summary: 'Delete a post no one holds', params: IdParams, response: { 204: Empty, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => { await api.org.deletePost(req.principal!, req.params.id, metaOf(req)); return reply.status(204).send() })

  tags = ['identity: roles']
  app.get('/identity/permissions', {
    config: { permission: 'identity:role:read' },
    schema: { tags, summary: 'Every permission code of the platform', description: 'Declared by the enabled modules; what a role may contain.', response: { 200: PermissionCatalogReply, 401: Problem, 403: Problem } },
  }, async () => catalog())
  app.get('/identity/roles', {
    config: { permission: 'identity:role:read' },
    schema: { tags, summary: 'Roles', response: { 200: Type.Array(RoleSchema), 401: Problem, 403: Problem } },
  }, async () => api.org.listRoles())
  app.get<{ Params: IdParams }>('/identity/roles/:id', {
    config: { permission: 'identity:role:read' },
    schema: { tags, summary: 'One role', params: IdParams, response: { 200: RoleSchema, 400: Problem, ...R } },
  }, async (req) => api.org.getRole(req.params.id))
  app.post<{ Body: CreateRoleBody }>('/identity/roles', {
    config: { permission: 'identity:role:write' },
    schema: { tags, summary: 'Create a role', description: 'Permissions must be declared by a module and held by the caller; data scope `custom` lists departments.', body: CreateRoleBody, response: { 201: RoleSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => reply.status(201).send(await api.org.createRole(req.principal!, req.body, metaOf(req))))
  app.patch<{ Params: IdParams; Body: UpdateRoleBody }>('/identity/roles/:id', {
    config: { permission: 'identity:role:write' },
    schema: { tags, summary: 'Edit a role', description: 'Audited with permissions added and removed; holders see the change at once.', params: IdParams, body: UpdateRoleBody, response: { 200: RoleSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req) => api.org.updateRole(req.principal!, req.params.id, req.body, metaOf(req)))
  app.delete<{ Params: IdParams }>('/identity/roles/:id', {
    config: { permission: 'identity:role:write' },
    schema: { tags, summary: 'Delete an unused role', params: IdParams, response: { 204: Empty, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => { await api.org.deleteRole(req.principal!, req.params.id, metaOf(req)); return reply.status(204).send() })
}

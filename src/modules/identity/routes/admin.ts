import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { IdentityService } from '../service/index.ts'
import { SessionIdParams, SessionQuery, SessionSchema } from '../schema/auth.ts'
import { Page, Problem } from '../schema/common.ts'
import { CreateDictItemBody, CreateDictTypeBody, DictItemParams, DictItemSchema, DictTypeParams, DictTypeSchema, UpdateDictItemBody, UpdateDictTypeBody } from '../schema/dicts.ts'
import { LoginLogQuery, LoginLogSchema, OperationLogQuery, OperationLogSchema } from '../schema/logs.ts'
import { ClientParams, CreateOidcClientBody, CreatedOidcClient, OidcClientSchema, RotatedSecret, UpdateOidcClientBody } from '../schema/oidc.ts'
import { dateOrUndefined, metaOf } from './helpers.ts'

const Empty = Type.Null()
const R = { 401: Problem, 403: Problem, 404: Problem }

/** Online sessions, logs, dictionaries and OpenID Connect clients. */
export async function adminRoutes(app: FastifyInstance, api: IdentityService): Promise<void> {
  let tags = ['identity: sessions and logs']
  app.get<{ Querystring: SessionQuery }>('/identity/sessions', {
    config: { permission: 'identity:session:read' },
    schema: { tags, summary: 'Online sessions (在线用户)', querystring: SessionQuery, response: { 200: Page(SessionSchema), 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => api.sessions.listAll(req.query))
  app.delete<{ Params: SessionIdParams }>('/identity/sessions/:sessionId', {
    config: { permission: 'identity:session:revoke' },
    schema: { tags, summary: 'Force a session to log out (强退)', params: SessionIdParams, response: { 204: Empty, 400: Problem, ...R } },
  }, async (req, reply) => { await api.sessions.forceLogout(req.principal!, req.params.sessionId, metaOf(req)); return reply.status(204).send() })
  app.get<{ Querystring: LoginLogQuery }>('/identity/logs/logins', {
    config: { permission: 'identity:log:read' },
    schema: { tags, summary: 'Login log (登录日志)', description: 'Every attempt: who, when, from which address, outcome and reason. Newest first.', querystring: LoginLogQuery, response: { 200: Page(LoginLogSchema), 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => api.logs.findLogins({ ...req.query, from: dateOrUndefined(req.query.from), to: dateOrUndefined(req.query.to) }))
  app.get<{ Querystring: OperationLogQuery }>('/identity/logs/operations', {
    config: { permission: 'identity:log:read' },
    schema: { tags, summary: 'Operation log (操作日志)', description: 'Every audited write of the platform. Newest first.', querystring: OperationLogQuery, response: { 200: Page(OperationLogSchema), 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => api.logs.findOperations({ ...req.query, from: dateOrUndefined(req.query.from), to: dateOrUndefined(req.query.to) }))

  tags = ['identity: dictionaries']
  app.get('/dicts', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Dictionary types', security: [], response: { 200: Type.Array(DictTypeSchema) } },
  }, async () => api.dicts.listTypes())
  app.get<{ Params: DictTypeParams }>('/dicts/:type', {
    config: { permission: 'public' },
    schema: { tags, summary: 'Items of a dictionary', description: 'Active items in display order, labels in zh-CN, zh-TW and en-US, tag colour.', security: [], params: DictTypeParams, response: { 200: Type.Array(DictItemSchema), 400: Problem, 404: Problem } },
  }, async (req) => api.dicts.getItems(req.params.type))
  app.post<{ Body: CreateDictTypeBody }>('/identity/dicts', {
    config: { permission: 'identity:dict:write' },
    schema: { tags, summary: 'Create a dictionary', body: CreateDictTypeBody, response: { 201: DictTypeSchema, 400: Problem, 409: Problem, 401: Problem, 403: Problem } },
  }, async (req, reply) => reply.status(201).send(await api.dicts.createType(req.principal!, req.body, metaOf(req))))
  app.patch<{ Params: DictTypeParams; Body: UpdateDictTypeBody }>('/identity/dicts/:type', {
    config: { permission: 'identity:dict:write' },
    schema: { tags, summary: 'Edit a dictionary', params: DictTypeParams, body: UpdateDictTypeBody, response: { 200: DictTypeSchema, 400: Problem, ...R } },
  }, async (req) => api.dicts.updateType(req.principal!, req.params.type, req.body, metaOf(req)))
  app.get<{ Params: DictTypeParams }>('/identity/dicts/:type/items', {
    config: { permission: 'identity:dict:write' },
    schema: { tags, summary: 'Every item of a dictionary, disabled ones included', params: DictTypeParams, response: { 200: Type.Array(DictItemSchema), 400: Problem, ...R } },
  }, async (req) => api.dicts.getItems(req.params.type, { includeDisabled: true }))
  app.post<{ Params: DictTypeParams; Body: CreateDictItemBody }>('/identity/dicts/:type/items', {
    config: { permission: 'identity:dict:write' },
    schema: { tags, summary: 'Add an item', params: DictTypeParams, body: CreateDictItemBody, response: { 201: DictItemSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => reply.status(201).send(await api.dicts.createItem(req.principal!, req.params.type, req.body, metaOf(req))))
  app.patch<{ Params: DictItemParams; Body: UpdateDictItemBody }>('/identity/dicts/:type/items/:id', {
    config: { permission: 'identity:dict:write' },
    schema: { tags, summary: 'Edit an item', params: DictItemParams, body: UpdateDictItemBody, response: { 200: DictItemSchema, 400: Problem, ...R } },
  }, async (req) => api.dicts.updateItem(req.principal!, req.params.type, req.params.id, req.body, metaOf(req)))
  app.delete<{ Params: DictItemParams }>('/identity/dicts/:type/items/:id', {
    config: { permission: 'identity:dict:write' },
    schema: { tags, summary: 'Delete an item', params: DictItemParams, response: { 204: Empty, 400: Problem, ...R } },
  }, async (req, reply) => { await api.dicts.deleteItem(req.principal!, req.params.type, req.params.id, metaOf(req)); return reply.status(204).send() })

  tags = ['identity: single sign-on']
  app.get('/identity/oidc-clients', {
    config: { permission: 'identity:oidc-client:read' },
    schema: { tags, summary: 'OpenID Connect clients (接入应用)', response: { 200: Type.Array(OidcClientSchema), 401: Problem, 403: Problem } },
  }, async () => api.oidcClients.list())
  app.post<{ Body: CreateOidcClientBody }>('/identity/oidc-clients', {
    config: { permission: 'identity:oidc-client:write' },
    schema: { tags, summary: 'Register a client', description: 'Authorization code with PKCE (S256). A confidential client\'s secret is shown once.', body: CreateOidcClientBody, response: { 201: CreatedOidcClient, 400: Problem, 401: Problem, 403: Problem } },
  }, async (req, reply) => reply.status(201).send(await api.oidcClients.create(req.principal!, req.body, metaOf(req))))
  app.get<{ Params: ClientParams }>('/identity/oidc-clients/:clientId', {
    config: { permission: 'identity:oidc-client:read' },
    schema: { tags, summary: 'One client', params: ClientParams, response: { 200: OidcClientSchema, 400: Problem, ...R } },
  }, async (req) => api.oidcClients.get(req.params.clientId))
  app.patch<{ Params: ClientParams; Body: UpdateOidcClientBody }>('/identity/oidc-clients/:clientId', {
    config: { permission: 'identity:oidc-client:write' },
    schema: { tags, summary: 'Edit or disable a client', params: ClientParams, body: UpdateOidcClientBody, response: { 200: OidcClientSchema, 400: Problem, ...R } },
  }, async (req) => api.oidcClients.update(req.principal!, req.params.clientId, req.body, metaOf(req)))
  app.post<{ Params: ClientParams }>('/identity/oidc-clients/:clientId/secret', {
    config: { permission: 'identity:oidc-client:write' },
    schema: { tags, summary: 'Rotate a client secret', params: ClientParams, response: { 200: RotatedSecret, 400: Problem, ...R } },
  }, async (req) => api.oidcClients.rotateSecret(req.principal!, req.params.clientId, metaOf(req)))
}

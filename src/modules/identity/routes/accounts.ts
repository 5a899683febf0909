import type { FastifyInstance } from 'fastify'
import { Type } from 'typebox'
import type { IdentityService } from '../service/index.ts'
import {
  AccountQuery, AccountSchema, AddAgentBody, AgentParams, AgentSchema, CreateStaffBody, EnterpriseQuery, EnterpriseSchema, IdentifiersReply, PostsBody,
  RegisterEnterpriseBody, ResetPasswordBody, RolesBody, UpdateAccountBody,
} from '../schema/accounts.ts'
import { IdParams, Page, Problem } from '../schema/common.ts'
import { metaOf } from './helpers.ts'

const tags = ['identity: accounts']
const Empty = Type.Null()
const R = { 401: Problem, 403: Problem, 404: Problem }

/** Accounts (用户管理) and enterprises (法人). */
export async function accountRoutes(app: FastifyInstance, api: IdentityService): Promise<void> {
  app.get<{ Querystring: AccountQuery }>('/identity/accounts', {
    config: { permission: 'identity:account:read' },
    schema: { tags, summary: 'List accounts', description: 'Newest first, within the caller\'s data scope (applied in SQL); identifiers masked.', querystring: AccountQuery, response: { 200: Page(AccountSchema), 400: Problem, ...R } },
  }, async (req) => api.accounts.findAccounts(req.principal!, req.query))

  app.post<{ Body: CreateStaffBody }>('/identity/accounts', {
    config: { permission: 'identity:account:write' },
    schema: { tags, summary: 'Create a staff account', description: 'In a department within the caller\'s data scope; the caller must hold every permission of the roles granted.', body: CreateStaffBody, response: { 201: AccountSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req, reply) => reply.status(201).send(await api.accounts.createStaff(req.principal!, req.body, metaOf(req))))

  app.get<{ Params: IdParams }>('/identity/accounts/:id', {
    config: { permission: 'identity:account:read' },
    schema: { tags, summary: 'One account', description: 'Outside the caller\'s data scope: 404.', params: IdParams, response: { 200: AccountSchema, 400: Problem, ...R } },
  }, async (req) => api.accounts.getAccount(req.principal!, req.params.id))

  app.patch<{ Params: IdParams; Body: UpdateAccountBody }>('/identity/accounts/:id', {
    config: { permission: 'identity:account:write' },
    schema: { tags, summary: 'Edit an account', description: 'Profile, department, contact, status. Disabling ends every session of the account.', params: IdParams, body: UpdateAccountBody, response: { 200: AccountSchema, 400: Problem, 409: Problem, ...R } },
  }, async (req) => api.accounts.updateAccount(req.principal!, req.params.id, req.body, metaOf(req)))

  app.put<{ Params: IdParams; Body: RolesBody }>('/identity/accounts/:id/roles', {
    config: { permission: 'identity:account:write' },
    schema: { tags, summary: 'Set the roles of an account', description: 'Audited with the roles added and removed; effective at once.', params: IdParams, body: RolesBody, response: { 200: AccountSchema, 400: Problem, ...R } },
  }, async (req) => api.accounts.setRoles(req.principal!, req.params.id, req.body.roleIds, metaOf(req)))

  app.put<{ Params: IdParams; Body: PostsBody }>('/identity/accounts/:id/posts', {
    config: { permission: 'identity:account:write' },
    schema: { tags, summary: 'Set the posts of an account', params: IdParams, body: PostsBody, response: { 200: AccountSchema, 400: Problem, ...R } },
  }, async (req) => api.accounts.setPosts(req.principal!, req.params.id, req.body.postIds, metaOf(req)))

  app.post<{ Params: IdParams }>('/identity/accounts/:id/unlock', {
    config: { permission: 'identity:account:write' },
    schema: { tags, summary: 'Lift a lockout', params: IdParams, response: { 204: Empty, 400: Problem, ...R } },
  }, async (req, reply) => { await api.credentials.unlock(req.principal!, req.params.id, metaOf(req)); return reply.status(204).send() })

  app.post<{ Params: IdParams; Body: ResetPasswordBody }>('/identity/accounts/:id/password', {
    config: { permission: 'identity:account:write' },
    schema: { tags, summary: 'Reset a password', description: 'The owner must change it at the next login; every session ends.', params: IdParams, body: ResetPasswordBody, response: { 204: Empty, 400: Problem, ...R } },
  }, async (req, reply) => { await api.credentials.resetPassword(req.principal!, req.params.id, req.body.password, metaOf(req)); return reply.status(204).send() })

  app.post<{ Params: IdParams }>('/identity/accounts/:id/totp/reset', {
    config: { permission: 'identity:account:write' },
    schema: { tags, summary: 'Reset the second factor', description: 'For a lost phone; every session ends and the next login enrols a new one where required.', params: IdParams, response: { 204: Empty, 400: Problem, ...R } },
  }, async (req, reply) => { await api.credentials.resetTotp(req.principal!, req.params.id, metaOf(req)); return reply.status(204).send() })

  app.get<{ Params: IdParams }>('/identity/accounts/:id/identifiers', {
    config: { permission: 'identity:pii:read' },
    schema: { tags, summary: 'ID and mobile numbers in clear', description: 'Audited (identity.pii.revealed).', params: IdParams, response: { 200: IdentifiersReply, 400: Problem, ...R } },
  }, async (req) => api.accounts.revealIdentifiers(req.principal!, req.params.id, metaOf(req)))

  app.post<{ Body: RegisterEnterpriseBody }>('/enterprises', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Register an enterprise (法人注册)', description: 'By a citizen, who becomes its legal representative. The credit code is checked with its GB 32100 check character. The enterprise logs in with its credit code.', body: RegisterEnterpriseBody, response: { 201: EnterpriseSchema, 400: Problem, 401: Problem, 403: Problem, 409: Problem } },
  }, async (req, reply) => reply.status(201).send(await api.enterprises.register(req.principal!, req.body, metaOf(req))))

  app.get<{ Querystring: EnterpriseQuery }>('/identity/enterprises', {
    config: { permission: 'identity:enterprise:read' },
    schema: { tags, summary: 'List enterprises', querystring: EnterpriseQuery, response: { 200: Page(EnterpriseSchema), 400: Problem, 401: Problem, 403: Problem } },
  }, async (req) => api.enterprises.find(req.query))

  app.get<{ Params: IdParams }>('/enterprises/:id', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'One enterprise', description: 'For the enterprise, its legal representative and agents, and holders of identity:enterprise:read; others 404.', params: IdParams, response: { 200: EnterpriseSchema, 400: Problem, 401: Problem, 404: Problem } },
  }, async (req) => api.enterprises.get(req.principal!, req.params.id))

  app.get<{ Params: IdParams }>('/enterprises/:id/agents', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Agents of an enterprise (经办人)', params: IdParams, response: { 200: Type.Array(AgentSchema), 400: Problem, 401: Problem, 404: Problem } },
  }, async (req) => api.enterprises.listAgents(req.principal!, req.params.id))

  app.post<{ Params: IdParams; Body: AddAgentBody }>('/enterprises/:id/agents', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Authorise an agent', description: 'By the enterprise account or its legal representative.', params: IdParams, body: AddAgentBody, response: { 200: Type.Array(AgentSchema), 400: Problem, ...R } },
  }, async (req) => api.enterprises.addAgent(req.principal!, req.params.id, req.body.username, metaOf(req)))

  app.delete<{ Params: AgentParams }>('/enterprises/:id/agents/:accountId', {
    config: { permission: 'authenticated' },
    schema: { tags, summary: 'Withdraw an agent', params: AgentParams, response: { 204: Empty, 400: Problem, ...R } },
  }, async (req, reply) => { await api.enterprises.removeAgent(req.principal!, req.params.id, req.params.accountId, metaOf(req)); return reply.status(204).send() })
}

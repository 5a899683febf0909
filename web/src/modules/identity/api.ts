import type { Static } from 'typebox';
import { request } from '@/core/request.ts';
import type {
  AccountSchema, AgentSchema, CreateStaffBody, EnterpriseSchema, IdentifiersReply, MeReply, RegisterCitizenBody, RegisterEnterpriseBody, UpdateAccountBody,
} from '../../../../src/modules/identity/schema/accounts.ts';
import type { IssuedSessionSchema, LoginBody, LoginReply, SessionSchema, TotpBeginReply } from '../../../../src/modules/identity/schema/auth.ts';
import type {
  CreateDepartmentBody, CreatePostBody, CreateRoleBody, DepartmentSchema, PermissionCatalogReply, PostSchema, RoleSchema, UpdateDepartmentBody, UpdatePostBody, UpdateRoleBody,
} from '../../../../src/modules/identity/schema/org.ts';
import type { CreateDictItemBody, CreateDictTypeBody, DictItemSchema, DictTypeSchema, UpdateDictItemBody } from '../../../../src/modules/identity/schema/dicts.ts';
import type { LoginLogSchema, OperationLogSchema } from '../../../../src/modules/identity/schema/logs.ts';
import type { CreateOidcClientBody, CreatedOidcClient, OidcClientSchema, RotatedSecret, UpdateOidcClientBody } from '../../../../src/modules/identity/schema/oidc.ts';

export type Me = Static<typeof MeReply>;
export type Account = Static<typeof AccountSchema>;
export type LoginResult = Static<typeof LoginReply>;
export type IssuedSession = Static<typeof IssuedSessionSchema>;
export type Session = Static<typeof SessionSchema>;
export type Department = Static<typeof DepartmentSchema>;
export type Post = Static<typeof PostSchema>;
export type Role = Static<typeof RoleSchema>;
export type PermissionInfo = Static<typeof PermissionCatalogReply>[number];
export type LoginLogEntry = Static<typeof LoginLogSchema>;
export type OperationLogEntry = Static<typeof OperationLogSchema>;
export type DictType = Static<typeof DictTypeSchema>;
export type DictItem = Static<typeof DictItemSchema>;
export type OidcClient = Static<typeof OidcClientSchema>;
export type NewOidcClient = Static<typeof CreatedOidcClient>;
export type Enterprise = Static<typeof EnterpriseSchema>;
export type Agent = Static<typeof AgentSchema>;
export type TotpBegin = Static<typeof TotpBeginReply>;
export type Identifiers = Static<typeof IdentifiersReply>;
export type { CreateStaffBody, UpdateAccountBody, CreateDepartmentBody, UpdateDepartmentBody, CreatePostBody, UpdatePostBody, CreateRoleBody, UpdateRoleBody };
export type { CreateDictTypeBody, CreateDictItemBody, UpdateDictItemBody, CreateOidcClientBody, UpdateOidcClientBody, RegisterEnterpriseBody };
export interface Page<T> { items: T[]; nextCursor: string | null }

/** The CSRF token the server set in the readable `zc_csrf` cookie; cookie-authenticated writes echo it. */
export function csrfHeader(): Record<string, string> {
  const m = /(?:^|;\s*)zc_csrf=([^;]+)/.exec(document.cookie);
  return m ? { 'x-csrf-token': m[1]! } : {};
}

const write = (method: string, json?: unknown) => ({ method, json, headers: csrfHeader() });
const enc = encodeURIComponent;

// Sign-in, registration and the caller's own account.
export const login = (body: LoginBody) => request<LoginResult>('/api/v1/auth/login', write('POST', body));
export const completeMfa = (challenge: string, code: string) => request<IssuedSession>('/api/v1/auth/login/mfa', write('POST', { challenge, code }));
export const register = (body: RegisterCitizenBody) => request<Account>('/api/v1/auth/register', write('POST', body));
export const logout = () => request<void>('/api/v1/auth/logout', write('POST'));
export const logoutEverywhere = () => request<{ revoked: number }>('/api/v1/auth/logout-everywhere', write('POST'));
export const getMe = () => request<Me>('/api/v1/me');
/** The signed-in principal, or null (200 either way: no 401 in the browser console). */
export const getSession = () => request<{ me: Me | null }>('/api/v1/auth/session');
export const getMyIdentifiers = () => request<Identifiers>('/api/v1/me/identifiers');
export const changePassword = (currentPassword: string, newPassword: string) => request<void>('/api/v1/me/password', write('POST', { currentPassword, newPassword }));
export const listMySessions = () => request<Session[]>('/api/v1/me/sessions');
export const revokeMySession = (id: string) => request<void>(`/api/v1/me/sessions/${enc(id)}`, write('DELETE'));
export const beginTotp = () => request<TotpBegin>('/api/v1/me/totp', write('POST'));
export const confirmTotp = (challenge: string, code: string) => request<void>('/api/v1/me/totp/confirm', write('POST', { challenge, code }));
export const disableTotp = (code: string) => request<void>('/api/v1/me/totp/disable', write('POST', { code }));

// Enterprises (法人) of the caller.
export const listMyEnterprises = () => request<Enterprise[]>('/api/v1/me/enterprises');
export const getEnterprise = (id: string) => request<Enterprise>(`/api/v1/enterprises/${enc(id)}`);
export const registerEnterprise = (body: RegisterEnterpriseBody) => request<Enterprise>('/api/v1/enterprises', write('POST', body));
export const listAgents = (enterpriseId: string) => request<Agent[]>(`/api/v1/enterprises/${enc(enterpriseId)}/agents`);
export const addAgent = (enterpriseId: string, username: string) => request<Agent[]>(`/api/v1/enterprises/${enc(enterpriseId)}/agents`, write('POST', { username }));
export const removeAgent = (enterpriseId: string, accountId: string) => request<void>(`/api/v1/enterprises/${enc(enterpriseId)}/agents/${enc(accountId)}`, write('DELETE'));

// Console: accounts.
export const listAccounts = (query: { kind?: string; q?: string; departmentId?: string; status?: string; cursor?: string; limit?: number }) => request<Page<Account>>('/api/v1/identity/accounts', { query });
export const createStaff = (body: CreateStaffBody) => request<Account>('/api/v1/identity/accounts', write('POST', body));
export const updateAccount = (id: string, body: UpdateAccountBody) => request<Account>(`/api/v1/identity/accounts/${enc(id)}`, write('PATCH', body));
export const setAccountRoles = (id: string, roleIds: string[]) => request<Account>(`/api/v1/identity/accounts/${enc(id)}/roles`, write('PUT', { roleIds }));
export const setAccountPosts = (id: string, postIds: string[]) => request<Account>(`/api/v1/identity/accounts/${enc(id)}/posts`, write('PUT', { postIds }));
export const unlockAccount = (id: string) => request<void>(`/api/v1/identity/accounts/${enc(id)}/unlock`, write('POST'));
export const resetPassword = (id: string, password: string) => request<void>(`/api/v1/identity/accounts/${enc(id)}/password`, write('POST', { password }));
export const revealIdentifiers = (id: string) => request<Identifiers>(`/api/v1/identity/accounts/${enc(id)}/identifiers`);
export const resetTotp = (id: string) => request<void>(`/api/v1/identity/accounts/${enc(id)}/totp/reset`, write('POST'));

// Console: departments, posts, roles.
export const listDepartments = () => request<Department[]>('/api/v1/identity/departments');
export const createDepartment = (body: CreateDepartmentBody) => request<Department>('/api/v1/identity/departments', write('POST', body));
export const updateDepartment = (id: string, body: UpdateDepartmentBody) => request<Department>(`/api/v1/identity/departments/${enc(id)}`, write('PATCH', body));
export const deleteDepartment = (id: string) => request<void>(`/api/v1/identity/departments/${enc(id)}`, write('DELETE'));
export const listPosts = () => request<Post[]>('/api/v1/identity/posts');
export const createPost = (body: CreatePostBody) => request<Post>('/api/v1/identity/posts', write('POST', body));
export const updatePost = (id: string, body: UpdatePostBody) => request<Post>(`/api/v1/identity/posts/${enc(id)}`, write('PATCH', body));
export const deletePost = (id: string) => request<void>(`/api/v1/identity/posts/${enc(id)}`, write('DELETE'));
export const listRoles = () => request<Role[]>('/api/v1/identity/roles');
export const listPermissions = () => request<PermissionInfo[]>('/api/v1/identity/permissions');
export const createRole = (body: CreateRoleBody) => request<Role>('/api/v1/identity/roles', write('POST', body));
export const updateRole = (id: string, body: UpdateRoleBody) => request<Role>(`/api/v1/identity/roles/${enc(id)}`, write('PATCH', body));
export const deleteRole = (id: string) => request<void>(`/api/v1/identity/roles/${enc(id)}`, write('DELETE'));

// Console: sessions and logs.
export const listOnlineSessions = () => request<Page<Session>>('/api/v1/identity/sessions', { query: { limit: 200 } });
export const forceLogout = (id: string) => request<void>(`/api/v1/identity/sessions/${enc(id)}`, write('DELETE'));
export const listLoginLog = (query: { outcome?: string; loginName?: string; cursor?: string; limit?: number }) => request<Page<LoginLogEntry>>('/api/v1/identity/logs/logins', { query });
export const listOperationLog = (query: { action?: string; actorId?: string; cursor?: string; limit?: number }) => request<Page<OperationLogEntry>>('/api/v1/identity/logs/operations', { query });

// Console: dictionaries.
export const listDictTypes = () => request<DictType[]>('/api/v1/dicts');
export const createDictType = (body: CreateDictTypeBody) => request<DictType>('/api/v1/identity/dicts', write('POST', body));
export const listDictItems = (type: string) => request<DictItem[]>(`/api/v1/identity/dicts/${enc(type)}/items`);
export const createDictItem = (type: string, body: CreateDictItemBody) => request<DictItem>(`/api/v1/identity/dicts/${enc(type)}/items`, write('POST', body));
export const updateDictItem = (type: string, id: string, body: UpdateDictItemBody) => request<DictItem>(`/api/v1/identity/dicts/${enc(type)}/items/${enc(id)}`, write('PATCH', body));
export const deleteDictItem = (type: string, id: string) => request<void>(`/api/v1/identity/dicts/${enc(type)}/items/${enc(id)}`, write('DELETE'));

// Console: OpenID Connect clients.
export const listOidcClients = () => request<OidcClient[]>('/api/v1/identity/oidc-clients');
export const createOidcClient = (body: CreateOidcClientBody) => request<NewOidcClient>('/api/v1/identity/oidc-clients', write('POST', body));
export const updateOidcClient = (clientId: string, body: UpdateOidcClientBody) => request<OidcClient>(`/api/v1/identity/oidc-clients/${enc(clientId)}`, write('PATCH', body));
export const rotateOidcSecret = (clientId: string) => request<Static<typeof RotatedSecret>>(`/api/v1/identity/oidc-clients/${enc(clientId)}/secret`, write('POST'));

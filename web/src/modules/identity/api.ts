import type { Static } from 'typebox';
import { request } from '@/core/request.ts';
import type { AccountSchema, MeReply, RegisterCitizenBody } from '../../../../src/modules/identity/schema/accounts.ts';
import type { IssuedSessionSchema, LoginBody, LoginReply, SessionSchema } from '../../../../src/modules/identity/schema/auth.ts';
import type { DepartmentSchema, RoleSchema } from '../../../../src/modules/identity/schema/org.ts';
import type { LoginLogSchema } from '../../../../src/modules/identity/schema/logs.ts';

export type Me = Static<typeof MeReply>;
export type Account = Static<typeof AccountSchema>;
export type LoginResult = Static<typeof LoginReply>;
export type IssuedSession = Static<typeof IssuedSessionSchema>;
export type Session = Static<typeof SessionSchema>;
export type Department = Static<typeof DepartmentSchema>;
export type Role = Static<typeof RoleSchema>;
export type LoginLogEntry = Static<typeof LoginLogSchema>;
export interface Page<T> { items: T[]; nextCursor: string | null }

/** The CSRF token the server set in the readable `zc_csrf` cookie; cookie-authenticated writes echo it. */
export function csrfHeader(): Record<string, string> {
  const m = /(?:^|;\s*)zc_csrf=([^;]+)/.exec(document.cookie);
  return m ? { 'x-csrf-token': m[1]! } : {};
}

const write = (method: string, json?: unknown) => ({ method, json, headers: csrfHeader() });

export const login = (body: LoginBody) => request<LoginResult>('/api/v1/auth/login', write('POST', body));
export const completeMfa = (challenge: string, code: string) => request<IssuedSession>('/api/v1/auth/login/mfa', write('POST', { challenge, code }));
export const register = (body: RegisterCitizenBody) => request<Account>('/api/v1/auth/register', write('POST', body));
export const logout = () => request<void>('/api/v1/auth/logout', write('POST'));
export const logoutEverywhere = () => request<{ revoked: number }>('/api/v1/auth/logout-everywhere', write('POST'));
export const getMe = () => request<Me>('/api/v1/me');
export const changePassword = (currentPassword: string, newPassword: string) => request<void>('/api/v1/me/password', write('POST', { currentPassword, newPassword }));
export const listMySessions = () => request<Session[]>('/api/v1/me/sessions');
export const revokeMySession = (id: string) => request<void>(`/api/v1/me/sessions/${encodeURIComponent(id)}`, write('DELETE'));

export const listAccounts = (query: { kind?: string; q?: string; cursor?: string; limit?: number }) => request<Page<Account>>('/api/v1/identity/accounts', { query });
export const listDepartments = () => request<Department[]>('/api/v1/identity/departments');
export const listRoles = () => request<Role[]>('/api/v1/identity/roles');
export const listOnlineSessions = () => request<Page<Session>>('/api/v1/identity/sessions', { query: { limit: 200 } });
export const forceLogout = (id: string) => request<void>(`/api/v1/identity/sessions/${encodeURIComponent(id)}`, write('DELETE'));
export const listLoginLog = (query: { outcome?: string; cursor?: string; limit?: number }) => request<Page<LoginLogEntry>>('/api/v1/identity/logs/logins', { query });

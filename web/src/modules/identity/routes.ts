import { Clock, Collection, Connection, Key, OfficeBuilding, Postcard, Tickets, User } from '@element-plus/icons-vue';
import { defineModuleRoutes } from '@/router/types.ts';

/**
 * Identity pages: sign-in, registration (citizen or enterprise) and "my account" (password, second
 * factor, enterprises and agents, sessions) in the portal; users, departments, posts, roles,
 * dictionaries, OpenID Connect clients, online sessions and the logs in the console. Console pages
 * name the permission that opens them; `setup.ts` teaches the access store to read it from
 * `GET /api/v1/me` (the server checks every call again).
 */
export default defineModuleRoutes([
  {
    area: 'portal',
    routes: [
      { path: 'login', name: 'identity-login', component: () => import('./views/login/index.vue'), meta: { title: 'identity.portal.loginTitle' } },
      { path: 'register', name: 'identity-register', component: () => import('./views/register/index.vue'), meta: { title: 'identity.portal.registerTitle' } },
      { path: 'account', name: 'identity-account', component: () => import('./views/account/index.vue'), meta: { title: 'identity.portal.accountTitle' } },
    ],
  },
  {
    area: 'console',
    routes: [
      { path: 'login', name: 'identity-console-login', component: () => import('./views/console-login/index.vue'), meta: { title: 'identity.console.loginTitle' } },
      { path: 'identity/users', name: 'identity-users', component: () => import('./views/users/index.vue'), meta: { permission: 'identity:account:read', title: 'identity.console.users', icon: User, menu: true, order: 50 } },
      { path: 'identity/departments', name: 'identity-departments', component: () => import('./views/departments/index.vue'), meta: { permission: 'identity:department:read', title: 'identity.console.departments', icon: OfficeBuilding, menu: true, order: 51 } },
      { path: 'identity/posts', name: 'identity-posts', component: () => import('./views/posts/index.vue'), meta: { permission: 'identity:post:read', title: 'identity.console.posts', icon: Postcard, menu: true, order: 52 } },
      { path: 'identity/roles', name: 'identity-roles', component: () => import('./views/roles/index.vue'), meta: { permission: 'identity:role:read', title: 'identity.console.roles', icon: Key, menu: true, order: 53 } },
      { path: 'identity/dicts', name: 'identity-dicts', component: () => import('./views/dicts/index.vue'), meta: { permission: 'identity:dict:write', title: 'identity.console.dicts', icon: Collection, menu: true, order: 54 } },
      { path: 'identity/oidc-clients', name: 'identity-oidc-clients', component: () => import('./views/oidc-clients/index.vue'), meta: { permission: 'identity:oidc-client:read', title: 'identity.console.oidcClients', icon: Connection, menu: true, order: 55 } },
      { path: 'identity/sessions', name: 'identity-sessions', component: () => import('./views/sessions/index.vue'), meta: { permission: 'identity:session:read', title: 'identity.console.sessions', icon: Clock, menu: true, order: 56 } },
      { path: 'identity/logs', name: 'identity-logs', component: () => import('./views/logs/index.vue'), meta: { permission: 'identity:log:read', title: 'identity.console.logs', icon: Tickets, menu: true, order: 57 } },
    ],
  },
]);

import { DataAnalysis, Postcard, Tickets } from '@element-plus/icons-vue';
import { defineModuleRoutes } from '@/router/types.ts';

/**
 * Licence pages: the holder's wallet and licence detail (consents, access log, downloads) and the
 * public verification page in the portal; the register (issue, change status), the type catalogue
 * and statistics in the console. The server checks every call's permission.
 */
export default defineModuleRoutes([
  {
    area: 'portal',
    routes: [
      { path: 'licenses', name: 'licenses-wallet', component: () => import('./views/wallet/index.vue'), meta: { title: 'licenses.wallet.title' } },
      { path: 'licenses/:id', name: 'licenses-detail', component: () => import('./views/detail/index.vue'), meta: { title: 'licenses.detail.title' } },
      { path: 'verify', name: 'licenses-verify', component: () => import('./views/verify/index.vue'), meta: { title: 'licenses.verify.title' } },
    ],
  },
  {
    area: 'console',
    routes: [
      { path: 'licenses', name: 'licenses-register', component: () => import('./views/register/index.vue'), meta: { permission: 'licenses:license:read', title: 'licenses.register.title', icon: Postcard, menu: true, order: 40 } },
      { path: 'licenses/types', name: 'licenses-types', component: () => import('./views/types/index.vue'), meta: { permission: ['licenses:license:read', 'licenses:type:manage'], title: 'licenses.types.title', icon: Tickets, menu: true, order: 41 } },
      { path: 'licenses/stats', name: 'licenses-stats', component: () => import('./views/stats/index.vue'), meta: { permission: 'licenses:stats:read', title: 'licenses.stats.title', icon: DataAnalysis, menu: true, order: 42 } },
    ],
  },
]);

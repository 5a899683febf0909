import { Stamp } from '@element-plus/icons-vue';
import { defineModuleRoutes } from '@/router/types.ts';

/**
 * Ledger pages: the public evidence verification page in the portal, and evidence submission
 * (存证) in the console. The server checks `ledger:evidence:submit` on every submission.
 */
export default defineModuleRoutes([
  {
    area: 'portal',
    routes: [
      { path: 'evidence/verify', name: 'ledger-verify', component: () => import('./views/verify/index.vue'), meta: { title: 'ledger.verify.title' } },
    ],
  },
  {
    area: 'console',
    routes: [
      { path: 'ledger/evidence', name: 'ledger-submit', component: () => import('./views/submit/index.vue'), meta: { permission: ['ledger:evidence:submit', 'ledger:evidence:read'], title: 'ledger.submit.title', icon: Stamp, menu: true, order: 60 } },
    ],
  },
]);

import { defineModuleRoutes } from '@/router/types.ts';

/** Ledger pages (portal): the public evidence verification page. */
export default defineModuleRoutes({
  area: 'portal',
  routes: [
    { path: 'evidence/verify', name: 'ledger-verify', component: () => import('./views/verify/index.vue'), meta: { title: 'ledger.verify.title' } },
  ],
});

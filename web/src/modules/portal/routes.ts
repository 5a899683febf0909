import { defineModuleRoutes } from '@/router/types.ts';

/** Portal pages (mounted under `/`). */
export default defineModuleRoutes({
  area: 'portal',
  routes: [
    { path: '', name: 'portal-home', component: () => import('./views/home/index.vue'), meta: { title: 'portal.home.title' } },
    {
      path: 'kiosk',
      name: 'portal-kiosk',
      component: () => import('./views/home/index.vue'),
      meta: { title: 'portal.kiosk.title', kiosk: true },
    },
  ],
});

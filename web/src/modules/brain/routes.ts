import { defineModuleRoutes } from '@/router/types.ts';

/** City dashboard pages (mounted under `/brain`). */
export default defineModuleRoutes({
  area: 'brain',
  routes: [
    {
      path: '',
      name: 'brain-overview',
      component: () => import('./views/overview/index.vue'),
      meta: { title: 'brain.overview.title' },
    },
  ],
});

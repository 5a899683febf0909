import { HomeFilled, OfficeBuilding } from '@element-plus/icons-vue';
import { defineModuleRoutes } from '@/router/types.ts';

/** Console pages (mounted under `/console`); `meta.menu` puts them in the side menu. */
export default defineModuleRoutes({
  area: 'console',
  routes: [
    {
      path: '',
      name: 'console-dashboard',
      component: () => import('./views/dashboard/index.vue'),
      meta: { title: 'console.dashboard.title', icon: HomeFilled, menu: true, order: 0 },
    },
    {
      path: 'divisions',
      name: 'console-divisions',
      component: () => import('./views/divisions/index.vue'),
      meta: { title: 'console.divisions.title', icon: OfficeBuilding, menu: true, order: 10 },
    },
  ],
});

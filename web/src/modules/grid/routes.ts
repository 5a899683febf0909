import { DataAnalysis, Files, Iphone, MapLocation } from '@element-plus/icons-vue';
import { defineModuleRoutes } from '@/router/types.ts';

/**
 * Grid pages: the console's dispatch map, event detail, metrics, the base registry and the grid worker's phone page;
 * the portal's "report a problem" and "follow my report". Console pages name the permission that
 * opens them (`meta.permission`: menu and router hide the rest; the server checks every call).
 */
export default defineModuleRoutes([
  {
    area: 'console',
    routes: [
      { path: 'grid', name: 'grid-dispatch', component: () => import('./views/dispatch/index.vue'), meta: { permission: ['grid:event:dispatch', 'grid:event:accept', 'grid:event:read'], title: 'grid.menu.dispatch', icon: MapLocation, menu: true, order: 20 } },
      { path: 'grid/events/:id', name: 'grid-event', component: () => import('./views/event/index.vue'), meta: { permission: 'grid:event:read', title: 'grid.event.title' } },
      { path: 'grid/metrics', name: 'grid-metrics', component: () => import('./views/metrics/index.vue'), meta: { permission: 'grid:metrics:read', title: 'grid.menu.metrics', icon: DataAnalysis, menu: true, order: 21 } },
      { path: 'grid/registry', name: 'grid-registry', component: () => import('./views/registry/index.vue'), meta: { permission: 'grid:registry:read', title: 'grid.menu.registry', icon: Files, menu: true, order: 23 } },
      { path: 'grid/worker', name: 'grid-worker', component: () => import('./views/worker/index.vue'), meta: { permission: 'grid:event:handle', title: 'grid.menu.worker', icon: Iphone, menu: true, order: 22 } },
    ],
  },
  {
    area: 'portal',
    routes: [
      { path: 'report', name: 'grid-report', component: () => import('./views/report/index.vue'), meta: { title: 'grid.report.title' } },
      { path: 'report/:id', name: 'grid-follow', component: () => import('./views/follow/index.vue'), meta: { title: 'grid.follow.title' } },
    ],
  },
]);

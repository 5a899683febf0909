import { Calendar, DataLine, Files, Tickets } from '@element-plus/icons-vue';
import { defineModuleRoutes } from '@/router/types.ts';

/**
 * Services pages: the portal's catalog, search, guides, application wizard, my applications,
 * progress query and appointments, the self-service kiosk flow (`/kiosk/services`); the console's workbench, application detail and statistics.
 * Console pages name the permission that opens them (`meta.permission`; the server checks every
 * call; the detail page shows only the actions the server offers).
 */
export default defineModuleRoutes([
  {
    area: 'portal',
    routes: [
      { path: 'services', name: 'services-home', component: () => import('./views/home/index.vue'), meta: { title: 'services.home.title' } },
      { path: 'services/search', name: 'services-search', component: () => import('./views/search/index.vue'), meta: { title: 'services.search.title' } },
      { path: 'services/items/:id', name: 'services-guide', component: () => import('./views/guide/index.vue'), meta: { title: 'services.guide.title' } },
      { path: 'services/applications/:id/apply', name: 'services-apply', component: () => import('./views/apply/index.vue'), meta: { title: 'services.apply.title' } },
      { path: 'services/applications/:id', name: 'services-application', component: () => import('./views/application/index.vue'), meta: { title: 'services.application.title' } },
      { path: 'services/my', name: 'services-my', component: () => import('./views/my/index.vue'), meta: { title: 'services.my.title' } },
      { path: 'services/progress', name: 'services-progress', component: () => import('./views/progress/index.vue'), meta: { title: 'services.progress.title' } },
      { path: 'services/appointments', name: 'services-appointments', component: () => import('./views/appointments/index.vue'), meta: { title: 'services.appointments.title' } },
      // Self-service kiosk (自助终端): turns kiosk mode on for the browser session.
      { path: 'kiosk/services', name: 'services-kiosk', component: () => import('./views/kiosk/index.vue'), meta: { title: 'services.kiosk.title', kiosk: true } },
      { path: 'kiosk/services/items/:id', name: 'services-kiosk-item', component: () => import('./views/kiosk/item.vue'), meta: { title: 'services.kiosk.title', kiosk: true } },
      { path: 'kiosk/services/identify', name: 'services-kiosk-identify', component: () => import('./views/kiosk/identify.vue'), meta: { title: 'services.kiosk.identifyTitle', kiosk: true } },
      { path: 'kiosk/services/receipt/:id', name: 'services-kiosk-receipt', component: () => import('./views/kiosk/receipt.vue'), meta: { title: 'services.kiosk.receiptTitle', kiosk: true } },
    ],
  },
  {
    area: 'console',
    routes: [
      { path: 'services', name: 'services-workbench', component: () => import('./views/workbench/index.vue'), meta: { permission: 'services:application:read', title: 'services.workbench.title', icon: Tickets, menu: true, order: 30 } },
      { path: 'services/applications/:id', name: 'services-detail', component: () => import('./views/detail/index.vue'), meta: { permission: 'services:application:read', title: 'services.detail.title' } },
      { path: 'services/catalog', name: 'services-catalog', component: () => import('./views/catalog/index.vue'), meta: { permission: 'services:item:read', title: 'services.catalog.title', icon: Files, menu: true, order: 32 } },
      { path: 'services/catalog/:id', name: 'services-catalog-edit', component: () => import('./views/catalog-edit/index.vue'), meta: { permission: 'services:item:read', title: 'services.catalog.edit' } },
      { path: 'services/hall', name: 'services-hall', component: () => import('./views/hall/index.vue'), meta: { permission: 'services:appointment:manage', title: 'services.hall.title', icon: Calendar, menu: true, order: 33 } },
      { path: 'services/stats', name: 'services-stats', component: () => import('./views/stats/index.vue'), meta: { permission: 'services:application:read', title: 'services.stats.title', icon: DataLine, menu: true, order: 31 } },
    ],
  },
]);

import { ChatLineSquare, DataAnalysis, Warning } from '@element-plus/icons-vue';
import { defineModuleRoutes } from '@/router/types.ts';

/**
 * Feedback pages. Portal: my services to rate, my ratings and their rectification, rating a completed
 * application, the message link and the hall kiosk, the 办不成事 form (`/feedback/matters/new`, with
 * `?application=<id>` prefilled from a refused application) and its progress, and the public
 * satisfaction page. Console: the rectification workbench, the 办不成事 workbench with the 否定答复
 * list, and statistics. Console pages name the permission that opens them (`meta.permission`: menu and router hide the rest; the server checks every call).
 */
export default defineModuleRoutes([
  {
    area: 'portal',
    routes: [
      { path: 'feedback', name: 'feedback-my', component: () => import('./views/my/index.vue'), meta: { title: 'feedback.my.title' } },
      { path: 'feedback/rate/:applicationId', name: 'feedback-rate', component: () => import('./views/rate/index.vue'), meta: { title: 'feedback.rate.title' } },
      { path: 'feedback/r/:code', name: 'feedback-code', component: () => import('./views/code/index.vue'), meta: { title: 'feedback.code.title' } },
      { path: 'feedback/kiosk', name: 'feedback-kiosk', component: () => import('./views/kiosk/index.vue'), meta: { title: 'feedback.kiosk.title', kiosk: true } },
      { path: 'feedback/matters/new', name: 'feedback-matter-new', component: () => import('./views/matter-new/index.vue'), meta: { title: 'feedback.matterNew.title' } },
      { path: 'feedback/matters/:id', name: 'feedback-matter', component: () => import('./views/matter/index.vue'), meta: { title: 'feedback.matter.title' } },
      { path: 'feedback/stats', name: 'feedback-public-stats', component: () => import('./views/public-stats/index.vue'), meta: { title: 'feedback.publicStats.title' } },
    ],
  },
  {
    area: 'console',
    routes: [
      { path: 'feedback', name: 'feedback-cases', component: () => import('./views/cases/index.vue'), meta: { permission: ['feedback:case:handle', 'feedback:appeal:review', 'feedback:stats:read'], title: 'feedback.cases.title', icon: ChatLineSquare, menu: true, order: 35 } },
      { path: 'feedback/cases/:id', name: 'feedback-case', component: () => import('./views/case/index.vue'), meta: { permission: ['feedback:case:handle', 'feedback:appeal:review', 'feedback:stats:read'], title: 'feedback.case.title' } },
      { path: 'feedback/matters', name: 'feedback-matters', component: () => import('./views/matters/index.vue'), meta: { permission: 'feedback:matter:handle', title: 'feedback.matters.title', icon: Warning, menu: true, order: 36 } },
      { path: 'feedback/matters/:id', name: 'feedback-matter-console', component: () => import('./views/matter-console/index.vue'), meta: { permission: 'feedback:matter:handle', title: 'feedback.matterConsole.title' } },
      { path: 'feedback/stats', name: 'feedback-stats', component: () => import('./views/stats/index.vue'), meta: { permission: 'feedback:stats:read', title: 'feedback.stats.title', icon: DataAnalysis, menu: true, order: 37 } },
    ],
  },
]);

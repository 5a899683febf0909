import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { satisfies, signInPath, useAccessStore } from '@/core/access/index.ts';
import { useA11yStore } from '@/core/a11y/index.ts';
import type { Area, ModuleRoutes } from './types.ts';

const moduleRoutes = import.meta.glob<ModuleRoutes | ModuleRoutes[]>('../modules/*/routes.ts', { eager: true, import: 'default' });

/** All module pages of one area, ordered by `meta.order`. */
export function routesOf(area: Area): RouteRecordRaw[] {
  return Object.values(moduleRoutes)
    .flat()
    .filter((m) => m.area === area)
    .flatMap((m) => m.routes)
    .sort((a, b) => (a.meta?.order ?? 0) - (b.meta?.order ?? 0));
}

const NotFound = () => import('@/layouts/components/NotFoundView.vue');

const routes: RouteRecordRaw[] = [
  {
    path: '/console',
    component: () => import('@/layouts/ConsoleLayout.vue'),
    children: [
      ...routesOf('console'),
      { path: ':pathMatch(.*)*', name: 'console-not-found', component: NotFound, meta: { title: 'notFound.title' } },
    ],
  },
  {
    path: '/brain',
    component: () => import('@/layouts/BrainLayout.vue'),
    children: [
      ...routesOf('brain'),
      { path: ':pathMatch(.*)*', name: 'brain-not-found', component: NotFound, meta: { title: 'notFound.title' } },
    ],
  },
  {
    path: '/',
    component: () => import('@/layouts/PortalLayout.vue'),
    children: [
      ...routesOf('portal'),
      { path: ':pathMatch(.*)*', name: 'not-found', component: NotFound, meta: { title: 'notFound.title' } },
    ],
  },
];

const KIOSK_KEY = 'zc.kiosk';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes,
  scrollBehavior(to, _from, saved) {
    if (saved) return saved;
    if (to.hash) return { el: to.hash, behavior: 'smooth' };
    return { top: 0 };
  },
});

router.beforeEach(async (to) => {
  // Kiosk mode sticks for the browser session once a page asks for it (`/kiosk` or `?kiosk=1`).
  const a11y = useA11yStore();
  const q = to.query.kiosk;
  let kiosk = sessionStorage.getItem(KIOSK_KEY) === '1';
  if (to.meta.kiosk || q === '1') kiosk = true;
  if (q === '0') kiosk = false;
  sessionStorage.setItem(KIOSK_KEY, kiosk ? '1' : '0');
  a11y.kiosk = kiosk;

  // Hiding pages is UX only: the server checks every permission again.
  if (to.meta.permission === undefined) return true;
  const access = useAccessStore();
  await access.ensure();
  if (satisfies(access.codes, to.meta.permission)) return true;
  const area: Area = to.path.startsWith('/console') ? 'console' : to.path.startsWith('/brain') ? 'brain' : 'portal';
  const login = signInPath(area);
  if (!access.signedIn && login) return { path: login, query: { next: to.fullPath }, replace: true };
  const rest = to.path.replace(area === 'portal' ? /^\// : new RegExp(`^/${area}/?`), '');
  return { name: `${area === 'portal' ? '' : `${area}-`}not-found`, params: { pathMatch: rest.split('/') }, replace: true };
});

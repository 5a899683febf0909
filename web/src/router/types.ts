import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import type { Requirement } from '@/core/access/index.ts';

export type Area = 'portal' | 'console' | 'brain';

declare module 'vue-router' {
  interface RouteMeta {
    /** i18n key of the page title (also the menu label). */
    title?: string;
    /** Permission code(s) needed to see the page; absent means public within its area. */
    permission?: Requirement;
    /** Menu icon (console side menu). */
    icon?: Component;
    /** Show in its area's menu (default false). */
    menu?: boolean;
    /** Menu order, ascending. */
    order?: number;
    /** The page turns kiosk mode on (large touch targets, no small links). */
    kiosk?: boolean;
  }
}

/** What `modules/<name>/routes.ts` default-exports: its pages and the area they live in. */
export interface ModuleRoutes {
  area: Area;
  routes: RouteRecordRaw[];
}

/** A module with pages in one area exports one definition; one with pages in several, a list. */
export function defineModuleRoutes<T extends ModuleRoutes | ModuleRoutes[]>(def: T): T {
  return def;
}

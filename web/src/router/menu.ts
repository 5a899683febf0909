import type { Component } from 'vue';
import type { RouteRecordRaw } from 'vue-router';
import { satisfies, type Requirement } from '@/core/access/index.ts';

export interface MenuItem {
  /** Absolute path of the page. */
  path: string;
  /** i18n key of its label. */
  title: string;
  icon?: Component;
  permission?: Requirement;
}

/**
 * Builds a menu from route records with `meta.menu`, keeping only the pages `codes` allows.
 * `base` is the area's mount path (`/console`).
 */
export function buildMenu(base: string, records: RouteRecordRaw[], codes: ReadonlySet<string>): MenuItem[] {
  return records
    .filter((r) => r.meta?.menu && r.meta.title && satisfies(codes, r.meta.permission))
    .map((r) => ({
      path: r.path ? `${base}/${r.path}` : base,
      title: r.meta!.title!,
      icon: r.meta!.icon,
      permission: r.meta!.permission,
    }));
}

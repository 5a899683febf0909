import type { App } from 'vue';
import { vAccess } from './directive.ts';

export { registerPermissionLoader, signInPath, useAccessStore, type PermissionLoader, type SignInPaths } from './store.ts';
export { satisfies, useAccess, type Requirement } from './use-access.ts';
export { vAccess } from './directive.ts';

/** Registers `v-access` globally. */
export function installAccess(app: App): void {
  app.directive('access', vAccess);
}

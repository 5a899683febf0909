import { registerPermissionLoader } from '@/core/access/index.ts';
import { useSessionStore } from './use-session.ts';

/**
 * Identity answers the access store's question "what may the signed-in principal do" from
 * `GET /api/v1/me`, and names the sign-in pages anonymous visitors are sent to.
 */
export default function setupIdentity(): void {
  registerPermissionLoader(
    async () => {
      const me = await useSessionStore().load();
      return me ? me.permissions : null;
    },
    { portal: '/login', console: '/console/login' },
  );
}

import { useAccessStore, satisfies } from '@/core/access/index.ts';

/**
 * Permission checks for grid pages. Until the identity module has loaded the principal's
 * permissions (`loaded`), every action is offered and the server decides; afterwards only the
 * permitted ones. Hiding is UX only: the server checks every permission again.
 * TODO(grid): drop the `loaded` fallback once the console signs in through identity.
 */
export function useGridAccess() {
  const store = useAccessStore();
  return { can: (code: string): boolean => !store.loaded || satisfies(store.codes, code) };
}

import { useAccessStore } from './store.ts';

/** A permission requirement: one code, or a list of which any one suffices. */
export type Requirement = string | readonly string[] | undefined;

/** Holds every permission (the bootstrap administrator's token), as on the server. */
export const ALL_PERMISSIONS = '*';

/** True when `codes` satisfies `need`; an absent requirement is always satisfied. */
export function satisfies(codes: ReadonlySet<string>, need: Requirement): boolean {
  if (need === undefined || codes.has(ALL_PERMISSIONS)) return true;
  const list = typeof need === 'string' ? [need] : need;
  if (list.length === 0) return true;
  return list.some((code) => codes.has(code));
}

/** `useAccess().can('licenses:license:revoke')`: checks the current principal's permission codes. */
export function useAccess() {
  const store = useAccessStore();
  return {
    can: (need: Requirement): boolean => satisfies(store.codes, need),
    setPermissions: store.setPermissions,
  };
}

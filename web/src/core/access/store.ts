import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/** Answers the signed-in principal's permission codes, or null when nobody is signed in. */
export type PermissionLoader = () => Promise<readonly string[] | null>;

/** Where an anonymous visitor signs in, per area (`/console/login`); the page comes back via `?next=`. */
export type SignInPaths = Partial<Record<'portal' | 'console' | 'brain', string>>;

let loader: PermissionLoader | undefined;
let signInPaths: SignInPaths = {};

/**
 * Lets the module that knows who is signed in (identity) tell the access store how to ask and
 * where to sign in. The router asks, once, before the first page that needs a permission.
 */
export function registerPermissionLoader(fn: PermissionLoader, paths: SignInPaths = {}): void {
  loader = fn;
  signInPaths = paths;
}

/** The sign-in page of `area`, when one is registered. */
export function signInPath(area: keyof SignInPaths): string | undefined {
  return signInPaths[area];
}

/**
 * The permission codes of the signed-in principal (`licenses:license:revoke`, …).
 * Empty until the identity module feeds it through `setPermissions`; hiding UI is UX only,
 * the server checks every permission again.
 */
export const useAccessStore = defineStore('access', () => {
  const codes = ref<ReadonlySet<string>>(new Set());
  const loaded = ref(false);
  /** Whether somebody is signed in (known once `loaded`). */
  const signedIn = ref(false);
  let pending: Promise<void> | undefined;

  /** Replaces the permission set (called by identity after sign-in, and with [] on sign-out). */
  function setPermissions(list: Iterable<string>, isSignedIn = true): void {
    codes.value = new Set(list);
    signedIn.value = isSignedIn;
    loaded.value = true;
  }

  /** Loads the permission set through the registered loader unless it is already known. */
  async function ensure(): Promise<void> {
    if (loaded.value || !loader) return;
    pending ??= loader()
      .then((list) => setPermissions(list ?? [], list !== null))
      .catch(() => setPermissions([], false))
      .finally(() => (pending = undefined));
    await pending;
  }

  const size = computed(() => codes.value.size);
  return { codes, loaded, signedIn, size, setPermissions, ensure };
});

import { defineStore } from 'pinia';
import { computed, ref } from 'vue';

/**
 * The permission codes of the signed-in principal (`licenses:license:revoke`, …).
 * Empty until the identity module feeds it through `setPermissions`; hiding UI is UX only,
 * the server checks every permission again.
 */
export const useAccessStore = defineStore('access', () => {
  const codes = ref<ReadonlySet<string>>(new Set());
  const loaded = ref(false);

  /** Replaces the permission set (called by identity after sign-in, and with [] on sign-out). */
  function setPermissions(list: Iterable<string>): void {
    codes.value = new Set(list);
    loaded.value = true;
  }

  const size = computed(() => codes.value.size);
  return { codes, loaded, size, setPermissions };
});
